#!/usr/bin/python3
"""Write the two benchmark networks of issue 2 as docs/model.md section 9 folders, so hrsnn,
Brian2 and NEST run the identical network (same weights, delays, inputs).

cuba/  Brette et al. 2007 CUBA (Brian2 example CUBA.py): 4000 LIF neurons (3200 E, 800 I),
       tau_m 20 ms, v_rest -49 mV (above threshold: tonic), v_th -50, v_reset -60,
       tau_ref 5 ms, tau_syn_e 5 ms, tau_syn_i 10 ms, fixed probability 0.02 (no self
       connections), w_E = 1.62 mV, w_I = -9 mV, delay 0.1 ms (one step: NEST's minimum),
       v_init uniform in [v_reset, v_th), no external input.
coba/  Brette et al. 2007 COBA (Vogels & Abbott 2005): 4000 conductance-based LIF neurons
       (3200 E, 800 I), tau_m 20 ms, g_L 10 nS, v_reset -60 mV, v_th -50, E_e 0, E_i -80,
       tau_ref 5 ms, tau_e 5 ms, tau_i 10 ms, p 0.02, w_E 6 nS, w_I 67 nS, delay 0.1 ms,
       v_init uniform in [v_reset, v_th), no external input. The benchmark's E_L = -60 mV needs
       a 50 ms random ignition to start its self-sustained state (network files start at g = 0
       and have no such stimulus: tried, the activity dies after one volley), so v_rest =
       E_L + R I_b = -49 mV as in the CUBA network: a tonic drive that keeps E at about 20 Hz.
cuba100k/ (only with --big) the CUBA neuron and weights at 100 000 neurons with a fixed in-degree
       of 80 (sources drawn uniformly, self-connections redrawn, multapses allowed as in NEST's
       fixed_indegree): the network of the threads benchmark (threads_speed.py).
hrsnn/ HRSNN plastic network: 2000 neurons (80/20), tau_m ~ Gamma(3), v_th ~ Gamma(25),
       fixed probability 0.1, 100 Poisson inputs (40 Hz, p_in 0.2), per-synapse heterogeneous
       STDP columns on E->E and input->E (scripts/reference/make_network.py, class means
       scaled by 0.35, input by 4.5, calibrated for E at 5-20 Hz, ISI CV about 1).
hrsnn256/ the same network with each STDP parameter drawn from 256 values (make_network.py
       --levels 256), which hrsnn stores in its compact 16-byte plastic layout.
"""
import argparse
import os
import subprocess
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "reference"))
from netio import fmt  # noqa: E402


def write_brette(out, seed, neuron_row, header_extra, w_e, w_i, n=4000, p=0.02):
    """The 4000-neuron E/I network of Brette et al. 2007 (80 % E, fixed probability p, no self
    connections, delay 0.1 ms, no input); neuron_row % (id, type, v_init) gives a neurons.csv row."""
    rng = np.random.default_rng(seed)
    n_e = int(0.8 * n)
    os.makedirs(out, exist_ok=True)
    v_init = -60.0 + rng.random(n) * 10.0
    with open(os.path.join(out, "neurons.csv"), "w") as f:
        f.write("id,type,tau_m,v_rest,v_reset,v_th,v_init,tau_ref,tau_syn_e,tau_syn_i%s\n" % header_extra)
        for i in range(n):
            f.write(neuron_row % (i, "E" if i < n_e else "I", fmt(v_init[i])))
    with open(os.path.join(out, "synapses.csv"), "w") as f:
        f.write("pre,post,weight,delay\n")
        for i in range(n):
            post = np.nonzero(rng.random(n) < p)[0]
            post = post[post != i]
            w = w_e if i < n_e else w_i
            f.write("".join("%d,%d,%s,0.1\n" % (i, j, w) for j in post))
    with open(os.path.join(out, "inputs.csv"), "w") as f:
        f.write("source,time\n")
    with open(os.path.join(out, "input_synapses.csv"), "w") as f:
        f.write("source,post,weight,delay\n")


def write_cuba(out, seed):
    write_brette(out, seed, "%d,%s,20,-49,-60,-50,%s,5,5,10\n", "", "1.62", "-9")


def write_coba(out, seed):
    write_brette(out, seed, "%d,%s,20,-49,-60,-50,%s,5,5,10,coba,10,0,-80\n", ",model,g_l,e_e,e_i", "6", "-67")


def write_cuba_big(out, seed, n=100000, k=80):
    rng = np.random.default_rng(seed)
    n_e = int(0.8 * n)
    os.makedirs(out, exist_ok=True)
    v_init = -60.0 + rng.random(n) * 10.0
    with open(os.path.join(out, "neurons.csv"), "w") as f:
        f.write("id,type,tau_m,v_rest,v_reset,v_th,v_init,tau_ref,tau_syn_e,tau_syn_i\n")
        f.writelines("%d,%s,20,-49,-60,-50,%s,5,5,10\n" % (i, "E" if i < n_e else "I", fmt(v_init[i])) for i in range(n))
    post = np.repeat(np.arange(n), k)
    pre = rng.integers(0, n - 1, n * k)
    pre += pre >= post  # never onto itself
    order = np.argsort(pre, kind="stable")
    with open(os.path.join(out, "synapses.csv"), "w") as f:
        f.write("pre,post,weight,delay\n")
        f.writelines("%d,%d,%s,0.1\n" % (i, j, "1.62" if i < n_e else "-9") for i, j in zip(pre[order], post[order]))
    with open(os.path.join(out, "inputs.csv"), "w") as f:
        f.write("source,time\n")
    with open(os.path.join(out, "input_synapses.csv"), "w") as f:
        f.write("source,post,weight,delay\n")


def write_hrsnn(out, seed, duration, levels=0):
    subprocess.run([sys.executable, os.path.join(HERE, "..", "reference", "make_network.py"),
                    "--levels", str(levels),
                    "--n", "2000", "--p", "0.1", "--n-inputs", "100", "--p-in", "0.2",
                    "--input-rate", "40", "--weight-scale", "0.35", "--input-scale", "4.5",
                    "--dt", "0.1", "--duration", repr(duration), "--seed", str(seed),
                    "--out", out], check=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", required=True, help="folder that receives cuba/, coba/, hrsnn/ and hrsnn256/")
    ap.add_argument("--duration", type=float, default=10000.0, help="ms of input spikes")
    ap.add_argument("--seed", type=int, default=2007)
    ap.add_argument("--big", action="store_true", help="write only cuba100k/ (the threads benchmark's network)")
    a = ap.parse_args()
    if a.big:
        write_cuba_big(os.path.join(a.out, "cuba100k"), a.seed)
        return
    write_cuba(os.path.join(a.out, "cuba"), a.seed)
    write_coba(os.path.join(a.out, "coba"), a.seed)
    write_hrsnn(os.path.join(a.out, "hrsnn"), a.seed, a.duration)
    write_hrsnn(os.path.join(a.out, "hrsnn256"), a.seed, a.duration, levels=256)


if __name__ == "__main__":
    main()
