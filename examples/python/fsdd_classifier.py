"""Spoken digits (FSDD) with HRSNNClassifier in a scikit-learn Pipeline, on a small subset.

    python examples/python/fsdd_classifier.py [recordings per digit and speaker, default 3]

The data folder is $HRSNN_DATA_DIR/fsdd, else ../shared/data/fsdd beside the repository (it is
never copied into the repository). The Free Spoken Digit Dataset (Jackson et al., Zenodo DOI
10.5281/zenodo.1342401, CC BY-SA 4.0). Run by tests/python/test_examples.py.
"""

import os
import pathlib
import sys

import numpy as np
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import FunctionTransformer

import hrsnn

REPO = pathlib.Path(__file__).resolve().parents[2]


def data_dir() -> pathlib.Path:
    """$HRSNN_DATA_DIR, else ../shared/data relative to the repository root."""
    return pathlib.Path(os.environ.get("HRSNN_DATA_DIR", REPO.parent / "shared" / "data"))


def every_other_frame(X):
    """Halves each sequence's frames (20 ms per window): a user's own preprocessing step."""
    return [x[::2] for x in X]


def main(per_digit_speaker: int = 3) -> dict:
    """Trains on `per_digit_speaker` recordings of each digit and speaker, scores on a 60-recording test subset."""
    d = hrsnn.load_fsdd(data_dir() / "fsdd", max_train_per_label_speaker=per_digit_speaker)
    # Every 5th test recording: 60 of the standard 300, all digits and speakers.
    X_test, y_test = d["X_test"][::5], d["y_test"][::5]
    model = make_pipeline(
        FunctionTransformer(every_other_frame),
        # The fsdd task's settings: its input weights (1.5 mV for 32 bands) and 20 ms windows.
        hrsnn.HRSNNClassifier(n_neurons=200, stdp_sequences=50, window_ms=20.0, random_state=1,
                              config={"task.kind": "fsdd"}),
    )
    model.fit(d["X_train"], d["y_train"])
    accuracy = float(model.score(X_test, y_test))
    return {"train": len(d["X_train"]), "test": len(X_test), "accuracy": accuracy,
            "chance": 1.0 / d["n_classes"], "labels": np.unique(d["y_train"]).size}


if __name__ == "__main__":
    print(main(*(int(a) for a in sys.argv[1:2])))
