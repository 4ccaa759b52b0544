"""HRSNNClassifier / HRSNNRegressor: input layouts, determinism, pickling, scikit-learn tooling and checks."""

import pickle

import numpy as np
import pytest

sklearn = pytest.importorskip("sklearn")
from sklearn.model_selection import GridSearchCV, cross_val_score  # noqa: E402
from sklearn.pipeline import make_pipeline  # noqa: E402
from sklearn.preprocessing import FunctionTransformer  # noqa: E402
from sklearn.utils.estimator_checks import parametrize_with_checks  # noqa: E402

import hrsnn  # noqa: E402
from hrsnn import HRSNNClassifier, HRSNNRegressor  # noqa: E402

SMALL = dict(n_neurons=40, stdp_sequences=10)


def waves(n, T=30, d=1, seed=0):
    """Sequences (n, T, d): class 0 a slow sine, class 1 a fast one; random phase and noise."""
    rng = np.random.default_rng(seed)
    y = np.arange(n) % 2
    t = np.linspace(0, 1, T)
    freq = np.where(y == 0, 1.0, 3.0)[:, None]
    phase = rng.uniform(0, 2 * np.pi, (n, 1))
    x = np.sin(2 * np.pi * freq * t[None, :] + phase)
    X = np.repeat(x[:, :, None], d, axis=2) + 0.1 * rng.standard_normal((n, T, d))
    return X, y


def test_classifier_learns_from_reservoir_features():
    X, y = waves(80)
    # 100 neurons: at 40 the test accuracy of this toy swings 0.73-0.97 with the seed, under the
    # paper's network and the default one alike (measured on seeds 3-7); at 100 it is 0.93-1.0.
    clf = HRSNNClassifier(readout_input=False, random_state=3, n_neurons=100, stdp_sequences=10).fit(X[:50], y[:50])
    acc = clf.score(X[50:], y[50:])
    assert acc >= 0.8, f"reservoir features alone should separate 1 Hz from 3 Hz sines, got accuracy {acc}"
    assert set(clf.classes_) == {0, 1}


def test_regressor_predicts_one_target_per_sequence():
    rng = np.random.default_rng(1)
    amp = rng.uniform(0.1, 1.0, 60)
    X = amp[:, None] * np.sin(np.linspace(0, 6, 25))[None, :] + 0.02 * rng.standard_normal((60, 25))
    reg = HRSNNRegressor(readout_input=False, random_state=2, **SMALL).fit(X[:40], amp[:40])
    pred = reg.predict(X[40:])
    assert pred.shape == (20,)
    assert reg.score(X[40:], amp[40:]) > 0.5, "the amplitude should be recoverable from spike counts"


def test_input_layouts_give_the_same_features():
    X, y = waves(24, d=2)
    a = HRSNNClassifier(random_state=5, **SMALL).fit(X, y)
    b = HRSNNClassifier(random_state=5, **SMALL).fit([x for x in X], y)  # list of (T, d) arrays
    np.testing.assert_array_equal(a.decision_function(X), b.decision_function(list(X)))
    # Sequences of different lengths: only a list can hold them.
    ragged = [x[: 10 + k] for k, x in enumerate(X)]
    c = HRSNNClassifier(random_state=5, **SMALL).fit(ragged, y)
    assert c.predict(ragged).shape == (24,)
    # A 2-D X is univariate sequences: the same as (n, T, 1).
    u = X[:, :, 0]
    np.testing.assert_array_equal(HRSNNClassifier(random_state=1, **SMALL).fit(u, y).decision_function(u),
                                  HRSNNClassifier(random_state=1, **SMALL).fit(u[:, :, None], y).decision_function(u[:, :, None]))


def test_same_seed_same_bits_other_seed_other_network():
    X, y = waves(30, d=1)
    f1 = HRSNNClassifier(random_state=7, **SMALL).fit(X, y)
    f2 = HRSNNClassifier(random_state=7, **SMALL).fit(X, y)
    f3 = HRSNNClassifier(random_state=8, **SMALL).fit(X, y)
    np.testing.assert_array_equal(f1.weights_, f2.weights_)
    np.testing.assert_array_equal(f1.decision_function(X), f2.decision_function(X))
    assert not np.array_equal(f1._features(list(X)), f3._features(list(X)))


def test_predictions_do_not_depend_on_batch_or_order():
    # Poisson input: each sequence's spikes are drawn from a seed of its own content.
    X, y = waves(30)
    clf = HRSNNClassifier(config={"encoding.kind": "poisson"}, random_state=2, **SMALL).fit(X, y)
    full = clf.decision_function(X)
    perm = np.random.default_rng(0).permutation(30)
    np.testing.assert_array_equal(clf.decision_function(X[perm]), full[perm])
    np.testing.assert_array_equal(clf.decision_function(X[:3]), full[:3])


def test_pickle_restores_the_stdp_weights_exactly():
    X, y = waves(30)
    clf = HRSNNClassifier(random_state=4, **SMALL).fit(X, y)
    frozen = HRSNNClassifier(random_state=4, n_neurons=40, stdp_sequences=0).fit(X, y)
    assert not np.array_equal(clf.weights_, frozen.weights_), "the STDP phase should have changed weights"
    clone = pickle.loads(pickle.dumps(clf))
    np.testing.assert_array_equal(clone.decision_function(X), clf.decision_function(X))
    np.testing.assert_array_equal(clone._reservoir().weights(), clf.weights_)


def test_pipeline_gridsearch_and_parallel_cross_validation():
    X, y = waves(40)
    pipe = make_pipeline(FunctionTransformer(lambda a: 2.0 * a), HRSNNClassifier(random_state=0, **SMALL))
    grid = GridSearchCV(pipe, {"hrsnnclassifier__alpha": [0.1, 10.0], "hrsnnclassifier__bins": [2, 4]}, cv=2).fit(X, y)
    assert grid.best_params_["hrsnnclassifier__bins"] in (2, 4)
    assert grid.score(X, y) > 0.5
    # n_jobs=2 pickles the estimator into worker processes: the scores must equal the serial ones.
    clf = HRSNNClassifier(random_state=0, **SMALL)
    np.testing.assert_array_equal(cross_val_score(clf, X, y, cv=2, n_jobs=2), cross_val_score(clf, X, y, cv=2))


@pytest.mark.parametrize(
    "X, message",
    [
        (np.full((6, 5), np.nan), "NaN"),
        (np.zeros(6), "2D array"),
        (np.zeros((6, 5, 2, 1)), "dimensions"),
        ([np.zeros((5, 1)), np.zeros((5, 2))] * 3, "different numbers of dimensions"),
    ],
)
def test_bad_X_raises_value_error(X, message):
    with pytest.raises(ValueError, match=message):
        HRSNNClassifier(**SMALL).fit(X, [0, 1] * 3)


def test_bad_parameters_and_mismatched_predict_raise_value_error():
    X, y = waves(10, d=2)
    for kw, name in [({"n_neurons": 0}, "n_neurons"), ({"features": "rates"}, "features"), ({"alpha": -1}, "alpha"),
                     ({"readout": "svm"}, "readout"), ({"config": {"network.nn": 3}}, "network.nn")]:
        with pytest.raises(ValueError, match=name):
            HRSNNClassifier(**{**SMALL, **kw}).fit(X, y)
    clf = HRSNNClassifier(random_state=0, **SMALL).fit(X, y)
    with pytest.raises(ValueError, match="dimensions"):
        clf.predict(X[:, :, :1])
    with pytest.raises(ValueError, match="y"):
        HRSNNRegressor(**SMALL).fit(X, np.zeros((10, 2)))


# scikit-learn's own estimator checks (Debian 12's scikit-learn 1.2.1), one test each. The checks
# that cannot pass are marked here with the reason (strict: a check that starts passing fails).
EXPECTED_FAILURES = {}


def _mark(estimator, check):
    name = check.func.__name__ if hasattr(check, "func") else check.__name__
    reason = EXPECTED_FAILURES.get((type(estimator).__name__, name)) or EXPECTED_FAILURES.get(("*", name))
    return reason


@parametrize_with_checks([HRSNNClassifier(n_neurons=20, stdp_sequences=5, random_state=0),
                          HRSNNRegressor(n_neurons=20, stdp_sequences=5, random_state=0)])
def test_sklearn_check(estimator, check, request):
    reason = _mark(estimator, check)
    if reason:
        request.applymarker(pytest.mark.xfail(reason=reason, strict=True))
    check(estimator)


def test_estimators_are_exported_lazily():
    assert hrsnn.HRSNNClassifier is HRSNNClassifier
    with pytest.raises(AttributeError):
        hrsnn.NoSuchThing  # noqa: B018
