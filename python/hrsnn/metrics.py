"""The measures ``hrsnn run`` reports, on your own arrays (docs/metrics.md has the definitions).

Every function runs the same C++ code the CLI runs, so a state matrix exported from a task gives
the number in its ``runs.jsonl``. Arrays are checked first: a wrong shape or dtype, or a NaN,
raises ValueError naming the argument.

    >>> import numpy as np, hrsnn.metrics as hm
    >>> u = np.random.default_rng(1).uniform(size=3000)
    >>> states = np.column_stack([np.roll(u, k) for k in range(1, 6)])   # a perfect 5-step memory
    >>> hm.memory_capacity(states, u, max_delay=10, washout=10)["capacity_corrected"]   # ~5
"""

from __future__ import annotations

from typing import Any, Optional, Sequence

import numpy as np

from . import _core

__all__ = ["memory_capacity", "nrmse", "persistence_nrmse", "ar_baseline", "spiking_activity", "spike_efficiency",
           "effective_dimensionality", "firing_rates", "isi_cv", "accuracy", "paired_t_test"]


def _float_array(value: Any, name: str, ndim: Sequence[int]) -> np.ndarray:
    """``value`` as a finite float64 array with one of the allowed numbers of dimensions."""
    try:
        a = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError) as e:
        raise ValueError(f"{name}: expected numbers, got {type(value).__name__} ({e})") from None
    if a.ndim not in ndim:
        raise ValueError(f"{name}: expected a {' or '.join(f'{d}-D' for d in ndim)} array, got shape {a.shape}")
    bad = ~np.isfinite(a)
    if bad.any():
        where = tuple(int(i) for i in np.argwhere(bad)[0])
        raise ValueError(f"{name}: non-finite value {a[where]} at index {where if len(where) > 1 else where[0]}")
    return a


def _matrix(value: Any, name: str) -> np.ndarray:
    """A 2-D float64 array; a 1-D one is one column."""
    a = _float_array(value, name, (1, 2))
    return a.reshape(-1, 1) if a.ndim == 1 else a


def _int(value: Any, name: str, lo: int, hi: Optional[int] = None) -> int:
    """An integer in [lo, hi] (hi None: no upper bound)."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise ValueError(f"{name}: expected an integer, got {value!r}")
    v = int(value)
    if v < lo or (hi is not None and v > hi):
        raise ValueError(f"{name} = {v}: must be in [{lo}, {'inf' if hi is None else hi}]")
    return v


def _spikes(neurons: Any, steps: Any, n_neurons: Any) -> tuple:
    """Parallel (neuron, step) spike lists as uint32 / int64 arrays, checked against n_neurons."""
    n = _int(n_neurons, "n_neurons", 1, 2**32 - 1)
    ids = np.asarray(neurons)
    st = np.asarray(steps)
    if ids.ndim != 1 or st.ndim != 1 or ids.shape != st.shape:
        raise ValueError(f"neurons and steps: expected two 1-D arrays of the same length, got {ids.shape} and {st.shape}")
    if ids.size and (not np.issubdtype(ids.dtype, np.integer) or ids.min() < 0 or ids.max() >= n):
        raise ValueError(f"neurons: expected integer ids in [0, {n}), got values in [{ids.min()}, {ids.max()}]")
    if st.size and not np.issubdtype(st.dtype, np.integer):
        raise ValueError(f"steps: expected integer time steps, got dtype {st.dtype}")
    return ids.astype(np.uint32), st.astype(np.int64), n


def memory_capacity(states: Any, u: Any, *, max_delay: int = 100, washout: Optional[int] = None,
                    train: Optional[int] = None, test: Optional[int] = None, shuffles: int = 10,
                    validation_fraction: float = 0.2, lambdas: Optional[Sequence[float]] = None,
                    null_quantile: float = 0.99, seed: int = 0) -> dict:
    """Short-term memory capacity (Jaeger 2001) of a state sequence, with the shuffle correction.

    For each delay k = 1..max_delay a ridge readout of ``states`` (rows = windows, columns =
    features) is fitted on the training windows to recall ``u[t - k]`` (lambda chosen on the last
    ``validation_fraction`` of them) and scored by the squared correlation on the test windows;
    ``capacity_corrected`` keeps the delays above the 99th percentile of the same statistic for
    time-shuffled targets (``shuffles`` per delay). Layout: ``washout`` windows (default
    max_delay), then ``train`` (default two thirds of the rest), then ``test`` (default the rest).

    Returns a dict: capacity_raw, capacity_corrected, per_delay, per_delay_corrected,
    lambda_per_delay (arrays of length max_delay), null_threshold, null_samples.
    """
    x = _matrix(states, "states")
    v = _float_array(u, "u", (1,))
    if v.shape[0] != x.shape[0]:
        raise ValueError(f"u: expected one value per row of states ({x.shape[0]}), got {v.shape[0]}")
    k = _int(max_delay, "max_delay", 1)
    w = k if washout is None else _int(washout, "washout", k)
    rest = x.shape[0] - w
    n_train = (2 * rest) // 3 if train is None else _int(train, "train", 1)
    n_test = rest - n_train if test is None else _int(test, "test", 1)
    if w + n_train + n_test > x.shape[0] or n_train < 2 or n_test < 2:
        raise ValueError(f"states: {x.shape[0]} rows cannot hold washout {w} + train {n_train} + test {n_test} "
                         "(at least 2 each for train and test)")
    if not 0.0 < float(validation_fraction) < 1.0:
        raise ValueError(f"validation_fraction = {validation_fraction}: must be in (0, 1)")
    if not 0.0 < float(null_quantile) < 1.0:
        raise ValueError(f"null_quantile = {null_quantile}: must be in (0, 1)")
    grid = [] if lambdas is None else [float(l) for l in _float_array(lambdas, "lambdas", (1,))]
    if any(l < 0 for l in grid):
        raise ValueError("lambdas: every penalty must be >= 0")
    return _core.metric_memory_capacity(x, v, k, w, n_train, n_test, _int(shuffles, "shuffles", 0),
                                        float(validation_fraction), grid, float(null_quantile), _int(seed, "seed", 0))


def nrmse(prediction: Any, target: Any) -> dict:
    """Normalised RMSE per output column, sqrt(mean (p - y)^2) / std(y), and its mean.

    Returns {"mean": float, "per_dim": array}. A constant target column raises ValueError (its
    NRMSE is undefined).
    """
    p = _matrix(prediction, "prediction")
    y = _matrix(target, "target")
    if p.shape != y.shape:
        raise ValueError(f"prediction and target: shapes differ, {p.shape} and {y.shape}")
    return _core.metric_nrmse(p, y)


def _forecast_split(series: Any, train_end: int, test_begin: Optional[int], test_end: Optional[int],
                    horizon: int) -> tuple:
    x = _matrix(series, "series")
    te = _int(train_end, "train_end", 1, x.shape[0] - 1)
    tb = -1 if test_begin is None else _int(test_begin, "test_begin", 0, x.shape[0] - 1)
    tn = -1 if test_end is None else _int(test_end, "test_end", 1, x.shape[0])
    return x, te, tb, tn, _int(horizon, "horizon", 1, x.shape[0] - 1)


def persistence_nrmse(series: Any, train_end: int, *, horizon: int = 1, test_begin: Optional[int] = None,
                      test_end: Optional[int] = None) -> dict:
    """NRMSE of the persistence forecast x(t + h) = x(t) over input times t in
    [test_begin (default train_end), test_end (default T - h)). Returns {"nrmse", "per_dim"}."""
    return _core.metric_persistence(*_forecast_split(series, train_end, test_begin, test_end, horizon))


def ar_baseline(series: Any, train_end: int, *, horizon: int = 1, lag: int = 10, test_begin: Optional[int] = None,
                test_end: Optional[int] = None) -> dict:
    """The linear AR(lag) baseline every forecast is reported beside: ridge on x(t), ..., x(t-lag+1)
    fitted on the rows before ``train_end`` (lambda by validation on their last 20 %), scored on
    the test input times. Returns {"nrmse", "per_dim", "prediction"} (rows = test input times)."""
    x, te, tb, tn, h = _forecast_split(series, train_end, test_begin, test_end, horizon)
    return _core.metric_ar(x, te, tb, tn, h, _int(lag, "lag", 1, x.shape[0] - 1))


def spiking_activity(*, counts: Any = None, window_ms: float, total_spikes: Optional[int] = None,
                     n_neurons: Optional[int] = None, n_windows: Optional[int] = None) -> dict:
    """Spiking activity S = spikes per neuron per window, and the rate in Hz.

    Give either ``counts`` (rows = windows, columns = neurons) or ``total_spikes``, ``n_neurons``
    and ``n_windows``. Returns {"S", "rate_hz", "total_spikes"}.
    """
    w = float(window_ms)
    if not np.isfinite(w) or w <= 0:
        raise ValueError(f"window_ms = {window_ms}: must be a positive number")
    if counts is not None:
        if total_spikes is not None or n_neurons is not None or n_windows is not None:
            raise ValueError("spiking_activity: give counts, or total_spikes with n_neurons and n_windows, not both")
        c = _float_array(counts, "counts", (2,))
        if (c < 0).any():
            raise ValueError("counts: spike counts must be >= 0")
        return _core.metric_activity(int(round(c.sum())), c.shape[1], c.shape[0], w)
    if total_spikes is None or n_neurons is None or n_windows is None:
        raise ValueError("spiking_activity: give counts, or all of total_spikes, n_neurons and n_windows")
    return _core.metric_activity(_int(total_spikes, "total_spikes", 0), _int(n_neurons, "n_neurons", 1),
                                 _int(n_windows, "n_windows", 1), w)


def spike_efficiency(capacity: float, activity: float) -> float:
    """E = C / S (the paper's spike efficiency); NaN when S is 0."""
    c, s = float(capacity), float(activity)
    if not (np.isfinite(c) and np.isfinite(s)) or s < 0:
        raise ValueError(f"spike_efficiency: capacity and activity must be finite and activity >= 0, got {c}, {s}")
    return c / s if s > 0 else float("nan")


def effective_dimensionality(states: Any, fraction: float = 0.9) -> dict:
    """Principal components of the centred states needed for ``fraction`` of the variance, and the
    participation ratio (sum l)^2 / sum l^2. Returns {"n_components", "participation_ratio",
    "explained_variance_ratio"}."""
    f = float(fraction)
    if not 0.0 < f <= 1.0:
        raise ValueError(f"fraction = {fraction}: must be in (0, 1]")
    return _core.metric_dimensionality(_matrix(states, "states"), f)


def firing_rates(neurons: Any, steps: Any, n_neurons: int, *, dt_ms: float, step_begin: int = 0,
                 step_end: Optional[int] = None) -> np.ndarray:
    """Per-neuron firing rate (Hz) over steps [step_begin, step_end) (default: to the last spike + 1),
    from spike lists such as :func:`hrsnn.simulate`'s ``neurons`` and ``steps``."""
    ids, st, n = _spikes(neurons, steps, n_neurons)
    end = (int(st.max()) + 1 if st.size else step_begin + 1) if step_end is None else int(step_end)
    if end <= step_begin:
        raise ValueError(f"step_end = {end}: must be > step_begin = {step_begin}")
    if not np.isfinite(dt_ms) or dt_ms <= 0:
        raise ValueError(f"dt_ms = {dt_ms}: must be a positive number")
    return _core.metric_firing_rates(ids, st, n, int(step_begin), end, float(dt_ms))


def isi_cv(neurons: Any, steps: Any, n_neurons: int, *, min_isis: int = 2) -> dict:
    """Coefficient of variation of each neuron's inter-spike intervals (NaN below ``min_isis``
    intervals) and their mean. Returns {"per_neuron", "mean", "n_valid"}."""
    ids, st, n = _spikes(neurons, steps, n_neurons)
    return _core.metric_isi_cv(ids, st, n, _int(min_isis, "min_isis", 1))


def accuracy(truth: Any, predicted: Any) -> float:
    """Share of equal labels."""
    t, p = np.asarray(truth), np.asarray(predicted)
    if t.ndim != 1 or t.shape != p.shape or t.size == 0:
        raise ValueError(f"truth and predicted: expected two non-empty 1-D arrays of the same length, got {t.shape} and {p.shape}")
    return float(np.mean(t == p))


def paired_t_test(a: Any, b: Any, alternative: str = "two-sided") -> dict:
    """Paired t-test of a against b, as the claims use it ("greater": mean(a - b) > 0).

    When every difference is equal the statistic is degenerate: p = 0 in the alternative's
    direction, else 1 (scipy gives NaN). Returns {"t", "df", "p_value", "mean_difference"}.
    """
    x = _float_array(a, "a", (1,))
    y = _float_array(b, "b", (1,))
    return _core.metric_paired_t_test(list(x), list(y), str(alternative))
