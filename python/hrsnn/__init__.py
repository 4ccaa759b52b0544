"""hrsnn: heterogeneous recurrent spiking neural networks, from Python.

The same engine as the ``hrsnn`` command-line tool (a compiled extension, ``hrsnn._core``): a
seed gives bit-identical spikes and weights here and there. See docs/python.md.

    >>> import hrsnn
    >>> r = hrsnn.simulate({"network": {"n": 100}}, duration_ms=1000, dt_ms=1.0, seed=3)
    >>> r.neurons, r.times_ms, r.metrics["rate_e_hz"]
    >>> res = hrsnn.run("examples/memory_capacity.toml", overrides={"network.n": 60})
"""

from __future__ import annotations

import dataclasses
import errno
import json
import math
import os
import tempfile
import threading
from typing import Any, Iterable, Mapping, Optional, Sequence, Union

import numpy as np

from . import _core

__version__ = _core.__version__
__all__ = ["simulate", "run", "predict", "sweep", "SimulationResult", "runs_frame", "to_assignments", "HRSNNClassifier", "HRSNNRegressor",
           "load_ucr", "load_fsdd", "Network", "network", "Optimizer", "optimize", "metrics", "__version__"]


def __getattr__(name: str):
    """The scikit-learn estimators, imported on first use: ``import hrsnn`` does not need scikit-learn."""
    if name in ("HRSNNClassifier", "HRSNNRegressor"):
        from . import estimators

        return getattr(estimators, name)
    if name in ("Optimizer", "optimize"):
        from . import bo

        return getattr(bo, name)
    if name == "metrics":
        import importlib  # `from . import metrics` would come back here before the submodule exists

        return importlib.import_module(".metrics", __name__)
    raise AttributeError(f"module 'hrsnn' has no attribute {name!r}")

PathLike = Union[str, "os.PathLike[str]"]
_RECORDABLE = frozenset({"spikes", "weights"})


@dataclasses.dataclass
class SimulationResult:
    """What :func:`simulate` returns; the arrays own their memory (no copy was made).

    Attributes:
        neurons: uint32 neuron id of each spike, in (time, neuron) order.
        times_ms: float64 time of each spike in ms (equal to spikes.csv's ``time`` column).
        steps: int64 step of each spike (``time = step * dt`` exactly in decimal).
        weights: float64 final weights in synapse-table order (synapses.csv rows, then
            input_synapses.csv rows), or None when not recorded.
        metrics: the dict ``hrsnn simulate`` writes to metrics.json.
        v: float64 membrane potentials after reset, shape (steps, len(probe_v)), or None.
        weight_probe: dict of arrays ``step``, ``time_ms``, ``synapse``, ``weight`` (one row
            per sample and probed synapse), or None.
    """

    neurons: Optional[np.ndarray]
    times_ms: Optional[np.ndarray]
    steps: Optional[np.ndarray]
    weights: Optional[np.ndarray]
    metrics: dict
    v: Optional[np.ndarray] = None
    weight_probe: Optional[dict] = None

    @property
    def spikes(self) -> tuple:
        """The spikes as ``(neurons, times_ms)``."""
        return self.neurons, self.times_ms


def _toml_value(value: Any, key: str) -> str:
    """Renders one Python value in TOML syntax, as a ``--set key=value`` would spell it."""
    # bool before int: True is an int in Python but must stay a TOML boolean.
    if isinstance(value, (bool, np.bool_)):
        return "true" if value else "false"
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    if isinstance(value, (float, np.floating)):
        x = float(value)
        if math.isnan(x):
            return "nan"
        if math.isinf(x):
            return "inf" if x > 0 else "-inf"
        return repr(x)  # shortest round-trip form: TOML parses it back to the same double
    if isinstance(value, (str, os.PathLike)):
        return json.dumps(os.fspath(value))  # JSON's escapes are valid TOML basic-string escapes
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{json.dumps(str(k))} = {_toml_value(v, f'{key}.{k}')}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple, np.ndarray)):
        return "[" + ", ".join(_toml_value(v, key) for v in value) + "]"
    raise ValueError(f"config key '{key}': cannot express a {type(value).__name__} in TOML")


def to_assignments(config: Optional[Mapping[str, Any]]) -> list:
    """Flattens a (nested) config dict into the CLI's ``--set`` assignments ``"a.b=value"``.

    ``{"network": {"n": 60}}`` and ``{"network.n": 60}`` give the same ``network.n=60``, so a
    dict config is exactly a list of ``--set`` options on top of the defaults.
    """
    out: list = []

    def walk(prefix: str, table: Mapping[str, Any]) -> None:
        for k, v in table.items():
            if not isinstance(k, str) or not k:
                raise ValueError(f"config key {k!r} under '{prefix or '<top>'}': keys must be non-empty strings")
            key = f"{prefix}.{k}" if prefix else k
            if isinstance(v, Mapping):
                walk(key, v)
            else:
                out.append(f"{key}={_toml_value(v, key)}")

    if config is not None:
        if not isinstance(config, Mapping):
            raise ValueError(f"config must be a dict, got {type(config).__name__}")
        walk("", config)
    return out


def _existing(path: PathLike, what: str) -> str:
    """The path as a string, or FileNotFoundError naming it (the CLI's 'does not exist')."""
    p = os.fspath(path)
    if not os.path.exists(p):
        raise FileNotFoundError(errno.ENOENT, f"{p}: {what} does not exist", p)
    return p


def _config_source(config: Union[None, Mapping[str, Any], PathLike], overrides: Optional[Mapping[str, Any]]):
    """(network folder, TOML file, assignments) for a config given as a dict, a file or a folder."""
    assignments = to_assignments(overrides)
    if config is None:
        return None, None, assignments
    if isinstance(config, Mapping):
        return None, None, to_assignments(config) + assignments
    if isinstance(config, (str, os.PathLike)):
        p = _existing(config, "config file or network folder")
        if os.path.isdir(p):
            return p, None, assignments
        return None, p, assignments
    raise ValueError(f"config must be a dict, a TOML file or a network folder, got {type(config).__name__}")


# The engine's one table of neuron-model columns (sim/neuron_models.hpp).
_MODEL_COLUMNS = _core.neuron_columns()
_NEURON_COLUMNS = _MODEL_COLUMNS["lif"]
_STDP_COLUMNS = ("tau_plus", "tau_minus", "eta_plus", "eta_minus", "w_min", "w_max")


def _column(table: Mapping[str, Any], table_name: str, key: str, n: Optional[int], kind: str) -> np.ndarray:
    """table[key] checked and converted: ValueError naming ``table_name['key']`` otherwise.

    kind "real": any integer or floating dtype, finite, as float64; "index": non-negative
    integers below 2**32 as uint32; "step": non-negative integers as int64; "flag": bool or 0/1
    integers as uint8.
    """
    name = f"{table_name}['{key}']"
    if key not in table:
        raise ValueError(f"{name}: missing column")
    a = np.asarray(table[key])
    if a.ndim != 1:
        raise ValueError(f"{name}: expected a 1-D array, got shape {a.shape}")
    if n is not None and len(a) != n:
        raise ValueError(f"{name}: expected {n} values (as {table_name}'s first column), got {len(a)}")
    if kind == "real":
        if a.dtype.kind not in "iuf":
            raise ValueError(f"{name}: expected an integer or floating dtype, got {a.dtype}")
        out = a.astype(np.float64)
        bad = np.flatnonzero(~np.isfinite(out))
        if bad.size:
            raise ValueError(f"{name}: NaN or inf at index {bad[0]}")
        return out
    if kind == "flag":
        if a.dtype.kind not in "biu" or (a.size and not np.isin(a, (0, 1)).all()):
            raise ValueError(f"{name}: expected booleans (or 0/1 integers), got dtype {a.dtype}")
        return a.astype(np.uint8)
    if a.dtype.kind not in "iu":
        raise ValueError(f"{name}: expected an integer dtype, got {a.dtype}")
    if a.size and (a.min() < 0 or (kind == "index" and a.max() >= 2**32)):
        raise ValueError(f"{name}: values must be >= 0{' and < 2**32' if kind == 'index' else ''}")
    return a.astype(np.uint32 if kind == "index" else np.int64)


def _table(table: Any, name: str, required: Sequence[str], optional_groups: Sequence[Sequence[str]], kinds: Mapping[str, str]) -> dict:
    """A table of columns: all required ones, each optional group complete or absent, nothing else."""
    if not isinstance(table, Mapping):
        raise ValueError(f"{name}: expected a dict of column arrays, got {type(table).__name__}")
    known = set(required).union(*map(set, optional_groups))
    unknown = sorted(set(table) - known)
    if unknown:
        raise ValueError(f"{name}: unknown column(s) {unknown}; expected {sorted(known)}")
    first = required[0]
    n = len(np.asarray(table[first])) if first in table and np.ndim(table[first]) == 1 else None
    out = {k: _column(table, name, k, n, kinds.get(k, "real")) for k in required}
    for group in optional_groups:
        present = [k for k in group if k in table]
        if present and len(present) != len(group):
            raise ValueError(f"{name}: columns {list(group)} come together; missing {sorted(set(group) - set(present))}")
        out.update({k: _column(table, name, k, n, "real") for k in present})
    return out


@dataclasses.dataclass
class Network:
    """A network as numpy columns (the network folder's tables, docs/network-files.md).

    Attributes:
        neurons: dict of (N,) arrays ``tau_m, v_rest, v_reset, v_th, v_init, tau_ref, tau_syn_e,
            tau_syn_i`` (ms, mV) and ``excitatory`` (bool or 0/1); optionally the adaptive LIF's
            ``tau_a, b_a, tau_theta, d_theta`` (all four), or the conductance-based LIF's
            ``g_l`` (nS), ``e_e, e_i`` (mV) (all three; then weights are conductances in nS).
        synapses: dict of (S,) arrays ``pre`` (neuron < N, or N + input source), ``post``,
            ``weight`` (mV, or nS for the conductance model), ``delay_ms`` (on the dt grid); optionally the STDP columns
            ``tau_plus, tau_minus, eta_plus, eta_minus, w_min, w_max`` (all six).
        inputs: dict of (M,) arrays ``step`` (int) and ``source`` (< n_inputs), in (step, source) order.
        n_inputs: number of input sources.
        n_input_synapses: how many of the last synapse rows are input synapses (for file output).
        dt_ms: the step the delays and input steps are on.
    """

    neurons: dict
    synapses: dict
    inputs: dict = dataclasses.field(default_factory=lambda: {"step": np.zeros(0, np.int64), "source": np.zeros(0, np.uint32)})
    n_inputs: int = 0
    n_input_synapses: int = 0
    dt_ms: float = 0.1

    @property
    def n_neurons(self) -> int:
        """N, the number of reservoir neurons."""
        return len(self.neurons["tau_m"])

    def checked(self) -> dict:
        """The columns checked and converted for the engine; ValueError names the first bad array."""
        dt = float(self.dt_ms)
        if not math.isfinite(dt) or dt <= 0:
            raise ValueError(f"dt_ms must be a finite number > 0, got {self.dt_ms!r}")
        for name in ("n_inputs", "n_input_synapses"):
            v = getattr(self, name)
            if not isinstance(v, (int, np.integer)) or isinstance(v, bool) or v < 0:
                raise ValueError(f"{name} must be an integer >= 0, got {v!r}")
        models = [cols for model, cols in _MODEL_COLUMNS.items() if model != "lif"]
        neurons = _table(self.neurons, "neurons", _NEURON_COLUMNS + ("excitatory",), models, {"excitatory": "flag"})
        synapses = _table(self.synapses, "synapses", ("pre", "post", "weight", "delay_ms"), [_STDP_COLUMNS],
                          {"pre": "index", "post": "index"})
        inputs = _table(self.inputs, "inputs", ("step", "source"), [], {"step": "step", "source": "index"})
        return {"neurons": neurons, "synapses": synapses, "inputs": inputs, "n_inputs": int(self.n_inputs),
                "n_input_synapses": int(self.n_input_synapses), "dt_ms": dt}

    def to_arrays(self) -> dict:
        """The columns as a plain dict (copies): ``Network(**net.to_arrays())`` is ``net``."""
        return {"neurons": {k: np.array(v) for k, v in self.neurons.items()},
                "synapses": {k: np.array(v) for k, v in self.synapses.items()},
                "inputs": {k: np.array(v) for k, v in self.inputs.items()},
                "n_inputs": self.n_inputs, "n_input_synapses": self.n_input_synapses, "dt_ms": self.dt_ms}

    def equals(self, other: "Network") -> bool:
        """Exactly the same columns (bit for bit) and sizes."""
        a, b = self.to_arrays(), other.to_arrays()
        tables = ("neurons", "synapses", "inputs")
        return all(a[k] == b[k] for k in a if k not in tables) and all(
            a[t].keys() == b[t].keys() and all(np.array_equal(a[t][c], b[t][c]) for c in a[t]) for t in tables)


def _network_from_raw(raw: dict) -> Network:
    return Network(neurons=raw["neurons"], synapses=raw["synapses"], inputs=raw["inputs"], n_inputs=int(raw["n_inputs"]),
                   n_input_synapses=int(raw["n_input_synapses"]), dt_ms=float(raw["dt_ms"]))


def network(config: Union[None, Mapping[str, Any], PathLike, Network] = None, *, dt_ms: float = 0.1,
            duration_ms: float = 1000.0, seed: int = 1, overrides: Optional[Mapping[str, Any]] = None) -> Network:
    """A network as numpy columns: generated from a config (dict, TOML file or None, with its
    memory-capacity input over ``duration_ms``), read from a network folder, or a
    :class:`Network` passed through the engine's own types and checks (an exact round trip).

    ``hrsnn.simulate(hrsnn.network(cfg, seed=s, ...), ...)`` gives the same spikes as
    ``hrsnn.simulate(cfg, seed=s, ...)``.
    """
    if isinstance(config, Network):
        if overrides:
            raise ValueError("overrides: not used with a Network")
        return _network_from_raw(_core.network_arrays(None, None, [], "network", config.checked(), float(duration_ms),
                                                      float(config.dt_ms), int(seed)))
    folder, config_file, assignments = _config_source(config, overrides)
    return _network_from_raw(_core.network_arrays(folder, config_file, assignments, "config", None, float(duration_ms),
                                                  float(dt_ms), int(seed)))


def simulate(
    config: Union[None, Mapping[str, Any], PathLike, Network] = None,
    duration_ms: float = 1000.0,
    *,
    dt_ms: Optional[float] = None,
    seed: int = 1,
    plastic: bool = False,
    pairing: str = "nearest",
    layout: str = "auto",
    precision: str = "double",
    kernel: str = "exact",
    threads: int = 1,
    record: Iterable[str] = ("spikes", "weights"),
    probe_v: Sequence[int] = (),
    probe_w: Sequence[int] = (),
    probe_every_ms: float = 10.0,
    overrides: Optional[Mapping[str, Any]] = None,
) -> SimulationResult:
    """Simulates one network, as ``hrsnn simulate`` does, and returns its spikes as arrays.

    Args:
        config: a :class:`Network` of numpy columns (see :func:`network`), a network folder
            (neurons.csv, synapses.csv, ...; docs/model.md §9), a TOML config file, a dict of config keys (nested or dotted, docs/configuration.md), or
            None for the default MRSNN. A generated network is driven by the memory-capacity
            input, as the CLI's.
        duration_ms: simulated time, a multiple of ``dt_ms`` (the CLI's ``--duration``).
        dt_ms: time step (``--dt``, default 0.1); a config's ``dt`` must agree with it; a
            Network's ``dt_ms`` is used (passing another raises ValueError).
        seed: seed of a generated network and its input (``--seed``).
        plastic: apply STDP (``--plastic``).
        pairing: ``"nearest"`` or ``"all"``.
        layout: plastic synapse storage, ``"auto"``, ``"wide"`` or ``"compact"``.
        precision: neuron state, ``"double"`` or ``"single"``.
        kernel: neuron arithmetic (``--kernel``): ``"exact"`` (Brian2's expressions, identical
            spikes) or ``"fast"`` (conductance model: vectorised exp; same statistics).
        threads: threads sharing each step of this one network (``--threads``); the results
            do not depend on it. Worth it for large networks on otherwise idle cores.
        record: what to return besides the metrics: any of ``"spikes"``, ``"weights"``.
        probe_v: neurons whose membrane potential is returned every step (``--probe-v``).
        probe_w: synapses whose weight is sampled every ``probe_every_ms`` (``--probe-w``).
        probe_every_ms: interval of the weight probe.
        overrides: extra keys applied after ``config`` (like ``--set``; not with a folder).

    Returns:
        A :class:`SimulationResult`; with the same arguments the CLI's spikes.csv, weights.csv
        and metrics.json hold the same numbers (timings aside).

    Raises:
        ValueError: bad input (unknown config key, bad value, malformed network file), with
            the message the CLI prints.
        FileNotFoundError: a config file, network folder or required file that does not exist.
        KeyboardInterrupt: Ctrl-C during the run (the run is abandoned).
    """
    record = set(record)
    unknown = record - _RECORDABLE
    if unknown:
        raise ValueError(f"record: unknown item(s) {sorted(unknown)}; choose from {sorted(_RECORDABLE)}")
    arrays = None
    if isinstance(config, Network):
        if overrides:
            raise ValueError("overrides: not used with a Network (change its arrays instead)")
        if dt_ms is not None and float(dt_ms) != float(config.dt_ms):
            raise ValueError(f"dt_ms = {dt_ms} differs from the Network's dt_ms = {config.dt_ms} (its delays and input steps are on that grid)")
        arrays = config.checked()
        dt_ms = arrays["dt_ms"]
        folder, config_file, assignments = None, None, []
    else:
        folder, config_file, assignments = _config_source(config, overrides)
    dt_ms = 0.1 if dt_ms is None else dt_ms
    raw = _core.simulate(
        folder, config_file, assignments, "config", arrays, float(duration_ms), float(dt_ms), int(seed), bool(plastic),
        str(pairing), str(layout), str(precision), str(kernel), int(threads), [int(i) for i in probe_v], [int(i) for i in probe_w],
        float(probe_every_ms))
    spikes = "spikes" in record
    return SimulationResult(
        neurons=raw["neurons"] if spikes else None,
        times_ms=raw["times_ms"] if spikes else None,
        steps=raw["steps"] if spikes else None,
        weights=raw["weights"] if "weights" in record else None,
        metrics=raw["metrics"],
        v=raw.get("v"),
        weight_probe=raw.get("weight_probe"),
    )


def _interruptible(fn, *args):
    """Calls ``fn(*args)`` (a ``_core`` function that releases the GIL) on a helper thread, so that
    Ctrl-C reaches Python while it runs. On KeyboardInterrupt the engine is asked to stop between
    jobs or sequences (running ones finish, journaled ones stay), then KeyboardInterrupt is raised."""
    box: dict = {}

    def target():
        try:
            box["value"] = fn(*args)
        except BaseException as e:  # handed to the caller's thread below
            box["error"] = e

    _core.clear_stop()
    worker = threading.Thread(target=target, name="hrsnn-run", daemon=True)
    worker.start()
    try:
        while worker.is_alive():
            worker.join(0.1)
    except KeyboardInterrupt:
        _core.request_stop()
        worker.join()
        _core.clear_stop()
        raise KeyboardInterrupt("hrsnn: interrupted; finished jobs are kept in the run folder's runs.jsonl "
                                "(run(..., out=..., resume=True) continues)") from None
    if "error" in box:
        raise box["error"]
    return box["value"]


def run(
    config: Union[None, Mapping[str, Any], PathLike] = None,
    overrides: Optional[Mapping[str, Any]] = None,
    *,
    out: Optional[PathLike] = None,
    threads: Optional[int] = None,
    force: bool = False,
    resume: bool = False,
    command: str = "run",
) -> dict:
    """Runs the comparison ``hrsnn run`` runs (variants × paired seeds on a task).

    Args:
        config: a TOML config file, a dict of config keys, or None (the defaults).
        overrides: keys applied after ``config``, e.g. ``{"network.n": 60}`` (``--set``).
        out: run folder to write (config.toml, runs.jsonl, summary.json, ...); None writes to a
            temporary folder that is removed afterwards.
        threads: networks simulated at once (``--threads``); results do not depend on it.
        force: replace an existing ``out`` (``--force``).
        resume: continue an interrupted run in ``out`` (``--resume``).
        command: ``"run"``, or ``"mc"`` to force the memory-capacity task as ``hrsnn mc`` does.

    Returns:
        A dict: ``task`` (kind), ``seeds``, ``runs`` ({variant: {seed: {metric: value}}}, the
        numbers of runs.jsonl with NaN for null), ``details`` (per-run curves and tables),
        ``summary`` (summary.json's per-variant statistics), ``claims`` (claims.json), ``out``
        (the folder, or None), ``records`` (one flat dict per variant and seed) and, when pandas
        is importable, ``frame`` (those records as a DataFrame).

    Raises:
        ValueError: bad input, with the CLI's message.
        FileNotFoundError: a config or data file that does not exist.
    """
    if command not in ("run", "mc"):
        raise ValueError(f"command must be 'run' or 'mc', got {command!r}")
    if isinstance(config, (str, os.PathLike)) and os.path.isdir(os.fspath(config)):
        raise ValueError(f"{os.fspath(config)}: run takes a TOML config or a dict, not a folder")
    _, config_file, assignments = _config_source(config, overrides)
    if threads is not None:
        if int(threads) < 1:
            raise ValueError(f"threads must be >= 1, got {threads}")
        assignments.append(f"experiment.threads={int(threads)}")
    if out is None:
        with tempfile.TemporaryDirectory(prefix="hrsnn-run-") as tmp:
            result = _interruptible(_core.run, config_file, assignments, "config", os.path.join(tmp, "run"), command,
                                    False, False)
    else:
        result = _interruptible(_core.run, config_file, assignments, "config", os.fspath(out), command, bool(force),
                                bool(resume))
    result["out"] = None if out is None else os.fspath(out)
    result["records"] = [
        {"variant": variant, "seed": seed, **scalars}
        for variant, by_seed in result["runs"].items()
        for seed, scalars in by_seed.items()
    ]
    try:
        result["frame"] = runs_frame(result)
    except ImportError:
        pass  # pandas is optional: the plain dicts carry the same numbers
    return result


def predict(
    series: Any,
    config: Union[None, Mapping[str, Any], PathLike] = None,
    overrides: Optional[Mapping[str, Any]] = None,
    *,
    train: int,
    test: Optional[int] = None,
    horizons: Sequence[int] = (1,),
    seed: int = 1,
) -> dict:
    """Forecasts your own series with one reservoir, by the series tasks' protocol (docs/model.md §7).

    Each sample (a row of ``series``; scaled to [0, 1] on the training rows) is one presentation
    window; the network learns by STDP on the training rows, is frozen, runs over train + test,
    and a ridge readout per horizon maps the state after window t to x(t + h) (λ by validation).
    The network is the config's base network (the MRSNN of the examples, or heterogeneous where
    the config gives laws); ``hrsnn.run`` compares the four variants.

    Args:
        series: (T,) or (T, d) float array, finite; rows are time.
        config: a TOML config (e.g. examples/lorenz.toml: its data source is ignored), a dict of
            config keys, or None (the defaults of a ``csv`` task).
        overrides: keys applied after ``config`` (``--set``).
        train: training rows (the first ones); test: rows after them (default: the rest).
        horizons: samples ahead, each in [1, test).
        seed: network seed (the same seed gives the same forecast, bit for bit).

    Returns:
        A dict: ``forecast`` and ``truth`` ({h: (test - h, d) arrays}: the forecast made at test
        row t, and x(t + h)); ``nrmse``, ``nrmse_res`` (reservoir only), ``input_nrmse`` (the
        input alone), ``persistence``, ``ar`` and, when the ESN baseline runs, ``esn_nrmse``
        ({h: float} each); ``metrics`` (every scalar the task reports: S, rates, ...).
    """
    x = np.asarray(series, dtype=np.float64)
    if x.ndim == 1:
        x = x.reshape(-1, 1)
    if x.ndim != 2 or x.shape[0] < 2 or x.shape[1] < 1:
        raise ValueError(f"series: expected a (T,) or (T, d) array, got shape {np.shape(series)}")
    if not np.isfinite(x).all():
        row = int(np.argwhere(~np.isfinite(x))[0][0])
        raise ValueError(f"series: non-finite value at row {row}")
    if isinstance(train, bool) or not isinstance(train, (int, np.integer)) or not 20 <= train < x.shape[0]:
        raise ValueError(f"train = {train!r}: must be an integer in [20, {x.shape[0]})")
    n_test = x.shape[0] - int(train) if test is None else test
    if isinstance(n_test, bool) or not isinstance(n_test, (int, np.integer)) or n_test < 20 or train + n_test > x.shape[0]:
        raise ValueError(f"test = {n_test!r}: must be an integer >= 20 with train + test <= {x.shape[0]} rows")
    hs = [int(h) for h in horizons]
    if not hs or any(h < 1 or h >= n_test for h in hs):
        raise ValueError(f"horizons = {list(horizons)!r}: each must be in [1, test = {n_test})")
    for j in range(x.shape[1]):
        head = x[:train, j]
        if head.max() <= head.min():
            raise ValueError(f"series: column {j} is constant on the training rows (it cannot be scaled)")
    folder, config_file, assignments = _config_source(config, overrides)
    if folder is not None:
        raise ValueError(f"{folder}: predict takes a TOML config or a dict, not a network folder")
    # task.kind defaults to csv here; a lorenz or mackey-glass config keeps its calibration.
    assignments += [f"task.train={int(train)}", f"task.test={int(n_test)}", f"task.horizons=[{', '.join(map(str, hs))}]"]
    raw = _core.predict(config_file, assignments, "config", np.ascontiguousarray(x[: train + n_test]), int(seed))
    scalars, details = raw["scalars"], raw["details"]
    out: dict = {"forecast": {}, "truth": {}, "metrics": scalars}
    for name in ("nrmse", "nrmse_res", "nrmse_resin", "input_nrmse", "persistence", "ar", "esn_nrmse"):
        if f"{name}_h{hs[0]}" in scalars:
            out[name] = {h: scalars[f"{name}_h{h}"] for h in hs}
    for h in hs:
        out["forecast"][h] = np.asarray(details[f"forecast_h{h}"], dtype=np.float64).reshape(-1, x.shape[1])
        # The engine's own targets: with task.validation the scored rows are the training part's last 20 %.
        out["truth"][h] = np.asarray(details[f"target_h{h}"], dtype=np.float64).reshape(-1, x.shape[1])
    return out


def sweep(
    config: Union[None, Mapping[str, Any], PathLike] = None,
    grid: Optional[Mapping[str, Sequence[Any]]] = None,
    overrides: Optional[Mapping[str, Any]] = None,
    *,
    out: Optional[PathLike] = None,
    threads: Optional[int] = None,
    force: bool = False,
    yes: bool = False,
) -> dict:
    """Runs ``hrsnn sweep``: the :func:`run` comparison at every point of a grid (docs/sweep.md).

    Args:
        config: a TOML file (its ``[sweep]`` table is read as the CLI reads it), a dict of config
            keys, or None (the defaults).
        grid: ``{key: [values, ...]}``, one axis per key after the file's, e.g.
            ``{"heterogeneity.stdp_shape": [1, 3, "point"]}``; lists and law dicts are values.
        overrides: keys applied at every point (``--set``); a key may not be both swept and set.
        out: the sweep folder (sweep.csv, summary.csv, runs.jsonl; rerunning in it computes only
            missing rows); None writes to a temporary folder that is removed afterwards.
        threads: runs at once (default experiment.threads); results do not depend on it.
        force: replace an existing ``out``; yes: allow a grid above 10 000 points.

    Returns:
        A dict: ``points``, ``runs``, ``computed`` (rows run by this call), ``rows`` (sweep.csv as
        one dict per point × variant × seed, numbers as floats, empty cells NaN), ``summary``
        (summary.csv's rows) and, when pandas is importable, ``frame`` (``rows`` as a DataFrame).
        Ctrl-C stops between runs (KeyboardInterrupt; rerunning with the same ``out`` continues).
    """
    if isinstance(config, (str, os.PathLike)) and os.path.isdir(os.fspath(config)):
        raise ValueError(f"{os.fspath(config)}: sweep takes a TOML config or a dict, not a folder")
    _, config_file, sets = _config_source(config, overrides)
    grids = []
    for key, values in (grid or {}).items():
        if isinstance(values, (str, bytes)) or not isinstance(values, Sequence) or len(values) == 0:
            raise ValueError(f"grid[{key!r}]: expected a non-empty list of values, got {values!r}")
        grids.append(f"{key}=" + ",".join(_toml_value(v, key) for v in values))
    n_threads = 0 if threads is None else int(threads)
    if threads is not None and n_threads < 1:
        raise ValueError(f"threads must be >= 1, got {threads}")

    def go(folder: str) -> dict:
        res = _interruptible(_core.sweep, config_file, grids, sets, folder, n_threads, bool(force), bool(yes))
        res["rows"] = _read_csv_records(os.path.join(folder, "sweep.csv"))
        res["summary"] = _read_csv_records(os.path.join(folder, "summary.csv"))
        return res

    if out is None:
        with tempfile.TemporaryDirectory(prefix="hrsnn-sweep-") as tmp:
            result = go(os.path.join(tmp, "sweep"))
    else:
        result = go(os.fspath(out))
    result["out"] = None if out is None else os.fspath(out)
    try:
        import pandas as pd

        result["frame"] = pd.DataFrame.from_records(result["rows"])
    except ImportError:
        pass  # pandas is optional
    return result


def _read_csv_records(path: str) -> list:
    """A CSV file written by the engine as dicts: numeric cells as floats, empty cells NaN."""
    import csv

    def cell(v: str):
        if v == "":
            return math.nan
        try:
            return float(v)
        except ValueError:
            return v

    with open(path, newline="") as f:
        return [{k: cell(v) for k, v in row.items()} for row in csv.DictReader(f)]


def runs_frame(result: Mapping[str, Any]):
    """The per-(variant, seed) metrics of a :func:`run` result as a pandas DataFrame.

    Raises ImportError when pandas is not installed.
    """
    import pandas as pd

    return pd.DataFrame.from_records(result["records"])


def load_ucr(path: PathLike, name: str) -> dict:
    """A UCR/UEA set as the ``ucr`` task reads it: ``<path>/<name>/<name>_TRAIN.ts`` and ``_TEST.ts``.

    Returns a dict: ``X_train``, ``X_test`` (lists of float64 (T, d) arrays, min-max scaled to
    [0, 1] per dimension on the training split), ``y_train``, ``y_test`` (int64 labels 0..K-1),
    ``n_classes`` and ``window_ms`` (the task's presentation window). Raises FileNotFoundError
    for a missing file, ValueError for a malformed one.
    """
    return _core.load_dataset("ucr", _existing(path, "path"), str(name), 0)


def load_fsdd(path: PathLike, max_train_per_label_speaker: int = 0) -> dict:
    """The Free Spoken Digit Dataset as the ``fsdd`` task reads it (standard split, log-mel frames).

    ``path`` holds ``recordings/*.wav``; ``max_train_per_label_speaker`` (0: all) keeps the first
    training recordings of each digit and speaker. Returns :func:`load_ucr`'s dict; sequences are
    (frames, 32 mel bands) in (0, 1), one frame per 10 ms (``window_ms``).
    """
    k = int(max_train_per_label_speaker)
    if k < 0:
        raise ValueError(f"max_train_per_label_speaker must be >= 0, got {max_train_per_label_speaker}")
    return _core.load_dataset("fsdd", _existing(path, "path"), "", k)
