#!/usr/bin/python3
"""The C2/C3 map (issue 13, docs/theory.md) from two `hrsnn sweep` folders on the same seeds.

  het/   HoNHeS and HeNHeS over heterogeneity.stdp_families x heterogeneity.stdp_shape x stdp.eta_minus
  base/  MRSNN and HeNHoS over stdp.eta_minus (they do not depend on the STDP shape or families)

Paired by (eta_minus, seed): dS = S(HoNHeS) - S(MRSNN), dC likewise (C2), and dE = E(HeNHeS) -
E(HeNHoS) (C3 with the neurons held heterogeneous), with two-sided paired t-tests; "C2 holds"
marks a point where S falls (one-sided p < 0.05) while C stays within 5 % of the MRSNN's.
The plastic E->E weights' relative position w_ee_rel is printed beside the soft-bound
equilibria a/(a+b) of all-to-all pairing and of nearest pairing at the measured E rate (both
for independent Poisson spike trains; docs/theory.md), with a = eta_plus tau_plus, b = eta_minus tau_minus.

After the table: what the spike change follows. Over the map's points, the mean paired ΔS is
regressed on the paired change of the plastic E->E weights' mean and of their coefficient of
variation (least squares, with t-tests of each slope), so one sees whether heterogeneous STDP
moves S through where the weights sit or through how spread they are.

Usage: c2_map.py HET_DIR BASE_DIR [--eta-plus 0.01 --tau 20] [--figure docs/figures/c2_map.png]
"""
import argparse
import csv
import math
import os
import sys
from collections import defaultdict

import numpy as np
from scipy import stats


def rows(path):
    with open(os.path.join(path, "sweep.csv"), encoding="utf-8") as f:
        return list(csv.DictReader(f))


def num(x):
    try:
        return float(x)
    except (TypeError, ValueError):
        return math.nan


def paired(a, b, alternative="two-sided"):
    d = [x - y for x, y in zip(a, b)]
    if len(d) < 2 or all(x == 0 for x in d):
        return sum(d) / max(1, len(d)), 1.0
    return sum(d) / len(d), stats.ttest_rel(a, b, alternative=alternative).pvalue


def equilibrium(families, shape, eta_p, eta_m, tau, nu, n=200000, seed=1):
    """Mean soft-bound equilibrium a/(a+b) over the STDP laws (Monte Carlo, gamma with `shape`
    on the heterogeneous families, point laws otherwise), for all-to-all pairing and for nearest
    pairing with independent Poisson pre and post trains at rate nu (spikes/ms)."""
    rng = np.random.default_rng(seed)
    k = math.inf if shape == "point" else float(shape)
    draw = lambda name, mean: (rng.gamma(k, mean / k, n) if name in families and math.isfinite(k) else np.full(n, mean))
    ep, em, tp, tm = draw("eta_plus", eta_p), draw("eta_minus", eta_m), draw("tau_plus", tau), draw("tau_minus", tau)
    a, b = ep * tp, em * tm
    an, bn = a / (1 + nu * tp), b / (1 + nu * tm)
    return float(np.mean(a / (a + b))), float(np.mean(an / (an + bn)))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("het")
    ap.add_argument("base")
    ap.add_argument("--eta-plus", type=float, default=0.01)
    ap.add_argument("--tau", type=float, default=20.0, help="tau_plus = tau_minus (ms)")
    ap.add_argument("--figure", help="also draw the map of relative ΔS (C2 cells marked) to this PNG/SVG")
    a = ap.parse_args()
    cells = []  # (families, shape, balance, relative dS %, C2 holds, relative dE %)
    base = defaultdict(dict)  # (eta_minus, variant) -> seed -> row
    for r in rows(a.base):
        base[(r["stdp.eta_minus"], r["variant"])][r["seed"]] = r
    het = defaultdict(dict)
    keys = set()
    weight_rows = []
    for r in rows(a.het):
        k = (r["heterogeneity.stdp_families"], r["heterogeneity.stdp_shape"], r["stdp.eta_minus"])
        keys.add(k)
        het[k + (r["variant"],)][r["seed"]] = r
    print("| families | shape k | LTD/LTP balance | ΔS HoNHeS−MRSNN (rel.) | p | ΔC (rel.) | p | C2 holds | ΔE HeNHeS−HeNHoS (rel.) | p | w_ee_rel MRSNN / HoNHeS | HoNHeS a/(a+b) all-to-all / nearest |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    fam_order = lambda f: (len(f), f)
    shape_order = lambda s: math.inf if s == "point" else float(s)
    for fam, shape, em in sorted(keys, key=lambda k: (fam_order(k[0]), shape_order(k[1]), float(k[2]))):
        ho, mr = het[(fam, shape, em, "HoNHeS")], base[(em, "MRSNN")]
        he, hn = het[(fam, shape, em, "HeNHeS")], base[(em, "HeNHoS")]
        seeds = sorted(set(ho) & set(mr) & set(he) & set(hn), key=int)
        if len(seeds) < 2:
            continue
        col = lambda d, m: [num(d[s].get(m)) for s in seeds]
        S_h, S_m = col(ho, "S"), col(mr, "S")
        C_h, C_m = col(ho, "capacity_corrected"), col(mr, "capacity_corrected")
        E_he, E_hn = col(he, "efficiency"), col(hn, "efficiency")
        dS, pS = paired(S_h, S_m)
        dC, pC = paired(C_h, C_m)
        dE, pE = paired(E_he, E_hn)
        _, pS_less = paired(S_h, S_m, "less")
        mS, mC, mE = sum(S_m) / len(S_m), sum(C_m) / len(C_m), sum(E_hn) / len(E_hn)
        holds = pS_less < 0.05 and abs(dC) <= 0.05 * mC
        balance = float(em) / a.eta_plus  # tau_plus = tau_minus
        rate = sum(col(ho, "rate_e_hz")) / len(seeds) / 1000.0  # spikes per ms
        ab, near = equilibrium(fam, shape, a.eta_plus, float(em), a.tau, rate)
        w_m = sum(col(mr, "w_ee_rel")) / len(seeds) if "w_ee_rel" in mr[seeds[0]] else math.nan
        w_h = sum(col(ho, "w_ee_rel")) / len(seeds) if "w_ee_rel" in ho[seeds[0]] else math.nan
        print("| %s | %s | %.2f | %+.4f (%+.1f %%) | %.3f | %+.3f (%+.1f %%) | %.3f | %s | %+.3f (%+.1f %%) | %.3f | %.3f / %.3f | %.3f / %.3f |" % (
            fam.replace('"', ""), shape, balance, dS, 100 * dS / mS, pS, dC, 100 * dC / mC, pC,
            "**yes**" if holds else "no", dE, 100 * dE / mE, pE, w_m, w_h, ab, near))
        cells.append((fam.replace('"', ""), shape, balance, 100 * dS / mS, holds, 100 * dE / mE))
        if "w_ee_mean" in ho[seeds[0]]:
            mean_of = lambda x: sum(x) / len(x)
            weight_rows.append([dS, mean_of(col(ho, "w_ee_mean")) - mean_of(col(mr, "w_ee_mean")),
                                mean_of(col(ho, "w_ee_cv")) - mean_of(col(mr, "w_ee_cv"))])
    weight_regression(weight_rows)
    if a.figure:
        draw_map(cells, a.figure)
    return 0


def draw_map(cells, path):
    """One heat map per family set: gamma shape (rows) x LTD/LTP balance (columns), colour = ΔS
    HoNHeS − MRSNN in %, the value written in each cell, a box where C2 holds."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fams = sorted({c[0] for c in cells}, key=lambda f: (len(f), f))
    shapes = sorted({c[1] for c in cells}, key=lambda s: math.inf if s == "point" else float(s))
    balances = sorted({c[2] for c in cells})
    lim = max(abs(c[3]) for c in cells)
    fig, axes = plt.subplots(1, len(fams), figsize=(4.2 * len(fams), 3.2), squeeze=False, sharey=True)
    for ax, fam in zip(axes[0], fams):
        grid = np.full((len(shapes), len(balances)), np.nan)
        for f, sh, b, ds, holds, _ in cells:
            if f != fam:
                continue
            i, j = shapes.index(sh), balances.index(b)
            grid[i, j] = ds
            ax.text(j, i, f"{ds:+.1f}", ha="center", va="center", fontsize=8)
            if holds:
                ax.add_patch(plt.Rectangle((j - 0.5, i - 0.5), 1, 1, fill=False, lw=2.5, ec="black"))
        im = ax.imshow(grid, cmap="RdBu_r", vmin=-lim, vmax=lim, origin="lower", aspect="auto")
        ax.set_xticks(range(len(balances)), [f"{b:.2f}" for b in balances])
        ax.set_yticks(range(len(shapes)), shapes)
        ax.set_xlabel("LTD/LTP balance η₋τ₋ / η₊τ₊")
        if ax is axes[0][0]:
            ax.set_ylabel("gamma shape k")
        ax.set_title(fam.replace("eta_", "η").replace("tau_", "τ").replace("plus", "₊").replace("minus", "₋"), fontsize=9)
    fig.colorbar(im, ax=axes[0].tolist(), label="ΔS HoNHeS − MRSNN (%)")
    fig.suptitle("Where C2 holds (boxed: S lower, one-sided p < 0.05, C within 5 %)", fontsize=10)
    fig.savefig(path, dpi=110, bbox_inches="tight")


def weight_regression(rows_):
    """dS ~ b0 + b1 dmean(w_ee) + b2 dcv(w_ee) over the points; prints R^2 of each part and the slopes."""
    D = np.array(rows_)
    if len(D) < 5:
        return
    y = D[:, 0]
    tss = np.sum((y - y.mean()) ** 2)

    def fit(cols):
        X = np.c_[np.ones(len(D)), D[:, cols]]
        b, *_ = np.linalg.lstsq(X, y, rcond=None)
        resid = y - X @ b
        dof = len(y) - X.shape[1]
        cov = np.sum(resid ** 2) / dof * np.linalg.inv(X.T @ X)
        p = 2 * stats.t.sf(np.abs(b / np.sqrt(np.diag(cov))), dof)
        return b, p, 1 - np.sum(resid ** 2) / tss

    print(f"\nΔS against the change of the E->E weights over {len(D)} points "
          f"(Δmean {D[:, 1].min():+.3f}..{D[:, 1].max():+.3f} mV, ΔCV {D[:, 2].min():+.3f}..{D[:, 2].max():+.3f}):")
    for label, cols in [("mean only", [1]), ("CV only", [2]), ("mean and CV", [1, 2])]:
        b, p, r2 = fit(cols)
        slopes = ", ".join(f"{n} {bi:+.4f} (p {pi:.2g})" for n, bi, pi in zip(["Δmean", "ΔCV"] if len(cols) == 2 else [label.split()[0]], b[1:], p[1:]))
        print(f"  {label:<12} R² {r2:.2f}: {slopes}")


if __name__ == "__main__":
    sys.exit(main())
