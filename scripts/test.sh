#!/bin/sh
# Runs every test: the cmocka unit tests, then the node end-to-end suite
# (API, official SDK, browser) against the binary in BUILD. Ends with one
# line "N passed, N failed"; exits non-zero when anything failed.
BUILD=${1:-build}
passed=0 failed=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

for t in "$BUILD"/tests/test_*; do
  [ -x "$t" ] || continue
  echo "== unit: $(basename "$t")"
  "$t" >"$log" 2>&1; rc=$?
  cat "$log"
  p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
  f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
  [ $rc -ne 0 ] && [ -z "$f" ] && failed=$((failed + 1)) # crashed before its summary
done

echo "== end-to-end (node --test)"
export PORTICO_BIN="$(pwd)/$BUILD/portico"
(cd tests/e2e && node --test --test-reporter=tap ${E2E_FILES:-}) >"$log" 2>&1; rc=$?
grep -v '^ *# Subtest' "$log" | grep -E '^(not ok|ok|# (tests|pass|fail))|^ +(not ok|error|expected|actual)' | tail -n 400
p=$(sed -n 's/^# pass \([0-9]*\)/\1/p' "$log" | tail -n 1)
f=$(sed -n 's/^# fail \([0-9]*\)/\1/p' "$log" | tail -n 1)
passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
[ $rc -ne 0 ] && [ "${f:-0}" -eq 0 ] && failed=$((failed + 1)) && tail -n 40 "$log"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
