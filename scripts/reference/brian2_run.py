#!/usr/bin/python3
"""Run a docs/model.md section 9 network folder in Brian2 2.5 (numpy target, method='exact',
or 'exponential_euler' for the conductance-based model; double precision) exactly as docs/model.md section 8, and write spikes.csv / weights.csv in the
format of `hrsnn simulate`.

Units: voltages and weights stay dimensionless numbers in mV (as in the CSV files, so
thresholds and weights are bit-identical to what hrsnn reads); times carry Brian2 units
(CSV ms -> value * ms). Brian2's default schedule gives the step order of section 8:
groups (refractoriness + exact integration) -> thresholds (neurons and the spike generator)
-> synapses (all `pre` pathways, order -1, then all `post` pathways, order +1) -> resets.
Static and plastic synapses are separate Synapses objects; plastic ones carry per-synapse
tau_plus/tau_minus/eta_plus/eta_minus/w_min/w_max and event-driven traces x, y.
"""
import argparse
import os
import time

import numpy as np

import netio

# Per-neuron constants shared by the current- and the conductance-based models.
NEURON_PARAMS = """
tau_m : second (constant)
tau_syn_e : second (constant)
tau_syn_i : second (constant)
tau_ref : second (constant)
v_rest : 1 (constant)
v_reset : 1 (constant)
v_th : 1 (constant)
"""

NEURON_EQS = """
dv/dt = (-(v - v_rest) + I_e + I_i)/tau_m : 1 (unless refractory)
dI_e/dt = -I_e/tau_syn_e : 1
dI_i/dt = -I_i/tau_syn_i : 1
""" + NEURON_PARAMS

# The adaptive LIF (docs/model.md §2.1): an adaptation current a in the v equation and a
# decaying threshold excess theta; both jump at each spike and keep decaying while refractory.
ADAPTIVE_EQS = """
da/dt = -a/tau_a : 1
dtheta/dt = -theta/tau_theta : 1
tau_a : second (constant)
tau_theta : second (constant)
b_a : 1 (constant)
d_theta : 1 (constant)
"""

# The conductance-based LIF (docs/model.md §2.2): g in nS, potentials in mV, integrated with
# Brian2's exponential Euler (the scheme for conductance models); a spike adds |w| to g_e or g_i.
COBA_EQS = """
dv/dt = ((v_rest - v) + (g_e*(e_e - v) + g_i*(e_i - v))/g_l)/tau_m : 1 (unless refractory)
dg_e/dt = -g_e/tau_syn_e : 1
dg_i/dt = -g_i/tau_syn_i : 1
""" + NEURON_PARAMS + """
g_l : 1 (constant)
e_e : 1 (constant)
e_i : 1 (constant)
"""

PLASTIC_EQS = """
w : 1
tau_plus : second (constant)
tau_minus : second (constant)
eta_plus : 1 (constant)
eta_minus : 1 (constant)
w_min : 1 (constant)
w_max : 1 (constant)
dx/dt = -x/tau_plus : 1 (event-driven)
dy/dt = -y/tau_minus : 1 (event-driven)
"""


def pathway_code(target, plastic, pairing, conductance=False):
    """on_pre / on_post code of docs/model.md section 3 (the pre-update weight is delivered);
    for the conductance model the weight (<= 0 when inhibitory) adds |w| to g_e or g_i."""
    on_pre = "I_%s_post += w" % target
    if conductance:
        on_pre = "g_e_post += w" if target == "e" else "g_i_post -= w"
    on_post = None
    if plastic:
        inc = "= 1" if pairing == "nearest" else "+= 1"
        on_pre += "\nw = clip(w - eta_minus*(w - w_min)*y, w_min, w_max)\nx %s" % inc
        on_post = "y %s\nw = clip(w + eta_plus*(w_max - w)*x, w_min, w_max)" % inc
    return on_pre, on_post


def add_synapses(b2, objs, src, tgt, syn, rows, target, plastic, pairing, name, conductance=False):
    """One Synapses object for the given rows of a synapse table; returns it (or None)."""
    if len(rows) == 0:
        return None
    on_pre, on_post = pathway_code(target, plastic, pairing, conductance)
    model = PLASTIC_EQS if plastic else "w : 1"
    S = b2.Synapses(src, tgt, model=model, on_pre=on_pre, on_post=on_post, name=name)
    S.connect(i=syn["pre"][rows], j=syn["post"][rows])
    if b2.get_device().__class__.__name__ == "RuntimeDevice":  # standalone cannot read yet
        assert np.array_equal(S.i[:], syn["pre"][rows]) and np.array_equal(S.j[:], syn["post"][rows])
    S.w = syn["weight"][rows]
    delays = syn["delay"][rows]
    # One shared delay keeps Brian2 on its faster homogeneous-delay queue (benchmarks).
    S.delay = (delays[0] if np.all(delays == delays[0]) else delays) * b2.ms
    if plastic:
        for k in ("tau_plus", "tau_minus"):
            setattr(S, k, syn[k][rows] * b2.ms)
        for k in ("eta_plus", "eta_minus", "w_min", "w_max"):
            setattr(S, k, np.nan_to_num(syn[k][rows]))
    objs.append(S)
    return S


def neuron_equations(nrn, fold_constants):
    """NEURON_EQS (plus ADAPTIVE_EQS when the neurons carry tau_a) with, when fold_constants, every parameter that is equal for all neurons
    turned into a scalar constant (as Brian2's own CUBA example writes it, so Brian2 can
    hoist it out of the per-neuron loop); returns (equations, namespace, per-neuron keys)."""
    lines, namespace, per_neuron = [], {}, []
    eqs = COBA_EQS if "g_l" in nrn else NEURON_EQS
    if "tau_a" in nrn:
        eqs = eqs.replace("+ I_e + I_i)/tau_m", "+ I_e + I_i - a)/tau_m") + ADAPTIVE_EQS
    for line in eqs.strip().split("\n"):
        name = line.split(":")[0].strip()
        if "(constant)" in line and name in nrn:
            values = nrn[name]
            if fold_constants and np.all(values == values[0]):
                namespace[name] = values[0]
                continue
            per_neuron.append(name)
        lines.append(line)
    return "\n".join(lines), namespace, per_neuron


def drive_matrix(net, folder, scale):
    """D = scale * G * W_in^T (windows x neurons, mV) from drive.csv, summed in
    input_synapses.csv order as hrsnn's sim::drive_from_inputs does (same bits)."""
    g = np.loadtxt(os.path.join(folder, "drive.csv"), delimiter=",", skiprows=1, ndmin=2)
    syn = net["in_syn"]
    d = np.zeros((g.shape[0], net["n"]))
    sw = scale * syn["weight"]
    for k in range(g.shape[0]):
        np.add.at(d[k], syn["post"], sw * g[k, syn["pre"]])
    return d


def build_and_run(net, dt, duration, plastic, pairing, standalone_dir=None, fold_constants=None, float32=False,
                  drive=None):
    """Build and run the network; returns (spike neurons, steps, final weights, run seconds).

    With standalone_dir, Brian2 generates and compiles a single-threaded cpp_standalone
    project there, and the run time is the one the compiled program measured itself
    (compilation excluded). fold_constants (default: only in standalone) turns neuron
    parameters equal for all neurons into scalar constants (see neuron_equations). float32
    makes Brian2's default float type single precision (speed comparisons only). drive, a pair
    (D windows x neurons in mV, window ms), adds the TimedArray D(t, i) to the v equation, constant
    over each window (Brian2's exact method accepts it: a TimedArray whose dt is a multiple of
    the clock's is constant over a step).
    """
    import brian2 as b2
    if standalone_dir:
        b2.set_device("cpp_standalone", directory=standalone_dir)
        b2.prefs.devices.cpp_standalone.openmp_threads = 0
    else:
        b2.prefs.codegen.target = "numpy"
    b2.prefs.core.default_float_dtype = np.float32 if float32 else np.float64
    b2.defaultclock.dt = dt * b2.ms
    nrn = net["neurons"]
    eqs, namespace, per_neuron = neuron_equations(
        nrn, bool(standalone_dir) if fold_constants is None else fold_constants)
    times = ("tau_m", "tau_syn_e", "tau_syn_i", "tau_ref", "tau_a", "tau_theta")
    namespace = {k: v * b2.ms if k in times else v for k, v in namespace.items()}
    if drive is not None:
        assert "+ I_e + I_i)/tau_m" in eqs
        eqs = eqs.replace("+ I_e + I_i)/tau_m", "+ I_e + I_i + drive(t, i))/tau_m")
        namespace["drive"] = b2.TimedArray(drive[0], dt=drive[1] * b2.ms)
    adaptive = "tau_a" in nrn
    threshold = "v >= v_th + theta" if adaptive else "v >= v_th"
    reset = "v = v_reset\na += b_a\ntheta += d_theta" if adaptive else "v = v_reset"
    conductance = "g_l" in nrn
    G = b2.NeuronGroup(net["n"], eqs, threshold=threshold, reset=reset, refractory="tau_ref",
                       method="exponential_euler" if conductance else "exact", name="neurons", namespace=namespace)
    for k in per_neuron:
        setattr(G, k, nrn[k] * b2.ms if k in times else nrn[k])
    G.v = nrn["v_init"]
    objs = [G]
    n_src = max(net["n_sources"], 1)
    # SpikeGeneratorGroup places time t in step floor(t/dt + 1e-3) and rejects doubles.
    P = b2.SpikeGeneratorGroup(n_src, net["input_source"], net["input_time"] * b2.ms,
                               name="inputs")
    objs.append(P)
    exc = nrn["is_exc"]
    parts = []  # (table name, row indices, Synapses object, plastic?)
    for table, src, syn in (("syn", G, net["syn"]), ("in_syn", P, net["in_syn"])):
        pre_exc = exc[syn["pre"]] if table == "syn" else np.ones(len(syn["pre"]), bool)
        pl = syn["plastic_capable"] & plastic
        for target, sel in (("e", pre_exc), ("i", ~pre_exc)):
            for is_pl in (False, True):
                rows = np.nonzero(sel & (pl == is_pl))[0]
                name = "%s_%s_%s" % (table, target, "plastic" if is_pl else "static")
                S = add_synapses(b2, objs, src, G, syn, rows, target, is_pl, pairing, name, conductance)
                if S is not None:
                    parts.append((table, rows, S, is_pl))
    M = b2.SpikeMonitor(G, name="spikes")
    objs.append(M)
    network = b2.Network(*objs)
    t0 = time.time()
    network.run(duration * b2.ms)
    wall = b2.device._last_run_time if standalone_dir else time.time() - t0
    steps = np.rint(np.asarray(M.t_) / float(b2.defaultclock.dt_)).astype(np.int64)
    neurons = np.asarray(M.i[:], np.int64)
    weights = {"syn": net["syn"]["weight"].copy(), "in_syn": net["in_syn"]["weight"].copy()}
    for table, rows, S, is_pl in parts:
        if is_pl:
            weights[table][rows] = np.asarray(S.w[:], np.float64)
    return neurons, steps, np.concatenate([weights["syn"], weights["in_syn"]]), wall


def main():
    ap = argparse.ArgumentParser(description="Brian2 reference run of a hrsnn network folder")
    ap.add_argument("--network", required=True)
    ap.add_argument("--duration", type=float, required=True, help="ms")
    ap.add_argument("--dt", type=float, required=True, help="ms")
    ap.add_argument("--plastic", action="store_true")
    ap.add_argument("--pairing", choices=("nearest", "all"), default="nearest")
    ap.add_argument("--drive-scale", type=float, help="with --window-ms: the drive of drive.csv")
    ap.add_argument("--window-ms", type=float)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    net = netio.read_network(a.network)
    drive = None
    if a.drive_scale is not None:
        drive = (drive_matrix(net, a.network, a.drive_scale), a.window_ms)
    neurons, steps, w, wall = build_and_run(net, a.dt, a.duration, a.plastic, a.pairing, drive=drive)
    netio.write_spikes(a.out, neurons, steps, a.dt)
    if a.plastic:
        netio.write_weights(a.out, w)
    exc = net["neurons"]["is_exc"]
    n_e = np.count_nonzero(exc[neurons])
    print("brian2_run: %d spikes, E %.2f Hz, I %.2f Hz, run %.1f s wall" % (
        len(neurons), n_e / exc.sum() / a.duration * 1e3,
        (len(neurons) - n_e) / max(1, (~exc).sum()) / a.duration * 1e3, wall))


if __name__ == "__main__":
    os.environ.setdefault("PYTHONWARNINGS", "ignore")
    main()
