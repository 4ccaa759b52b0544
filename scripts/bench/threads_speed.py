#!/usr/bin/python3
"""Threads inside one network (issue 11): hrsnn simulate with --threads 1 and 2 on the
100 000-neuron CUBA network of fixed in-degree 80 (make_bench_networks.py --big), interleaved,
REPS repetitions; prints the median of the per-repetition ratios of the step loop's time
(metrics.json wall_seconds) and checks that both give the identical spikes.csv.

    threads_speed.py HRSNN_BIN [--reps 3] [--duration 2000] [--threads 2] [--work DIR]
"""
import argparse
import filecmp
import json
import os
import shutil
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def run(binary, net, duration, threads, out):
    shutil.rmtree(out, ignore_errors=True)
    subprocess.run([binary, "simulate", "--network", net, "--duration", repr(duration), "--dt", "0.1",
                    "--threads", str(threads), "--out", out], check=True, stdout=subprocess.DEVNULL)
    with open(os.path.join(out, "metrics.json")) as f:
        m = json.load(f)
    return m["wall_seconds"], m["cpu_seconds"]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("hrsnn_bin")
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--duration", type=float, default=2000.0, help="ms")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--work", default="/tmp/hrsnn-bench")
    a = ap.parse_args()
    net = os.path.join(a.work, "cuba100k")
    if not os.path.exists(os.path.join(net, "synapses.csv")):
        subprocess.run([sys.executable, os.path.join(HERE, "make_bench_networks.py"), "--out", a.work, "--big"], check=True)
    ratios, same = [], True
    for rep in range(a.reps):
        one, one_cpu = run(a.hrsnn_bin, net, a.duration, 1, os.path.join(a.work, "t1"))
        many, many_cpu = run(a.hrsnn_bin, net, a.duration, a.threads, os.path.join(a.work, "tn"))
        same &= filecmp.cmp(os.path.join(a.work, "t1", "spikes.csv"), os.path.join(a.work, "tn", "spikes.csv"), shallow=False)
        ratios.append(one / many)
        print("[rep %d] 1 thread %.3f s (cpu %.2f), %d threads %.3f s (cpu %.2f): %.2fx" % (
            rep, one, one_cpu, a.threads, many, many_cpu, one / many), flush=True)
    print("threads %d: median speed-up %.2fx over 1 thread; spikes identical: %s" % (a.threads, statistics.median(ratios), same))
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
