"""BO figures from an optimisation run folder (journal.jsonl, optionally convergence.csv / best.toml).

Journal (docs/bo.md): line 1 a header ("type": "header", fingerprint, space, signature), then one
line per evaluation with params, status and objective. Every key is read defensively: a journal
of another version, a torn last line or failed evaluations must not stop the report.
"""
import os

import numpy as np
from matplotlib.ticker import MaxNLocator

from common import finite, plt, read_jsonl, read_toml_value


def load_journal(run_dir):
    """(header dict, list of evaluation dicts) from RUN/journal.jsonl; None when absent/empty."""
    rows = read_jsonl(os.path.join(run_dir, "journal.jsonl"))
    if not rows:
        return None
    header = rows[0] if rows[0].get("type") == "header" or "fingerprint" in rows[0] else {}
    evals = [r for r in rows if r is not header and (r.get("type") == "eval" or "objective" in r)]
    evals.sort(key=lambda r: r.get("eval") if finite(r.get("eval")) else 0)
    return header, evals


def is_maximising(run_dir, header, evals):
    """Direction of the search: best.toml's best objective decides, then the header signature."""
    best = read_toml_value(os.path.join(run_dir, "best.toml"), "best.objective")
    ok = [r["objective"] for r in evals if r.get("status", "ok") == "ok" and finite(r.get("objective"))]
    if finite(best) and ok and min(ok) != max(ok):
        return abs(best - max(ok)) < abs(best - min(ok))
    if header.get("maximize") is True:
        return True
    return "maximize=1" in str(header.get("signature", ""))


def best_index(evals, maximise):
    """Index into evals of the best successful evaluation, or None."""
    best = None
    for i, r in enumerate(evals):
        if r.get("status", "ok") != "ok" or not finite(r.get("objective")):
            continue
        if best is None or (r["objective"] > evals[best]["objective"] if maximise else r["objective"] < evals[best]["objective"]):
            best = i
    return best


def fig_bo(figs, run_dir):
    """Convergence plot; returns (best evaluation dict, maximise flag, counts) for the page, or None."""
    loaded = load_journal(run_dir)
    if loaded is None:
        return None
    header, evals = loaded
    if not evals:
        return {"best": None, "maximise": False, "n": 0, "failed": 0, "header": header}
    maximise = is_maximising(run_dir, header, evals)
    x = np.arange(1, len(evals) + 1)
    y = np.array([r["objective"] if r.get("status", "ok") == "ok" and finite(r.get("objective")) else np.nan for r in evals])
    ok = ~np.isnan(y)
    best_so_far = np.full(len(y), np.nan)
    cur = np.nan
    for i, v in enumerate(y):
        if not np.isnan(v) and (np.isnan(cur) or (v > cur if maximise else v < cur)):
            cur = v
        best_so_far[i] = cur
    rounds = [r.get("round") for r in evals]
    n_initial = sum(1 for r in rounds if r == 0) if any(finite(r) for r in rounds) else 0
    fig, ax = plt.subplots(figsize=(8.5, 4.6))
    if n_initial:
        ax.axvspan(0.5, n_initial + 0.5, color="#eeeeee", label="initial design (%d points)" % n_initial)
    ax.plot(x[ok], y[ok], "o", ms=4, color="#7f7f7f", alpha=0.8, label="evaluation")
    ax.step(x, best_so_far, where="post", color="#d62728", lw=2, label="best so far")
    failed = ~ok
    if failed.any():  # no objective: marked on the bottom edge, outside the data scale
        ax.plot(x[failed], np.full(failed.sum(), 0.03), "x", color="black", ms=6,
                transform=ax.get_xaxis_transform(), clip_on=False, label="failed (%d)" % failed.sum())
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("evaluation (journal order)")
    ax.set_ylabel("objective (%s is better)" % ("higher" if maximise else "lower"))
    finite_y = y[ok]
    if len(finite_y) and finite_y.min() > 0 and finite_y.max() / finite_y.min() > 100:
        ax.set_yscale("log")
    ax.set_xlim(0.5, len(evals) + 0.5)
    ax.set_title("Bayesian optimisation: convergence (%d evaluations)" % len(evals))
    ax.legend(loc="best")
    fig.tight_layout()
    figs.save(fig, "bo_convergence", "BO convergence",
              "Grey dots: objective of each evaluation in journal order; red: best so far.", "Optimisation")
    bi = best_index(evals, maximise)
    return {"best": evals[bi] if bi is not None else None, "maximise": maximise, "n": len(evals),
            "failed": int(failed.sum()), "header": header}


def fig_pareto(figs, run_dir):
    """Multi-objective runs (pareto.csv): every evaluation in the plane of the first two objectives,
    the front, and the hypervolume after each evaluation; None when the run has no front."""
    import csv
    import json
    path = os.path.join(run_dir, "pareto.csv")
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8") as f:
        front = list(csv.DictReader(f))
    try:
        with open(os.path.join(run_dir, "metrics.json"), encoding="utf-8") as f:
            pm = json.load(f).get("pareto", {})
    except (OSError, ValueError):
        pm = {}
    metrics = pm.get("metrics") or [k for k in (front[0].keys() if front else []) if k not in ("eval", "objective")][:1]
    if not metrics:
        return None
    m = metrics[0]
    loaded = load_journal(run_dir)
    evals = loaded[1] if loaded else []
    pts = [(r.get("objective"), (r.get("metrics") or {}).get(m)) for r in evals if r.get("status", "ok") == "ok"]
    pts = [(a, b) for a, b in pts if finite(a) and finite(b)]
    hv = []
    try:
        with open(os.path.join(run_dir, "hypervolume.csv"), encoding="utf-8") as f:
            hv = [float(r["hypervolume"]) for r in csv.DictReader(f)]
    except (OSError, ValueError, KeyError):
        pass
    fig, axes = plt.subplots(1, 2, figsize=(11, 4.4))
    ax = axes[0]
    if pts:
        ax.plot([p[0] for p in pts], [p[1] for p in pts], "o", ms=4, color="#9a9a9a", label="evaluations")
    fx = [float(r["objective"]) for r in front]
    fy = [float(r[m]) for r in front]
    order = np.argsort(fx)
    ax.plot(np.array(fx)[order], np.array(fy)[order], "o-", color="#d62728", lw=1.5, label="Pareto front (%d)" % len(front))
    ref = pm.get("reference")
    if isinstance(ref, list) and len(ref) >= 2 and finite(ref[0]) and finite(ref[1]):
        ax.plot([ref[0]], [ref[1]], "k*", ms=10, label="reference")
    ax.set_xlabel("objective")
    ax.set_ylabel(m)
    ax.set_title("Objective vs %s" % m)
    ax.legend(loc="best", fontsize=8)
    ax = axes[1]
    if hv:
        ax.plot(np.arange(1, len(hv) + 1), hv, color="#1f77b4", lw=2)
    ax.set_xlabel("evaluation")
    ax.set_ylabel("hypervolume")
    ax.set_title("Hypervolume against the reference")
    fig.tight_layout()
    figs.save(fig, "bo_pareto", "Pareto front", "Left: every successful evaluation (grey) and the front of the "
              "observed-feasible ones (red) with the hypervolume reference (star); right: hypervolume after each "
              "evaluation (docs/bo.md).", "Optimisation")
    return {"front": len(front)}
