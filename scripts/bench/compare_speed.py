#!/usr/bin/python3
"""Speed comparison of issue 2: hrsnn vs Brian2 cpp_standalone (single thread) and NEST
iaf_psc_exp / iaf_cond_exp (single thread, if importable from NEST_PYTHON), on the identical network folders
(make_bench_networks.py), interleaved, REPS repetitions, median ratios.

    compare_speed.py HRSNN_BIN [--reps 3] [--duration 10000] [--work DIR] [--only cuba|coba|coba_fast|hrsnn|hrsnn256|cuba_f32]

hrsnn time: RUN/metrics.json key wall_seconds when present, else the process wall time
(which then includes reading the CSV files: a conservative figure for hrsnn). Brian2 time:
the simulation loop as timed by the compiled program (compilation and array loading
excluded); NEST time: nest.Simulate() only. CPU seconds of each process are printed too,
because the machine is shared (wall time suffers from other jobs, CPU time much less).
"""
import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "reference"))
sys.path.insert(0, HERE)
import netio  # noqa: E402
from brian2_bench import event_count  # noqa: E402

PY = "/usr/bin/python3"
NEST_PYTHON = os.environ.get("NEST_PYTHON", "/work/venv-nest/bin/python")
# name -> (network folder, plastic, precision): hrsnn256 runs the compact plastic layout; the
# *_f32 entries run hrsnn with float32 neuron state against Brian2 with float32 everywhere.
# coba runs hrsnn's exact kernel (identical spikes to Brian2), coba_fast its fast kernel.
NETS = {"cuba": ("cuba", False, "double"), "hrsnn": ("hrsnn", True, "double"),
        "hrsnn256": ("hrsnn256", True, "double"), "cuba_f32": ("cuba", False, "single"),
        "coba": ("coba", False, "double"), "coba_fast": ("coba", False, "double")}
KERNEL = {"coba_fast": "fast"}


def cpu_of(cmd, cwd=None):
    """Run cmd and return (stdout, wall, user+sys CPU seconds) using wait4."""
    t0 = time.time()
    p = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    out = p.stdout.read()
    _, status, ru = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    wall = time.time() - t0
    if p.returncode != 0:
        raise RuntimeError("%s failed:\n%s" % (" ".join(cmd), out[-2000:]))
    return out, wall, ru.ru_utime + ru.ru_stime


def field(line, key):
    m = re.search(r"%s=([0-9.eE+-]+)" % key, line)
    return float(m.group(1)) if m else float("nan")


def run_hrsnn(binary, net_dir, duration, plastic, run_dir, net, precision="double", kernel="exact"):
    cmd = [binary, "simulate", "--network", net_dir, "--duration", repr(duration), "--dt", "0.1",
           "--precision", precision, "--kernel", kernel, "--out", run_dir] + (["--plastic", "--pairing", "nearest"] if plastic else [])
    shutil.rmtree(run_dir, ignore_errors=True)  # hrsnn refuses to overwrite a run folder
    _, wall, cpu = cpu_of(cmd)
    metrics = os.path.join(run_dir, "metrics.json")
    t = wall
    if os.path.exists(metrics):
        with open(metrics) as f:
            t = float(json.load(f).get("wall_seconds", wall))
    neurons, _ = netio.read_spikes(run_dir)
    exc = net["neurons"]["is_exc"]
    n_e = int(exc[neurons].sum())
    events = event_count(net, neurons)
    return dict(t=t, wall=wall, cpu=cpu, e_hz=n_e / exc.sum() / duration * 1e3,
                i_hz=(len(neurons) - n_e) / (~exc).sum() / duration * 1e3, events=events)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("hrsnn_bin")
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--duration", type=float, default=10000.0, help="ms")
    ap.add_argument("--work", default="/tmp/hrsnn-bench")
    ap.add_argument("--only", choices=sorted(NETS), action="append")
    a = ap.parse_args()
    names = a.only or sorted(NETS)
    if not all(os.path.exists(os.path.join(a.work, NETS[n][0], "neurons.csv")) for n in NETS):
        subprocess.run([PY, os.path.join(HERE, "make_bench_networks.py"), "--out", a.work,
                        "--duration", repr(a.duration)], check=True)
    nest_ok = subprocess.run([NEST_PYTHON, "-c", "import nest"], capture_output=True).returncode == 0 \
        if os.path.exists(NEST_PYTHON) else False
    if not nest_ok:
        print("NEST: unavailable")
    res = {n: {"hrsnn": [], "brian2": [], "nest": []} for n in names}
    nets = {n: netio.read_network(os.path.join(a.work, NETS[n][0])) for n in names}
    for n in names:  # compile Brian2 once per network (excluded from timing)
        proj = os.path.join(a.work, "brian2_" + n)
        if not os.path.exists(os.path.join(proj, "main")):
            out, _, _ = cpu_of([PY, "-W", "ignore", os.path.join(HERE, "brian2_bench.py"),
                                "--network", os.path.join(a.work, NETS[n][0]), "--duration",
                                repr(a.duration), "--project", proj] + (["--plastic"] if NETS[n][1] else [])
                               + (["--float32"] if NETS[n][2] == "single" else []))
            print("[build] " + out.strip().splitlines()[-1], flush=True)
    for rep in range(a.reps):
        for n in names:
            net_dir = os.path.join(a.work, NETS[n][0])
            h = run_hrsnn(a.hrsnn_bin, net_dir, a.duration, NETS[n][1],
                          os.path.join(a.work, "run_%s_%d" % (n, rep)), nets[n], NETS[n][2], KERNEL.get(n, "exact"))
            res[n]["hrsnn"].append(h)
            out, _, cpu = cpu_of([PY, os.path.join(HERE, "brian2_bench.py"), "--rerun",
                                  os.path.join(a.work, "brian2_" + n)])
            line = out.strip().splitlines()[-1]
            res[n]["brian2"].append(dict(t=field(line, "run_s"), cpu=cpu, line=line))
            print("[rep %d %s] hrsnn %.3f s (wall %.2f, cpu %.2f) E %.2f Hz | %s" % (
                rep, n, h["t"], h["wall"], h["cpu"], h["e_hz"], line), flush=True)
            if nest_ok and NETS[n][2] == "double" and n not in KERNEL:  # one NEST run per network
                out, _, cpu = cpu_of([NEST_PYTHON, os.path.join(HERE, "nest_bench.py"),
                                      "--network", net_dir, "--duration", repr(a.duration)]
                                     + (["--plastic"] if NETS[n][1] else []))
                line = [x for x in out.splitlines() if x.startswith("nest")][-1]
                res[n]["nest"].append(dict(t=field(line, "run_s"), line=line))
                print("[rep %d %s] %s" % (rep, n, line), flush=True)
    print("\nnetwork  hrsnn_s  brian2_s  brian2/hrsnn  nest_s  nest/hrsnn  E_Hz  I_Hz  hrsnn_events/s")
    for n in names:
        r = res[n]
        h = statistics.median(x["t"] for x in r["hrsnn"])
        b = statistics.median(x["t"] for x in r["brian2"])
        ns = statistics.median(x["t"] for x in r["nest"]) if r["nest"] else float("nan")
        ratios_b = statistics.median(x["t"] / y["t"] for x, y in zip(r["brian2"], r["hrsnn"]))
        ratios_n = statistics.median(x["t"] / y["t"] for x, y in zip(r["nest"], r["hrsnn"])) \
            if r["nest"] else float("nan")
        last = r["hrsnn"][-1]
        print("%-7s  %7.3f  %8.3f  %12.2f  %6.2f  %10.2f  %5.2f  %5.2f  %.4g" % (
            n, h, b, ratios_b, ns, ratios_n, last["e_hz"], last["i_hz"], last["events"] / h))
    return 0


if __name__ == "__main__":
    sys.exit(main())
