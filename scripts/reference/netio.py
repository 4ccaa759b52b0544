"""Read and write the network and run folders of docs/model.md section 9 (units: ms, mV).

Shared by the independent references (brian2_run.py, numpy_lif.py), the comparison
(compare.py) and the benchmark scripts. Only numpy is needed.
"""
import csv
import os

import numpy as np

STDP_COLS = ("tau_plus", "tau_minus", "eta_plus", "eta_minus", "w_min", "w_max")
NEURON_COLS = ("id", "type", "tau_m", "v_rest", "v_reset", "v_th", "v_init", "tau_ref",
               "tau_syn_e", "tau_syn_i")
ADAPTIVE_COLS = ("tau_a", "b_a", "tau_theta", "d_theta")
COBA_COLS = ("g_l", "e_e", "e_i")


def fmt_time(k, dt):
    """Time k*dt printed as the shortest decimal that parses back onto the grid."""
    return repr(round(k * dt, 10))


def fmt(x):
    """A double printed with 17 significant digits (round-trips exactly)."""
    return "%.17g" % x


def _read_rows(path):
    with open(path, newline="") as f:
        rows = [r for r in csv.reader(line for line in f
                                      if line.strip() and not line.lstrip().startswith("#"))]
    header = [h.strip() for h in rows[0]]
    return header, rows[1:]


def _column(header, rows, name, conv=float, blank=np.nan):
    k = header.index(name)
    out = []
    for r in rows:
        cell = r[k].strip()
        out.append(blank if cell == "" else conv(cell))
    return np.array(out)


def read_synapse_file(path, pre_name):
    """Synapse table: pre, post, weight, delay and the optional STDP columns (NaN = blank)."""
    header, rows = _read_rows(path)
    syn = {
        "pre": _column(header, rows, pre_name, int, -1).astype(np.int64),
        "post": _column(header, rows, "post", int, -1).astype(np.int64),
        "weight": _column(header, rows, "weight"),
        "delay": _column(header, rows, "delay"),
    }
    for c in STDP_COLS:
        syn[c] = _column(header, rows, c) if c in header else np.full(len(rows), np.nan)
    eta_p = np.nan_to_num(syn["eta_plus"])
    eta_m = np.nan_to_num(syn["eta_minus"])
    syn["plastic_capable"] = ~np.isnan(syn["tau_plus"]) & ((eta_p > 0) | (eta_m > 0))
    return syn


def read_network(folder):
    """Whole network folder as numpy arrays; inputs sorted by time then source."""
    header, rows = _read_rows(os.path.join(folder, "neurons.csv"))
    net = {"neurons": {c: _column(header, rows, c) for c in NEURON_COLS if c != "type"}}
    net["neurons"]["is_exc"] = np.array([r[header.index("type")].strip() == "E" for r in rows])
    if "tau_a" in header:  # adaptive LIF columns (docs/network-files.md)
        for c in ADAPTIVE_COLS:
            net["neurons"][c] = _column(header, rows, c)
    if "g_l" in header:  # conductance-based LIF columns
        for c in COBA_COLS:
            net["neurons"][c] = _column(header, rows, c)
    net["n"] = len(rows)
    net["syn"] = read_synapse_file(os.path.join(folder, "synapses.csv"), "pre")
    in_syn_path = os.path.join(folder, "input_synapses.csv")
    if os.path.exists(in_syn_path):
        net["in_syn"] = read_synapse_file(in_syn_path, "source")
    else:
        net["in_syn"] = read_synapse_file_empty()
    inputs_path = os.path.join(folder, "inputs.csv")
    if os.path.exists(inputs_path):
        h, r = _read_rows(inputs_path)
        src = _column(h, r, "source", int, -1).astype(np.int64)
        tim = _column(h, r, "time")
    else:
        src, tim = np.zeros(0, np.int64), np.zeros(0)
    order = np.lexsort((src, tim))
    net["input_source"], net["input_time"] = src[order], tim[order]
    n_src = int(max(src.max() + 1 if len(src) else 0,
                    net["in_syn"]["pre"].max() + 1 if len(net["in_syn"]["pre"]) else 0))
    net["n_sources"] = n_src
    return net


def read_synapse_file_empty():
    syn = {k: np.zeros(0, np.int64) for k in ("pre", "post")}
    for c in ("weight", "delay") + STDP_COLS:
        syn[c] = np.zeros(0)
    syn["plastic_capable"] = np.zeros(0, bool)
    return syn


def write_spikes(folder, neurons, steps, dt):
    """spikes.csv sorted by step then neuron."""
    neurons = np.asarray(neurons, np.int64)
    steps = np.asarray(steps, np.int64)
    order = np.lexsort((neurons, steps))
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "spikes.csv"), "w") as f:
        f.write("neuron,step,time\n")
        for i, s in zip(neurons[order], steps[order]):
            f.write("%d,%d,%s\n" % (i, s, fmt_time(int(s), dt)))


def write_weights(folder, weights):
    """weights.csv: one weight per synapse, synapses.csv order then input_synapses.csv order."""
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "weights.csv"), "w") as f:
        f.write("weight\n")
        for w in weights:
            f.write(fmt(w) + "\n")


def read_spikes(folder):
    """(neuron, step) integer arrays of a run folder's spikes.csv."""
    path = os.path.join(folder, "spikes.csv")
    data = np.loadtxt(path, delimiter=",", skiprows=1, ndmin=2, usecols=(0, 1))
    if data.size == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    return data[:, 0].astype(np.int64), data[:, 1].astype(np.int64)


def read_weights(folder):
    """weights.csv as a float array (None when absent)."""
    path = os.path.join(folder, "weights.csv")
    if not os.path.exists(path):
        return None
    return np.loadtxt(path, skiprows=1, ndmin=1)
