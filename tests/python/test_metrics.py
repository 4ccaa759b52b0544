"""hrsnn.metrics on the caller's arrays: known answers, independent numpy/scipy formulas, bad input."""

import numpy as np
import pytest

import hrsnn
import hrsnn.metrics as hm


def delay_line(T=3000, depth=5, seed=1):
    """States that hold u(t-1)..u(t-depth) exactly: a memory capacity of exactly `depth`."""
    u = np.random.default_rng(seed).uniform(size=T)
    return np.column_stack([np.roll(u, k) for k in range(1, depth + 1)]), u


def test_memory_capacity_of_a_delay_line_is_its_depth():
    states, u = delay_line(depth=5)
    r = hm.memory_capacity(states, u, max_delay=10, washout=10)
    np.testing.assert_allclose(r["per_delay"][:5], 1.0, atol=1e-6)
    assert np.all(r["per_delay"][5:] < 0.01)  # independent draws: only chance correlation
    assert r["capacity_corrected"] == pytest.approx(5.0, abs=1e-5)
    assert r["capacity_raw"] >= r["capacity_corrected"]
    assert r["per_delay"].shape == (10,) and r["null_samples"].shape == (100,)


def test_memory_capacity_of_noise_is_corrected_to_near_zero():
    rng = np.random.default_rng(4)
    u = rng.uniform(size=2000)
    states = rng.normal(size=(2000, 20))  # unrelated to u
    r = hm.memory_capacity(states, u, max_delay=20, washout=20, shuffles=20)
    assert r["capacity_raw"] > r["capacity_corrected"]
    assert r["capacity_corrected"] < 0.05


def test_memory_capacity_is_deterministic_in_its_seed():
    rng = np.random.default_rng(2)
    u = rng.uniform(size=1500)
    states = np.column_stack([np.roll(u, 1) + 0.5 * rng.normal(size=1500), rng.normal(size=1500)])
    a = hm.memory_capacity(states, u, max_delay=5, washout=5, seed=3)
    b = hm.memory_capacity(states, u, max_delay=5, washout=5, seed=3)
    np.testing.assert_array_equal(a["null_samples"], b["null_samples"])
    assert a["capacity_corrected"] == b["capacity_corrected"]


def test_nrmse_matches_its_formula():
    rng = np.random.default_rng(5)
    y = rng.normal(size=(200, 3))
    p = y + 0.1 * rng.normal(size=(200, 3))
    expected = np.sqrt(np.mean((p - y) ** 2, axis=0)) / np.std(y, axis=0)
    r = hm.nrmse(p, y)
    np.testing.assert_allclose(r["per_dim"], expected, rtol=1e-12)
    assert r["mean"] == pytest.approx(expected.mean(), rel=1e-12)


def test_persistence_and_ar_baselines():
    t = np.arange(600)
    series = np.sin(0.1 * t)
    pers = hm.persistence_nrmse(series, 500, horizon=3)
    # Input times t in [500, 597): x(t) forecasts x(t + 3).
    expected = np.sqrt(np.mean((series[500:597] - series[503:600]) ** 2)) / np.std(series[503:600])
    assert pers["nrmse"] == pytest.approx(expected, rel=1e-12)
    # A sampled sine obeys a two-term linear recurrence, so AR(2) predicts it (up to ridge's bias).
    ar = hm.ar_baseline(series, 500, horizon=3, lag=2)
    assert ar["nrmse"] < 1e-4
    assert ar["prediction"].shape == (97, 1)


def test_effective_dimensionality_against_numpy_pca():
    rng = np.random.default_rng(6)
    states = rng.normal(size=(400, 3)) @ rng.normal(size=(3, 30)) + 0.01 * rng.normal(size=(400, 30))
    lam = np.linalg.svd(states - states.mean(axis=0), compute_uv=False) ** 2
    r = hm.effective_dimensionality(states)
    assert r["participation_ratio"] == pytest.approx(lam.sum() ** 2 / (lam ** 2).sum(), rel=1e-9)
    assert r["n_components"] == int(np.searchsorted(np.cumsum(lam) / lam.sum(), 0.9) + 1)
    np.testing.assert_allclose(r["explained_variance_ratio"][:3], (lam / lam.sum())[:3], rtol=1e-9)


def test_spiking_activity_and_efficiency():
    counts = np.array([[0, 2, 1], [1, 0, 0]])
    r = hm.spiking_activity(counts=counts, window_ms=20.0)
    assert r["S"] == pytest.approx(4 / 6) and r["rate_hz"] == pytest.approx(4 / 6 / 0.02)
    assert hm.spiking_activity(total_spikes=4, n_neurons=3, n_windows=2, window_ms=20.0)["S"] == r["S"]
    assert hm.spike_efficiency(2.0, 0.5) == 4.0
    assert np.isnan(hm.spike_efficiency(2.0, 0.0))


def test_rates_and_isi_cv_from_a_simulation_match_numpy():
    sim = hrsnn.simulate({"network": {"n": 60}}, duration_ms=500, dt_ms=1.0, seed=2)
    rates = hm.firing_rates(sim.neurons, sim.steps, 60, dt_ms=1.0, step_end=500)
    np.testing.assert_allclose(rates, np.bincount(sim.neurons, minlength=60) / 0.5)
    cv = hm.isi_cv(sim.neurons, sim.steps, 60)
    for i in range(60):
        isi = np.diff(np.sort(sim.steps[sim.neurons == i]))
        if isi.size >= 2:
            assert cv["per_neuron"][i] == pytest.approx(isi.std() / isi.mean(), rel=1e-12)
        else:
            assert np.isnan(cv["per_neuron"][i])


def test_paired_t_test_against_scipy():
    stats = pytest.importorskip("scipy.stats")
    a = np.array([1.0, 2.1, 3.5, 4.0, 2.2])
    b = np.array([0.9, 1.0, 2.0, 3.9, 2.0])
    for alt in ("two-sided", "greater", "less"):
        ref = stats.ttest_rel(a, b, alternative=alt)
        r = hm.paired_t_test(a, b, alt)
        assert r["t"] == pytest.approx(ref.statistic, rel=1e-12)
        assert r["p_value"] == pytest.approx(ref.pvalue, rel=1e-9)
    assert hm.accuracy([1, 2, 3, 4], [1, 2, 0, 4]) == 0.75


@pytest.mark.parametrize(
    "call, match",
    [
        (lambda: hm.memory_capacity(np.ones((10, 2)), np.ones(9)), "u: expected one value per row"),
        (lambda: hm.memory_capacity([[np.nan]] * 300, np.ones(300), max_delay=5), "states: non-finite"),
        (lambda: hm.memory_capacity(np.ones((50, 2)), np.ones(50), max_delay=48), "cannot hold"),
        (lambda: hm.memory_capacity(np.ones((300, 2)), np.ones(300), max_delay=0), "max_delay = 0"),
        (lambda: hm.nrmse(np.ones((5, 2)), np.ones((5, 3))), "shapes differ"),
        (lambda: hm.nrmse(np.ones(5), np.ones(5)), "constant"),
        (lambda: hm.spiking_activity(counts=np.ones((2, 2)), window_ms=0), "window_ms"),
        (lambda: hm.spiking_activity(counts=-np.ones((2, 2)), window_ms=1), "counts"),
        (lambda: hm.firing_rates([0, 5], [1, 2], 3, dt_ms=1.0), "neurons: expected integer ids"),
        (lambda: hm.paired_t_test([1, 2], [1, 2], "bigger"), "alternative"),
        (lambda: hm.effective_dimensionality(np.ones((4, 4)), fraction=1.5), "fraction"),
        (lambda: hm.ar_baseline(np.ones(10), 20), "train_end = 20"),
    ],
)
def test_bad_input_raises_value_error_naming_the_argument(call, match):
    with pytest.raises(ValueError, match=match):
        call()
