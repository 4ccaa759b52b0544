"""Simulates a heterogeneous network with STDP and plots its spike raster and population rate.

    python examples/python/raster.py [out.png]     (default: raster.png in the current folder)

Needs matplotlib (Debian: python3-matplotlib). Run by tests/python/test_examples.py.
"""

import sys

import matplotlib

matplotlib.use("Agg")  # files only: runs without a display (CI, ssh)
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

import hrsnn  # noqa: E402


def main(out: str = "raster.png") -> dict:
    """Runs 1 s of a 300-neuron MRSNN with STDP at dt 1 ms and writes the figure to `out`."""
    duration_ms = 1000.0
    r = hrsnn.simulate({"network": {"n": 300}}, duration_ms=duration_ms, dt_ms=1.0, seed=3, plastic=True)
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(8, 5), sharex=True, gridspec_kw={"height_ratios": [3, 1]})
    top.scatter(r.times_ms, r.neurons, s=1, c="k", marker="|")
    top.set_ylabel("neuron")
    top.set_title(f"{len(r.neurons)} spikes, E rate {r.metrics['rate_e_hz']:.1f} Hz")
    # Population rate in 10 ms bins: spikes per neuron per second.
    edges = np.arange(0.0, duration_ms + 10.0, 10.0)
    counts, _ = np.histogram(r.times_ms, edges)
    bottom.plot(edges[:-1], counts / r.metrics["neurons"] / 0.010, lw=1)
    bottom.set_xlabel("time (ms)")
    bottom.set_ylabel("rate (Hz)")
    fig.tight_layout()
    fig.savefig(out, dpi=100)
    plt.close(fig)
    return {"spikes": len(r.neurons), "out": out}


if __name__ == "__main__":
    print(main(*sys.argv[1:2]))
