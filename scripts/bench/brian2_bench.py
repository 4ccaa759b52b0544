#!/usr/bin/python3
"""Run a network folder in Brian2 cpp_standalone, single thread, and report the run time
(compilation excluded), firing rates and synaptic events per second.

    brian2_bench.py --network DIR --duration MS --dt MS [--plastic] --project PROJ
        generate + compile + run once; PROJ keeps the compiled program
    brian2_bench.py --rerun PROJ [--network DIR --duration MS]
        run the compiled program again (for interleaved repetitions)
Prints one line `brian2 run_s=... binary_s=... E_hz=... I_hz=... events_per_s=...`;
run_s is the simulation loop as timed by the program itself (results/last_run_info.txt),
binary_s the whole process (array loading + loop + writing results).
The model code is scripts/reference/brian2_run.py, the one verified against docs/model.md.
"""
import argparse
import os
import subprocess
import sys
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "reference"))
import netio  # noqa: E402


def event_count(net, neurons):
    """Synaptic events delivered: every spike times its out-degree (recurrent + input)."""
    out_rec = np.bincount(net["syn"]["pre"], minlength=net["n"])
    n_src = max(net["n_sources"], 1)
    out_in = np.bincount(net["in_syn"]["pre"], minlength=n_src)
    return int(out_rec[neurons].sum() + out_in[net["input_source"]].sum())


def rates(net, neurons, duration):
    exc = net["neurons"]["is_exc"]
    n_e = np.count_nonzero(exc[neurons])
    return n_e / exc.sum() / duration * 1e3, (len(neurons) - n_e) / max((~exc).sum(), 1) / duration * 1e3


def rerun(project):
    t0 = time.time()
    subprocess.run(["./main"], cwd=project, check=True, stdout=subprocess.DEVNULL)
    binary = time.time() - t0
    with open(os.path.join(project, "results", "last_run_info.txt")) as f:
        return float(f.read().split()[0]), binary


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--network")
    ap.add_argument("--duration", type=float, help="ms")
    ap.add_argument("--dt", type=float, default=0.1, help="ms")
    ap.add_argument("--plastic", action="store_true")
    ap.add_argument("--pairing", choices=("nearest", "all"), default="nearest")
    ap.add_argument("--project", help="cpp_standalone project folder to create")
    ap.add_argument("--rerun", help="existing compiled project to run again")
    ap.add_argument("--out", help="also write spikes.csv/weights.csv here")
    ap.add_argument("--float32", action="store_true", help="single-precision Brian2 (default_float_dtype)")
    ap.add_argument("--no-fold", action="store_true",
                    help="keep homogeneous neuron parameters as per-neuron arrays")
    a = ap.parse_args()
    if a.rerun:
        run_s, binary_s = rerun(a.rerun)
        info_path = os.path.join(a.rerun, "bench_info.txt")
        extra = open(info_path).read().strip() if os.path.exists(info_path) else ""
        events = float(extra.split("events=")[1].split()[0]) if "events=" in extra else 0.0
        print("brian2 run_s=%.3f binary_s=%.3f events_per_s=%.4g %s" % (
            run_s, binary_s, events / run_s, extra))
        return
    import brian2_run
    net = netio.read_network(a.network)
    t0 = time.time()
    neurons, steps, w, run_s = brian2_run.build_and_run(net, a.dt, a.duration, a.plastic,
                                                        a.pairing, standalone_dir=a.project,
                                                        fold_constants=not a.no_fold, float32=a.float32)
    total = time.time() - t0
    if a.out:
        netio.write_spikes(a.out, neurons, steps, a.dt)
        if a.plastic:
            netio.write_weights(a.out, w)
    r_e, r_i = rates(net, neurons, a.duration)
    events = event_count(net, neurons)
    info = "E_hz=%.2f I_hz=%.2f spikes=%d events=%d" % (r_e, r_i, len(neurons), events)
    with open(os.path.join(a.project, "bench_info.txt"), "w") as f:
        f.write(info + "\n")
    print("brian2 run_s=%.3f build+run_s=%.1f events_per_s=%.4g %s" % (
        run_s, total, events / run_s, info))


if __name__ == "__main__":
    main()
