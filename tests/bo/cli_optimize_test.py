#!/usr/bin/python3
"""End-to-end test of `optimize`: outputs, resume, bad input (exit 2 + clear message), MPI = threads."""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import tomllib

cli, config, mpiexec = sys.argv[1], sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else ""
failures = []


def run(args, **kw):
    return subprocess.run([cli, "optimize"] + args, capture_output=True, text=True, **kw)


def journal(path):
    rows = [json.loads(line) for line in open(path)]
    for r in rows:
        r.pop("wall_s", None)
    return rows


def expect(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)


tmp = tempfile.mkdtemp(prefix="hrsnn_bo_cli_")
try:
    r1 = os.path.join(tmp, "r1")
    p = run([config, "--out", r1, "--threads", "2"])
    expect(p.returncode == 0, f"threaded run exits 0 ({p.stderr[-300:]})")
    expect(p.stderr.count("best=") == 20 and "ETA" in p.stderr, "one progress line per evaluation with best and ETA")
    rows = journal(os.path.join(r1, "journal.jsonl"))
    expect(len(rows) == 21 and rows[0]["type"] == "header", "journal: header + 20 evaluations")
    evals = rows[1:]
    best = tomllib.load(open(os.path.join(r1, "best.toml"), "rb"))["best"]
    expect(best["objective"] == min(r["objective"] for r in evals), "best.toml holds the minimum of the journal")
    csv = open(os.path.join(r1, "convergence.csv")).read().splitlines()
    expect(len(csv) == 21 and float(csv[-1].split(",")[5]) == best["objective"], "convergence.csv ends at the best")

    p = run([config, "--out", r1])
    expect(p.returncode == 2 and "--resume" in p.stderr, "refuses to overwrite a journal without --resume")
    p = run([config, "--out", r1, "--resume"])
    expect(p.returncode == 0 and journal(os.path.join(r1, "journal.jsonl")) == rows, "resume of a finished run adds nothing")

    other = os.path.join(tmp, "other.toml")
    open(other, "w").write(open(config).read().replace("high = 15.0", "high = 16.0"))
    p = run([other, "--out", r1, "--resume"])
    expect(p.returncode == 2 and "another search space" in p.stderr, "resume refuses a journal from another space")

    bad = {
        "low >= high": ("x1 = { low = 0.0, high = 15.0 }", "x1 = { low = 15.0, high = 15.0 }", "must be <"),
        "log scale touching 0": ("x1 = { low = 0.0, high = 15.0 }", "x1 = { low = 0.0, high = 15.0, scale = \"log\" }", "log scale"),
        "unknown [bo] key": ("q = 2", "q = 2\nbudgett = 3", "unknown key 'budgett'"),
        "unknown objective": ("name = \"branin\"", "name = \"rosenbrock\"", "not a known objective"),
        "wrong parameters for branin": ("x1 = {", "y1 = {", "needs parameters x0..x1"),
        "constraint on an unknown metric": ("seed = 3", "seed = 3\n[[bo.constraint]]\nmetric = \"S\"\nmax = 0.2",
                                            "unknown metric 'S'"),
        "w2 family with unknown parameter": ("seed = 3",
                                             "seed = 3\n[[bo.family]]\nname = \"t\"\nmean = \"nope\"\ncv = 0.3",
                                             "unknown parameter 'nope'"),
    }
    text = open(config).read()
    for what, (old, new, msg) in bad.items():
        assert old in text, old
        path = os.path.join(tmp, "bad.toml")
        bad_text = text.replace(old, new)
        if "bo.family" in new:
            bad_text = bad_text.replace('kernel = "matern52_ard"', 'kernel = "w2"')
        open(path, "w").write(bad_text)
        p = run([path, "--out", os.path.join(tmp, "bad_run")])
        expect(p.returncode == 2 and msg in p.stderr and "bad.toml" in p.stderr,
               f"bad input '{what}': exit 2 naming the file ({p.stderr.strip()[:160]})")

    # Constrained built-in: the winner meets the constraint; metrics.json states the rule.
    gard = os.path.join(tmp, "gardner.toml")
    open(gard, "w").write("[objective]\nname = \"gardner\"\n[bo]\nbudget = 25\ninitial = 8\nseed = 1\n")
    rg = os.path.join(tmp, "rg")
    p = run([gard, "--out", rg])
    expect(p.returncode == 0, f"constrained run exits 0 ({p.stderr[-300:]})")
    m = json.load(open(os.path.join(rg, "metrics.json")))
    best = tomllib.load(open(os.path.join(rg, "best.toml"), "rb"))["best"]
    import math
    x0, x1 = best["params"]["x0"], best["params"]["x1"]
    expect(m["constraints"] == ["g <= -0.95"] and m["feasible_evaluations"] > 0, "metrics.json lists the constraint")
    expect(math.sin(x0) * math.sin(x1) <= -0.95, f"the gardner winner is feasible ({x0:.3f}, {x1:.3f})")
    expect(best["objective"] - (math.asin(0.95) - 1) < 0.05, f"and within 0.05 of the feasible optimum ({best['objective']:.4f})")

    if mpiexec:
        r2 = os.path.join(tmp, "r2")
        p = subprocess.run([mpiexec, "--oversubscribe", "-np", "3", cli, "optimize", config, "--out", r2, "--quiet"],
                           capture_output=True, text=True, timeout=120)
        expect(p.returncode == 0, f"mpirun -np 3 exits 0 ({p.stderr[-300:]})")
        expect(journal(os.path.join(r2, "journal.jsonl")) == rows, "MPI journal equals the threaded journal")
finally:
    shutil.rmtree(tmp, ignore_errors=True)

if failures:
    print(f"{len(failures)} check(s) failed")
    sys.exit(1)
print("all CLI checks passed")
