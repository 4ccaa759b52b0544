#!/usr/bin/env bash
# Runs the comparison behind the README's results table: MRSNN, HeNHoS, HoNHeS, HeNHeS over
# paired seeds on memory capacity, Lorenz-63, Mackey–Glass, FSDD, GunPoint and BasicMotions,
# at the given reservoir sizes. Each task is one resumable run folder under OUT/N<size>/.
#   scripts/results/run_tables.sh HRSNN_BIN OUT [SIZES="500 2000"] [SEEDS=5] [TASKS="mc lorenz ..."]
# PROTOCOL=paper runs the paper's protocol (Poisson input, spike counts, reservoir-only readout,
# 5 ms excitatory synapses)
# instead of the project's defaults; ESN=false skips the echo-state-network baseline.
set -euo pipefail
BIN=${1:?usage: run_tables.sh HRSNN_BIN OUT [sizes] [seeds] [tasks]}
OUT=${2:?usage: run_tables.sh HRSNN_BIN OUT [sizes] [seeds] [tasks]}
SIZES=${3:-"500 2000"}
SEEDS=${4:-5}
TASKS=${5:-"mc lorenz mackey-glass gunpoint basicmotions fsdd"}
THREADS=${THREADS:-2}
PROTOCOL=${PROTOCOL:-default}
protocol=(--set "task.esn=${ESN:-true}")
case $PROTOCOL in
  default) ;;
  paper) protocol+=(--set encoding.kind=poisson --set task.features=counts --set task.readout_input=false
                    --set neurons.exc.tau_syn_e=5.0 --set neurons.inh.tau_syn_e=5.0
                    --set 'weights.ee={law="gamma", mean=15.0, cv=0.5}' --set 'weights.ei={law="gamma", mean=15.0, cv=0.5}') ;;
  *) echo "PROTOCOL must be default or paper, got '$PROTOCOL'" >&2; exit 2 ;;
esac
for n in $SIZES; do
  for task in $TASKS; do
    case $task in
      gunpoint) args=(--set task.kind=ucr --set task.name=GunPoint) ;;
      basicmotions) args=(--set task.kind=ucr --set task.name=BasicMotions) ;;
      *) args=(--set "task.kind=$task") ;;
    esac
    args+=("${protocol[@]}")
    dir="$OUT/N$n/$task"
    mode=(--force)
    [ -f "$dir/run.json" ] && mode=(--resume)
    [ -f "$dir/summary.json" ] && { echo "skip $dir (done)"; continue; }
    echo "== $task N=$n -> $dir"
    /usr/bin/time -f "$task N=$n: %e s wall, %U s user" "$BIN" run "${args[@]}" \
      --set "network.n=$n" --set "experiment.seeds=$SEEDS" --threads "$THREADS" --out "$dir" "${mode[@]}"
  done
done
