#!/usr/bin/python3
"""Python overhead on the CUBA benchmark: hrsnn.simulate against `hrsnn simulate`'s step loop.

    PYTHONPATH=build/python python3 scripts/bench/python_overhead.py [--reps 7] [--duration 2000]

Writes the CUBA network (scripts/bench/make_bench_networks.py: 4000 LIF neurons, p 0.02, no
input) to a temporary folder, then runs it alternately through the CLI and through
hrsnn.simulate, dt 0.1 ms, and compares each run's metrics (`cpu_seconds`, `wall_seconds`: the
step loop, including the Python path's Ctrl-C polls every 1000 steps) and, for Python, the
whole call's wall time (folder read, loop, arrays out). Prints medians and the ratio (issue 14:
Python <= 5 % above the CLI's step loop). Spikes are checked to be identical.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
from make_bench_networks import write_cuba  # noqa: E402

import hrsnn  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--reps", type=int, default=7)
    ap.add_argument("--duration", type=float, default=2000.0, help="simulated ms per run")
    ap.add_argument("--cli", default=os.path.join(ROOT, "build", "src", "cli", "hrsnn"))
    a = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="hrsnn-overhead-") as tmp:
        net = os.path.join(tmp, "cuba")
        write_cuba(net, 2007)
        cli = {"cpu": [], "wall": []}
        py = {"cpu": [], "wall": [], "call": []}
        for rep in range(a.reps):
            out = os.path.join(tmp, "run")
            subprocess.run([a.cli, "simulate", "--network", net, "--duration", str(a.duration), "--dt", "0.1",
                            "--out", out, "--force"], check=True, capture_output=True)
            m = json.load(open(os.path.join(out, "metrics.json")))
            cli["cpu"].append(m["cpu_seconds"])
            cli["wall"].append(m["wall_seconds"])
            t0 = time.perf_counter()
            r = hrsnn.simulate(net, a.duration, dt_ms=0.1)
            py["call"].append(time.perf_counter() - t0)
            py["cpu"].append(r.metrics["cpu_seconds"])
            py["wall"].append(r.metrics["wall_seconds"])
            if rep == 0:
                assert r.metrics["spikes"] == m["spikes"] and r.metrics["spikes"] > 0, (r.metrics["spikes"], m["spikes"])
        med = {k: statistics.median(v) for k, v in cli.items()}
        pmed = {k: statistics.median(v) for k, v in py.items()}
        print(f"CUBA 4000 neurons, {a.duration:g} ms at dt 0.1, {a.reps} interleaved runs each, {m['spikes']} spikes")
        print(f"step loop cpu  : CLI {med['cpu']:.3f} s  Python {pmed['cpu']:.3f} s  ratio {pmed['cpu'] / med['cpu']:.3f}")
        print(f"step loop wall : CLI {med['wall']:.3f} s  Python {pmed['wall']:.3f} s  ratio {pmed['wall'] / med['wall']:.3f}")
        print(f"Python whole call (read folder + loop + arrays out): {pmed['call']:.3f} s")
        print("per-run cpu CLI   :", " ".join(f"{x:.3f}" for x in cli["cpu"]))
        print("per-run cpu Python:", " ".join(f"{x:.3f}" for x in py["cpu"]))


if __name__ == "__main__":
    main()
