#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine (as root), builds hrsnn and runs every test:
#   1. Release build: ctest labels unit, slow and reference (Brian2, scikit-learn, Optuna);
#   2. AddressSanitizer + UndefinedBehaviorSanitizer build: the unit label;
#   3. libFuzzer (clang, ASan/UBSan): every parser's seed corpus replayed, then 10 s of fuzzing each.
# Skip the install with HRSNN_SKIP_INSTALL=1 (a machine that already has the packages).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${HRSNN_SKIP_INSTALL:-0}" != 1 ]; then
  bash scripts/install-deps.sh
fi
JOBS=$(nproc)
BUILD_DIR=build bash scripts/build.sh
(cd build && ctest --output-on-failure -j "$JOBS" -L 'unit|slow|reference' --timeout 1200)
BUILD_DIR=build-asan bash scripts/build.sh -DHRSNN_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug "-DCMAKE_CXX_FLAGS_DEBUG=-O1 -g" -DHRSNN_BUILD_BENCH=OFF
(cd build-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --output-on-failure -j "$JOBS" -L unit -LE mpi --timeout 1200)
bash scripts/fuzz.sh 10
