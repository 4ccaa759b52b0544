#!/usr/bin/env bash
# The fresh-venv install test, without compiling anything again: packs the module that a
# -DHRSNN_PYTHON=ON build already compiled into a wheel through the project's pyproject.toml
# (scikit-build-core; CMake option HRSNN_PYTHON_PREBUILT installs the file as is), installs the
# wheel into a new venv, and runs tests/python/test_simulate.py against the installed package
# from outside the source tree (import, simulate, same bits as the CLI).
#   bash scripts/test_wheel.sh [BUILD_DIR]   (default build; ctest's python.wheel passes its own)
# pip fetches scikit-build-core from PyPI into its isolated build environment; numpy and pytest
# are Debian's (the venv is made --system-site-packages), so installing the wheel downloads nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=$(cd "${1:-build}" && pwd)
shopt -s nullglob
modules=("$BUILD"/python/hrsnn/_core.*.so)
if [ ${#modules[@]} -ne 1 ]; then
  echo "test_wheel.sh: expected one compiled module in $BUILD/python/hrsnn (configure with -DHRSNN_PYTHON=ON), found ${#modules[@]}" >&2
  exit 1
fi
export HRSNN_CLI=${HRSNN_CLI:-$BUILD/src/cli/hrsnn}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
start=$(date +%s)
/usr/bin/python3 -m venv --system-site-packages "$work/venv"
py="$work/venv/bin/python"
"$py" -m pip wheel --quiet --disable-pip-version-check --no-deps -w "$work/dist" \
  --config-settings=build-dir="$work/skbuild" --config-settings=cmake.define.HRSNN_PYTHON_PREBUILT="${modules[0]}" .
wheels=("$work"/dist/hrsnn-*.whl)
echo "test_wheel.sh: built $(basename "${wheels[0]}")"
"$py" -m pip install --quiet --disable-pip-version-check --no-index "${wheels[0]}"
# From a folder outside the tree: `import hrsnn` must find the installed package, nothing else.
cd "$work"
"$py" - <<'PY'
import hrsnn, os, sys
assert os.path.realpath(hrsnn.__file__).startswith(os.path.realpath(sys.prefix)), hrsnn.__file__
r = hrsnn.simulate({"network": {"n": 80}}, duration_ms=300, dt_ms=1.0, seed=4)
assert len(r.neurons) > 0 and r.metrics["neurons"] == 80, r.metrics
print(f"test_wheel.sh: hrsnn {hrsnn.__version__} from {os.path.dirname(hrsnn.__file__)}: {len(r.neurons)} spikes")
PY
"$py" -m pytest -q -p no:cacheprovider --rootdir "$OLDPWD/tests/python" "$OLDPWD/tests/python/test_simulate.py"
echo "test_wheel.sh: $(( $(date +%s) - start )) s"
