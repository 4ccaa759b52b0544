#!/usr/bin/python3
"""Regret study: hrsnn BO vs random search vs Optuna TPE on shifted Branin, Hartmann-6, Ackley-5.

Runs tests/bo's bo_regret_bench (hrsnn and random search; it also writes the shifted boxes), then
Optuna's TPE sampler on exactly those boxes, and prints the median log10 simple regret per method.
With --check, exits non-zero unless hrsnn's median is below random search's on every function and
at most TPE's on at least two (the CI criterion of issue 4).
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

import numpy as np
import optuna

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_functions import FUNCTIONS  # noqa: E402


def tpe_log_regret(name, low, high, f_min, budget, initial, seed):
    f = FUNCTIONS[name]

    def objective(trial):
        x = [trial.suggest_float(f"x{i}", lo, hi) for i, (lo, hi) in enumerate(zip(low, high))]
        return float(f(np.array(x)))

    sampler = optuna.samplers.TPESampler(seed=seed, n_startup_trials=initial)
    study = optuna.create_study(sampler=sampler, direction="minimize")
    study.optimize(objective, n_trials=budget)
    return float(np.log10(max(study.best_value - f_min, 1e-12)))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bench", required=True, help="path of bo_regret_bench")
    ap.add_argument("--budget", type=int, default=50)
    ap.add_argument("--initial", type=int, default=10)
    ap.add_argument("--seeds", type=int, default=10)
    ap.add_argument("--functions", default="branin,hartmann6,ackley5")
    ap.add_argument("--out", help="write all numbers here (JSON)")
    ap.add_argument("--check", action="store_true")
    a = ap.parse_args()
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "bench.json")
        subprocess.run([a.bench, path, str(a.budget), str(a.initial), str(a.seeds), a.functions], check=True,
                       stderr=subprocess.DEVNULL)
        with open(path) as fh:
            res = json.load(fh)
    ok_random, tpe_wins = True, 0
    print(f"median log10 simple regret, {a.budget} evaluations ({a.initial} initial), {a.seeds} seeds")
    print(f"{'function':<10} {'hrsnn':>8} {'random':>8} {'TPE':>8}   hrsnn s/run  TPE s/run")
    for name, fj in res["functions"].items():
        t0 = time.time()
        fj["tpe"] = [tpe_log_regret(name, lo, hi, fj["f_min"], a.budget, a.initial, s)
                     for s, (lo, hi) in enumerate(zip(fj["low"], fj["high"]))]
        tpe_s = (time.time() - t0) / len(fj["tpe"])
        med = {k: float(np.median(fj[k])) for k in ("hrsnn", "random", "tpe")}
        fj["median"] = med
        print(f"{name:<10} {med['hrsnn']:8.3f} {med['random']:8.3f} {med['tpe']:8.3f}"
              f"   {np.mean(fj['hrsnn_wall_s']):10.3f} {tpe_s:10.3f}")
        ok_random &= med["hrsnn"] < med["random"]
        tpe_wins += med["hrsnn"] <= med["tpe"]
    if a.out:
        with open(a.out, "w") as fh:
            json.dump(res, fh, indent=1)
    if a.check:
        if not ok_random:
            print("FAILED: hrsnn's median regret is not below random search's on every function")
            return 1
        if tpe_wins < 2:
            print(f"FAILED: hrsnn's median regret is at most TPE's on only {tpe_wins} function(s), need 2")
            return 1
        print("regret criteria met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
