#!/usr/bin/python3
"""Independent references for the chaotic generators (tests/tasks, label `reference`).

lorenz:       scipy solve_ivp (DOP853, rtol 1e-12) against tasks_dump: the trajectory from a
              fixed state for 5 time units, and the long-run attractor moments, compared with a
              tolerance of 4 combined standard errors estimated by batch means.
mackey_glass: a separate pure-Python RK4 (same cubic history interpolation) for the trajectory
              from x0 = 1.2, and a run at half the step for the long-run mean and std.
Exit status 0 on agreement, 1 otherwise.
"""
import subprocess
import sys

import numpy as np
from scipy.integrate import solve_ivp


def dump(exe, *args):
    out = subprocess.run([exe, *map(str, args)], check=True, capture_output=True, text=True).stdout
    return np.loadtxt(out.splitlines(), delimiter=",", ndmin=2)


def batch_se(x, batches=20):
    """Standard error of the mean of a correlated series by non-overlapping batch means."""
    n = len(x) // batches
    means = x[: n * batches].reshape(batches, n).mean(axis=1)
    return means.std(ddof=1) / np.sqrt(batches)


def check(name, ours, ref, tol):
    ok = abs(ours - ref) <= tol
    print(f"{'OK ' if ok else 'BAD'} {name}: ours {ours:.6f} ref {ref:.6f} tol {tol:.6f}")
    return ok


def lorenz(exe):
    f = lambda t, s: [10 * (s[1] - s[0]), s[0] * (28 - s[2]) - s[1], s[0] * s[1] - 8 / 3 * s[2]]
    ok = True
    ours = dump(exe, "lorenz", 251, 0, 0, 1.0, 1.0, 1.0)
    t = np.arange(251) * 0.02
    ref = solve_ivp(f, (0, t[-1]), [1.0, 1.0, 1.0], method="DOP853", t_eval=t, rtol=1e-12, atol=1e-12).y.T
    err = np.abs(ours - ref).max()
    print(f"lorenz trajectory max |diff| over 5 time units: {err:.3e}")
    ok &= err < 2e-3  # RK4 at h = 0.01 measured 7.5e-4; equation errors give O(1)
    n = 100000
    ours = dump(exe, "lorenz", n, 7)
    t = 20 + np.arange(n) * 0.02
    ref = solve_ivp(f, (0, t[-1]), [3.0, -4.0, 20.0], method="DOP853", t_eval=t, rtol=1e-10, atol=1e-10).y.T
    for name, g in [("mean x", lambda a: a[:, 0]), ("mean z", lambda a: a[:, 2]),
                    ("var x", lambda a: (a[:, 0] - a[:, 0].mean()) ** 2),
                    ("var z", lambda a: (a[:, 2] - a[:, 2].mean()) ** 2)]:
        a, b = g(ours), g(ref)
        ok &= check(name, a.mean(), b.mean(), 4 * np.hypot(batch_se(a), batch_se(b)))
    return ok


def mg_python(n_samples, x0, h, discard, tau=17.0, a=0.2, b=0.1, p=10.0):
    lag = tau / h
    per = int(round(1.0 / h))
    total = int(round(discard / h)) + n_samples * per
    x = [x0]

    def at(k):
        return x0 if k < 0 else x[k]

    def hist(pos):
        if pos <= 0:
            return x0
        j = int(np.floor(pos))
        u = pos - j
        if u == 0:
            return at(j)
        return (-u * (u - 1) * (u - 2) / 6 * at(j - 1) + (u + 1) * (u - 1) * (u - 2) / 2 * at(j)
                - (u + 1) * u * (u - 2) / 2 * at(j + 1) + (u + 1) * u * (u - 1) / 6 * at(j + 2))

    rhs = lambda xt, xd: a * xd / (1 + xd ** p) - b * xt
    for i in range(total):
        d0, dh, d1 = hist(i - lag), hist(i + 0.5 - lag), hist(i + 1 - lag)
        xi = x[-1]
        k1 = rhs(xi, d0)
        k2 = rhs(xi + h / 2 * k1, dh)
        k3 = rhs(xi + h / 2 * k2, dh)
        k4 = rhs(xi + h * k3, d1)
        x.append(xi + h / 6 * (k1 + 2 * k2 + 2 * k3 + k4))
    start = int(round(discard / h))
    return np.array(x[start: start + n_samples * per: per])


def mackey_glass(exe):
    ok = True
    ours = dump(exe, "mackey_glass", 300, 0, 0, 1.2)[:, 0]
    ref = mg_python(300, 1.2, 0.1, 0)
    err = np.abs(ours - ref).max()
    print(f"mackey-glass trajectory max |diff| over 300 time units: {err:.3e}")
    ok &= err < 1e-9
    n = 20000
    ours = dump(exe, "mackey_glass", n, 3)[:, 0]
    ref = mg_python(n, 1.1, 0.05, 500)
    for name, g in [("mean", lambda a: a), ("var", lambda a: (a - a.mean()) ** 2)]:
        a, b = g(ours), g(ref)
        ok &= check(name, a.mean(), b.mean(), 4 * np.hypot(batch_se(a), batch_se(b)))
    print(f"mackey-glass std ours {ours.std():.4f} ref {ref.std():.4f}")
    return ok


if __name__ == "__main__":
    which, exe = sys.argv[1], sys.argv[2]
    sys.exit(0 if {"lorenz": lorenz, "mackey_glass": mackey_glass}[which](exe) else 1)
