#!/usr/bin/env bash
# Installs the Python package into a venv with `pip install .` and runs tests/python (pytest),
# comparing it with the CLI in build/ (built here, hrsnn target only, when missing).
#   VENV=/work/t/pyvenv   the venv (made with Debian's /usr/bin/python3 --system-site-packages,
#                         so Debian's numpy and scikit-learn are used; created when missing)
#   HRSNN_CLI=...         the CLI to compare with (default build/src/cli/hrsnn)
#   JOBS=N                compile jobs (default: nproc)
# Needs scripts/install-deps.sh's packages (pybind11-dev, python3-dev, python3-venv, python3-numpy,
# python3-pytest); pip fetches scikit-build-core from PyPI for the build.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-build-python/venv}
JOBS=${JOBS:-$(nproc)}
export CMAKE_BUILD_PARALLEL_LEVEL=$JOBS
if [ -z "${HRSNN_CLI:-}" ] && [ ! -x build/src/cli/hrsnn ]; then
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release
  cmake --build build --target hrsnn -j "$JOBS"
fi
export HRSNN_CLI=${HRSNN_CLI:-$PWD/build/src/cli/hrsnn}
if [ ! -x "$VENV/bin/python" ]; then
  /usr/bin/python3 -m venv --system-site-packages "$VENV"
fi
start=$(date +%s)
"$VENV/bin/python" -m pip install --quiet .
echo "test_python.sh: pip install . took $(( $(date +%s) - start )) s"
# Run from outside the source tree so `import hrsnn` is the installed package, not python/.
cd tests/python
start=$(date +%s)
"$VENV/bin/python" -m pytest -q -p no:cacheprovider .
echo "test_python.sh: pytest took $(( $(date +%s) - start )) s"
