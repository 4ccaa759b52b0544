#!/usr/bin/env python3
"""Stage 1 of the input-pathway and readout ablation (issue 10): what the reservoir throws away.

For each task and each setting (encoding.kind x task.features) one resumable `hrsnn run` folder
of the MRSNN over paired seeds; every run reports the reservoir-only, reservoir+input and
input-only readouts side by side, so readout_input needs no runs of its own. The echo state
network of the same size runs once per task (it does not depend on the spiking settings).

Settings are chosen on validation data only: series tasks run on the training part alone, its
last 20 % held out as the "test" split (task.train / task.test carved from the default 5000
training windows); memory capacity uses its own fresh i.i.d. input, on seeds 101.. that the
reported comparisons never use. The classification tasks fsdd and gunpoint are scored on
their test splits, for information only; the choice among them uses fsdd-val, gunpoint-val and
basicmotions-val (task.validation: held-out training data, the test split not read).

Usage: scripts/results/ablation.py HRSNN_BIN OUT [--n 500] [--seeds 3] [--tasks mc lorenz ...]
Writes OUT/<task>/<setting>/ run folders, OUT/ablation.csv and OUT/ablation.md.
"""
import argparse
import csv
import json
import os
import pathlib
import subprocess
import time

SETTINGS = {
    "poisson-counts": ["encoding.kind=poisson", "task.features=counts"],
    "poisson-traces": ["encoding.kind=poisson", "task.features=traces", "task.trace_tau_ms=[5, 20, 100]"],
    "regular-counts": ["encoding.kind=regular", "task.features=counts"],
    "regular-traces": ["encoding.kind=regular", "task.features=traces", "task.trace_tau_ms=[5, 20, 100]"],
    "current-counts": ["encoding.kind=current", "task.features=counts"],
    "current-traces": ["encoding.kind=current", "task.features=traces", "task.trace_tau_ms=[5, 20, 100]"],
}

# Validation splits: 4000 + 1000 of the default 5000 training windows.
TASKS = {
    "mc": (["task.kind=mc", "experiment.first_seed=101"], "validation (seeds 101..)"),
    "lorenz": (["task.kind=lorenz", "task.train=4000", "task.test=1000"], "validation (last 20 % of training)"),
    "mackey-glass": (["task.kind=mackey-glass", "task.train=4000", "task.test=1000"], "validation (last 20 % of training)"),
    "fsdd": (["task.kind=fsdd", "task.max_train_per_label_speaker=10"], "test (600 training recordings)"),
    "gunpoint": (["task.kind=ucr", "task.name=GunPoint"], "test"),
    # task.validation: FSDD holds out file index 5-9 (300 recordings) and trains on 600 of index
    # >= 10; UCR/UEA hold out every 4th training series of each class. The test split is not read.
    "fsdd-val": (["task.kind=fsdd", "task.max_train_per_label_speaker=10", "task.validation=true"],
                 "validation (index 5-9; 600 training recordings of index >= 10)"),
    "gunpoint-val": (["task.kind=ucr", "task.name=GunPoint", "task.validation=true"], "validation (every 4th training series)"),
    "basicmotions-val": (["task.kind=ucr", "task.name=BasicMotions", "task.validation=true"],
                         "validation (every 4th training series)"),
}

METRICS = {
    "mc": ["capacity_corrected", "esn_capacity_corrected", "S", "rate_e_hz"],
    "lorenz": ["nrmse_res_h1", "nrmse_resin_h1", "input_nrmse_h1", "ar_h1", "esn_nrmse_h1",
               "nrmse_res_h10", "nrmse_resin_h10", "input_nrmse_h10", "ar_h10", "esn_nrmse_h10", "S", "rate_e_hz"],
    "fsdd": ["accuracy_res", "accuracy_resin", "baseline_accuracy", "esn_accuracy", "S", "rate_hz"],
}
METRICS["mackey-glass"] = METRICS["lorenz"]
for t in ("gunpoint", "fsdd-val", "gunpoint-val", "basicmotions-val"):
    METRICS[t] = METRICS["fsdd"]


def run(bin_, out, task, setting, n, seeds, threads, with_esn):
    folder = pathlib.Path(out) / task / setting
    if (folder / "summary.json").exists():
        return folder, None
    sets = TASKS[task][0] + SETTINGS[setting] + [
        f"network.n={n}", f"experiment.seeds={seeds}", "experiment.variants=[\"MRSNN\"]", "dt=1.0",
        f"task.esn={'true' if with_esn else 'false'}"]
    args = [bin_, "run", "--out", str(folder), "--threads", str(threads)]
    for s in sets:
        args += ["--set", s]
    if (folder / "run.json").exists():
        args.append("--resume")
    t0 = time.time()
    p = subprocess.run(args, capture_output=True, text=True)
    if p.returncode != 0:
        print(f"{task} {setting}: failed ({p.returncode}): {p.stderr.strip()[-500:]}")
        return folder, None
    return folder, time.time() - t0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("hrsnn")
    ap.add_argument("out")
    ap.add_argument("--n", type=int, default=500)
    ap.add_argument("--seeds", type=int, default=3)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--tasks", nargs="+", default=list(TASKS))
    ap.add_argument("--settings", nargs="+", default=list(SETTINGS))
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    walls = {}
    wall_file = pathlib.Path(a.out) / "wall_seconds.json"
    if wall_file.exists():
        walls = json.loads(wall_file.read_text())
    rows = []
    for task in a.tasks:
        for k, setting in enumerate(a.settings):
            folder, wall = run(a.hrsnn, a.out, task, setting, a.n, a.seeds, a.threads, with_esn=(k == 0))
            if wall is not None:
                walls[f"{task}/{setting}"] = wall
                wall_file.write_text(json.dumps(walls, indent=1))
            summary = folder / "summary.json"
            if not summary.exists():
                continue
            v = json.loads(summary.read_text())["variants"]["MRSNN"]
            row = {"task": task, "setting": setting, "split": TASKS[task][1], "seeds": a.seeds, "n": a.n,
                   "wall_s": round(walls.get(f"{task}/{setting}", float("nan")), 1)}
            for m in METRICS[task]:
                if m in v:
                    row[m] = v[m]["mean"]
                    row[m + "_std"] = v[m]["std"]
            rows.append(row)
    keys = []
    for r in rows:
        keys += [k for k in r if k not in keys]
    with open(pathlib.Path(a.out) / "ablation.csv", "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=keys)
        w.writeheader()
        w.writerows(rows)
    lines = []
    for task in a.tasks:
        rs = [r for r in rows if r["task"] == task]
        if not rs:
            continue
        ms = [m for m in METRICS[task] if any(m in r for r in rs)]
        lines.append(f"\n### {task} — {TASKS[task][1]}, MRSNN, N_R = {a.n}, {a.seeds} seeds\n")
        lines.append("| setting | " + " | ".join(ms) + " | wall s |")
        lines.append("|---|" + "---|" * (len(ms) + 1))
        for r in rs:
            cells = [f"{r[m]:.4g} ± {r[m + '_std']:.2g}" if m in r else "–" for m in ms]
            lines.append(f"| {r['setting']} | " + " | ".join(cells) + f" | {r['wall_s']} |")
    (pathlib.Path(a.out) / "ablation.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
