#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine (as root), builds hrsnn and runs the main job:
# `hrsnn reproduce --quick` (the paper's comparison in minutes: runs/reproduce/claims.json)
# followed by `hrsnn report` (runs/reproduce/report/index.html). Extra arguments go to reproduce.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${HRSNN_SKIP_INSTALL:-0}" != 1 ]; then
  bash scripts/install-deps.sh
fi
bash scripts/build.sh
if [ -f runs/reproduce/run.json ]; then mode=--resume; else mode=; fi
./build/src/cli/hrsnn reproduce --quick --out runs/reproduce $mode "$@"
./build/src/cli/hrsnn report runs/reproduce || echo "report: figures could not be rendered (see above)" >&2
