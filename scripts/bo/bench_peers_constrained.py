#!/usr/bin/env python3
"""Peer benchmark (not CI): hrsnn's constrained and multi-objective BO vs BoTorch.

Constrained (`gardner`, `branin_disc`): hrsnn `optimize` (log-EI x P(feasible), one GP per
constraint) vs BoTorch qLogEI with the constraint as an outcome model (feasibility weighting of
the MC samples). Multi-objective (`branin_currin`, reference (18, 6)): hrsnn's exact EHVI and
ParEGO vs BoTorch qLogNEHVI. Same budget, initial-design size and seeds; reports, per method over the seeds, the
median regret of the best observed feasible value (and of hrsnn's reported winner), the number of
seeds within `--tol` of the feasible optimum, the median final hypervolume, and the wall time per
BO step (hrsnn's includes process start-up, so it is an upper bound).

Needs a Python with botorch (PyPI), e.g.
    python3 -m venv /work/venv-bo && /work/venv-bo/bin/pip install botorch
    /work/venv-bo/bin/python scripts/bo/bench_peers_constrained.py --hrsnn build/src/cli/hrsnn
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
from bench_functions import CONSTRAINED, branin01, currin  # noqa: E402

REF = np.array([18.0, 6.0])


def hypervolume_2d(Y, ref):
    """Exact hypervolume dominated by minimised points Y (n x 2) below the reference."""
    Y = np.asarray([y for y in Y if np.all(y < ref)])
    if len(Y) == 0:
        return 0.0
    Y = Y[np.argsort(Y[:, 0])]
    # Sweep in increasing first objective: each point that improves the second adds the strip
    # between its second objective and the best second objective so far.
    hv, best2 = 0.0, ref[1]
    for y in Y:
        if y[1] < best2:
            hv += (ref[0] - y[0]) * (best2 - y[1])
            best2 = y[1]
    return hv


def run_hrsnn(hrsnn, name, budget, initial, seed, pareto, method="auto"):
    with tempfile.TemporaryDirectory() as tmp:
        cfg = os.path.join(tmp, "c.toml")
        text = f'[objective]\nname = "{name}"\n[bo]\nbudget = {budget}\ninitial = {initial}\nseed = {seed}\n'
        if pareto:
            text += f'[bo.pareto]\nmetrics = ["currin"]\nreference = [18, 6]\nmethod = "{method}"\n'
        open(cfg, "w").write(text)
        out = os.path.join(tmp, "run")
        t0 = time.time()
        subprocess.run([hrsnn, "optimize", cfg, "--out", out], check=True, capture_output=True)
        step = (time.time() - t0) / (budget - initial)
        recs = [json.loads(line) for line in open(os.path.join(out, "journal.jsonl"))]
        recs = [r for r in recs if r.get("type") != "header" and "objective" in r]
        metrics = json.load(open(os.path.join(out, "metrics.json")))
        return recs, metrics, step


def botorch_constrained(f, g, bound, low, high, budget, initial, seed):
    import torch
    from botorch.acquisition.logei import qLogExpectedImprovement
    from botorch.acquisition.objective import GenericMCObjective
    from botorch.fit import fit_gpytorch_mll
    from botorch.models import ModelListGP, SingleTaskGP
    from botorch.models.transforms import Normalize, Standardize
    from botorch.optim import optimize_acqf
    from gpytorch.mlls import SumMarginalLogLikelihood
    from torch.quasirandom import SobolEngine

    torch.manual_seed(seed)
    d = len(low)
    lo, hi = torch.tensor(low, dtype=torch.double), torch.tensor(high, dtype=torch.double)
    X = lo + (hi - lo) * SobolEngine(d, scramble=True, seed=seed).draw(initial, dtype=torch.double)

    def evaluate(x):
        x = x.numpy()
        return [-f(x), g(x) - bound]  # BoTorch maximises the objective; slack <= 0 is feasible

    Y = torch.tensor([evaluate(x) for x in X], dtype=torch.double)
    t0 = time.time()
    for _ in range(budget - initial):
        models = [SingleTaskGP(X, Y[:, i:i + 1], input_transform=Normalize(d), outcome_transform=Standardize(1))
                  for i in range(2)]
        model = ModelListGP(*models)
        fit_gpytorch_mll(SumMarginalLogLikelihood(model.likelihood, model))
        feas = Y[:, 1] <= 0
        best_f = Y[feas, 0].max() if feas.any() else Y[:, 0].min()
        acq = qLogExpectedImprovement(model, best_f=best_f, objective=GenericMCObjective(lambda Z, X=None: Z[..., 0]),
                                      constraints=[lambda Z: Z[..., 1]])
        x, _ = optimize_acqf(acq, bounds=torch.stack([lo, hi]), q=1, num_restarts=8, raw_samples=256)
        X = torch.cat([X, x])
        Y = torch.cat([Y, torch.tensor([evaluate(x[0])], dtype=torch.double)])
    step = (time.time() - t0) / (budget - initial)
    feas = (Y[:, 1] <= 0).numpy()
    best = float(-Y[feas, 0].max()) if feas.any() else float("inf")
    return best, step


def botorch_mo(budget, initial, seed):
    import torch
    from botorch.acquisition.multi_objective.logei import qLogNoisyExpectedHypervolumeImprovement
    from botorch.fit import fit_gpytorch_mll
    from botorch.models import ModelListGP, SingleTaskGP
    from botorch.models.transforms import Normalize, Standardize
    from botorch.optim import optimize_acqf
    from gpytorch.mlls import SumMarginalLogLikelihood
    from torch.quasirandom import SobolEngine

    torch.manual_seed(seed)
    X = SobolEngine(2, scramble=True, seed=seed).draw(initial, dtype=torch.double)

    def evaluate(x):
        x = x.numpy()
        return [-branin01(x), -currin(x)]

    Y = torch.tensor([evaluate(x) for x in X], dtype=torch.double)
    bounds = torch.tensor([[0.0, 0.0], [1.0, 1.0]], dtype=torch.double)
    t0 = time.time()
    for _ in range(budget - initial):
        models = [SingleTaskGP(X, Y[:, i:i + 1], input_transform=Normalize(2), outcome_transform=Standardize(1))
                  for i in range(2)]
        model = ModelListGP(*models)
        fit_gpytorch_mll(SumMarginalLogLikelihood(model.likelihood, model))
        acq = qLogNoisyExpectedHypervolumeImprovement(model, ref_point=(-REF).tolist(), X_baseline=X,
                                                      prune_baseline=True)
        x, _ = optimize_acqf(acq, bounds=bounds, q=1, num_restarts=8, raw_samples=256)
        X = torch.cat([X, x])
        Y = torch.cat([Y, torch.tensor([evaluate(x[0])], dtype=torch.double)])
    step = (time.time() - t0) / (budget - initial)
    return hypervolume_2d(-Y.numpy(), REF), step


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--hrsnn", required=True, help="the hrsnn CLI")
    ap.add_argument("--budget", type=int, default=30)
    ap.add_argument("--initial", type=int, default=8)
    ap.add_argument("--seeds", type=int, default=10)
    ap.add_argument("--tol", type=float, default=0.05, help="regret counted as reaching the feasible optimum")
    ap.add_argument("--no-botorch", action="store_true", help="hrsnn only")
    ap.add_argument("--out", help="write every number as JSON")
    a = ap.parse_args()
    res = {"budget": a.budget, "initial": a.initial, "seeds": a.seeds, "tol": a.tol}
    hdr = f"{'problem':<14} {'method':<18} {'median regret':>14} {'within tol':>10} {'s per step':>11}"
    print(hdr)
    for name, (f, g, bound, low, high, f_min) in CONSTRAINED.items():
        rows = {"hrsnn (winner)": [], "hrsnn (observed)": [], "hrsnn step": []}
        for s in range(a.seeds):
            recs, metrics, step = run_hrsnn(a.hrsnn, name, a.budget, a.initial, s + 1, False)
            feas = [r["objective"] for r in recs if r["metrics"][CONSTRAINED_METRIC[name]] <= bound]
            rows["hrsnn (observed)"].append(min(feas) - f_min if feas else np.inf)
            w = metrics.get("best_objective")
            rows["hrsnn (winner)"].append(w - f_min if w is not None else np.inf)
            rows["hrsnn step"].append(step)
        res[name] = {k: list(map(float, v)) for k, v in rows.items()}
        for m in ("hrsnn (winner)", "hrsnn (observed)"):
            r = np.array(rows[m])
            print(f"{name:<14} {m:<18} {np.median(r):14.4g} {int(np.sum(r < a.tol)):>7}/{a.seeds} "
                  f"{np.mean(rows['hrsnn step']):11.4f}")
        if a.no_botorch:
            continue
        bt = [botorch_constrained(f, g, bound, low, high, a.budget, a.initial, s + 1) for s in range(a.seeds)]
        r = np.array([b - f_min for b, _ in bt])
        res[name]["botorch_qlogei"] = r.tolist()
        res[name]["botorch_step"] = [st for _, st in bt]
        print(f"{name:<14} {'BoTorch qLogEI':<18} {np.median(r):14.4g} {int(np.sum(r < a.tol)):>7}/{a.seeds} "
              f"{np.mean([st for _, st in bt]):11.4f}")
    print(f"\n{'problem':<14} {'method':<18} {'median HV':>14} {'s per step':>22}")
    res["branin_currin"] = {}
    for method, label in [("ehvi", "hrsnn EHVI"), ("parego", "hrsnn ParEGO")]:
        hv, steps = [], []
        for s in range(a.seeds):
            recs, metrics, step = run_hrsnn(a.hrsnn, "branin_currin", a.budget, a.initial, s + 1, True, method)
            Y = np.array([[r["objective"], r["metrics"]["currin"]] for r in recs])
            hv.append(hypervolume_2d(Y, REF))
            steps.append(step)
        res["branin_currin"][f"hrsnn_{method}_hv"] = hv
        res["branin_currin"][f"hrsnn_{method}_step"] = steps
        print(f"{'branin_currin':<14} {label:<18} {np.median(hv):14.4g} {np.mean(steps):22.4f}")
    if not a.no_botorch:
        bt = [botorch_mo(a.budget, a.initial, s + 1) for s in range(a.seeds)]
        res["branin_currin"]["botorch_qlognehvi_hv"] = [h for h, _ in bt]
        res["branin_currin"]["botorch_step"] = [st for _, st in bt]
        print(f"{'branin_currin':<14} {'BoTorch qLogNEHVI':<18} {np.median([h for h, _ in bt]):14.4g} "
              f"{np.mean([st for _, st in bt]):22.4f}")
    if a.out:
        json.dump(res, open(a.out, "w"), indent=1)


CONSTRAINED_METRIC = {"gardner": "g", "branin_disc": "r2"}

if __name__ == "__main__":
    main()
