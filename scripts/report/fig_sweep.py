"""Figures of `hrsnn sweep` folders (summary.csv, docs/sweep.md).

For each headline metric: the per-variant means over the points, and each paired difference
between variants (a − b over shared seeds) with its two-sided paired t-test. The layout follows
how many swept keys vary: one → a line plot over its values (mean ± std over seeds), two → a heat
map (rows the first key, columns the second), more → a line over the points in sweep order.
Paired differences with p < 0.05 are marked (filled marker, or * in the heat-map cell).
"""
import csv
import math

import numpy as np

from common import finite, plt, sort_variants, variant_colour
from fig_task import metric_label

HEADLINE = ["capacity_corrected", "S", "efficiency", "accuracy", "nrmse_h1", "rate_hz"]


def read_summary(path):
    """(keys, rows) of a sweep summary.csv; rows are dicts with numeric mean/std/n/p_value."""
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        header = reader.fieldnames or []
        if "variant" not in header or header[:1] != ["point"]:
            return [], []
        keys = header[1:header.index("variant")]
        rows = []
        for r in reader:
            out = dict(r)
            for c in ("mean", "std", "p_value"):
                try:
                    out[c] = float(r.get(c) or "nan")
                except ValueError:
                    out[c] = math.nan
            out["point"] = int(r["point"])
            rows.append(out)
    return keys, rows


def _value_order(values):
    """Distinct values in a readable order: numbers ascending, then words, in first-seen order."""
    seen = list(dict.fromkeys(values))

    def num(v):
        try:
            return float(v)
        except ValueError:
            return None
    numbers = sorted((v for v in seen if num(v) is not None), key=num)
    return numbers + [v for v in seen if num(v) is None]


def _layout(keys, rows):
    """(varying keys, point → {key: value}) of the points in rows."""
    points = {}
    for r in rows:
        points.setdefault(r["point"], {k: r.get(k, "") for k in keys})
    varying = [k for k in keys if len({p[k] for p in points.values()}) > 1]
    return varying, points


def _series(rows, variant, minus, metric):
    """point → row for one (variant, minus, metric)."""
    return {r["point"]: r for r in rows if r["variant"] == variant and r["minus"] == minus and r["metric"] == metric}


def _draw(ax, series, varying, points, colour, label, mark_p):
    """One series on ax: a line over one key or over the points; returns an image for heat maps."""
    if len(varying) == 2:
        ys, xs = _value_order([p[varying[0]] for p in points.values()]), _value_order([p[varying[1]] for p in points.values()])
        grid = np.full((len(ys), len(xs)), np.nan)
        for pt, r in series.items():
            grid[ys.index(points[pt][varying[0]]), xs.index(points[pt][varying[1]])] = r["mean"]
        lim = np.nanmax(np.abs(grid)) if mark_p and np.isfinite(grid).any() else None
        im = ax.imshow(grid, cmap="RdBu_r" if mark_p else "viridis", aspect="auto",
                       vmin=-lim if lim else None, vmax=lim if lim else None)
        for pt, r in series.items():
            i, j = ys.index(points[pt][varying[0]]), xs.index(points[pt][varying[1]])
            if finite(r["mean"]):
                star = "*" if mark_p and finite(r["p_value"]) and r["p_value"] < 0.05 else ""
                ax.text(j, i, "%.3g%s" % (r["mean"], star), ha="center", va="center", fontsize=7)
        ax.set_xticks(range(len(xs)))
        ax.set_xticklabels(xs, rotation=35, ha="right", fontsize=7)
        ax.set_yticks(range(len(ys)))
        ax.set_yticklabels(ys, fontsize=7)
        ax.set_xlabel(varying[1])
        ax.set_ylabel(varying[0])
        return im
    if len(varying) == 1:
        order = _value_order([p[varying[0]] for p in points.values()])
        pts = sorted(series, key=lambda pt: order.index(points[pt][varying[0]]))
        xs = [order.index(points[pt][varying[0]]) for pt in pts]
        ax.set_xticks(range(len(order)))
        ax.set_xticklabels(order, rotation=35, ha="right")
        ax.set_xlabel(varying[0])
    else:
        pts = sorted(series)
        xs = pts
        ax.set_xlabel("point (sweep.csv)")
    means = [series[pt]["mean"] for pt in pts]
    stds = [series[pt]["std"] if finite(series[pt]["std"]) else 0.0 for pt in pts]
    ax.errorbar(xs, means, yerr=stds, color=colour, label=label, capsize=3, marker="o", mfc="white")
    if mark_p:
        sig = [(x, m) for x, m, pt in zip(xs, means, pts) if finite(series[pt]["p_value"]) and series[pt]["p_value"] < 0.05]
        if sig:
            ax.plot([s[0] for s in sig], [s[1] for s in sig], "o", color=colour, label="p < 0.05")
        ax.axhline(0.0, color="black", lw=0.8)
    return None


def fig_sweep(figs, summary_csv):
    """Per-variant means and paired differences of the headline metrics over the sweep's points."""
    keys, rows = read_summary(summary_csv)
    if not rows:
        return
    varying, points = _layout(keys, rows)
    present = {r["metric"] for r in rows}
    metrics = [m for m in HEADLINE if m in present] or sorted(present)[:3]
    variants = sort_variants(sorted({r["variant"] for r in rows if r["minus"] == ""}))
    pairs = sorted({(r["variant"], r["minus"]) for r in rows if r["minus"] != ""},
                   key=lambda p: (variants.index(p[1]) if p[1] in variants else 99, variants.index(p[0]) if p[0] in variants else 99))
    how = ("heat map over %s × %s" % (varying[0], varying[1]) if len(varying) == 2 else
           "over %s" % varying[0] if len(varying) == 1 else "over the points")
    for m in metrics:
        # Means per variant: one panel per variant for heat maps, one panel with a line each otherwise.
        if len(varying) == 2:
            fig, axes = plt.subplots(1, len(variants), figsize=(max(6.0, 4.2 * len(variants)), 3.6), squeeze=False)
            for ax, v in zip(axes[0], variants):
                im = _draw(ax, _series(rows, v, "", m), varying, points, None, v, False)
                ax.set_title(v, fontsize=9)
                fig.colorbar(im, ax=ax, shrink=0.8)
        else:
            fig, ax = plt.subplots(figsize=(6, 3.6))
            for v in variants:
                _draw(ax, _series(rows, v, "", m), varying, points, variant_colour(v), v, False)
            ax.set_ylabel(metric_label(m))
            ax.legend(fontsize=7, frameon=False)
        fig.suptitle("%s, %s (mean ± std over seeds)" % (metric_label(m), how), fontsize=10)
        fig.tight_layout()
        figs.save(fig, "sweep_%s" % m, "%s over the sweep" % metric_label(m),
                  "Mean over seeds per variant, %s." % how, "Sweep")
        if not pairs:
            continue
        n = len(pairs)
        fig, axes = plt.subplots(1, n, figsize=(max(6.0, 4.2 * n), 3.6), squeeze=False)
        for ax, (a, b) in zip(axes[0], pairs):
            im = _draw(ax, _series(rows, a, b, m), varying, points, variant_colour(a), "%s − %s" % (a, b), True)
            ax.set_title("%s − %s" % (a, b), fontsize=9)
            if im is not None:
                fig.colorbar(im, ax=ax, shrink=0.8)
            else:
                ax.set_ylabel("Δ " + m)
        fig.suptitle("Paired differences of %s, %s" % (metric_label(m), how), fontsize=10)
        fig.tight_layout()
        figs.save(fig, "sweep_diff_%s" % m, "Paired differences of %s" % metric_label(m),
                  "a − b per seed, mean ± std over seeds, %s; p < 0.05 (two-sided paired t-test) is a filled "
                  "marker or * in the cell." % how, "Sweep")
