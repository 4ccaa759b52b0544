"""An independent Python implementation of hrsnn's `encoding.kind = regular` input trains
(encode::regular_spikes_from_rates over the population code of encode::RateEncoder), for
the Brian2 reference case E. Written from the definitions in the headers, not from the C++:

- population code: dimension k has M sources with centres j/(M-1) and sigma 1/(M-1); source
  k*M + j fires at r_max * exp(-z^2/2), z = (x_k - j*sigma)/sigma;
- source j's accumulator starts at Rng(derive_seed(seed, [j])).uniform() (SplitMix64 seeding,
  xoshiro256**, 53-bit uniform), adds p = r*dt/1000 every step and spikes when it reaches 1,
  then subtracts 1; windows of W steps, the accumulator carried over window boundaries.

math.exp (the C library's exp, as the C++ std::exp) and the same operation order make the
rates bit-identical; hrsnn is compiled with -ffp-contract=off, so no fused multiply-add either.
"""
import math

import numpy as np

M64 = (1 << 64) - 1


def splitmix64(x):
    x = (x + 0x9E3779B97F4A7C15) & M64
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & M64
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & M64
    return x ^ (x >> 31)


def derive_seed(root, ids):
    s = splitmix64(root & M64)
    for i in ids:
        s = splitmix64(s ^ splitmix64((i + 0x632BE59BD9B4E019) & M64))
    return s


def _rotl(x, k):
    return ((x << k) | (x >> (64 - k))) & M64


class Xoshiro256ss:
    def __init__(self, seed):
        self.s = []
        x = seed & M64
        for _ in range(4):
            self.s.append(splitmix64(x))
            x = (x + 0x9E3779B97F4A7C15) & M64

    def next(self):
        s = self.s
        result = (_rotl((s[1] * 5) & M64, 7) * 9) & M64
        t = (s[1] << 17) & M64
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = _rotl(s[3], 45)
        return result

    def uniform(self):
        return (self.next() >> 11) * 2.0 ** -53


def population_rates(x, per_dim=20, r_max=200.0):
    """Rates (windows x dims*per_dim, Hz) of the Gaussian population code of x (windows x dims)."""
    sigma = 1.0 / (per_dim - 1)
    w, d = x.shape
    r = np.empty((w, d * per_dim))
    for i in range(w):
        for k in range(d):
            for j in range(per_dim):
                z = (float(x[i, k]) - j * sigma) / sigma
                r[i, k * per_dim + j] = r_max * math.exp(-0.5 * z * z)
    return r


def regular_trains(rates, steps_per_window, dt, seed):
    """(steps, sources) of the accumulator spikes, in (step, source) order."""
    n_src = rates.shape[1]
    acc = np.array([Xoshiro256ss(derive_seed(seed, [j])).uniform() for j in range(n_src)])
    p = rates * dt / 1000.0  # (r * dt) / 1000, hrsnn's order
    steps, srcs = [], []
    for w in range(rates.shape[0]):
        pw = p[w]
        for s in range(steps_per_window):
            acc += pw
            fire = np.nonzero(acc >= 1.0)[0]
            if fire.size:
                acc[fire] -= 1.0
                steps.append(np.full(fire.size, w * steps_per_window + s))
                srcs.append(fire)
    if not steps:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    return np.concatenate(steps).astype(np.int64), np.concatenate(srcs).astype(np.int64)
