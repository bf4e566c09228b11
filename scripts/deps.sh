#!/bin/sh
# Installs the Debian packages Portico needs, only those that are missing.
#   deps.sh run   what `make run` needs (build + run)
#   deps.sh test  what `make test` needs (also the test tools and the npm packages of tests/e2e)
set -eu
RUN_PKGS="build-essential pkg-config libmicrohttpd-dev libjansson-dev libsqlite3-dev libsodium-dev libpq-dev"
TEST_PKGS="$RUN_PKGS libcmocka-dev nodejs npm chromium clang libclang-rt-14-dev postgresql nginx-light wrk sqlite3"

want=$RUN_PKGS
[ "${1:-run}" = test ] && want=$TEST_PKGS

missing=""
for p in $want; do
  # nodejs/npm may come from elsewhere than Debian; a working binary is enough.
  case $p in nodejs) command -v node >/dev/null 2>&1 && continue ;; npm) command -v npm >/dev/null 2>&1 && continue ;; esac
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
done

if [ -n "$missing" ]; then
  echo "deps: installing$missing"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
fi

if [ "${1:-run}" = test ] && [ -f tests/e2e/package-lock.json ]; then
  stamp=tests/e2e/node_modules/.portico-lock
  if ! cmp -s tests/e2e/package-lock.json "$stamp" 2>/dev/null; then
    echo "deps: npm ci in tests/e2e"
    (cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error)
    cp tests/e2e/package-lock.json "$stamp"
  fi
fi
