"""Bayesian optimisation of a user's own objective with hrsnn's GP (hrsnn.optimize).

    python examples/python/bo_user_objective.py [budget, default 12]

The objective is the user's, written in Python: choose the mean excitatory membrane time
constant and the input weight of a 100-neuron network so that its excitatory rate is closest
to 10 Hz. Run by tests/python/test_examples.py.
"""

import sys

import hrsnn

TARGET_HZ = 10.0


def rate_error(tau_m_e, w_in):
    """|E rate - 10 Hz| of a 300 ms run (seed 1) with these two settings."""
    cfg = {"network.n": 100, "neurons.exc.tau_m": tau_m_e, "weights.in_e": {"law": "gamma", "mean": w_in, "cv": 0.5}}
    r = hrsnn.simulate(cfg, 300, dt_ms=1.0, seed=1)
    return abs(r.metrics["rate_e_hz"] - TARGET_HZ), {"rate_e_hz": r.metrics["rate_e_hz"]}


def main(budget: int = 12) -> dict:
    """Runs the optimisation; returns the winner's settings and rate."""
    res = hrsnn.optimize(rate_error, {"tau_m_e": (5.0, 50.0), "w_in": {"low": 2.0, "high": 40.0, "scale": "log"}},
                         budget=budget, initial=min(6, budget), seed=1)
    best = res["best"]
    return {"params": best["params"], "error_hz": best["objective"], "rate_e_hz": best["metrics"]["rate_e_hz"],
            "evaluations": len(res["records"]), "first_error_hz": res["records"][0]["objective"]}


if __name__ == "__main__":
    print(main(*(int(a) for a in sys.argv[1:2])))
