#!/usr/bin/env python3
"""Run a network folder in NEST (iaf_psc_exp, or iaf_cond_exp for the conductance-based model;
one thread) and report the Simulate() time,
firing rates and synaptic events per second. Prints "NEST: unavailable" (exit 0) when the
`nest` module cannot be imported (PyPI nest-simulator: /work/venv-nest/bin/python).

Mapping of docs/model.md section 2 onto iaf_psc_exp (C_m dV/dt = -C_m (V - E_L)/tau_m + I_syn):
our current I (mV) is C_m I / tau_m (pA), so a weight w (mV) becomes w C_m / tau_m,post (pA)
with C_m = 250 pF. NEST needs delays >= dt (delay-0 synapses get one step) and input spikes
strictly after t = 0 (spikes at 0 are moved to dt); inputs are relayed by parrot neurons
(one step later). Plastic synapses (--plastic) use
stdp_synapse (all-to-all pairing, soft bounds with mu_plus = mu_minus = 1): lambda = eta_plus,
alpha = eta_minus/eta_plus, per-synapse tau_plus and Wmax, but tau_minus is per postsynaptic
neuron in NEST (set to the mean tau_minus of its incoming plastic synapses) and w_min is 0:
the closest NEST can come to per-synapse heterogeneous STDP, not the identical model.
Conductance-based networks (neurons.csv with g_l, e_e, e_i) map onto iaf_cond_exp one to one:
C_m = g_L tau_m (pF), E_L = v_rest, E_ex = e_e, E_in = e_i, weights in nS (NEST, like hrsnn, takes
an inhibitory weight as a negative number that raises g_in by its magnitude).
"""
import argparse
import os
import sys
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "reference"))
import netio  # noqa: E402

C_M = 250.0


def connect(nest, pre_first, post_first, syn, tau_m, dt, plastic):
    """Static and (optionally) plastic connections of one synapse table (arrays of node ids,
    NEST's connect_arrays path)."""
    if len(syn["pre"]) == 0:
        return
    w = syn["weight"] * C_M / tau_m[syn["post"]] if tau_m is not None else syn["weight"]
    d = np.maximum(syn["delay"], dt)
    pl = syn["plastic_capable"] & plastic
    for sel, is_pl in ((~pl, False), (pl, True)):
        if not sel.any():
            continue
        spec = {"weight": w[sel], "delay": d[sel]}
        if is_pl:
            scale = C_M / tau_m[syn["post"][sel]]
            spec.update({"synapse_model": "stdp_synapse", "tau_plus": syn["tau_plus"][sel],
                         "lambda": syn["eta_plus"][sel],
                         "alpha": syn["eta_minus"][sel] / syn["eta_plus"][sel],
                         "Wmax": syn["w_max"][sel] * scale, "mu_plus": 1.0, "mu_minus": 1.0})
        nest.Connect(pre_first + syn["pre"][sel], post_first + syn["post"][sel],
                     "one_to_one", spec)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--network", required=True)
    ap.add_argument("--duration", type=float, required=True, help="ms")
    ap.add_argument("--dt", type=float, default=0.1, help="ms")
    ap.add_argument("--plastic", action="store_true")
    a = ap.parse_args()
    try:
        import nest
    except Exception:  # noqa: BLE001 - any import failure means NEST is not usable here
        print("NEST: unavailable")
        return 0
    nest.set_verbosity("M_ERROR")
    nest.ResetKernel()
    nest.SetKernelStatus({"resolution": a.dt, "local_num_threads": 1})
    net = netio.read_network(a.network)
    nrn = net["neurons"]
    t0 = time.time()
    conductance = "g_l" in nrn
    G = nest.Create("iaf_cond_exp" if conductance else "iaf_psc_exp", net["n"])
    tau_minus = np.full(net["n"], 20.0)
    s = net["syn"]
    for table in (s, net["in_syn"]):
        pl = table["plastic_capable"]
        if pl.any():
            sums = np.bincount(table["post"][pl], table["tau_minus"][pl], net["n"])
            cnt = np.bincount(table["post"][pl], minlength=net["n"])
            tau_minus = np.where(cnt > 0, sums / np.maximum(cnt, 1), tau_minus)
    if conductance:
        G.set({"C_m": nrn["g_l"] * nrn["tau_m"], "g_L": nrn["g_l"], "E_L": nrn["v_rest"], "E_ex": nrn["e_e"],
               "E_in": nrn["e_i"], "V_reset": nrn["v_reset"], "V_th": nrn["v_th"], "V_m": nrn["v_init"],
               "t_ref": nrn["tau_ref"], "tau_syn_ex": nrn["tau_syn_e"], "tau_syn_in": nrn["tau_syn_i"], "I_e": 0.0,
               "tau_minus": tau_minus})
    else:
        G.set({"C_m": C_M, "tau_m": nrn["tau_m"], "E_L": nrn["v_rest"], "V_reset": nrn["v_reset"],
               "V_th": nrn["v_th"], "V_m": nrn["v_init"], "t_ref": nrn["tau_ref"],
               "tau_syn_ex": nrn["tau_syn_e"], "tau_syn_in": nrn["tau_syn_i"], "I_e": 0.0,
               "tau_minus": tau_minus})
    nodes = np.array(G.tolist())
    connect_tables = [(G, s)]
    if net["n_sources"] > 0 and len(net["in_syn"]["pre"]):
        P = nest.Create("spike_generator", net["n_sources"])
        times = np.maximum(net["input_time"], a.dt)
        for k in range(net["n_sources"]):
            P[k].set({"spike_times": np.round(times[net["input_source"] == k] / a.dt) * a.dt})
        # Devices may not mix synapse types and cannot drive STDP: relay through parrots
        # (inputs therefore arrive one step later than in hrsnn/Brian2).
        R = nest.Create("parrot_neuron", net["n_sources"])
        nest.Connect(P, R, "one_to_one", {"delay": a.dt})
        connect_tables.append((R, net["in_syn"]))
    for src, table in connect_tables:
        connect(nest, src.tolist()[0], nodes[0], table, None if conductance else nrn["tau_m"], a.dt, a.plastic)
    rec = nest.Create("spike_recorder")
    nest.Connect(G, rec)
    build_s = time.time() - t0
    t0 = time.time()
    nest.Simulate(a.duration)
    run_s = time.time() - t0
    senders = np.asarray(rec.get("events")["senders"]) - nodes[0]
    exc = nrn["is_exc"]
    n_e = np.count_nonzero(exc[senders])
    out_rec = np.bincount(s["pre"], minlength=net["n"])
    out_in = np.bincount(net["in_syn"]["pre"], minlength=max(net["n_sources"], 1))
    events = out_rec[senders].sum() + out_in[net["input_source"]].sum()
    print("nest run_s=%.3f build_s=%.1f events_per_s=%.4g E_hz=%.2f I_hz=%.2f spikes=%d events=%d" % (
        run_s, build_s, events / run_s, n_e / exc.sum() / a.duration * 1e3,
        (len(senders) - n_e) / max((~exc).sum(), 1) / a.duration * 1e3, len(senders), events))
    return 0


if __name__ == "__main__":
    sys.exit(main())
