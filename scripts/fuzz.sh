#!/bin/sh
# Runs each libFuzzer target of tests/fuzz for SECONDS, from its checked-in
# seed corpus tests/fuzz/corpus/TARGET (read only: inputs found on the way
# go to BUILD/fuzz/work/TARGET). A crash, leak, timeout or broken invariant
# fails the target and leaves its input in BUILD/fuzz/crashes/.
#   fuzz.sh [BUILD [SECONDS]]      (defaults: build-fuzz 60)
# Prints one line per target, "fuzz: NAME ok ..." or "fuzz: NAME FAILED ...",
# then "N passed, N failed"; exits non-zero when any target failed.
BUILD=${1:-build-fuzz}
each=${2:-60}
passed=0 failed=0
crashes="$BUILD/fuzz/crashes"
mkdir -p "$crashes"

for bin in "$BUILD"/fuzz/fuzz_*; do
  [ -x "$bin" ] || continue
  name=$(basename "$bin")
  work="$BUILD/fuzz/work/$name" log="$BUILD/fuzz/$name.log"
  mkdir -p "$work"
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
    "$bin" -max_total_time="$each" -timeout=10 -rss_limit_mb=2048 -max_len=16384 \
    -artifact_prefix="$crashes/$name-" "$work" "tests/fuzz/corpus/$name" >"$log" 2>&1
  rc=$?
  runs=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$log" | tail -n 1)
  if [ $rc -eq 0 ]; then
    passed=$((passed + 1))
    echo "fuzz: $name ok (${runs:-?} runs in ${each} s)"
  else
    failed=$((failed + 1))
    echo "fuzz: $name FAILED (exit $rc); input: $(ls -t "$crashes/$name"-* 2>/dev/null | head -n 1)"
    grep -E 'invariant failed|ERROR:|SUMMARY|^ +#[0-9] ' "$log" | head -n 20
  fi
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
