"""Branin, Hartmann-6 and Ackley in numpy, the same definitions as src/bo/test_functions.cpp."""
import numpy as np


def branin(x):
    b, c, t = 5.1 / (4 * np.pi ** 2), 5 / np.pi, 1 / (8 * np.pi)
    return (x[1] - b * x[0] ** 2 + c * x[0] - 6) ** 2 + 10 * (1 - t) * np.cos(x[0]) + 10


_A = np.array([[10, 3, 17, 3.5, 1.7, 8], [0.05, 10, 17, 0.1, 8, 14],
               [3, 3.5, 1.7, 10, 17, 8], [17, 8, 0.05, 10, 0.1, 14]])
_P = np.array([[0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886],
               [0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991],
               [0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650],
               [0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381]])
_ALPHA = np.array([1.0, 1.2, 3.0, 3.2])


def hartmann6(x):
    x = np.asarray(x)
    return -np.sum(_ALPHA * np.exp(-np.sum(_A * (x - _P) ** 2, axis=1)))


def ackley(x):
    x = np.asarray(x)
    return (-20 * np.exp(-0.2 * np.sqrt(np.mean(x ** 2))) - np.exp(np.mean(np.cos(2 * np.pi * x)))
            + 20 + np.e)


FUNCTIONS = {"branin": branin, "hartmann6": hartmann6, "ackley5": ackley}


def gardner(x):
    """Objective of the constrained problem `gardner` (constraint: gardner_g(x) <= -0.95 on [0, 6]^2)."""
    return np.sin(x[0]) + x[1]


def gardner_g(x):
    return np.sin(x[0]) * np.sin(x[1])


def branin_disc_g(x):
    """Constraint of `branin_disc`: (x1 - 2.5)^2 + (x2 - 7.5)^2 <= 50 on Branin's box."""
    return (x[0] - 2.5) ** 2 + (x[1] - 7.5) ** 2


def branin01(x):
    """First objective of `branin_currin`: Branin on [0, 1]^2."""
    return branin([15 * x[0] - 5, 15 * x[1]])


def currin(x):
    """Second objective of `branin_currin` (Currin et al.), minimised, on [0, 1]^2."""
    a = 1 - np.exp(-1 / (2 * x[1])) if x[1] > 0 else 1.0
    u = x[0]
    return a * (2300 * u ** 3 + 1900 * u ** 2 + 2092 * u + 60) / (100 * u ** 3 + 500 * u ** 2 + 4 * u + 20)


# name: (objective, constraint g, bound (g <= bound), low, high, feasible optimum)
CONSTRAINED = {
    "gardner": (gardner, gardner_g, -0.95, [0.0, 0.0], [6.0, 6.0], float(np.arcsin(0.95) - 1.0)),
    "branin_disc": (branin, branin_disc_g, 50.0, [-5.0, 0.0], [10.0, 15.0], 0.397887357729739),
}
