#!/usr/bin/python3
"""Write a heterogeneous recurrent E/I LIF network folder (docs/model.md section 9) for the
reference comparison with Brian2.

Per neuron: tau_m ~ Gamma(shape 3) (mean 20 ms E, 10 ms I), v_th - v_rest ~ Gamma(shape 25,
mean 15 mV), tau_syn_e ~ Gamma(shape 10, mean 5 ms), tau_syn_i ~ Gamma(shape 10, mean 10 ms),
tau_ref a random multiple of dt (2-4 ms E, 1-3 ms I), v_init uniform below threshold
(about 2 % of neurons start just above it).
Bounds are applied by redraw; tau_m is also redrawn while |tau_m - tau_syn| <= 0.5 ms, because
Brian2's closed-form solution divides by that difference (the hrsnn engine must stay exact
there, but the reference must not be ill-conditioned).
Synapses: fixed probability p, no self-connections, per-class weights (E >= 0, I <= 0, drawn
Gamma(shape 4) around the class mean, truncated to [0, 2 x mean]); delays 1-15 steps.
E->E and input->E synapses carry per-synapse STDP columns: tau_plus, tau_minus ~ Gamma(3, 20 ms),
eta_plus ~ Gamma(3, 0.01), eta_minus ~ Gamma(3, 0.0105), w_min 0, w_max 2 x class mean;
the other classes leave the six cells blank (static). Class means (mV): E->E 3.2,
E->I 4.8, I->E -48, I->I -48, input->E/I 9.6; 100 inputs at 20 Hz, p 0.1, p_in 0.2.
Inputs: Poisson spike trains on the dt grid (Bernoulli per step, so never twice per step).
With --drive-window W (the external-drive case D): no input spikes and static input synapses;
instead drive.csv holds per-window source activations g in [0, 1] (a population code: the
sources are dims x 20 Gaussian-tuned units, sigma = 1/19, one random x per dimension and W ms
window), which the simulators turn into D = scale * G * W_in^T (mV) in the v equation.
With --regular-window W (case E, `encoding.kind = regular`): x.csv holds one random x per
dimension and W ms window (dims = inputs / 20) and inputs.csv the deterministic accumulator
trains of their population code (regular_spikes.py, hrsnn's seed --regular-seed), which the
reference script checks against hrsnn's own (tests/reference/hrsnn_regular_inputs).
The default weights were calibrated (with numpy_lif.py) for an asynchronous irregular state.
"""
import argparse
import os

import numpy as np

from netio import fmt, fmt_time
import regular_spikes

CLASS_MEAN = {"ee": 3.2, "ei": 4.8, "ie": -48.0, "ii": -48.0, "in_e": 9.6, "in_i": 9.6}
# --coba: the class means are conductances (nS) for the conductance-based LIF, calibrated with
# Brian2 for E 5-20 Hz at the default input (g_L ~ 10 nS).
CLASS_MEAN_COBA = {"ee": 1.0, "ei": 1.5, "ie": -16.0, "ii": -16.0, "in_e": 1.3, "in_i": 1.3}


def gamma_trunc(rng, shape, mean, size, lo=0.0, hi=np.inf):
    """Gamma(shape, mean) truncated to [lo, hi] by redrawing (never by clipping)."""
    out = rng.gamma(shape, mean / shape, size)
    bad = (out < lo) | (out > hi)
    while bad.any():
        out[bad] = rng.gamma(shape, mean / shape, bad.sum())
        bad = (out < lo) | (out > hi)
    return out


def make_neurons(rng, n, dt):
    is_exc = np.zeros(n, bool)
    is_exc[rng.permutation(n)[: int(round(0.8 * n))]] = True
    tse = gamma_trunc(rng, 10, 5.0, n, 1.0, 20.0)
    tsi = gamma_trunc(rng, 10, 10.0, n, 2.0, 40.0)
    tau_m = np.empty(n)
    for i in range(n):
        mean, lo, hi = (20.0, 4.0, 80.0) if is_exc[i] else (10.0, 2.0, 40.0)
        while True:
            t = gamma_trunc(rng, 3, mean, 1, lo, hi)[0]
            if abs(t - tse[i]) > 0.5 and abs(t - tsi[i]) > 0.5:
                break
        tau_m[i] = t
    v_rest = np.full(n, -65.0)
    v_th = v_rest + gamma_trunc(rng, 25, 15.0, n, 5.0, 40.0)
    ref_lo = np.where(is_exc, 2.0, 1.0)
    ref_steps = np.array([rng.integers(int(round(lo / dt)), int(round((lo + 2.0) / dt)) + 1)
                          for lo in ref_lo])
    v_init = v_rest + rng.uniform(0.0, 1.0, n) * (v_th - v_rest) * 0.95
    # A few neurons start above threshold: docs/model.md section 8 says they spike at step 0 only
    # if still above after the first integration (exercises the step order).
    above = rng.random(n) < 0.02
    v_init[above] = v_th[above] + rng.uniform(0.01, 0.5, above.sum())
    return dict(is_exc=is_exc, tau_m=tau_m, v_rest=v_rest, v_th=v_th, v_init=v_init,
                ref_steps=ref_steps, tse=tse, tsi=tsi)


def stdp_columns(rng, size, w_max, levels=0):
    """Per-synapse STDP columns; with levels > 0 each parameter takes one of `levels` values
    (a table drawn from the same law, codes uniform), the case hrsnn stores compactly."""
    def law(q, n):
        return [lambda m: gamma_trunc(rng, 3, 20.0, m, 1.0, 200.0), lambda m: gamma_trunc(rng, 3, 20.0, m, 1.0, 200.0),
                lambda m: gamma_trunc(rng, 3, 0.01, m), lambda m: gamma_trunc(rng, 3, 0.0105, m)][q](n)
    if levels > 0:
        cols = [np.sort(law(q, levels))[rng.integers(0, levels, size)] for q in range(4)]
    else:
        cols = [law(q, size) for q in range(4)]
    return cols + [np.zeros(size), np.full(size, w_max)]


def draw_weights(rng, mean, size):
    sign = 1.0 if mean >= 0 else -1.0
    return sign * gamma_trunc(rng, 4, abs(mean), size, 0.0, 2 * abs(mean))


def write_synapses(path, pre_name, pre, post, w, delay_steps, dt, stdp):
    with open(path, "w") as f:
        f.write("%s,post,weight,delay,tau_plus,tau_minus,eta_plus,eta_minus,w_min,w_max\n" % pre_name)
        for k in range(len(pre)):
            cells = "," * 5
            if stdp[k] is not None:
                cells = ",".join(fmt(c) for c in stdp[k])
            f.write("%d,%d,%s,%s,%s\n" % (pre[k], post[k], fmt(w[k]),
                                          fmt_time(int(delay_steps[k]), dt), cells))


def connect(rng, pre_ids, post_ids, p, allow_self=False):
    mask = rng.random((len(pre_ids), len(post_ids))) < p
    pre, post = np.nonzero(mask)
    pre, post = pre_ids[pre], post_ids[post]
    if not allow_self:
        keep = pre != post
        pre, post = pre[keep], post[keep]
    return pre, post


def write_drive(path, rng, n_inputs, duration, window):
    """drive.csv: one row of source activations g per window (population code, 20 per dim)."""
    per_dim = 20
    assert n_inputs % per_dim == 0, "--n-inputs must be a multiple of 20 with --drive-window"
    windows = int(np.ceil(duration / window - 1e-9))
    x = rng.random((windows, n_inputs // per_dim))
    centres = np.arange(per_dim) / (per_dim - 1.0)
    g = np.exp(-(x[:, :, None] - centres[None, None, :]) ** 2 / (2 * (1.0 / (per_dim - 1)) ** 2))
    g = g.reshape(windows, n_inputs)
    with open(path, "w") as f:
        f.write(",".join("g%d" % j for j in range(n_inputs)) + "\n")
        for row in g:
            f.write(",".join(fmt(v) for v in row) + "\n")


def write_regular(out, rng, n_inputs, duration, dt, window, seed):
    """x.csv (windows x dims) and inputs.csv: the regular trains of its population code."""
    per_dim = 20
    assert n_inputs % per_dim == 0, "--n-inputs must be a multiple of 20 with --regular-window"
    windows = int(np.ceil(duration / window - 1e-9))
    x = rng.random((windows, n_inputs // per_dim))
    with open(os.path.join(out, "x.csv"), "w") as f:
        f.write(",".join("x%d" % k for k in range(x.shape[1])) + "\n")
        for row in x:
            f.write(",".join(fmt(v) for v in row) + "\n")
    spw = int(round(window / dt))
    steps, srcs = regular_spikes.regular_trains(regular_spikes.population_rates(x, per_dim), spw, dt, seed)
    with open(os.path.join(out, "inputs.csv"), "w") as f:
        f.write("source,time\n")
        for s, k in zip(srcs, steps):
            f.write("%d,%s\n" % (s, fmt_time(int(k), dt)))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=250)
    ap.add_argument("--dt", type=float, default=0.1)
    ap.add_argument("--duration", type=float, default=1000.0, help="ms")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--p", type=float, default=0.1, help="recurrent connection probability")
    ap.add_argument("--n-inputs", type=int, default=100)
    ap.add_argument("--p-in", type=float, default=0.2)
    ap.add_argument("--input-rate", type=float, default=20.0, help="Hz")
    ap.add_argument("--weight-scale", type=float, default=1.0, help="scales every class mean")
    ap.add_argument("--g", type=float, default=1.0, help="scales the inhibitory class means")
    ap.add_argument("--input-scale", type=float, default=1.0, help="scales the input class means")
    ap.add_argument("--levels", type=int, default=0,
                    help="STDP parameters take this many values each (0: continuous draws)")
    ap.add_argument("--drive-window", type=float, default=0.0,
                    help="ms; > 0: drive.csv activations per window instead of input spikes")
    ap.add_argument("--regular-window", type=float, default=0.0,
                    help="ms; > 0: x.csv per window and its regular (accumulator) input trains")
    ap.add_argument("--regular-seed", type=int, default=1, help="seed of the regular trains")
    ap.add_argument("--adaptive", action="store_true",
                    help="adaptive LIF: heterogeneous tau_a, b_a, tau_theta, d_theta (own random stream)")
    ap.add_argument("--coba", action="store_true",
                    help="conductance-based LIF: heterogeneous g_l, e_e, e_i (own random stream), weights in nS")
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    if a.coba and a.adaptive:
        ap.error("--coba and --adaptive are different neuron models")
    if a.n < 200:
        ap.error("--n must be >= 200")
    rng = np.random.default_rng(a.seed)
    dt = a.dt
    nr = make_neurons(rng, a.n, dt)
    os.makedirs(a.out, exist_ok=True)
    adapt = None
    if a.adaptive:
        # A stream of its own, so the other draws equal the plain network's. tau_a and
        # tau_theta stay far from tau_m (<= 80 ms): the propagator's two forms then agree.
        ra = np.random.default_rng(a.seed + 1000)
        adapt = dict(tau_a=gamma_trunc(ra, 5, 200.0, a.n, 100.0, 600.0),
                     b_a=np.where(nr["is_exc"], gamma_trunc(ra, 5, 1.5, a.n, 0.1, 6.0), 0.0),
                     tau_theta=gamma_trunc(ra, 5, 150.0, a.n, 90.0, 600.0),
                     d_theta=gamma_trunc(ra, 5, 2.0, a.n, 0.1, 8.0))
    coba = None
    if a.coba:
        rc = np.random.default_rng(a.seed + 2000)
        coba = dict(g_l=gamma_trunc(rc, 10, 10.0, a.n, 4.0, 25.0), e_e=rc.uniform(-5.0, 5.0, a.n),
                    e_i=rc.uniform(-85.0, -75.0, a.n))
    class_mean = CLASS_MEAN_COBA if coba else CLASS_MEAN
    with open(os.path.join(a.out, "neurons.csv"), "w") as f:
        f.write("id,type,tau_m,v_rest,v_reset,v_th,v_init,tau_ref,tau_syn_e,tau_syn_i"
                + (",model,tau_a,b_a,tau_theta,d_theta\n" if adapt else ",model,g_l,e_e,e_i\n" if coba else "\n"))
        for i in range(a.n):
            f.write("%d,%s,%s,%s,%s,%s,%s,%s,%s,%s" % (
                i, "E" if nr["is_exc"][i] else "I", fmt(nr["tau_m"][i]), fmt(nr["v_rest"][i]),
                fmt(nr["v_rest"][i]), fmt(nr["v_th"][i]), fmt(nr["v_init"][i]),
                fmt_time(int(nr["ref_steps"][i]), dt), fmt(nr["tse"][i]), fmt(nr["tsi"][i])))
            if adapt:
                f.write(",adaptive,%s,%s,%s,%s" % tuple(fmt(adapt[k][i]) for k in ("tau_a", "b_a", "tau_theta", "d_theta")))
            if coba:
                f.write(",coba,%s,%s,%s" % tuple(fmt(coba[k][i]) for k in ("g_l", "e_e", "e_i")))
            f.write("\n")
    exc, inh = np.nonzero(nr["is_exc"])[0], np.nonzero(~nr["is_exc"])[0]
    pres, posts, ws, stdps = [], [], [], []
    for name, a_ids, b_ids in (("ee", exc, exc), ("ei", exc, inh), ("ie", inh, exc), ("ii", inh, inh)):
        pre, post = connect(rng, a_ids, b_ids, a.p)
        mean = class_mean[name] * a.weight_scale * (a.g if name[0] == "i" else 1.0)
        pres.append(pre), posts.append(post), ws.append(draw_weights(rng, mean, len(pre)))
        if name == "ee":
            cols = stdp_columns(rng, len(pre), 2 * mean, a.levels)
            stdps += [tuple(c[k] for c in cols) for k in range(len(pre))]
        else:
            stdps += [None] * len(pre)
    pre, post, w = np.concatenate(pres), np.concatenate(posts), np.concatenate(ws)
    order = rng.permutation(len(pre))  # classes interleaved, like a real file
    delays = rng.integers(1, 16, len(pre))
    write_synapses(os.path.join(a.out, "synapses.csv"), "pre", pre[order], post[order],
                   w[order], delays, dt, [stdps[k] for k in order])
    src_ids = np.arange(a.n_inputs)
    pres, posts, ws, stdps = [], [], [], []
    for name, b_ids in (("in_e", exc), ("in_i", inh)):
        pre, post = connect(rng, src_ids, b_ids, a.p_in, allow_self=True)
        mean = class_mean[name] * a.weight_scale * a.input_scale
        pres.append(pre), posts.append(post), ws.append(draw_weights(rng, mean, len(pre)))
        if name == "in_e" and a.drive_window <= 0:
            cols = stdp_columns(rng, len(pre), 2 * mean, a.levels)
            stdps += [tuple(c[k] for c in cols) for k in range(len(pre))]
        else:
            stdps += [None] * len(pre)
    pre, post, w = np.concatenate(pres), np.concatenate(posts), np.concatenate(ws)
    delays = rng.integers(1, 16, len(pre))
    write_synapses(os.path.join(a.out, "input_synapses.csv"), "source", pre, post, w, delays,
                   dt, stdps)
    if a.drive_window > 0:
        write_drive(os.path.join(a.out, "drive.csv"), rng, a.n_inputs, a.duration, a.drive_window)
        return
    if a.regular_window > 0:
        write_regular(a.out, rng, a.n_inputs, a.duration, dt, a.regular_window, a.regular_seed)
        return
    n_steps = int(round(a.duration / dt))
    fire = rng.random((n_steps, a.n_inputs)) < a.input_rate * dt * 1e-3
    steps, srcs = np.nonzero(fire)
    with open(os.path.join(a.out, "inputs.csv"), "w") as f:
        f.write("source,time\n")
        for s, k in zip(srcs, steps):
            f.write("%d,%s\n" % (s, fmt_time(int(k), dt)))


if __name__ == "__main__":
    main()
