#!/usr/bin/python3
"""Markdown tables for the README from the run folders of scripts/results/run_tables.sh.

    make_tables.py RESULTS_DIR > tables.md

For each size N<size>/ and task folder it reads summary.json and runs.jsonl (written by
`hrsnn run`) and prints mean ± std over the paired seeds per variant, with the one-sided paired
t-test (scipy.stats.ttest_rel) of each heterogeneous variant against MRSNN in the direction
docs/model.md §1 claims, and the baselines for prediction tasks.
"""
import json
import os
import sys

from scipy import stats

VARIANTS = ["MRSNN", "HeNHoS", "HoNHeS", "HeNHeS"]
# metric, label, direction the paper claims for heterogeneity ("greater"/"less"/None)
COLUMNS = {
    "mc": [("capacity_corrected", "C (corrected)", "greater"), ("capacity_raw", "C (raw)", None),
           ("S", "S (spikes/neuron/window)", "less"), ("efficiency", "E = C/S", "greater"),
           ("rate_e_hz", "rate E (Hz)", None), ("rate_i_hz", "rate I (Hz)", None),
           ("isi_cv_e", "ISI CV E", None), ("isi_cv_i", "ISI CV I", None)],
    "lorenz": [("nrmse_h1", "NRMSE h=1", "less"), ("nrmse_res_h1", "res only h=1", None), ("nrmse_h10", "NRMSE h=10", "less"),
               ("nrmse_res_h10", "res only h=10", None), ("S", "S", "less"), ("rate_e_hz", "rate E (Hz)", None)],
    "gunpoint": [("accuracy", "accuracy", "greater"), ("accuracy_res", "res only", None), ("S", "S", "less")],
}
COLUMNS["mackey-glass"] = COLUMNS["lorenz"]
COLUMNS["basicmotions"] = COLUMNS["gunpoint"]
COLUMNS["fsdd"] = COLUMNS["gunpoint"]
# Baselines: the same in every variant's runs of a seed (input-only readout, AR, persistence,
# ESN); reported as mean ± std over seeds, and the MRSNN tested against the input-only readout.
BASELINES = {"mc": [("esn_capacity_corrected", "ESN C (corrected)")],
             "lorenz": [("input_nrmse_h1", "input only h=1"), ("input_nrmse_h10", "input only h=10"),
                        ("persistence_h1", "persistence h=1"), ("ar_h1", "AR(10) h=1"), ("ar_h10", "AR(10) h=10"),
                        ("esn_nrmse_h1", "ESN h=1"), ("esn_nrmse_h10", "ESN h=10")],
             "gunpoint": [("baseline_accuracy", "input only"), ("esn_accuracy", "ESN")]}
BASELINES["mackey-glass"] = BASELINES["lorenz"]
BASELINES["basicmotions"] = BASELINES["gunpoint"]
BASELINES["fsdd"] = BASELINES["gunpoint"]
# (MRSNN metric, baseline metric, direction in which the reservoir should beat it)
VERSUS = {"lorenz": [("nrmse_h10", "ar_h10", "less"), ("nrmse_h1", "input_nrmse_h1", "less")],
          "gunpoint": [("accuracy", "baseline_accuracy", "greater")]}
VERSUS["mackey-glass"] = VERSUS["lorenz"]
VERSUS["basicmotions"] = VERSUS["gunpoint"]
VERSUS["fsdd"] = VERSUS["gunpoint"]
TITLES = {"mc": "Memory capacity (u i.i.d. uniform, K = 100, 2000 train / 1000 test windows)",
          "lorenz": "Lorenz-63 prediction (5000 train / 2000 test samples)",
          "mackey-glass": "Mackey–Glass prediction (5000 train / 2000 test samples)",
          "gunpoint": "GunPoint (UCR) test accuracy", "basicmotions": "BasicMotions (UEA) test accuracy",
          "fsdd": "Free Spoken Digit Dataset test accuracy (2700 train / 300 test)"}


def per_seed(run_dir):
    runs = {}
    with open(os.path.join(run_dir, "runs.jsonl")) as f:
        for line in f:
            try:
                j = json.loads(line)
            except json.JSONDecodeError:
                continue
            runs[(j["variant"], j["seed"])] = j["scalars"]
    return runs


def cell(values):
    if not values:
        return "–"
    m = sum(values) / len(values)
    sd = stats.tstd(values) if len(values) > 1 else 0.0
    return "%.4g ± %.2g" % (m, sd)


BASELINE_DIRS = {"gunpoint": "GunPoint", "basicmotions": "BasicMotions", "fsdd": "fsdd"}


def classification_baseline(root, task, runs):
    """baseline_accuracy from the runs, else from ROOT/baselines/<set>/runs.jsonl (no reservoir)."""
    for scalars in runs.values():
        if "baseline_accuracy" in scalars:
            return scalars["baseline_accuracy"]
    path = os.path.join(root, "baselines", BASELINE_DIRS[task])
    if os.path.exists(os.path.join(path, "runs.jsonl")):
        for scalars in per_seed(path).values():
            if "baseline_accuracy" in scalars:
                return scalars["baseline_accuracy"]
    return None


def table(task, run_dir, out, root):
    summary = json.load(open(os.path.join(run_dir, "summary.json")))
    runs = per_seed(run_dir)
    seeds = summary["seeds"]
    cols = COLUMNS[task]
    out.append("| variant | " + " | ".join(c[1] for c in cols) + " |")
    out.append("|---|" + "---|" * len(cols))
    for v in VARIANTS:
        row = []
        for metric, _, direction in cols:
            vals = [runs[(v, s)].get(metric) for s in seeds if (v, s) in runs]
            vals = [x for x in vals if x is not None]
            text = cell(vals)
            if direction and v != "MRSNN":
                base = [runs[("MRSNN", s)].get(metric) for s in seeds if ("MRSNN", s) in runs]
                if len(base) == len(vals) and len(vals) > 1 and any(a != b for a, b in zip(vals, base)):
                    p = stats.ttest_rel(vals, base, alternative=direction).pvalue
                    text += " (p=%.2g%s)" % (p, "*" if p < 0.05 else "")
            row.append(text)
        out.append("| " + v + " | " + " | ".join(row) + " |")
    parts = []
    for metric, label in BASELINES.get(task, []):
        vals = [runs[("MRSNN", s)][metric] for s in seeds if ("MRSNN", s) in runs and metric in runs[("MRSNN", s)]]
        if vals:
            parts.append("%s %s" % (label, cell(vals)))
    for metric, base, direction in VERSUS.get(task, []):
        pairs = [(runs[("MRSNN", s)].get(metric), runs[("MRSNN", s)].get(base)) for s in seeds if ("MRSNN", s) in runs]
        pairs = [(a, b) for a, b in pairs if a is not None and b is not None]
        if len(pairs) > 1 and any(a != b for a, b in pairs):
            p = stats.ttest_rel([a for a, _ in pairs], [b for _, b in pairs], alternative=direction).pvalue
            parts.append("MRSNN %s vs %s: p=%.2g%s (one-sided)" % (metric, base, p, "*" if p < 0.05 else ""))
    if parts:
        out.append("")
        out.append("Baselines on the same split and seeds: " + "; ".join(parts) + ".")


def main():
    root = sys.argv[1]
    out = []
    sizes = [s for s in os.listdir(root) if s.startswith("N") and s[1:].isdigit()]
    for size in sorted(sizes, key=lambda s: int(s[1:])):
        for task in COLUMNS:
            d = os.path.join(root, size, task)
            if not os.path.exists(os.path.join(d, "summary.json")):
                continue
            n = json.load(open(os.path.join(d, "summary.json")))["seeds"]
            out.append("#### %s, N_R = %s, %d paired seeds" % (TITLES[task], size[1:], len(n)))
            out.append("")
            table(task, d, out, root)
            out.append("")
    print("\n".join(out))
    print("p: one-sided paired t-test against MRSNN in the direction docs/model.md §1 claims; * p < 0.05.")


if __name__ == "__main__":
    main()
