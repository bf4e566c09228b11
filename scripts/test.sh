#!/bin/sh
# Runs every test: the cmocka unit tests, then the node end-to-end suite
# (API, official SDK, browser) against the binary in BUILD, on SQLite and on
# PostgreSQL; with a second folder ASAN_BUILD, the unit tests and the SQLite
# suite once more against that AddressSanitizer + UBSan build; then the fuzz
# smoke. Ends with one line "N passed, N failed"; exits non-zero when
# anything failed.
#   test.sh BUILD [ASAN_BUILD]
BUILD=${1:-build}
ASAN_BUILD=${2:-}
passed=0 failed=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

# Runs the cmocka binaries of build folder $1 and adds their counts.
run_unit() {
  for t in "$1"/tests/test_*; do
    [ -x "$t" ] || continue
    echo "== unit ($1): $(basename "$t")"
    "$t" >"$log" 2>&1; rc=$?
    cat "$log"
    p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
    f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
    passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
    [ $rc -ne 0 ] && [ -z "$f" ] && failed=$((failed + 1)) # crashed before its summary
  done
}

run_unit "$BUILD"

# Adds the node test run's counts in $log (exit status $1) to the totals.
count_e2e() {
  grep -v '^ *# Subtest' "$log" | grep -E '^(not ok|ok|# (tests|pass|fail))' | tail -n 400
  # Each failure again with its diagnostics (error, expected, actual, stack).
  awk '/^not ok/ {n = 40; print "---- failure:"} n > 0 {print; n--}' "$log"
  p=$(sed -n 's/^# pass \([0-9]*\)/\1/p' "$log" | tail -n 1)
  f=$(sed -n 's/^# fail \([0-9]*\)/\1/p' "$log" | tail -n 1)
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
  [ "$1" -ne 0 ] && [ "${f:-0}" -eq 0 ] && failed=$((failed + 1)) && tail -n 40 "$log"
}

# The whole suite twice: on SQLite (each test server with its own data folder),
# then on PostgreSQL (a throw-away cluster, a database per test server; E2E_PG=0 skips).
export PORTICO_BIN="$(pwd)/$BUILD/portico"
echo "== end-to-end on SQLite (node --test)"
(cd tests/e2e && node --test --test-reporter=tap ${E2E_FILES:-}) >"$log" 2>&1
count_e2e $?
if [ "${E2E_PG:-1}" != 0 ]; then
  echo "== end-to-end on PostgreSQL (node --test)"
  scripts/pg-test.sh sh -c 'cd tests/e2e && exec node --test --test-reporter=tap ${E2E_FILES:-}' >"$log" 2>&1
  count_e2e $?
fi

# The sanitizer build: unit tests and the SQLite suite, leak checking on.
if [ -n "$ASAN_BUILD" ]; then
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
  run_unit "$ASAN_BUILD"
  echo "== end-to-end on SQLite, AddressSanitizer + UBSan build (node --test)"
  (export PORTICO_BIN="$(pwd)/$ASAN_BUILD/portico"; cd tests/e2e && node --test --test-reporter=tap ${E2E_FILES:-}) >"$log" 2>&1
  count_e2e $?
  unset ASAN_OPTIONS UBSAN_OPTIONS
fi

# The libFuzzer targets, briefly (FUZZ_SMOKE=0 skips them): one test each.
if [ "${FUZZ_SMOKE:-1}" != 0 ]; then
  echo "== fuzz smoke (tests/fuzz, each target ${FUZZ_SMOKE_SECONDS:-10} s)"
  make --no-print-directory fuzz-smoke >"$log" 2>&1; rc=$?
  sed -n '/^fuzz: /,$p' "$log" | grep -v '^[0-9]* passed, [0-9]* failed'
  p=$(grep -c '^fuzz: .* ok' "$log") f=$(grep -c '^fuzz: .* FAILED' "$log")
  passed=$((passed + p)); failed=$((failed + f))
  [ $rc -ne 0 ] && [ "$f" -eq 0 ] && failed=$((failed + 1)) && tail -n 40 "$log" # did not build
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
