#!/usr/bin/python3
"""Brian2 reference check of issue 2: for each case (network x dt x mode) make the network,
run it in Brian2 (numpy target, method='exact'), run it in the simulator under test, compare.

    check_against_brian2.py HRSNN_BIN                      # all 12 cases, table + exit status
    check_against_brian2.py HRSNN_BIN --case A --dt 0.1 --mode nearest   # one case (ctest)
    check_against_brian2.py numpy ...                      # harness self-test: numpy_lif.py
    check_against_brian2.py numpy --mutate ltp_first ...   # must FAIL (harness can fail)
    check_against_brian2.py HRSNN_DRIVE_RUN --case D ...   # external drive (hrsnn_drive_run)
    check_against_brian2.py HRSNN_BIN --case E --regular-inputs HRSNN_REGULAR_INPUTS ...
                                                           # encoding.kind = regular input trains

HRSNN_BIN is called as `HRSNN_BIN simulate --network DIR --duration MS --dt MS
[--plastic --pairing nearest|all] --out RUN` (docs/model.md section 9 files).
Case D has no input spikes but an external drive (drive.csv, sim/external_drive.hpp); its
simulator under test is tests/reference's hrsnn_drive_run, called with the same options plus
--drive-scale and --window-ms (Brian2 gets them too). Without --case, D runs only when the
simulator given is a hrsnn_drive_run binary.
Case E's input spikes are the regular (accumulator) trains of a per-window population code:
make_network.py computes them in Python (regular_spikes.py) and --regular-inputs (the
tests/reference hrsnn_regular_inputs binary) computes hrsnn's from the same x.csv; the case
fails unless both give the same (source, step) spikes, then both simulators read them. Without
--case, E runs only when --regular-inputs is given.
Exit status 0 only when every selected case meets the bars of compare.py.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
PY = "/usr/bin/python3"
# name -> (neurons, seed, {dt: duration ms}); durations chosen for >= 2000 spikes per run
# and a total under ~6 minutes of Brian2 numpy time for all 12 cases on 2 cores.
# name: (neurons, seed, duration per dt, STDP levels). C draws each STDP parameter from 256
# values, so hrsnn stores its plastic synapses in the compact layout (16 B per synapse).
NETWORKS = {"A": (250, 11, {0.1: 2000.0, 1.0: 3000.0}, 0),
            "B": (400, 22, {0.1: 1500.0, 1.0: 3000.0}, 0),
            "C": (300, 33, {0.1: 2000.0, 1.0: 3000.0}, 256),
            "D": (250, 44, {0.1: 1000.0, 1.0: 2000.0}, 0),
            "E": (250, 55, {0.1: 1000.0, 1.0: 2000.0}, 0),
            "F": (250, 66, {0.1: 1500.0, 1.0: 3000.0}, 0),
            "G": (250, 77, {0.1: 1500.0, 1.0: 3000.0}, 0)}
# Case F: the adaptive LIF (heterogeneous adaptation current and threshold, docs/model.md §2.1).
ADAPTIVE = {"F"}
# Case G: the conductance-based LIF (heterogeneous g_L, E_e, E_i; weights in nS; docs/model.md §2.2),
# which Brian2 integrates with its exponential Euler.
CONDUCTANCE = {"G"}
MODES = ("frozen", "nearest", "all")
# Case D: (window ms, drive scale) of the external drive that replaces the input spikes.
DRIVE = {"D": (20.0, 0.8)}
# Case E: (window ms, seed of the accumulators) of the regular input trains.
REGULAR = {"E": (20.0, 5)}


def run(cmd, log):
    """Run a command, appending its output to log; raise with the log tail on failure."""
    with open(log, "a") as f:
        f.write("$ " + " ".join(cmd) + "\n")
        f.flush()
        r = subprocess.run(cmd, stdout=f, stderr=subprocess.STDOUT,
                           env=dict(os.environ, PYTHONWARNINGS="ignore", PYTHONDONTWRITEBYTECODE="1"))
    if r.returncode != 0:
        with open(log) as f:
            tail = f.read()[-3000:]
        raise RuntimeError("command failed (%d): %s\n%s" % (r.returncode, " ".join(cmd), tail))


def is_drive_runner(sim):
    return os.path.basename(sim).startswith("hrsnn_drive_run")


def sim_cmd(sim, network, duration, dt, mode, out, mutate, drive=None):
    opts = ["--network", network, "--duration", repr(duration), "--dt", repr(dt), "--out", out]
    if mode != "frozen":
        opts += ["--plastic", "--pairing", mode]
    if drive is not None:
        opts += ["--window-ms", repr(drive[0]), "--drive-scale", repr(drive[1])]
        if sim == "brian2":
            return [PY, os.path.join(HERE, "brian2_run.py")] + opts
        if not is_drive_runner(sim):
            raise RuntimeError("case D needs the hrsnn_drive_run binary (tests/reference), not %s" % sim)
        return [sim] + opts
    if is_drive_runner(sim):
        raise RuntimeError("hrsnn_drive_run runs only the external-drive case D")
    if sim == "numpy":
        return [PY, os.path.join(HERE, "numpy_lif.py")] + opts + ["--mutate", mutate]
    if sim == "brian2":
        return [PY, os.path.join(HERE, "brian2_run.py")] + opts
    return [sim, "simulate"] + opts


def read_input_spikes(path, dt):
    """Sorted (source, step) pairs of an inputs.csv."""
    with open(path) as f:
        next(f)
        pairs = [(int(src), int(round(float(t) / dt))) for src, t in
                 (line.strip().split(",") for line in f if line.strip())]
    return sorted(pairs)


def check_regular_inputs(regular_bin, net, dt, regular, case_dir, log):
    """hrsnn's regular trains (regular_bin on net/x.csv) must equal the Python ones in
    net/inputs.csv; returns a short description, raises on any difference."""
    mine = os.path.join(case_dir, "inputs_hrsnn.csv")
    run([regular_bin, "--x", os.path.join(net, "x.csv"), "--dt", repr(dt), "--window-ms",
         repr(regular[0]), "--seed", str(regular[1]), "--out", mine], log)
    a, b = read_input_spikes(mine, dt), read_input_spikes(os.path.join(net, "inputs.csv"), dt)
    if a != b:
        sa, sb = set(a), set(b)
        raise RuntimeError("regular input trains differ: hrsnn %d spikes, python %d, %d only in hrsnn, "
                           "%d only in python" % (len(a), len(b), len(sa - sb), len(sb - sa)))
    return "inputs %d regular spikes identical (hrsnn = python)" % len(a)


def check_case(sim, name, dt, mode, workdir, mutate, regular_bin=None):
    n, seed, durations, levels = NETWORKS[name]
    duration = durations[dt]
    drive = DRIVE.get(name)
    regular = REGULAR.get(name)
    if regular and regular_bin is None and sim not in ("numpy", "brian2"):
        raise RuntimeError("case E needs --regular-inputs (the hrsnn_regular_inputs binary)")
    tag = "%s_dt%s_%s" % (name, repr(dt).replace(".", "p"), mode)
    case_dir = os.path.join(workdir, tag)
    shutil.rmtree(case_dir, ignore_errors=True)  # hrsnn refuses to overwrite a run folder
    os.makedirs(case_dir)
    log = os.path.join(case_dir, "log.txt")
    open(log, "w").close()
    net = os.path.join(case_dir, "network")
    t0 = time.time()
    run([PY, os.path.join(HERE, "make_network.py"), "--n", str(n), "--seed", str(seed),
         "--dt", repr(dt), "--duration", repr(duration), "--levels", str(levels), "--out", net]
        + (["--drive-window", repr(drive[0])] if drive else [])
        + (["--regular-window", repr(regular[0]), "--regular-seed", str(regular[1])] if regular else [])
        + (["--adaptive"] if name in ADAPTIVE else []) + (["--coba"] if name in CONDUCTANCE else []), log)
    inputs_note = ""
    if regular and regular_bin is not None:
        inputs_note = " | " + check_regular_inputs(regular_bin, net, dt, regular, case_dir, log)
    ref, test = os.path.join(case_dir, "brian2"), os.path.join(case_dir, "test")
    run(sim_cmd("brian2", net, duration, dt, mode, ref, "none", drive), log)
    t1 = time.time()
    run(sim_cmd(sim, net, duration, dt, mode, test, mutate, drive), log)
    t2 = time.time()
    cmp = [PY, os.path.join(HERE, "compare.py"), test, ref, "--network", net,
           "--duration", repr(duration), "--label", tag]
    if mode != "frozen":
        cmp.append("--plastic")
    r = subprocess.run(cmp, capture_output=True, text=True)
    line = (r.stdout.strip() or r.stderr.strip()) + inputs_note
    if levels > 0 and mode == "nearest" and sim not in ("numpy", "brian2"):
        # the point of network C: hrsnn must have stored its plastic synapses compactly
        with open(os.path.join(test, "metrics.json")) as f:
            layout = json.load(f).get("plastic_layout")
        line += " | layout %s" % layout
        if layout != "compact":
            print(line + " | FAIL: expected the compact layout", flush=True)
            return False
    print("%s | brian2 %.1f s, test %.1f s" % (line, t1 - t0, t2 - t1), flush=True)
    return r.returncode == 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("sim", help="hrsnn binary, or 'numpy' / 'brian2' for harness self-tests")
    ap.add_argument("--case", choices=sorted(NETWORKS), action="append")
    ap.add_argument("--dt", type=float, choices=(0.1, 1.0), action="append")
    ap.add_argument("--mode", choices=MODES, action="append")
    ap.add_argument("--mutate", default="none", help="numpy_lif.py defect (self-test only)")
    ap.add_argument("--regular-inputs", help="hrsnn_regular_inputs binary (case E)")
    ap.add_argument("--workdir", default=os.path.join(os.getcwd(), "reference-work"))
    a = ap.parse_args()
    ok = True
    default_cases = [c for c in sorted(NETWORKS) if (c in DRIVE) == is_drive_runner(a.sim)
                     and (c not in REGULAR or a.regular_inputs)
                     and ((c not in ADAPTIVE and c not in CONDUCTANCE) or a.sim != "numpy")]  # numpy_lif.py is the plain LIF
    for name in a.case or default_cases:
        for dt in a.dt or (0.1, 1.0):
            for mode in a.mode or MODES:
                try:
                    ok &= check_case(a.sim, name, dt, mode, a.workdir, a.mutate, a.regular_inputs)
                except RuntimeError as e:
                    print("%s dt %s %s: ERROR %s" % (name, dt, mode, e), flush=True)
                    ok = False
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
