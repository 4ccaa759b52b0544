#!/usr/bin/env bash
# Speed comparison of issue 2 (see compare_speed.py): hrsnn vs Brian2 cpp_standalone and NEST,
# same network folders, interleaved, 3 repetitions, median ratios.
#   scripts/bench/compare_speed.sh HRSNN_BIN [--reps N] [--duration MS] [--work DIR]
set -euo pipefail
if [ $# -lt 1 ]; then
  echo "usage: $0 HRSNN_BIN [--reps N] [--duration MS] [--work DIR] [--only cuba|hrsnn|hrsnn256|cuba_f32]" >&2
  exit 2
fi
PYTHONDONTWRITEBYTECODE=1 exec /usr/bin/python3 -W ignore "$(dirname "$0")/compare_speed.py" "$@"
