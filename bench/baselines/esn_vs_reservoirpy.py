#!/usr/bin/env python3
"""Cross-check of hrsnn's built-in echo state network (src/baselines) against ReservoirPy.

Not a CI test: a benchmark that prints both libraries' numbers and wall-time ratios.

  python3 -m venv /work/venv-rpy && /work/venv-rpy/bin/pip install reservoirpy
  /work/venv-rpy/bin/python bench/baselines/esn_vs_reservoirpy.py [--bench build-esn/bench/baselines/bench_esn]
      [--out /tmp/esn-bench] [--n 500] [--seeds 3] [--no-grid]

1. Identical network: ReservoirPy's Reservoir is given hrsnn's W, W_in and b (seed 1) and run
   on the same z-scored Lorenz-63 series; the largest state difference checks the update
   x(t+1) = (1-a) x(t) + a tanh(W_in u(t) + W x(t) + b) itself.
2. Own draws, same settings (N, leak 0.3, rho 0.9, W_in ~ U[-0.5, 0.5] dense, W normal with
   density 0.1, b ~ U[-0.1, 0.1], ridge 1e-6, fitted bias): Lorenz-63 NRMSE at h = 1 and 10
   (5000 train / 2000 test samples, washout 100, readout on [x(t), u(t)]) and raw memory
   capacity (K = 100, washout 200, train 2000, test 1000, readout on x(t)), per seed.
3. Wall time of each step on both sides (hrsnn times itself; see bench_esn.cpp).
"""
import argparse
import json
import pathlib
import subprocess
import time

import numpy as np
import scipy.sparse
import reservoirpy
from reservoirpy.mat_gen import normal, uniform
from reservoirpy.nodes import Reservoir, Ridge



def load(path, cols):
    a = np.fromfile(path, dtype=np.float64)
    return a.reshape(-1, cols)


def nrmse(pred, truth):
    return float(np.mean(np.sqrt(np.mean((pred - truth) ** 2, axis=0)) / truth.std(axis=0)))


def zscore(x, rows):
    m, s = x[:rows].mean(axis=0), x[:rows].std(axis=0)
    return (x - m) / s


def reservoir(cfg, seed, dims):
    bs = cfg["bias_scaling"]
    r = Reservoir(units=cfg["n"], lr=cfg["leak"], sr=cfg["spectral_radius"], input_scaling=cfg["input_scaling"],
                  rc_connectivity=cfg["density"], input_connectivity=1.0, W=normal, Win=uniform,
                  bias=uniform(low=-bs, high=bs), seed=seed)
    r.initialize(np.zeros((1, dims)))
    return r


def predict(states, z, series, cfg, h):
    w, tr, te = cfg["washout"], cfg["train"], cfg["test"]
    f = np.hstack([states, z])
    ridge = Ridge(ridge=cfg["alpha"]).fit(f[w:tr - h], series[w + h:tr])
    n_test = te - h
    return nrmse(ridge.run(f[tr:tr + n_test]), series[tr + h:tr + h + n_test])


def memory_capacity(states, u, cfg):
    k_max, w, tr, te = cfg["mc_max_delay"], cfg["mc_washout"], cfg["mc_train"], cfg["mc_test"]
    targets = np.stack([u[w - k:w - k + tr + te] for k in range(1, k_max + 1)], axis=1)
    x = states[w:w + tr + te]
    ridge = Ridge(ridge=cfg["alpha"]).fit(x[:tr], targets[:tr])
    pred = ridge.run(x[tr:])
    cap = 0.0
    for k in range(k_max):
        c = np.corrcoef(pred[:, k], targets[tr:, k])[0, 1]
        cap += 0.0 if np.isnan(c) else c * c
    return cap


def main():
    root = pathlib.Path(__file__).resolve().parents[2]
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bench", default=str(root / "build-esn/bench/baselines/bench_esn"))
    ap.add_argument("--out", default="/tmp/esn-bench")
    ap.add_argument("--n", type=int, default=500)
    ap.add_argument("--seeds", type=int, default=3)
    ap.add_argument("--no-grid", action="store_true", help="skip hrsnn's validation-grid runs")
    ap.add_argument("--reuse", action="store_true", help="read OUT as bench_esn left it, do not rerun it")
    a = ap.parse_args()
    out = pathlib.Path(a.out)
    if not a.reuse:
        t0 = time.perf_counter()
        subprocess.run([a.bench, str(out), str(a.n), str(a.seeds), "0" if a.no_grid else "1"], check=True)
        print(f"bench_esn: {time.perf_counter() - t0:.1f} s wall")
    cfg = json.loads((out / "hrsnn_esn.json").read_text())
    n = cfg["n"]
    series = load(out / "lorenz.f64", 3)
    u = load(out / "mc_u.f64", 1)[:, 0]
    z = zscore(series, cfg["train"])
    zu = zscore(u[:, None], cfg["mc_washout"] + cfg["mc_train"])

    # 1. identical network
    W = scipy.sparse.csr_matrix(load(out / "W.f64", n))
    Win, b = load(out / "Win.f64", 3), load(out / "bias.f64", 1)[:, 0]
    same = Reservoir(W=W, Win=Win, bias=b, lr=cfg["leak"])
    t = time.perf_counter()
    s_rpy = same.run(z)
    t_same = time.perf_counter() - t
    s_hr = load(out / "lorenz_states.f64", n)
    run1 = cfg["runs"][0]["fixed"]
    print(f"\n1. identical W, W_in, b (seed 1, N={n}, T={len(z)}): max |x_hrsnn - x_reservoirpy| = "
          f"{np.abs(s_hr - s_rpy).max():.3e}; states {run1['states_seconds']:.3f} s (hrsnn) vs {t_same:.3f} s "
          f"(ReservoirPy), ratio {t_same / run1['states_seconds']:.1f}x")

    # 2. own draws per seed
    rows = []
    for r in cfg["runs"]:
        seed, fx = r["seed"], r["fixed"]
        t = time.perf_counter()
        res = reservoir(cfg, seed, 3)
        t_build = time.perf_counter() - t
        states = res.run(z)
        h1 = predict(states, z, series, cfg, 1)
        h10 = predict(states, z, series, cfg, 10)
        t_pred = time.perf_counter() - t
        t = time.perf_counter()
        mres = reservoir(cfg, seed, 1)
        mc = memory_capacity(mres.run(zu), u, cfg)
        t_mc = time.perf_counter() - t
        rows.append(dict(seed=seed, hr_h1=fx["nrmse_h1"], rp_h1=h1, hr_h10=fx["nrmse_h10"], rp_h10=h10,
                         hr_mc=fx["mc_raw"], hr_mcc=fx["mc_corrected"], rp_mc=mc, hr_t=fx["prediction_seconds"],
                         rp_t=t_pred, hr_tb=fx["build_seconds"], rp_tb=t_build, hr_tmc=fx["mc_seconds"], rp_tmc=t_mc,
                         grid=r.get("grid")))
    print("\n2. same settings, each library's own draws (fixed: leak 0.3, rho 0.9, s 0.5, alpha 1e-6)")
    print("| seed | NRMSE h=1 hrsnn / RPy | NRMSE h=10 hrsnn / RPy | MC raw hrsnn / RPy (hrsnn corrected) "
          "| build s hrsnn / RPy | prediction s hrsnn / RPy | MC s hrsnn / RPy |")
    print("|---|---|---|---|---|---|---|")
    for x in rows:
        print(f"| {x['seed']} | {x['hr_h1']:.3g} / {x['rp_h1']:.3g} | {x['hr_h10']:.3g} / {x['rp_h10']:.3g} | "
              f"{x['hr_mc']:.2f} / {x['rp_mc']:.2f} ({x['hr_mcc']:.2f}) | {x['hr_tb']:.2f} / {x['rp_tb']:.2f} | "
              f"{x['hr_t']:.2f} / {x['rp_t']:.2f} | {x['hr_tmc']:.2f} / {x['rp_tmc']:.2f} |")
    med = lambda k: float(np.median([x[k] for x in rows]))
    print(f"medians: h=1 {med('hr_h1'):.3g} / {med('rp_h1'):.3g}; h=10 {med('hr_h10'):.3g} / {med('rp_h10'):.3g}; "
          f"MC {med('hr_mc'):.2f} / {med('rp_mc'):.2f}; wall ratio RPy/hrsnn: build {med('rp_tb') / med('hr_tb'):.1f}x, "
          f"prediction {med('rp_t') / med('hr_t'):.1f}x, MC {med('rp_tmc') / med('hr_tmc'):.1f}x")
    if rows[0]["grid"]:
        print("\n3. hrsnn with its validation grid (36 settings x 6 alphas; chosen on the last 20 % of training)")
        for x in rows:
            g = x["grid"]
            c1, c10, cm = g["chosen_h1"], g["chosen_h10"], g["mc_chosen"]
            print(f"seed {x['seed']}: h=1 {g['nrmse_h1']:.3g} (a {c1['leak']}, rho {c1['spectral_radius']}, "
                  f"s {c1['input_scaling']}, alpha {c1['ridge_alpha']:g}); h=10 {g['nrmse_h10']:.3g} (a {c10['leak']}, "
                  f"rho {c10['spectral_radius']}, s {c10['input_scaling']}, alpha {c10['ridge_alpha']:g}); "
                  f"{g['prediction_seconds']:.1f} s; MC raw {g['mc_raw']:.2f} corrected {g['mc_corrected']:.2f} "
                  f"(a {cm['leak']}, rho {cm['spectral_radius']}, s {cm['input_scaling']}) {g['mc_seconds']:.1f} s")
    (out / "comparison.json").write_text(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
