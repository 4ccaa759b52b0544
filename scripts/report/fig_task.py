"""Figures of `hrsnn mc` / `hrsnn run` folders (summary.json, runs.jsonl, claims.json).

Memory capacity per delay (Jaeger 2001, docs/model.md §5): C(k) = corr²(u(t−k), y_k(t)) on the
test part; the figure shows mean ± std over seeds per variant and the shuffled-target 99th
percentile ("noise floor") below which a term is not counted in the corrected capacity.
"""
import math

import numpy as np

from common import finite, fmt, plt, sort_variants, variant_colour

PRETTY = {
    "capacity_corrected": "memory capacity C (corrected)", "capacity_raw": "memory capacity C (raw)",
    "S": "spiking activity S (spikes / neuron / window)", "efficiency": "spike efficiency E = C/S",
    "accuracy": "test accuracy", "rate_hz": "mean rate (Hz)", "rate_e_hz": "E rate (Hz)",
    "rate_i_hz": "I rate (Hz)",
}


def metric_label(m):
    """Readable axis label of a metric name."""
    if m in PRETTY:
        return PRETTY[m]
    if m.startswith("nrmse_h"):
        return "NRMSE, horizon %s (1)" % m[7:]
    return m.replace("_", " ")


def by_variant(runs):
    """variant -> list of run records (runs.jsonl), in seed order."""
    out = {}
    for r in runs:
        v = r.get("variant") or r.get("label") or "run"
        out.setdefault(str(v), []).append(r)
    for v in out:
        out[v].sort(key=lambda r: r.get("seed") if isinstance(r.get("seed"), (int, float)) else 0)
    return out


def details(records, key):
    """The list-valued details[key] of each record that has one."""
    vals = []
    for r in records:
        d = r.get("details") if isinstance(r.get("details"), dict) else {}
        if isinstance(d.get(key), list) and d[key]:
            vals.append(d[key])
    return vals


def fig_capacity(figs, groups):
    """Mean ± std of C(k) over seeds per variant."""
    if not any(details(g, "capacity_per_delay") for g in groups.values()):
        return
    fig, ax = plt.subplots(figsize=(8.5, 4.8))
    floors = []
    kmax = 1
    for v in sort_variants(list(groups)):
        curves = details(groups[v], "capacity_per_delay")
        if not curves:
            continue
        length = min(len(c) for c in curves)
        arr = np.array([[float(x) if finite(x) else np.nan for x in c[:length]] for c in curves])
        k = np.arange(1, length + 1)
        kmax = max(kmax, length)
        m, s = np.nanmean(arr, axis=0), np.nanstd(arr, axis=0, ddof=1) if len(arr) > 1 else np.zeros(length)
        total = np.nansum(arr, axis=1)
        corr = [r["scalars"]["capacity_corrected"] for r in groups[v] if isinstance(r.get("scalars"), dict)
                and finite(r["scalars"].get("capacity_corrected"))]
        label = "%s: C raw %.2f ± %.2f" % (v, total.mean(), total.std(ddof=1) if len(total) > 1 else 0)
        if corr:
            label += ", corrected %.2f" % np.mean(corr)
        ax.plot(k, m, color=variant_colour(v), lw=1.6, marker="o" if length <= 30 else None, ms=3,
                label=label + " (n=%d)" % len(arr))
        ax.fill_between(k, np.clip(m - s, 0, None), m + s, color=variant_colour(v), alpha=0.18, lw=0)
        floors += [r["details"]["null_threshold"] for r in groups[v]
                   if isinstance(r.get("details"), dict) and finite(r["details"].get("null_threshold"))]
    if floors:
        ax.axhline(float(np.mean(floors)), color="black", ls="--", lw=0.9,
                   label="noise floor (shuffled 99th pct.)")
    ax.set_xscale("log")
    ax.set_xlim(1, kmax)
    ticks = [t for t in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000) if t <= kmax]
    ax.set_xticks(ticks)
    ax.set_xticklabels([str(t) for t in ticks])
    ax.minorticks_off()
    ax.set_ylim(bottom=0)
    ax.set_xlabel("delay k (windows)")
    ax.set_ylabel("C(k) = corr²(u(t−k), y_k(t)) (1)")
    ax.set_title("Memory capacity per delay (mean ± std over seeds)")
    ax.legend(loc="upper right")
    fig.tight_layout()
    figs.save(fig, "capacity_per_delay", "Memory capacity per delay",
              "Raw C(k) per delay (mean over seeds, band ± one standard deviation); the legend gives C = Σ_k C(k), raw and "
              "noise-corrected (terms below the shuffled-target 99th percentile dropped).",
              "Task")


def fig_rate_hists(figs, groups):
    """Per-variant histograms of per-neuron firing rates, pooled over seeds."""
    names = [v for v in sort_variants(list(groups)) if details(groups[v], "rate_hist_hz")]
    if not names:
        return
    pooled = {v: np.concatenate([np.asarray(x, dtype=float) for x in details(groups[v], "rate_hist_hz")]) for v in names}
    hi = max(max(float(np.nanmax(p)) for p in pooled.values()), 1.0)
    bins = np.linspace(0, hi * 1.02, 36)
    cols, rows = grid(len(names))
    fig, axes = plt.subplots(rows, cols, figsize=(4.2 * cols, 3.0 * rows), sharex=True, sharey=True, squeeze=False)
    for ax, v in zip(axes.flat, names):
        r = pooled[v]
        ax.hist(r, bins=bins, color=variant_colour(v), alpha=0.75, weights=np.full(len(r), 1.0 / len(r)))
        ax.set_title("%s: mean %.2f Hz, %.0f%% silent" % (v, np.nanmean(r), 100 * np.mean(r == 0)), fontsize=10)
        ax.set_xlabel("firing rate (Hz)")
        ax.tick_params(labelbottom=True)
    for ax in axes[:, 0]:
        ax.set_ylabel("fraction of neurons")
    for ax in list(axes.flat)[len(names):]:
        ax.axis("off")
    fig.suptitle("Firing-rate distributions per variant (measured part of each run, pooled over seeds)")
    fig.tight_layout()
    figs.save(fig, "rate_hist_variants", "Firing-rate histograms per variant",
              "Distribution of per-neuron firing rates; each panel is one variant.", "Task")


def fig_prediction(figs, groups, window_ms):
    """Prediction vs truth (first output dimension, horizon 1) for the first seed of each variant."""
    names = [v for v in sort_variants(list(groups)) if details(groups[v], "prediction_h1")]
    if not names:
        return
    fig, axes = plt.subplots(len(names), 1, figsize=(9, 1.9 * len(names) + 1.0), sharex=True, squeeze=False)
    for ax, v in zip(axes[:, 0], names):
        rec = [r for r in groups[v] if isinstance(r.get("details"), dict) and r["details"].get("prediction_h1")][0]
        p = np.asarray(rec["details"]["prediction_h1"], dtype=float)
        t = np.asarray(rec["details"].get("truth_h1") or [], dtype=float)
        n = min(len(p), len(t), 300) if len(t) else min(len(p), 300)
        x = np.arange(n)
        if len(t):
            ax.plot(x, t[:n], color="black", lw=1.3, label="truth")
        ax.plot(x, p[:n], color=variant_colour(v), lw=1.2, label="%s prediction" % v)
        nr = (rec.get("scalars") or {}).get("nrmse_h1")
        ax.set_title("%s (seed %s)%s" % (v, rec.get("seed", "?"), ", NRMSE(h=1, mean over output dims) = %.3f" % nr if finite(nr) else ""),
                     fontsize=10, loc="left")
        ax.set_ylabel("1st output\n(task units)")
        ax.legend(loc="lower right", bbox_to_anchor=(1.0, 1.0), ncol=2, fontsize=8, frameon=False)
    axes[-1, 0].set_xlabel("test sample (one window = %g ms of input)" % window_ms)
    fig.suptitle("One-step-ahead prediction vs truth on test data (first %d samples)" % n)
    fig.tight_layout()
    figs.save(fig, "prediction", "Prediction vs truth on test data",
              "First output dimension, horizon 1, first seed of each variant, in the task's original units.",
              "Task")


def fig_confusion(figs, groups):
    """Confusion matrix per variant, mean over seeds, annotated with counts; colour = row fraction."""
    names = [v for v in sort_variants(list(groups)) if details(groups[v], "confusion")]
    if not names:
        return
    cols, rows = grid(len(names))
    k = len(details(groups[names[0]], "confusion")[0])
    size = 3.4 if k <= 4 else 4.4
    fig, axes = plt.subplots(rows, cols, figsize=(size * cols + 1.2, size * rows + 0.8), squeeze=False,
                             constrained_layout=True)
    im = None
    for ax, v in zip(axes.flat, names):
        mats = [np.asarray(m, dtype=float) for m in details(groups[v], "confusion")]
        mats = [m for m in mats if m.shape == mats[0].shape]
        mean = np.mean(mats, axis=0)
        frac = mean / np.maximum(mean.sum(axis=1, keepdims=True), 1e-12)
        im = ax.imshow(frac, cmap="Blues", vmin=0, vmax=1)
        acc = np.trace(mean) / max(mean.sum(), 1e-12)
        ax.set_title("%s: accuracy %.3f (%d seeds)" % (v, acc, len(mats)), fontsize=10, color=variant_colour(v))
        fs = 9 if mean.shape[0] <= 4 else 6.5
        for i in range(mean.shape[0]):
            for j in range(mean.shape[1]):
                ax.text(j, i, ("%.1f" % mean[i, j]).replace(".0", "") if mean[i, j] < 100 else "%.0f" % mean[i, j],
                        ha="center", va="center", fontsize=fs,
                        color="white" if frac[i, j] > 0.6 else "black")
        ax.set_xticks(range(mean.shape[1]))
        ax.set_yticks(range(mean.shape[0]))
    for idx, ax in enumerate(axes.flat):  # bottom panel of each column carries the x label
        if idx < len(names) and idx + cols >= len(names):
            ax.set_xlabel("predicted class")
    for ax in axes[:, 0]:
        ax.set_ylabel("true class")
    for ax in list(axes.flat)[len(names):]:
        ax.axis("off")
    fig.suptitle("Confusion matrices (mean counts over seeds;\ncolour = fraction of the true class)")
    if im is not None:
        fig.colorbar(im, ax=axes.ravel().tolist(), shrink=0.8, label="fraction of true class")
    figs.save(fig, "confusion", "Confusion matrices", "Rows: true class; columns: predicted class.", "Task")


def fig_claims(figs, claims, name="claims", mode=None):
    """Each claim as two bars (compared variants, mean ± std) with p-value and verdict; a claim
    made of several tests (C4) gets one panel per test."""
    flat = []
    for c in claims:
        if isinstance(c, dict) and isinstance(c.get("tests"), list) and not finite(c.get("mean_a")):
            for t in c["tests"]:
                if isinstance(t, dict):
                    part = dict(t)
                    part["id"] = "%s (%s)" % (c.get("id", ""), "holds" if c.get("holds") is True else "does not hold")
                    part["name"] = c.get("name", "")
                    if part.get("a") == "winner":  # the BO re-evaluation's name for the BO-HRSNN winner
                        part["a"] = "BO-HRSNN"
                    flat.append(part)
        else:
            flat.append(c)
    claims = [c for c in flat if isinstance(c, dict) and finite(c.get("mean_a")) and finite(c.get("mean_b"))]
    if not claims:
        return
    cols = min(len(claims), 4)
    rows = int(math.ceil(len(claims) / cols))
    fig, axes = plt.subplots(rows, cols, figsize=(3.4 * cols, 3.6 * rows), squeeze=False)
    for ax, c in zip(axes.flat, claims):
        a, b = str(c.get("a", "a")), str(c.get("b", "b"))
        means = [c["mean_a"], c["mean_b"]]
        stds = [c.get("std_a") if finite(c.get("std_a")) else 0, c.get("std_b") if finite(c.get("std_b")) else 0]
        ax.bar([0, 1], means, yerr=stds, capsize=6, color=[variant_colour(a), variant_colour(b)], width=0.6)
        ax.set_xticks([0, 1])
        ax.set_xticklabels([a, b])
        metric = str(c.get("metric", "value"))
        ax.set_ylabel(metric_label(metric.split(" ")[-1]), fontsize=9)
        holds = c.get("holds")
        verdict = "holds" if holds is True else ("does not hold" if holds is False else "not tested")
        direction = {"greater": ">", "less": "<"}.get(c.get("alternative"), "vs")
        what = "%s %s %s" % (a, direction, b)
        if str(c.get("id", "")).startswith("C4"):
            what = "%s: %s" % (c.get("metric", ""), what)
        ax.set_title("%s %s\n%s" % (c.get("id", ""), c.get("name", ""), what), fontsize=10)
        extra = ""
        if isinstance(c.get("capacity_kept_within_5pct"), bool):
            extra = "\nC kept within 5%%: %s" % ("yes" if c["capacity_kept_within_5pct"] else "no")
        ax.text(0.5, 0.97, "p = %s, n = %s%s\n%s" % (fmt(c.get("p_value"), 3), c.get("n", "?"), extra, verdict),
                transform=ax.transAxes, ha="center", va="top", fontsize=9,
                color="#1a7f37" if holds is True else "#b00020",
                bbox=dict(boxstyle="round", fc="white", ec="#cccccc"))
        top = max(m + s for m, s in zip(means, stds))
        low = min(0.0, min(m - s for m, s in zip(means, stds)))
        ax.set_ylim(low, top * 1.45 if top > 0 else 1)
    for ax in list(axes.flat)[len(claims):]:
        ax.axis("off")
    protocol = name[len("claims_"):] if name.startswith("claims_") else None
    fig.suptitle("Claims: compared values (mean ± std over paired seeds), one-sided paired t-test" +
                 (" — %s mode" % mode if mode else "") + (", %s protocol" % protocol if protocol else "") +
                 ("\nC4 holds only if every one of its panels does" if any(str(c.get("id", "")).startswith("C4") for c in claims) else ""))
    fig.tight_layout()
    figs.save(fig, name, "Claims" + (" (%s protocol)" % protocol if protocol else ""), "Bars: mean ± std over seeds; p from a one-sided paired t-test; "
              "a claim holds when p < 0.05 in its direction.", "Claims")


def fig_metric_bars(figs, summary):
    """Headline metrics per variant as bars with std error bars (one panel per metric)."""
    variants = summary.get("variants") if isinstance(summary, dict) else None
    if not isinstance(variants, dict) or not variants:
        return
    wanted = ["capacity_corrected", "S", "efficiency", "accuracy", "nrmse_h1", "rate_hz"]
    names = sort_variants(list(variants))
    metrics = [m for m in wanted if any(isinstance(variants[v].get(m), dict) for v in names)]
    if not metrics:
        return
    fig, axes = plt.subplots(1, len(metrics), figsize=(3.3 * len(metrics), 3.8), squeeze=False)
    for ax, m in zip(axes[0], metrics):
        means = [to_num(variants[v].get(m, {}).get("mean")) for v in names]
        stds = [to_num(variants[v].get(m, {}).get("std"), 0.0) for v in names]
        ax.bar(range(len(names)), means, yerr=stds, capsize=4, color=[variant_colour(v) for v in names])
        ax.set_xticks(range(len(names)))
        ax.set_xticklabels(names, rotation=35, ha="right")
        ax.set_title(metric_label(m), fontsize=9)
        if m.startswith("nrmse_h"):  # baselines of docs/model.md §5 on the same split
            for base, style in (("persistence", ":"), ("ar", "--")):
                vals = [to_num(variants[v].get(base + m[5:], {}).get("mean")) for v in names]
                vals = [x for x in vals if finite(x)]
                if vals:
                    ax.axhline(float(np.mean(vals)), color="black", ls=style, lw=1,
                               label="%s baseline %.3g" % ("persistence" if base == "persistence" else "linear AR", np.mean(vals)))
            if ax.get_legend_handles_labels()[0]:
                ax.legend(fontsize=7, loc="lower right", bbox_to_anchor=(1.0, 1.06), frameon=False)
    fig.suptitle("Headline metrics per variant (mean ± std over seeds)")
    fig.tight_layout()
    figs.save(fig, "metrics_bars", "Headline metrics per variant", "Bars: mean ± std over seeds.", "Task")


def grid(n):
    """(columns, rows) of a small-multiples grid for n panels: 2 columns for 4, 3 for 5-6."""
    cols = n if n <= 3 else (2 if n == 4 else 3)
    return cols, int(math.ceil(n / cols))


def to_num(x, default=float("nan")):
    """x if it is a finite number, else default."""
    return float(x) if finite(x) else default
