#!/usr/bin/env python3
"""Peer benchmark (not CI): hrsnn vs BoTorch (qLogEI) vs Optuna's GP sampler on the regret study.

Needs a Python with botorch and optuna >= 3.6 (PyPI), e.g.
    python3 -m venv /work/venv-bo && /work/venv-bo/bin/pip install botorch "optuna>=3.6"
    /work/venv-bo/bin/python scripts/bo/bench_peers.py --bench build/tests/bo/bo_regret_bench
Uses bo_regret_bench for hrsnn's numbers and the shifted boxes, so every method solves the same
problems; reports median log10 simple regret and wall time per BO step.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_functions import FUNCTIONS  # noqa: E402


def botorch_run(f, low, high, budget, initial, seed):
    import torch
    from botorch.acquisition.logei import qLogExpectedImprovement
    from botorch.fit import fit_gpytorch_mll
    from botorch.models import SingleTaskGP
    from botorch.models.transforms import Normalize, Standardize
    from botorch.optim import optimize_acqf
    from gpytorch.mlls import ExactMarginalLogLikelihood
    from torch.quasirandom import SobolEngine

    torch.manual_seed(seed)
    d = len(low)
    lo, hi = torch.tensor(low, dtype=torch.double), torch.tensor(high, dtype=torch.double)
    X = lo + (hi - lo) * SobolEngine(d, scramble=True, seed=seed).draw(initial, dtype=torch.double)
    Y = torch.tensor([[-f(x.numpy())] for x in X], dtype=torch.double)  # BoTorch maximises
    bounds = torch.stack([lo, hi])
    t0 = time.time()
    for _ in range(budget - initial):
        gp = SingleTaskGP(X, Y, input_transform=Normalize(d), outcome_transform=Standardize(1))
        fit_gpytorch_mll(ExactMarginalLogLikelihood(gp.likelihood, gp))
        acq = qLogExpectedImprovement(gp, best_f=Y.max())
        x, _ = optimize_acqf(acq, bounds=bounds, q=1, num_restarts=8, raw_samples=256)
        X = torch.cat([X, x])
        Y = torch.cat([Y, torch.tensor([[-f(x[0].numpy())]], dtype=torch.double)])
    step = (time.time() - t0) / (budget - initial)
    return float(-Y.max()), step


def optuna_gp_run(f, low, high, budget, initial, seed):
    import optuna
    optuna.logging.set_verbosity(optuna.logging.WARNING)

    def objective(trial):
        return float(f(np.array([trial.suggest_float(f"x{i}", a, b) for i, (a, b) in enumerate(zip(low, high))])))

    sampler = optuna.samplers.GPSampler(seed=seed, n_startup_trials=initial)
    study = optuna.create_study(sampler=sampler)
    t0 = time.time()
    study.optimize(objective, n_trials=budget)
    return study.best_value, (time.time() - t0) / (budget - initial)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bench", required=True)
    ap.add_argument("--budget", type=int, default=50)
    ap.add_argument("--initial", type=int, default=10)
    ap.add_argument("--seeds", type=int, default=10)
    ap.add_argument("--functions", default="branin,hartmann6,ackley5")
    ap.add_argument("--out")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "bench.json")
        subprocess.run([a.bench, path, str(a.budget), str(a.initial), str(a.seeds), a.functions], check=True,
                       stderr=subprocess.DEVNULL)
        res = json.load(open(path))
    peers = {"botorch_qlogei": botorch_run, "optuna_gp": optuna_gp_run}
    print(f"{'function':<10} {'method':<16} {'median log10 regret':>20} {'s per BO step':>14}")
    for name, fj in res["functions"].items():
        f = FUNCTIONS[name]
        hr_step = np.mean(fj["hrsnn_wall_s"]) / (a.budget - a.initial)
        print(f"{name:<10} {'hrsnn':<16} {np.median(fj['hrsnn']):20.3f} {hr_step:14.4f}")
        for peer, fn in peers.items():
            try:
                runs = [fn(f, lo, hi, a.budget, a.initial, s) for s, (lo, hi) in enumerate(zip(fj["low"], fj["high"]))]
            except ImportError as e:
                print(f"{name:<10} {peer:<16} {'unavailable: ' + str(e):>20}")
                continue
            regrets = [np.log10(max(v - fj["f_min"], 1e-12)) for v, _ in runs]
            fj[peer] = regrets
            fj[peer + "_step_s"] = [s for _, s in runs]
            print(f"{name:<10} {peer:<16} {np.median(regrets):20.3f} {np.mean([s for _, s in runs]):14.4f}")
    if a.out:
        json.dump(res, open(a.out, "w"), indent=1)


if __name__ == "__main__":
    main()
