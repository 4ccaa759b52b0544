"""scikit-learn estimators over hrsnn's reservoir: whole sequences in, one label or target out.

The features are those of the ``ucr``/``fsdd`` tasks (``experiments::SequenceFeaturizer`` in C++):
each sequence is scaled to [0, 1] per dimension (minimum and maximum over the training data),
rate coded one time step per presentation window, run from a reset state through a reservoir
whose weights were shaped by an STDP phase over the training sequences, and read as spike
counts (or traces) in ``bins`` equal bins; with ``readout_input`` the input's own mean per bin
is appended. A scikit-learn linear readout (ridge or logistic regression on standardised
features) is fitted on them. See docs/python.md.
"""

from __future__ import annotations

import hashlib
import numbers
from typing import Any, Mapping, Optional

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin, RegressorMixin
from sklearn.linear_model import LogisticRegression, Ridge, RidgeClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import LabelEncoder, StandardScaler
from sklearn.utils import check_array
from sklearn.utils.multiclass import check_classification_targets
from sklearn.utils.validation import check_is_fitted, check_random_state, column_or_1d

from . import _core
from . import _interruptible

__all__ = ["HRSNNClassifier", "HRSNNRegressor"]


def _sequences(X: Any, *, fitted: Optional["_HRSNNBase"] = None) -> tuple:
    """X as a list of float64 (T_i, d) arrays, plus its layout ("2d": univariate rows, "3d", "list").

    Raises ValueError naming ``X`` for a wrong shape or dtype, NaN/inf, or (after fit) a
    different number of dimensions, or of time steps for a 2-D X (fixed-length rows, as every
    scikit-learn estimator treats a 2-D X).
    """
    if isinstance(X, (list, tuple)) and len(X) > 0 and all(hasattr(x, "shape") and len(x.shape) == 2 for x in X):
        seqs = [check_array(x, dtype=np.float64, input_name="X") for x in X]
        dims = {s.shape[1] for s in seqs}
        if len(dims) != 1:
            raise ValueError(f"X: the sequences have different numbers of dimensions {sorted(dims)}")
        layout = "list"
    else:
        a = check_array(X, dtype=np.float64, allow_nd=True, input_name="X")
        if a.ndim == 2:
            seqs = [row.reshape(-1, 1) for row in a]
            layout = "2d"
        elif a.ndim == 3:
            if a.shape[1] < 1 or a.shape[2] < 1:
                raise ValueError(f"X: a 3-D X needs at least one time step and one dimension, got shape {a.shape}")
            seqs = list(a)
            layout = "3d"
        else:
            raise ValueError(f"X: expected a 2-D (n, T), 3-D (n, T, d) array or a list of (T, d) arrays, got {a.ndim} dimensions")
    if fitted is not None:
        d = seqs[0].shape[1]
        if d != fitted.n_dims_:
            raise ValueError(f"X has {d} dimensions per time step, but {type(fitted).__name__} was fitted with {fitted.n_dims_}")
        n_in = getattr(fitted, "n_features_in_", None)  # set only when fitted on a 2-D X
        if layout == "2d" and n_in is not None and seqs[0].shape[0] != n_in:
            raise ValueError(
                f"X has {seqs[0].shape[0]} features, but {type(fitted).__name__} is expecting {n_in} features "
                "as input (a 2-D X holds fixed-length univariate sequences; pass a list of (T, 1) arrays for other lengths)"
            )
    return seqs, layout


def _require_y(estimator, y) -> None:
    """ValueError for a missing y (scikit-learn's wording): both estimators are supervised."""
    if y is None:
        raise ValueError(f"{type(estimator).__name__} requires y to be passed, but the target y is None")


class _HRSNNBase(BaseEstimator):
    """Shared reservoir, scaling and pickling of HRSNNClassifier and HRSNNRegressor."""

    def __init__(
        self,
        n_neurons: int = 100,
        *,
        bins: int = 5,
        features: str = "counts",
        stdp_sequences: int = 50,
        readout_input: bool = True,
        alpha: float = 1.0,
        window_ms: float = 20.0,
        config: Optional[Mapping[str, Any]] = None,
        random_state=None,
    ):
        self.n_neurons = n_neurons
        self.bins = bins
        self.features = features
        self.stdp_sequences = stdp_sequences
        self.readout_input = readout_input
        self.alpha = alpha
        self.window_ms = window_ms
        self.config = config
        self.random_state = random_state

    # --- the reservoir ---------------------------------------------------------------------

    def _assignments(self) -> list:
        """The ``--set`` assignments: ``config`` first, then the estimator's own parameters."""
        from . import to_assignments

        for name in ("n_neurons", "bins", "stdp_sequences"):
            v = getattr(self, name)
            if not isinstance(v, numbers.Integral) or isinstance(v, bool) or v < (0 if name == "stdp_sequences" else 1):
                raise ValueError(f"{name} must be an integer >= {0 if name == 'stdp_sequences' else 1}, got {v!r}")
        if self.features not in ("counts", "traces"):
            raise ValueError(f"features must be 'counts' or 'traces', got {self.features!r}")
        if not isinstance(self.window_ms, numbers.Real) or not self.window_ms > 0:
            raise ValueError(f"window_ms must be a number > 0, got {self.window_ms!r}")
        out = to_assignments(self.config)
        out += [f"network.n={int(self.n_neurons)}", f"task.bins={int(self.bins)}", f'task.features="{self.features}"',
                "task.esn=false"]
        return out

    def _new_reservoir(self):
        """The reservoir of the fitted parameters, before any STDP."""
        return _core.SequenceReservoir(None, self.assignments_, type(self).__name__, self.n_dims_, self.seed_,
                                       float(self.window_ms))

    def _reservoir(self):
        """The fitted reservoir, rebuilt from the stored weights after unpickling."""
        r = self.__dict__.get("_reservoir_obj")
        if r is None:
            r = self._new_reservoir()
            r.set_weights(self.weights_)
            self.__dict__["_reservoir_obj"] = r
        return r

    def __getstate__(self):
        # The compiled reservoir does not pickle; seed, config and weights rebuild it exactly.
        state = super().__getstate__() if hasattr(super(), "__getstate__") else self.__dict__.copy()
        state = dict(state)
        state.pop("_reservoir_obj", None)
        return state

    def _scale(self, seqs: list) -> list:
        """Each sequence mapped to [0, 1] with the training minimum and maximum (clipped)."""
        return [np.ascontiguousarray(np.clip((s - self.x_min_) / self.x_range_, 0.0, 1.0)) for s in seqs]

    def _input_seeds(self, seqs: list) -> list:
        """One seed per sequence from its content: the Poisson input of a sequence is the same
        in any batch and order (the default current pathway draws nothing)."""
        out = []
        for s in seqs:
            h = hashlib.blake2b(digest_size=8)
            h.update(np.uint64(self.seed_).tobytes())
            h.update(np.asarray(s.shape, dtype=np.int64).tobytes())
            h.update(s.tobytes())
            out.append(int.from_bytes(h.digest(), "little"))
        return out

    def _features(self, seqs: list) -> np.ndarray:
        """The readout's input: reservoir features, then (readout_input) the binned input."""
        r = self._reservoir()
        scaled = self._scale(seqs)
        f = _interruptible(r.features, scaled, self._input_seeds(scaled))  # Ctrl-C stops between sequences
        if self.readout_input:
            f = np.hstack([f, r.input_features(scaled)])
        return f

    def _fit_reservoir(self, seqs: list, layout: str) -> np.ndarray:
        """Builds the reservoir for validated sequences, runs the STDP phase; returns the training features."""
        self.n_dims_ = seqs[0].shape[1]
        # n_features_in_ is the fixed row length of a 2-D X (scikit-learn's meaning); sequences of
        # a 3-D X or a list may have any length, checked only for their dimension.
        if layout == "2d":
            self.n_features_in_ = seqs[0].shape[0]
        else:
            self.__dict__.pop("n_features_in_", None)
        stacked = np.vstack(seqs)
        self.x_min_ = stacked.min(axis=0)
        rng = stacked.max(axis=0) - self.x_min_
        self.x_range_ = np.where(rng > 0, rng, 1.0)  # a constant dimension maps to 0
        rs = self.random_state
        # An integer is the network's seed itself (as `hrsnn --seed`); None or a RandomState draws one.
        self.seed_ = int(rs) if isinstance(rs, numbers.Integral) and not isinstance(rs, bool) and rs >= 0 else \
            int(check_random_state(rs).randint(0, 2**31 - 1))
        self.assignments_ = self._assignments()
        r = self._new_reservoir()
        self.__dict__["_reservoir_obj"] = r
        scaled = self._scale(seqs)
        if self.stdp_sequences > 0:
            _interruptible(r.stdp_phase, scaled, self._input_seeds(scaled), int(self.stdp_sequences))
        self.weights_ = r.weights()
        return self._features(seqs)

    def _check_X(self, X) -> list:
        """X for predict: fitted estimator, same dimensions (and row length for a 2-D X)."""
        check_is_fitted(self, "weights_")
        return _sequences(X, fitted=self)[0]

    def _more_tags(self):
        return {"X_types": ["2darray", "3darray"]}


class HRSNNClassifier(ClassifierMixin, _HRSNNBase):
    """Classifies whole sequences with an HRSNN reservoir and a linear readout.

    Parameters:
        n_neurons: reservoir size N (``network.n``).
        bins: B, the equal bins of each sequence whose spike counts are the features (``task.bins``).
        features: ``"counts"`` (spikes per bin) or ``"traces"`` (``task.features``).
        stdp_sequences: training sequences (evenly spaced) in the STDP phase; 0 keeps the initial weights.
        readout_input: also give the readout each input dimension's mean per bin.
        alpha: ridge penalty (``readout="ridge"``) or inverse C of the logistic readout.
        readout: ``"ridge"`` (scikit-learn's RidgeClassifier) or ``"logistic"`` (LogisticRegression).
        window_ms: presentation window of one time step (``encoding.window_ms``).
        config: further config keys, as :func:`hrsnn.simulate`'s dict (``{"encoding.kind": "poisson"}``).
        random_state: int (the network's seed, as ``hrsnn --seed``), RandomState or None.

    X is a 2-D array (n, T) of univariate sequences, a 3-D array (n, T, d), or a list of (T_i, d)
    arrays; y one label per sequence.
    """

    def __init__(self, n_neurons: int = 100, *, bins: int = 5, features: str = "counts", stdp_sequences: int = 50,
                 readout_input: bool = True, alpha: float = 1.0, readout: str = "ridge", window_ms: float = 20.0,
                 config: Optional[Mapping[str, Any]] = None, random_state=None):
        super().__init__(n_neurons, bins=bins, features=features, stdp_sequences=stdp_sequences,
                         readout_input=readout_input, alpha=alpha, window_ms=window_ms, config=config,
                         random_state=random_state)
        self.readout = readout

    def fit(self, X, y):
        """Builds the reservoir (STDP phase on X), computes the features and fits the readout."""
        if self.readout not in ("ridge", "logistic"):
            raise ValueError(f"readout must be 'ridge' or 'logistic', got {self.readout!r}")
        if not isinstance(self.alpha, numbers.Real) or not self.alpha > 0:
            raise ValueError(f"alpha must be a number > 0, got {self.alpha!r}")
        seqs, layout = _sequences(X)
        _require_y(self, y)
        y = column_or_1d(np.asarray(y), warn=True)
        check_classification_targets(y)
        if len(y) != len(seqs):
            raise ValueError(f"y: {len(y)} labels for {len(seqs)} sequences in X")
        self._encoder = LabelEncoder().fit(y)
        self.classes_ = self._encoder.classes_
        if len(self.classes_) < 2:
            raise ValueError(f"y: the training data hold only one class ({self.classes_[0]!r}); at least 2 are needed")
        f = self._fit_reservoir(seqs, layout)
        last = RidgeClassifier(alpha=self.alpha) if self.readout == "ridge" else LogisticRegression(C=1.0 / self.alpha, max_iter=1000)
        self.readout_ = make_pipeline(StandardScaler(), last).fit(f, self._encoder.transform(y))
        return self

    def decision_function(self, X):
        """The readout's decision values for each sequence."""
        f = self._features(self._check_X(X))
        return self.readout_.decision_function(f)

    def predict(self, X):
        """One label per sequence."""
        f = self._features(self._check_X(X))
        return self._encoder.inverse_transform(self.readout_.predict(f))


class HRSNNRegressor(RegressorMixin, _HRSNNBase):
    """Predicts one number per sequence with an HRSNN reservoir and a ridge readout.

    The parameters are HRSNNClassifier's (without ``readout``: the readout is scikit-learn's
    Ridge with penalty ``alpha`` on standardised features).
    """

    def fit(self, X, y):
        """Builds the reservoir (STDP phase on X), computes the features and fits the ridge readout."""
        if not isinstance(self.alpha, numbers.Real) or not self.alpha > 0:
            raise ValueError(f"alpha must be a number > 0, got {self.alpha!r}")
        seqs, layout = _sequences(X)
        _require_y(self, y)
        y = np.asarray(y)
        if y.ndim == 2 and y.shape[1] != 1:
            raise ValueError(f"y: one target per sequence (a 1-D array), got shape {y.shape}")
        y = check_array(column_or_1d(y, warn=True), dtype=np.float64, ensure_2d=False, input_name="y")
        if len(y) != len(seqs):
            raise ValueError(f"y: {len(y)} targets for {len(seqs)} sequences in X")
        f = self._fit_reservoir(seqs, layout)
        self.readout_ = make_pipeline(StandardScaler(), Ridge(alpha=self.alpha)).fit(f, y)
        return self

    def predict(self, X):
        """One prediction per sequence."""
        f = self._features(self._check_X(X))
        return self.readout_.predict(f)
