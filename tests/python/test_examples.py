"""examples/python/*.py run as documented (each example's main() is called here)."""

import importlib.util
import os
import pathlib

import pytest


def load(root, name):
    spec = importlib.util.spec_from_file_location(name, root / "examples" / "python" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_raster_example_writes_a_figure(root, tmp_path):
    pytest.importorskip("matplotlib")
    out = tmp_path / "raster.png"
    result = load(root, "raster").main(str(out))
    assert result["spikes"] > 0
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG file"


def test_fsdd_example_beats_chance(root):
    pytest.importorskip("sklearn")
    example = load(root, "fsdd_classifier")
    recordings = example.data_dir() / "fsdd" / "recordings"
    if not recordings.is_dir():
        pytest.skip(f"{recordings}: FSDD not found (set HRSNN_DATA_DIR)")
    result = example.main(1)
    assert result["train"] == 60 and result["test"] == 60 and result["labels"] == 10
    # 10 digits: chance is 0.1; a reservoir that carries nothing of the audio would sit there.
    assert result["accuracy"] >= 3 * result["chance"], result


def test_bo_example_improves_on_its_first_guess(root):
    result = load(root, "bo_user_objective").main(8)
    assert result["evaluations"] == 8
    assert result["error_hz"] <= result["first_error_hz"]
    assert abs(result["rate_e_hz"] - 10.0) == pytest.approx(result["error_hz"])
