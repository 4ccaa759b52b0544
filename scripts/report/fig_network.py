"""Figures of a `hrsnn simulate` run: raster, rates, per-neuron/per-synapse parameters, STDP window.

STDP window (docs/model.md §3, pair-based with soft bounds), evaluated at w = (w_min + w_max) / 2:
    Δt = t_post - t_arrival >= 0:  Δw =  eta_plus  (w_max - w) exp(-Δt / tau_plus)    (LTP)
    Δt < 0:                        Δw = -eta_minus (w - w_min) exp( Δt / tau_minus)   (LTD)
"""
import os

import numpy as np

from common import (POP_COLOURS, POP_NAMES, finite, plt, read_csv_columns, read_json,
                    time_axis, to_float)

NEURON_COLS = ["id", "tau_m", "v_rest", "v_reset", "v_th", "v_init", "tau_ref", "tau_syn_e", "tau_syn_i"]
STDP_COLS = ["tau_plus", "tau_minus", "eta_plus", "eta_minus", "w_min", "w_max"]


def find_network_dir(run_dir):
    """Folder holding neurons.csv for this run: settings.json "network", else RUN/network/."""
    settings = read_json(os.path.join(run_dir, "settings.json")) or {}
    net = settings.get("network") if isinstance(settings, dict) else None
    candidates = []
    if isinstance(net, str) and net and net != "generated":
        candidates += [net, os.path.join(run_dir, net), os.path.join(os.path.dirname(run_dir), net)]
    candidates.append(os.path.join(run_dir, "network"))
    for c in candidates:
        if os.path.isfile(os.path.join(c, "neurons.csv")):
            return c
    return None


def load_spikes(run_dir):
    """(neuron ids, times in ms) as numpy arrays from spikes.csv or spikes.npy; None if absent."""
    npy = os.path.join(run_dir, "spikes.npy")
    if os.path.isfile(npy):
        try:
            arr = np.load(npy, allow_pickle=False)
            if arr.dtype.names and "neuron" in arr.dtype.names:
                t = arr["time"] if "time" in arr.dtype.names else arr["step"] * run_dt(run_dir)
                return np.asarray(arr["neuron"], dtype=np.int64), np.asarray(t, dtype=float)
            if arr.ndim == 2 and arr.shape[1] >= 2:
                return arr[:, 0].astype(np.int64), arr[:, 1].astype(float) * run_dt(run_dir)
        except (OSError, ValueError):
            pass
    path = os.path.join(run_dir, "spikes.csv")
    if not os.path.isfile(path):
        return None
    with open(path, encoding="utf-8") as f:
        header = [h.strip() for h in f.readline().split(",")]
    if "neuron" not in header:
        return None
    tcol = "time" if "time" in header else "step"
    try:
        data = np.loadtxt(path, delimiter=",", skiprows=1, ndmin=2,
                          usecols=(header.index("neuron"), header.index(tcol)))
    except ValueError:
        return None
    if data.size == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0)
    t = data[:, 1] if tcol == "time" else data[:, 1] * run_dt(run_dir)
    return data[:, 0].astype(np.int64), t


def run_dt(run_dir):
    """dt in ms of a simulate run (settings.json dt_ms, else 1)."""
    s = read_json(os.path.join(run_dir, "settings.json")) or {}
    return to_float(s.get("dt_ms"), 1.0) if isinstance(s, dict) else 1.0


def run_duration_ms(run_dir, times):
    """Simulated time in ms: settings.json duration_ms, else steps × dt, else last spike + dt."""
    s = read_json(os.path.join(run_dir, "settings.json")) or {}
    m = read_json(os.path.join(run_dir, "metrics.json")) or {}
    d = to_float(s.get("duration_ms")) if isinstance(s, dict) else float("nan")
    if not finite(d) and isinstance(m, dict):
        d = to_float(m.get("steps")) * run_dt(run_dir)
    if not finite(d) or d <= 0:
        d = float(times.max()) + run_dt(run_dir) if len(times) else 1.0
    return d


def neuron_types(net_dir, n):
    """Array of 'E'/'I' per neuron id from neurons.csv, or None when unknown."""
    if not net_dir:
        return None
    cols = read_csv_columns(os.path.join(net_dir, "neurons.csv"), numeric=["id"])
    if not cols or "type" not in cols:
        return None
    types = np.array(["all"] * max(n, len(cols["type"])), dtype=object)
    for i, t in zip(cols["id"], cols["type"]):
        if finite(i) and 0 <= int(i) < len(types):
            types[int(i)] = t.upper()
    return types


def fig_raster(figs, run_dir, net_dir, n_neurons):
    """Spike raster (E and I coloured) over the population rate in Hz."""
    sp = load_spikes(run_dir)
    if sp is None:
        return
    ids, t = sp
    duration = run_duration_ms(run_dir, t)
    n = int(max(n_neurons or 0, ids.max() + 1 if len(ids) else 1))
    types = neuron_types(net_dir, n)
    pops = ["E", "I"] if types is not None else ["all"]
    if types is None:
        types = np.array(["all"] * n, dtype=object)
    # Show at most 400 neurons, E below I, so single spikes stay visible.
    rows = {}
    shown = []
    for p in pops:
        members = np.flatnonzero(types == p)
        keep = members[: max(1, int(round(400 * len(members) / n)))] if n > 400 else members
        shown.append((p, keep, len(members)))
    y = 0
    for _, keep, _ in shown:
        for i in keep:
            rows[i] = y
            y += 1
    div, unit = time_axis(duration)
    fig, (ax, axr) = plt.subplots(2, 1, figsize=(9, 6), sharex=True, gridspec_kw={"height_ratios": [3, 1.2]})
    many = len(ids) > 20000
    for p, keep, total in shown:
        mask = np.isin(ids, keep)
        yy = np.array([rows[i] for i in ids[mask]])
        label = "%s (%d of %d shown)" % (POP_NAMES[p], len(keep), total) if len(keep) < total else \
            "%s (%d neurons)" % (POP_NAMES[p], total)
        ax.scatter(t[mask] / div, yy, s=1.5 if len(ids) > 5000 else 4, marker="|" if not many else ".",
                   color=POP_COLOURS[p], label=label, rasterized=many, linewidths=0.8)
    ax.set_ylabel("neuron (E below I)" if pops != ["all"] else "neuron id (E/I unknown: no network folder)")
    ax.set_ylim(-1, max(y, 1))
    fig.suptitle("Spike raster and population rate (%d neurons, %d spikes)" % (n, len(ids)))
    ax.legend(loc="lower right", bbox_to_anchor=(1.0, 1.0), ncol=2, markerscale=6, frameon=False, fontsize=9)
    bin_ms = max(run_dt(run_dir), duration / 200.0, 5.0)
    edges = np.arange(0.0, duration + bin_ms, bin_ms)
    for p, _, total in shown:
        members = types == p
        counts, _ = np.histogram(t[members[ids]], bins=edges)
        rate = counts / max(total, 1) / (bin_ms / 1000.0)
        axr.step(edges[:-1] / div, rate, where="post", color=POP_COLOURS[p], label=POP_NAMES[p], lw=1.2)
    axr.set_ylabel("rate (Hz)")
    axr.set_ylim(bottom=0)
    axr.set_xlabel("time (%s)" % unit)
    axr.set_xlim(0, duration / div)
    axr.set_title("population rate, %.3g ms bins" % bin_ms, fontsize=9, loc="left")
    if len(shown) > 1:
        axr.legend(loc="lower right", bbox_to_anchor=(1.0, 1.0), ncol=2, frameon=False, fontsize=8)
    fig.tight_layout()
    figs.save(fig, "raster", "Spike raster with population rate",
              "Each mark is one spike; the lower panel is the population firing rate per neuron.",
              "Activity")
    fig_rate_hist(figs, ids, types, pops, duration)


def fig_rate_hist(figs, ids, types, pops, duration_ms):
    """Histogram of per-neuron firing rates (Hz) per population, silent neurons included."""
    counts = np.bincount(ids, minlength=len(types)) if len(ids) else np.zeros(len(types))
    rates = counts / (duration_ms / 1000.0)
    fig, ax = plt.subplots(figsize=(7, 4))
    hi = max(float(rates.max()) if len(rates) else 1.0, 1.0)
    bins = np.linspace(0, hi * 1.02, 41)
    for p in pops:
        r = rates[types == p]
        ax.hist(r, bins=bins, histtype="stepfilled", alpha=0.45, color=POP_COLOURS[p],
                edgecolor=POP_COLOURS[p], label="%s: mean %.2f Hz, %d silent" % (POP_NAMES[p], r.mean() if len(r) else 0, int((r == 0).sum())))
    ax.set_xlabel("firing rate (Hz)")
    ax.set_ylabel("neurons")
    ax.set_title("Firing-rate distribution")
    ax.legend()
    fig.tight_layout()
    figs.save(fig, "rate_hist", "Firing-rate histogram", "Per-neuron firing rate over the whole run.", "Activity")


def _hist_panel(ax, groups, xlabel, title):
    """Histograms of several labelled samples on one axis.

    A point mass (homogeneous parameter, as in the MRSNN) is drawn as one bar holding every
    value; a spread sample gets a dashed line at its mean, which is what the MRSNN with the
    same mean would use for every neuron or synapse.
    """
    drawn = []
    spans = []
    for label, colour, values in groups:
        v = np.asarray([x for x in values if finite(x)])
        if len(v) == 0:
            continue
        cv = v.std() / abs(v.mean()) if v.mean() != 0 else 0.0
        if np.ptp(v) <= 1e-12 * max(1.0, abs(v.mean())):
            width = 0.02 * abs(v[0]) if v[0] != 0 else 0.02
            ax.bar(v[0], len(v), width=width, color=colour, alpha=0.8,
                   label="%s: all = %.3g (homogeneous, n=%d)" % (label, v[0], len(v)))
            spans += [v[0] - 25 * width, v[0] + 25 * width]
        else:
            ax.hist(v, bins=40, histtype="stepfilled", alpha=0.45, color=colour, edgecolor=colour,
                    label="%s: mean %.3g, CV %.2f (n=%d)" % (label, v.mean(), cv, len(v)))
            ax.axvline(v.mean(), color=colour, ls="--", lw=1.2)
            spans += [v.min(), v.max()]
        drawn.append(label)
    if spans and len(drawn) == len([g for g in groups if len(g[2])]):
        lo, hi = min(spans), max(spans)
        pad = 0.05 * (hi - lo) if hi > lo else 1.0
        ax.set_xlim(lo - pad, hi + pad)
    ax.set_xlabel(xlabel)
    ax.set_ylabel("count")
    ax.set_title(title)
    if drawn:
        ax.plot([], [], color="black", ls="--", lw=1.2, label="sample mean = MRSNN value")
        ax.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=1, frameon=False)
    return bool(drawn)


def fig_neuron_params(figs, net_dir):
    """Distributions of tau_m and v_th - v_rest per population (MRSNN: one value each)."""
    cols = read_csv_columns(os.path.join(net_dir, "neurons.csv"), numeric=NEURON_COLS)
    if not cols or "tau_m" not in cols or "type" not in cols:
        return
    types = np.array([t.upper() for t in cols["type"]])
    tau = np.array(cols["tau_m"])
    vth = np.array(cols["v_th"]) - np.array(cols.get("v_rest", np.zeros(len(tau))))
    fig, axes = plt.subplots(1, 2, figsize=(11, 4.8))
    pops = [(POP_NAMES[p], POP_COLOURS[p], p) for p in ("E", "I")]
    _hist_panel(axes[0], [(n, c, tau[types == p]) for n, c, p in pops], "membrane time constant τ_m (ms)",
                "τ_m per neuron")
    _hist_panel(axes[1], [(n, c, vth[types == p]) for n, c, p in pops], "threshold above rest v_th − v_rest (mV)",
                "Threshold per neuron")
    fig.suptitle("Neuron heterogeneity (a homogeneous MRSNN shows one line per population)")
    fig.tight_layout()
    figs.save(fig, "neuron_params", "Distributions of τ_m and thresholds",
              "Per-neuron membrane time constants and thresholds by population.", "Network")


def load_plastic_synapses(net_dir):
    """Dict of numpy arrays (weight + STDP columns) over synapses with eta_plus or eta_minus > 0."""
    out = None
    for name in ("synapses.csv", "input_synapses.csv"):
        cols = read_csv_columns(os.path.join(net_dir, name), numeric=["weight"] + STDP_COLS)
        if not cols or not all(c in cols for c in STDP_COLS):
            continue
        arr = {c: np.asarray(cols[c], dtype=float) for c in STDP_COLS + ["weight"]}
        plastic = (np.nan_to_num(arr["eta_plus"]) > 0) | (np.nan_to_num(arr["eta_minus"]) > 0)
        arr = {c: v[plastic] for c, v in arr.items()}
        out = arr if out is None else {c: np.concatenate([out[c], arr[c]]) for c in arr}
    return out if out is not None and len(out["eta_plus"]) else None


def fig_stdp(figs, net_dir):
    """Distributions of STDP parameters and the STDP window family over plastic synapses."""
    syn = load_plastic_synapses(net_dir)
    if syn is None:
        return
    col = "#444444"
    fig, axes = plt.subplots(2, 2, figsize=(11, 8.2))
    specs = [("tau_plus", "LTP time constant τ+ (ms)"), ("tau_minus", "LTD time constant τ− (ms)"),
             ("eta_plus", "LTP learning rate η+ (1)"), ("eta_minus", "LTD learning rate η− (1)")]
    for ax, (key, label) in zip(axes.flat, specs):
        _hist_panel(ax, [("plastic synapses", col, syn[key])], label, key.replace("_", " "))
    fig.suptitle("STDP parameter distributions over %d plastic synapses" % len(syn["eta_plus"]))
    fig.tight_layout()
    figs.save(fig, "stdp_params", "Distributions of STDP parameters",
              "Per-synapse LTP/LTD time constants and learning rates (plastic synapses only).", "Network")
    fig_stdp_window(figs, syn)


def fig_stdp_window(figs, syn):
    """Δw(Δt) at mid-range weight for up to 40 sampled synapses plus the mean-parameter curve."""
    n = len(syn["eta_plus"])
    rng = np.random.default_rng(0)  # fixed sample so the figure is reproducible
    pick = rng.choice(n, size=min(n, 40), replace=False)
    span = 5 * float(np.nanmean(np.r_[syn["tau_plus"], syn["tau_minus"]]))
    # NaN at Δt = 0 from the left breaks the line, so LTD and LTP are not joined by a vertical.
    dt = np.r_[np.linspace(-span, -1e-9, 400), np.nan, np.linspace(0.0, span, 400)]
    fig, ax = plt.subplots(figsize=(8, 4.5))

    def window(tp, tm, ep, em, lo, hi):
        w = 0.5 * (lo + hi)
        with np.errstate(invalid="ignore"):
            return np.where(dt >= 0, ep * (hi - w) * np.exp(-np.clip(dt, 0, None) / tp),
                            -em * (w - lo) * np.exp(np.clip(dt, None, 0) / tm))

    for k, i in enumerate(pick):
        ax.plot(dt, window(*(syn[c][i] for c in STDP_COLS)), color="#1f77b4", alpha=0.35, lw=0.8,
                label="sampled synapses (%d of %d)" % (len(pick), n) if k == 0 else None)
    mean = [float(np.nanmean(syn[c])) for c in STDP_COLS]
    ax.plot(dt, window(*mean), color="black", lw=2.2, label="at the mean parameters")
    ax.axhline(0, color="#999999", lw=0.6)
    ax.axvline(0, color="#999999", lw=0.6)
    ax.set_xlim(-span, span)
    ax.set_xlabel("Δt = t_post − t_arrival (ms)")
    ax.set_ylabel("weight change Δw at w = (w_min+w_max)/2 (mV)")
    ax.set_title("STDP window family (LTP for Δt ≥ 0, LTD for Δt < 0)")
    ax.legend(loc="lower right")
    fig.tight_layout()
    figs.save(fig, "stdp_window", "STDP window family",
              "Δw = η+(w_max−w)e^(−Δt/τ+) for Δt ≥ 0 and −η−(w−w_min)e^(Δt/τ−) for Δt < 0, per synapse.",
              "Network")
