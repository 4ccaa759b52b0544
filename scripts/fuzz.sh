#!/usr/bin/env bash
# Builds the libFuzzer targets of fuzz/ in build-fuzz (clang, -fsanitize=fuzzer,address,undefined;
# FUZZ_OPT, default -O0: it compiles in about half the CPU time of -O1 (measured on bo/gp.cpp),
# which keeps CI's growth small; long runs are worth FUZZ_OPT=-O1, which executes faster)
# and, one target at a time: replays every seed of fuzz/corpus/<target>/, then fuzzes for
# SECONDS (default 10) from a scratch copy of that corpus, so the repository's corpora never grow.
#   bash scripts/fuzz.sh [SECONDS]          all targets
#   FUZZ_TARGETS="csv wav" FUZZ_OPT=-O1 bash scripts/fuzz.sh 600
# A crash, sanitizer report, uncaught non-input exception, leak or hang (> 10 s for one input)
# fails the script; the input is kept in build-fuzz/artifacts/<target>/. Per target it prints
# the executions and seconds (the table in docs/reliability.md).
# FUZZ_KNOWN_OPEN (empty by default: every target strict) may list targets with an open,
# documented finding (docs/reliability.md): their seeds must still replay cleanly, but a fuzzing
# finding is reported without failing the script.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_TARGET=${1:-10}
BUILD_DIR=${FUZZ_BUILD_DIR:-build-fuzz}
JOBS=${JOBS:-$(nproc)}
FUZZ_OPT=${FUZZ_OPT:--O0}
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
  -DCMAKE_BUILD_TYPE=Debug "-DCMAKE_CXX_FLAGS_DEBUG=$FUZZ_OPT" "-DCMAKE_C_FLAGS_DEBUG=$FUZZ_OPT" \
  -DHRSNN_FUZZ=ON -DHRSNN_BUILD_TESTS=OFF -DHRSNN_BUILD_BENCH=OFF -DHRSNN_WITH_MPI=OFF -DHRSNN_NATIVE=OFF >/dev/null
cmake --build "$BUILD_DIR" --target hrsnn_fuzzers -j "$JOBS"

known_open=" ${FUZZ_KNOWN_OPEN-} "
targets=${FUZZ_TARGETS:-$(for f in fuzz/*_fuzz.cpp; do basename "$f" _fuzz.cpp; done)}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
failed=()
for t in $targets; do
  bin="$BUILD_DIR/fuzz/${t}_fuzz"
  seeds="fuzz/corpus/$t"
  artifacts="$BUILD_DIR/artifacts/$t/"
  mkdir -p "$artifacts" "$scratch/$t"
  log="$scratch/$t.log"
  # 1. Replay: each seed once, as its own input.
  if ! "$bin" -timeout=10 -rss_limit_mb=4096 -artifact_prefix="$artifacts" "$seeds"/* >"$log" 2>&1; then
    echo "fuzz: $t: a seed of $seeds fails on replay:"; tail -n 40 "$log"; failed+=("$t"); continue
  fi
  # 2. Fuzz from a scratch copy of the corpus.
  cp "$seeds"/* "$scratch/$t/"
  start=$(date +%s)
  if "$bin" -max_total_time="$SECONDS_PER_TARGET" -timeout=10 -rss_limit_mb=4096 -max_len=8192 \
       -print_final_stats=1 -artifact_prefix="$artifacts" "$scratch/$t" >"$log" 2>&1; then
    result=ok
  elif [[ "$known_open" == *" $t "* ]]; then
    result="open finding (known, see docs/reliability.md)"
    grep -m 3 -E "FINDING|ERROR|runtime error" "$log" || true
  else
    result=FAILED; failed+=("$t")
    tail -n 60 "$log"
  fi
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  echo "fuzz: $t: $result, ${execs:-?} executions in $(( $(date +%s) - start )) s (seeds: $(ls "$seeds" | wc -l), corpus now: $(ls "$scratch/$t" | wc -l))"
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: findings in: ${failed[*]} (inputs in $BUILD_DIR/artifacts/)"; exit 1
fi
echo "fuzz: all targets clean"
