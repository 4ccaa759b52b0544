#!/usr/bin/python3
"""Reference test: each constraint GP of the optimiser against scikit-learn's GaussianProcessRegressor.

The optimiser models each constraint's slack g (metric - bound for `<=`, bound - metric for `>=`)
with its own GP on standardised slacks, leaving out records that do not report the metric, and
scores P(feasible) = prod_k Phi(-m_k / s_k). At the hyperparameters hrsnn fitted (held fixed in
scikit-learn, normalize_y=True, alpha = noise variance + any jitter) the slack posterior mean,
latent variance and the log probability of feasibility must agree to 1e-8 relative.
"""
import json
import subprocess
import sys

import numpy as np
from scipy.stats import norm
from sklearn.gaussian_process import GaussianProcessRegressor
from sklearn.gaussian_process.kernels import ConstantKernel, Matern

tool = sys.argv[1]
failures = []


def rel(a, b):
    a, b = np.asarray(a, float), np.asarray(b, float)
    return np.max(np.abs(a - b) / np.maximum(np.abs(b), 1e-12))


for case, (n, d) in enumerate([(14, 2), (24, 3), (30, 5)]):
    rng = np.random.default_rng(200 + case)
    X = rng.random((n, d))
    y = np.sin(4 * X[:, 0]) + X[:, 1]
    m0 = X.sum(axis=1) + 0.05 * rng.standard_normal(n)           # constraint 0: m0 <= 0.5 d
    m1 = np.cos(3 * X[:, 0]) * X[:, -1] + 0.02 * rng.standard_normal(n)  # constraint 1: m1 >= 0
    m1[rng.random(n) < 0.25] = np.nan                             # some records lack metric 1
    cons = [dict(metric=0, bound=0.5 * d, upper=True), dict(metric=1, bound=0.0, upper=False)]
    Xs = rng.random((20, d))
    M = [[None if np.isnan(v) else float(v) for v in row] for row in np.c_[m0, m1]]  # JSON null = missing
    payload = dict(cmd="constraint", X=X.tolist(), y=y.tolist(), M=M, Xs=Xs.tolist(), constraints=cons,
                   seed=11 + case)
    text = json.dumps(payload)
    res = subprocess.run([tool], input=text, capture_output=True, text=True)
    if res.returncode != 0:
        print(res.stderr)
        sys.exit(1)
    out = json.loads(res.stdout)
    log_feas = np.zeros(len(Xs))
    for k, (c, metric) in enumerate(zip(cons, [m0, m1])):
        g = metric - c["bound"] if c["upper"] else c["bound"] - metric
        keep = np.isfinite(g)
        h = out["gps"][k]
        kern = ConstantKernel(np.exp(h["log_s2"]), "fixed") * Matern(np.exp(h["log_l"]), "fixed", nu=2.5)
        gpr = GaussianProcessRegressor(kern, alpha=np.exp(h["log_sn2"]) + h["jitter"], optimizer=None,
                                       normalize_y=True).fit(X[keep], g[keep])
        mean, std = gpr.predict(Xs, return_std=True)
        errs = dict(mean=rel(h["mean"], mean), var=rel(h["var"], std ** 2))
        print(f"case {case} n={n} d={d} constraint {k} ({keep.sum()} records): relative errors {errs}")
        for key, e in errs.items():
            if not e <= 1e-8:
                failures.append(f"case {case} constraint {k}: {key} relative error {e:.3g} > 1e-8")
        log_feas += norm.logcdf(-mean / std)
    e = rel(out["log_feasibility"], log_feas)
    print(f"case {case}: log P(feasible) relative error {e:.3g}")
    if not e <= 1e-8:
        failures.append(f"case {case}: log P(feasible) relative error {e:.3g} > 1e-8")

if failures:
    print("FAILED:\n  " + "\n  ".join(failures))
    sys.exit(1)
print("all constraint-GP reference checks passed")
