#!/usr/bin/python3
"""Compare two run folders of the same network against the bars of issue 2.

Spikes: fraction of (neuron, step) pairs found in the other run, both ways (>= 0.999 each).
Weights (when --plastic): over plastic synapses, |w_a - w_b| / (w_max - w_min) must have
median <= 1e-6 and max <= 1e-4; at least 20 % of plastic synapses must have moved by more
than 1e-3 (w_max - w_min) from their initial weight in each run (the check is not empty);
static synapses must keep their initial weights (to 1e-12 relative).
Regime: each run needs >= 2000 reservoir spikes and an E rate in [5, 20] Hz.
Prints one summary line; exit status 0 only when every bar holds.
"""
import argparse
import sys

import numpy as np

import netio

BARS = dict(spike_match=0.999, median_dw=1e-6, max_dw=1e-4, moved_frac=0.2, moved_tol=1e-3,
            min_spikes=2000, rate_lo=5.0, rate_hi=20.0)


def spike_match(a, b):
    """(matched/len(a), matched/len(b)) for (neuron, step) pairs."""
    sa = set(zip(a[0].tolist(), a[1].tolist()))
    sb = set(zip(b[0].tolist(), b[1].tolist()))
    m = len(sa & sb)
    return m / max(len(sa), 1), m / max(len(sb), 1)


def e_rate(net, neurons, duration):
    exc = net["neurons"]["is_exc"]
    return np.count_nonzero(exc[neurons]) / exc.sum() / duration * 1e3


def isi_cv(net, neurons, steps):
    """Mean ISI coefficient of variation over E neurons with at least 4 spikes."""
    cvs = []
    for i in np.nonzero(net["neurons"]["is_exc"])[0]:
        isi = np.diff(steps[neurons == i])
        if len(isi) >= 3:
            cvs.append(isi.std() / isi.mean())
    return float(np.mean(cvs)) if cvs else float("nan")


def weight_stats(net, wa, wb):
    """Relative weight differences over plastic synapses, moved fractions, static drift."""
    s, si = net["syn"], net["in_syn"]
    cat = lambda k: np.concatenate([s[k], si[k]])
    plastic = cat("plastic_capable")
    w0 = cat("weight")
    rng = (cat("w_max") - cat("w_min"))[plastic]
    d = np.abs(wa - wb)[plastic] / rng
    moved = [np.mean(np.abs(w - w0)[plastic] / rng > BARS["moved_tol"]) for w in (wa, wb)]
    static_drift = max([np.max(np.abs(w - w0)[~plastic] / np.maximum(np.abs(w0[~plastic]), 1e-300),
                               initial=0.0) for w in (wa, wb)])
    return dict(median=float(np.median(d)) if len(d) else 0.0,
                max=float(np.max(d)) if len(d) else 0.0, moved=moved,
                static_drift=float(static_drift), n_plastic=int(plastic.sum()))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("run_a")
    ap.add_argument("run_b")
    ap.add_argument("--network", required=True)
    ap.add_argument("--duration", type=float, required=True, help="ms")
    ap.add_argument("--plastic", action="store_true", help="also compare weights.csv")
    ap.add_argument("--label", default="")
    a = ap.parse_args()
    net = netio.read_network(a.network)
    sa, sb = netio.read_spikes(a.run_a), netio.read_spikes(a.run_b)
    fa, fb = spike_match(sa, sb)
    ra, rb = e_rate(net, sa[0], a.duration), e_rate(net, sb[0], a.duration)
    fails = []
    if min(fa, fb) < BARS["spike_match"]:
        fails.append("spikes")
    if min(len(sa[0]), len(sb[0])) < BARS["min_spikes"]:
        fails.append("too few spikes")
    if not all(BARS["rate_lo"] <= r <= BARS["rate_hi"] for r in (ra, rb)):
        fails.append("E rate")
    line = "%s spikes %d/%d match %.5f/%.5f E %.2f/%.2f Hz CV %.2f" % (
        a.label, len(sa[0]), len(sb[0]), fa, fb, ra, rb, isi_cv(net, *sb))
    if a.plastic:
        wa, wb = netio.read_weights(a.run_a), netio.read_weights(a.run_b)
        n_expected = len(net["syn"]["pre"]) + len(net["in_syn"]["pre"])
        if wa is None or wb is None or len(wa) != n_expected or len(wb) != n_expected:
            fails.append("weights.csv missing or wrong length")
        else:
            st = weight_stats(net, wa, wb)
            line += " | dw/range median %.2e max %.2e moved %.1f%%/%.1f%% of %d static drift %.1e" % (
                st["median"], st["max"], 100 * st["moved"][0], 100 * st["moved"][1],
                st["n_plastic"], st["static_drift"])
            if st["median"] > BARS["median_dw"]:
                fails.append("median dw")
            if st["max"] > BARS["max_dw"]:
                fails.append("max dw")
            if min(st["moved"]) < BARS["moved_frac"]:
                fails.append("too few moved")
            if st["static_drift"] > 1e-12:
                fails.append("static weights changed")
    print(line + (" | FAIL: " + ", ".join(fails) if fails else " | PASS"))
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
