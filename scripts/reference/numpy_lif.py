#!/usr/bin/python3
"""Independent pure-numpy simulator of docs/model.md section 8, written to prove the Brian2
harness (and to document the step order the hrsnn engine follows).

Neuron (exact over a step h = dt, NEST iaf_psc_exp propagator, u = v - v_rest):
    u(t+h) = u e^{-h/tau_m} + sum_s I_s tau_s/(tau_s - tau_m) (e^{-h/tau_s} - e^{-h/tau_m})
    I_s(t+h) = I_s e^{-h/tau_s}                    (s = e, i)
Step n (t_n = n dt):
  1. refractory <=> (n - n_last) < floor(tau_ref/dt + 0.001); v held while refractory,
     currents always evolve.
  2. spike <=> v >= v_th and not refractory; n_last = n.
  3. deliver every arrival of step n (pre spike step + delay steps): I += w (pre-update w);
     if plastic: LTD w -= eta_minus (w - w_min) y, clipped, then x = 1 (nearest) / x += 1 (all).
     After all arrivals, for this step's spikes: y = 1 / y += 1, then LTP
     w += eta_plus (w_max - w) x, clipped, on their incoming plastic synapses.
  4. v = v_reset for this step's spikes.
Traces: x_ij = sum over (nearest: only the last) arrivals of exp(-(t - t_arr)/tau_plus_ij),
y_ij likewise over postsynaptic spikes with tau_minus_ij.
"""
import argparse
import time

import numpy as np

import netio


def build(net, dt, plastic):
    nrn = net["neurons"]
    syn, isyn = net["syn"], net["in_syn"]
    n_rec = len(syn["pre"])
    cat = lambda k: np.concatenate([syn[k], isyn[k]])
    s = {k: cat(k) for k in ("post", "weight", "tau_plus", "tau_minus", "eta_plus",
                              "eta_minus", "w_min", "w_max")}
    s["delay"] = np.rint(cat("delay") / dt).astype(np.int64)
    # Inhibitory presynaptic neurons feed I_i; input sources are excitatory.
    s["to_inh"] = np.concatenate([~nrn["is_exc"][syn["pre"]], np.zeros(len(isyn["pre"]), bool)])
    s["plastic"] = cat("plastic_capable") & plastic
    for k in ("eta_plus", "eta_minus"):
        s[k] = np.nan_to_num(s[k])
    ids = np.arange(len(s["post"]))
    s["out_rec"] = [ids[:n_rec][syn["pre"] == i] for i in range(net["n"])]
    s["out_in"] = [ids[n_rec:][isyn["pre"] == i] for i in range(net["n_sources"])]
    s["in_plastic"] = [ids[s["plastic"] & (s["post"] == j)] for j in range(net["n"])]
    return s


MUTATIONS = ("none", "ltp_first", "refractory_short", "deliver_updated_w", "exp_float32")


def simulate(net, dt, duration, plastic=False, pairing="nearest", mutate="none"):
    """Run the network; returns (spike neurons, spike steps, final weights of all synapses).

    `mutate` injects a deliberate defect (a plausible engine bug) so the harness can show
    that compare.py catches it: LTP before arrivals, refractoriness one step short, the
    post-LTD weight delivered, or single-precision propagators.
    """
    nrn = net["neurons"]
    tm, tse, tsi = nrn["tau_m"], nrn["tau_syn_e"], nrn["tau_syn_i"]
    p22, p11e, p11i = np.exp(-dt / tm), np.exp(-dt / tse), np.exp(-dt / tsi)
    p21e = tse / (tse - tm) * (p11e - p22)
    p21i = tsi / (tsi - tm) * (p11i - p22)
    n_ref = np.floor(nrn["tau_ref"] / dt + 0.001).astype(np.int64)
    if mutate == "refractory_short":
        n_ref = np.maximum(n_ref - 1, 0)
    if mutate == "exp_float32":
        p22, p21e, p21i = (c.astype(np.float32).astype(np.float64) for c in (p22, p21e, p21i))
    v_rest, v_th, v_reset = nrn["v_rest"], nrn["v_th"], nrn["v_reset"]
    v, ie, ii = nrn["v_init"].copy(), np.zeros(net["n"]), np.zeros(net["n"])
    last = np.full(net["n"], -10**9, np.int64)
    s = build(net, dt, plastic)
    w = s["weight"].copy()
    n_syn = len(w)
    t_arr = np.full(n_syn, -10**9, np.int64)   # last arrival step (nearest x)
    t_post = np.full(n_syn, -10**9, np.int64)  # last postsynaptic spike step (nearest y)
    x_all, y_all = np.zeros(n_syn), np.zeros(n_syn)
    xu, yu = np.zeros(n_syn, np.int64), np.zeros(n_syn, np.int64)
    n_steps = int(round(duration / dt))
    ring_len = int(s["delay"].max(initial=0)) + 1
    ring = [[] for _ in range(ring_len)]
    in_steps = np.rint(net["input_time"] / dt).astype(np.int64)
    in_ptr = np.searchsorted(in_steps, np.arange(n_steps + 1))
    out_n, out_s = [], []

    def deliver(n):
        slot = ring[n % ring_len]
        if slot:
            arr = np.concatenate(slot)
            ring[n % ring_len] = []
            inh = s["to_inh"][arr]
            pl = arr[s["plastic"][arr]]
            if mutate != "deliver_updated_w":
                np.add.at(ie, s["post"][arr[~inh]], w[arr[~inh]])
                np.add.at(ii, s["post"][arr[inh]], w[arr[inh]])
            if len(pl):
                if pairing == "nearest":
                    y = np.exp(-(n - t_post[pl]) * dt / s["tau_minus"][pl])
                    t_arr[pl] = n
                else:
                    y = y_all[pl] * np.exp(-(n - yu[pl]) * dt / s["tau_minus"][pl])
                    x_all[pl] = x_all[pl] * np.exp(-(n - xu[pl]) * dt / s["tau_plus"][pl]) + 1.0
                    xu[pl] = n
                lo, hi = s["w_min"][pl], s["w_max"][pl]
                w[pl] = np.clip(w[pl] - s["eta_minus"][pl] * (w[pl] - lo) * y, lo, hi)
            if mutate == "deliver_updated_w":
                np.add.at(ie, s["post"][arr[~inh]], w[arr[~inh]])
                np.add.at(ii, s["post"][arr[inh]], w[arr[inh]])

    def post_phase(n, spk):
        if plastic and len(spk):
            inc = np.concatenate([s["in_plastic"][j] for j in spk])
            if len(inc):
                if pairing == "nearest":
                    t_post[inc] = n
                    x = np.exp(-(n - t_arr[inc]) * dt / s["tau_plus"][inc])
                else:
                    y_all[inc] = y_all[inc] * np.exp(-(n - yu[inc]) * dt / s["tau_minus"][inc]) + 1.0
                    yu[inc] = n
                    x = x_all[inc] * np.exp(-(n - xu[inc]) * dt / s["tau_plus"][inc])
                lo, hi = s["w_min"][inc], s["w_max"][inc]
                w[inc] = np.clip(w[inc] + s["eta_plus"][inc] * (hi - w[inc]) * x, lo, hi)

    for n in range(n_steps):
        refr = (n - last) < n_ref
        u = v - v_rest
        v = np.where(refr, v, v_rest + u * p22 + ie * p21e + ii * p21i)
        ie *= p11e
        ii *= p11i
        spk = np.nonzero((v >= v_th) & ~refr)[0]
        last[spk] = n
        srcs = net["input_source"][in_ptr[n]:in_ptr[n + 1]]
        outs = [s["out_rec"][i] for i in spk] + [s["out_in"][k] for k in srcs]
        if outs:
            idx = np.concatenate(outs)
            d = s["delay"][idx]
            for dd in np.unique(d):
                ring[(n + dd) % ring_len].append(idx[d == dd])
        if mutate == "ltp_first":
            post_phase(n, spk)
            deliver(n)
        else:
            deliver(n)
            post_phase(n, spk)
        v[spk] = v_reset[spk]
        out_n.append(spk)
        out_s.append(np.full(len(spk), n, np.int64))
    return np.concatenate(out_n), np.concatenate(out_s), w


def main():
    ap = argparse.ArgumentParser(description="pure-numpy reference of docs/model.md section 8")
    ap.add_argument("--network", required=True)
    ap.add_argument("--duration", type=float, required=True, help="ms")
    ap.add_argument("--dt", type=float, required=True, help="ms")
    ap.add_argument("--plastic", action="store_true")
    ap.add_argument("--pairing", choices=("nearest", "all"), default="nearest")
    ap.add_argument("--mutate", choices=MUTATIONS, default="none",
                    help="inject a deliberate defect (harness self-test)")
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    net = netio.read_network(a.network)
    t0 = time.time()
    neurons, steps, w = simulate(net, a.dt, a.duration, a.plastic, a.pairing, a.mutate)
    wall = time.time() - t0
    netio.write_spikes(a.out, neurons, steps, a.dt)
    if a.plastic:
        netio.write_weights(a.out, w)
    exc = net["neurons"]["is_exc"]
    n_e = np.count_nonzero(exc[neurons])
    print("numpy_lif: %d spikes, E %.2f Hz, I %.2f Hz, %.1f s wall" % (
        len(neurons), n_e / exc.sum() / a.duration * 1e3,
        (len(neurons) - n_e) / max(1, (~exc).sum()) / a.duration * 1e3, wall))


if __name__ == "__main__":
    main()
