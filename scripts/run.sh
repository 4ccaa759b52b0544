#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine (as root), builds hrsnn and runs the main job:
# a demo simulation of the default MRSNN that prints a summary and writes runs/demo.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${HRSNN_SKIP_INSTALL:-0}" != 1 ]; then
  bash scripts/install-deps.sh
fi
bash scripts/build.sh
./build/src/cli/hrsnn simulate --duration 10000 --dt 1 --out runs/demo --force "$@"
