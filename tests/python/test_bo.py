"""hrsnn.Optimizer / hrsnn.optimize: hrsnn optimize's proposals with a Python objective."""

import json
import math

import pytest

import hrsnn


def bowl(x, y):
    return (x - 0.3) ** 2 + (y + 0.2) ** 2


SPACE = {"x": (-1.0, 1.0), "y": (-1.0, 1.0)}


def test_optimize_finds_the_minimum_of_a_user_objective():
    res = hrsnn.optimize(bowl, SPACE, budget=16, initial=6, seed=3)
    assert len(res["records"]) == 16
    initial = min(r["objective"] for r in res["records"] if r["round"] == 0)
    best = res["best"]["objective"]
    assert best < initial, "the GP rounds should improve on the initial design"
    assert best < 0.02, res["best"]


def test_same_seed_same_candidates_and_tell_order_does_not_matter():
    def run(reverse):
        opt = hrsnn.Optimizer(SPACE, budget=8, initial=4, q=2, seed=5)
        while batch := opt.ask():
            for c in (reversed(batch) if reverse else batch):
                opt.tell(c["eval_id"], bowl(**c["params"]))
        return [r["params"] for r in opt.records]

    assert run(False) == run(True)
    other = hrsnn.Optimizer(SPACE, budget=4, initial=4, seed=6).ask()
    assert [c["params"] for c in other] != run(False)[:4]


def test_failures_are_recorded_and_the_run_goes_on(tmp_path):
    calls = []

    def flaky(x, y):
        calls.append((x, y))
        if len(calls) == 2:
            raise RuntimeError("simulated crash")
        return -bowl(x, y), {"S": abs(x)}

    journal = tmp_path / "journal.jsonl"
    res = hrsnn.optimize(flaky, SPACE, budget=7, initial=4, maximize=True, seed=1, journal=str(journal))
    status = [r["status"] for r in res["records"]]
    assert status.count("failed") == 1 and len(status) == 7
    assert "simulated crash" in res["records"][1]["error"]
    assert res["best"]["status"] == "ok" and res["best"]["objective"] == max(
        r["objective"] for r in res["records"] if r["status"] == "ok")
    lines = journal.read_text().splitlines()
    assert json.loads(lines[0])["type"] == "header" and len(lines) == 8


def test_int_and_log_parameters_stay_in_their_domain():
    space = {"n": {"low": 2, "high": 9, "type": "int"}, "rate": {"low": 1e-3, "high": 1.0, "scale": "log"}}
    res = hrsnn.optimize(lambda n, rate: abs(n - 5) + abs(math.log10(rate) + 2), space, budget=10, initial=5, seed=2)
    for r in res["records"]:
        assert float(r["params"]["n"]).is_integer() and 2 <= r["params"]["n"] <= 9
        assert 1e-3 <= r["params"]["rate"] <= 1.0


def test_bad_settings_raise_value_error_naming_them():
    with pytest.raises(ValueError, match="budgett"):
        hrsnn.Optimizer(SPACE, budgett=3)
    with pytest.raises(ValueError, match="x"):
        hrsnn.Optimizer({"x": (1.0, 0.0)})
    opt = hrsnn.Optimizer(SPACE, budget=4, initial=4)
    opt.ask()
    with pytest.raises(ValueError, match="eval_id 99"):
        opt.tell(99, 1.0)
