"""hrsnn.predict on the caller's series against `hrsnn run` of the same series as a csv task."""

import json

import numpy as np
import pytest

import hrsnn

SMALL = {"network.n": 60, "task.esn": False}


def two_tones(T=700):
    t = np.arange(T) * 0.05
    return np.column_stack([np.sin(t), np.cos(1.3 * t) + 0.1 * np.sin(3.1 * t)])


def test_predict_matches_the_cli_csv_task(cli, tmp_path):
    x = two_tones()
    csv = tmp_path / "series.csv"
    np.savetxt(csv, x, delimiter=",", header="a,b", comments="", fmt="%.17g")
    out = tmp_path / "run"
    cli("run", "--out", out, "--set", 'task.kind="csv"', "--set", f'task.path="{csv}"', "--set", "task.train=500",
        "--set", "task.test=200", "--set", "task.horizons=[1, 4]", "--set", "network.n=60", "--set", "task.esn=false",
        "--set", 'experiment.variants=["MRSNN"]', "--set", "experiment.seeds=1", "--set", "experiment.first_seed=3")
    line = json.loads((out / "runs.jsonl").read_text().splitlines()[0])["scalars"]
    r = hrsnn.predict(x, SMALL, train=500, horizons=[1, 4], seed=3)
    for h in (1, 4):
        # Bit for bit: the same series (printed with 17 digits), network, seed and protocol.
        assert r["nrmse"][h] == line[f"nrmse_h{h}"]
        assert r["ar"][h] == line[f"ar_h{h}"] and r["persistence"][h] == line[f"persistence_h{h}"]
        assert r["input_nrmse"][h] == line[f"input_nrmse_h{h}"]
        assert r["forecast"][h].shape == (200 - h, 2) and r["truth"][h].shape == (200 - h, 2)
        # The forecast is the one scored: recomputing the NRMSE from the arrays gives the number.
        assert hrsnn.metrics.nrmse(r["forecast"][h], r["truth"][h])["mean"] == pytest.approx(r["nrmse"][h], rel=1e-12)
    assert r["metrics"]["S"] == line["S"]
    assert "esn_nrmse" not in r


def test_predict_is_deterministic_and_seeded():
    x = two_tones()[:, 0]
    a = hrsnn.predict(x, SMALL, train=500, seed=5)
    b = hrsnn.predict(x, SMALL, train=500, seed=5)
    c = hrsnn.predict(x, SMALL, train=500, seed=6)
    np.testing.assert_array_equal(a["forecast"][1], b["forecast"][1])
    assert not np.array_equal(a["forecast"][1], c["forecast"][1])
    assert a["forecast"][1].shape == (199, 1)


@pytest.mark.parametrize(
    "kwargs, match",
    [
        (dict(series=np.ones((3, 2, 2)), train=1), "series: expected"),
        (dict(series=np.r_[np.arange(100.0), np.nan], train=50), "series: non-finite value at row 100"),
        (dict(series=np.arange(100.0), train=10), "train = 10"),
        (dict(series=np.arange(100.0), train=90), "test = 10"),
        (dict(series=np.arange(100.0), train=50, horizons=[0]), "horizons"),
        (dict(series=np.column_stack([np.arange(100.0), np.ones(100)]), train=50), "column 1 is constant"),
        (dict(series=np.arange(100.0), train=50, overrides={"task.features": "spikes"}), "task.features"),
    ],
)
def test_predict_bad_input(kwargs, match):
    series = kwargs.pop("series")
    with pytest.raises(ValueError, match=match):
        hrsnn.predict(series, SMALL, **kwargs)


def test_predict_on_a_validation_split_returns_the_scored_rows():
    # task.validation scores the training part's last 20 %: the returned targets are those rows.
    x = two_tones()
    r = hrsnn.predict(x, SMALL, {"task.validation": True}, train=500, horizons=[2], seed=3)
    assert r["forecast"][2].shape == (100 - 2, 2) and r["truth"][2].shape == (100 - 2, 2)
    np.testing.assert_array_equal(r["truth"][2], x[402:500])
    assert hrsnn.metrics.nrmse(r["forecast"][2], r["truth"][2])["mean"] == pytest.approx(r["nrmse"][2], rel=1e-12)
