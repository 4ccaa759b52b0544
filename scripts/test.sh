#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine (as root), builds hrsnn and runs every test:
#   1. Release build with the Python module (-DHRSNN_PYTHON=ON, compiled once with everything
#      else): ctest labels unit, slow, reference (Brian2, scikit-learn, Optuna) and python
#      (pytest on the module, then the wheel installed into a fresh venv: scripts/test_wheel.sh);
#   2. AddressSanitizer + UndefinedBehaviorSanitizer build: the unit label;
#   3. libFuzzer (clang, ASan/UBSan): every parser's seed corpus replayed, then 10 s of fuzzing each.
# Skip the install with HRSNN_SKIP_INSTALL=1 (a machine that already has the packages).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${HRSNN_SKIP_INSTALL:-0}" != 1 ]; then
  bash scripts/install-deps.sh
fi
JOBS=$(nproc)
# Each phase's wall time, so a slow CI run says where its minutes went.
phase() { echo "==> [$(date -u +%H:%M:%S), ${SECONDS} s] $*"; }
phase "release build"
BUILD_DIR=build bash scripts/build.sh -DHRSNN_PYTHON=ON -DPython_EXECUTABLE=/usr/bin/python3
phase "release tests"
(cd build && ctest --output-on-failure -j "$JOBS" -L 'unit|slow|reference|python' --timeout 1200)
phase "sanitizer build"
BUILD_DIR=build-asan bash scripts/build.sh -DHRSNN_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug "-DCMAKE_CXX_FLAGS_DEBUG=-O1 -g1" -DHRSNN_BUILD_BENCH=OFF
phase "sanitizer tests"
(cd build-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --output-on-failure -j "$JOBS" -L unit -LE mpi --timeout 1200)
phase "fuzzing"
bash scripts/fuzz.sh 10
phase "done"
