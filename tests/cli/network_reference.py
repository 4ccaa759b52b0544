"""Independent re-implementation of the step order of docs/network-files.md for a small,
static network folder (no --plastic); prints spikes as (neuron, step).

Written from the documented equations only (not from the C++ code):
  u(t+h) = u e^{-h/tm} + sum_s I_s P_s,  P_s = ts/(ts-tm) (e^{-h/ts} - e^{-h/tm}),  u = v - v_rest,
  currents decay with their own tau; refractory <=> n - last < floor(tau_ref/dt + 0.001);
  spike <=> v >= v_th and not refractory; deliveries of step n land in I_e / I_i; then reset.
"""
import csv
import math
import sys


def rows(path):
    with open(path, newline="") as f:
        lines = [l for l in f if l.strip() and not l.lstrip().startswith("#")]
    return list(csv.DictReader(lines))


def kernel(h, tm, ts):
    """P_s of the docs, via the expm1 form near ts == tm (exact and finite there)."""
    a = h * (1.0 / tm - 1.0 / ts)
    if abs(a) <= 1.0:
        return (h / tm) * math.exp(-h / tm) * (math.expm1(a) / a if a != 0 else 1.0)
    return ts / (ts - tm) * (math.exp(-h / ts) - math.exp(-h / tm))


def simulate(folder, duration, dt):
    neurons = rows(f"{folder}/neurons.csv")
    n = len(neurons)
    f = lambda r, k: float(r[k])
    tm = [f(r, "tau_m") for r in neurons]
    vr = [f(r, "v_rest") for r in neurons]
    vreset = [f(r, "v_reset") for r in neurons]
    vth = [f(r, "v_th") for r in neurons]
    v = [f(r, "v_init") for r in neurons]
    ref = [math.floor(f(r, "tau_ref") / dt + 0.001) for r in neurons]
    te = [f(r, "tau_syn_e") for r in neurons]
    ti = [f(r, "tau_syn_i") for r in neurons]
    exc = [r["type"].strip() == "E" for r in neurons]
    steps = lambda t: int(round(float(t) / dt))
    out = {}  # neuron -> list of (post, weight, delay_steps, excitatory source)
    for r in rows(f"{folder}/synapses.csv"):
        out.setdefault(("n", int(r["pre"])), []).append((int(r["post"]), float(r["weight"]), steps(r["delay"]), exc[int(r["pre"])]))
    for r in rows(f"{folder}/input_synapses.csv"):
        out.setdefault(("s", int(r["source"])), []).append((int(r["post"]), float(r["weight"]), steps(r["delay"]), True))
    pending = {}  # arrival step -> list of (post, weight, excitatory)
    def emit(key, step):
        for post, w, d, e in out.get(key, []):
            pending.setdefault(step + d, []).append((post, w, e))
    n_steps = steps(duration)
    for r in rows(f"{folder}/inputs.csv"):
        emit(("s", int(r["source"])), steps(r["time"]))
    Ie, Ii = [0.0] * n, [0.0] * n
    last = [-(10 ** 12)] * n
    spikes = []
    for step in range(n_steps):
        fired = []
        for i in range(n):
            refractory = step - last[i] < ref[i]
            if not refractory:
                u = v[i] - vr[i]
                v[i] = vr[i] + u * math.exp(-dt / tm[i]) + Ie[i] * kernel(dt, tm[i], te[i]) + Ii[i] * kernel(dt, tm[i], ti[i])
            Ie[i] *= math.exp(-dt / te[i])
            Ii[i] *= math.exp(-dt / ti[i])
            if not refractory and v[i] >= vth[i]:
                fired.append(i)
        for i in fired:
            emit(("n", i), step)
        for post, w, e in pending.pop(step, []):
            if e:
                Ie[post] += w
            else:
                Ii[post] += w
        for i in fired:
            v[i] = vreset[i]
            last[i] = step
            spikes.append((i, step))
    return spikes


if __name__ == "__main__":
    for i, s in simulate(sys.argv[1], float(sys.argv[2]), float(sys.argv[3])):
        print(i, s)
