"""hrsnn.simulate against `hrsnn simulate`: same seed, same bits; errors as Python exceptions."""

import csv
import json
import math

import numpy as np
import pytest

import hrsnn

TIMINGS = {"wall_seconds", "cpu_seconds", "setup_seconds"}


def read_spikes(folder):
    with open(folder / "spikes.csv") as f:
        rows = list(csv.DictReader(f))
    neurons = np.array([int(r["neuron"]) for r in rows], dtype=np.uint32)
    steps = np.array([int(r["step"]) for r in rows], dtype=np.int64)
    times = np.array([float(r["time"]) for r in rows], dtype=np.float64)
    return neurons, steps, times


def read_weights(folder):
    with open(folder / "weights.csv") as f:
        return np.array([float(r["weight"]) for r in csv.DictReader(f)], dtype=np.float64)


def assert_same_as_cli(result, folder, plastic=True):
    neurons, steps, times = read_spikes(folder)
    assert result.neurons.dtype == np.uint32 and result.times_ms.dtype == np.float64
    assert len(neurons) > 0, "a comparison without spikes would prove nothing"
    np.testing.assert_array_equal(result.neurons, neurons)
    np.testing.assert_array_equal(result.steps, steps)
    np.testing.assert_array_equal(result.times_ms, times)  # exact: the CSV's decimal, parsed
    if plastic:
        w = read_weights(folder)
        assert result.weights.dtype == np.float64
        np.testing.assert_array_equal(result.weights, w)  # %.17g round-trips every double
    cli_metrics = json.loads((folder / "metrics.json").read_text())
    assert set(cli_metrics) == set(result.metrics)
    for k, v in cli_metrics.items():
        if k in TIMINGS:
            continue
        mine = result.metrics[k]
        if v is None:  # JSON null is how metrics.json spells NaN
            assert isinstance(mine, float) and math.isnan(mine), k
        else:
            assert mine == v, k


def test_generated_network_is_bit_identical_to_cli(cli, tmp_path):
    out = tmp_path / "sim"
    cli("simulate", "--duration", 2000, "--dt", 1, "--seed", 7, "--plastic", "--set", "network.n=80", "--out", out)
    r = hrsnn.simulate({"network": {"n": 80}}, duration_ms=2000, dt_ms=1.0, seed=7, plastic=True)
    assert_same_as_cli(r, out)
    assert r.metrics["neurons"] == 80


def test_network_folder_is_bit_identical_to_cli(cli, tmp_path):
    # A generated network exported as a folder, then run from the folder by both at dt 0.1 ms.
    net = tmp_path / "net"
    cli("simulate", "--duration", 300, "--dt", 0.1, "--seed", 3, "--set", "network.n=120",
        "--export-network", net, "--out", tmp_path / "export")
    out = tmp_path / "sim"
    cli("simulate", "--network", net, "--duration", 300, "--dt", 0.1, "--plastic", "--pairing", "all", "--out", out)
    r = hrsnn.simulate(net, duration_ms=300, dt_ms=0.1, plastic=True, pairing="all")
    assert_same_as_cli(r, out)


def test_examples_network_and_probes(cli, root, tmp_path):
    out = tmp_path / "sim"
    cli("simulate", "--network", root / "examples" / "network", "--duration", 200, "--dt", 0.1, "--plastic",
        "--probe-v", 0, 1, "--probe-w", 0, "--probe-every", 30, "--out", out)
    r = hrsnn.simulate(root / "examples" / "network", duration_ms=200, dt_ms=0.1, plastic=True,
                       probe_v=[0, 1], probe_w=[0], probe_every_ms=30)
    assert_same_as_cli(r, out)
    assert r.v.shape == (2000, 2)
    with open(out / "membrane_probe.csv") as f:
        v = np.array([float(row["v"]) for row in csv.DictReader(f)]).reshape(-1, 2)
    np.testing.assert_array_equal(r.v, v)
    with open(out / "weight_probe.csv") as f:
        rows = list(csv.DictReader(f))
    np.testing.assert_array_equal(r.weight_probe["step"], [int(x["step"]) for x in rows])
    np.testing.assert_array_equal(r.weight_probe["weight"], [float(x["weight"]) for x in rows])


def test_toml_file_dict_and_overrides_agree(tmp_path):
    toml = tmp_path / "net.toml"
    toml.write_text("[network]\nn = 60\ntopology = \"random\"\n")
    a = hrsnn.simulate(toml, duration_ms=500, dt_ms=1.0, seed=2)
    b = hrsnn.simulate({"network.n": 60, "network": {"topology": "random"}}, duration_ms=500, dt_ms=1.0, seed=2)
    c = hrsnn.simulate(None, duration_ms=500, dt_ms=1.0, seed=2,
                       overrides={"network": {"n": 60, "topology": "random"}})
    for x in (b, c):
        np.testing.assert_array_equal(a.neurons, x.neurons)
        np.testing.assert_array_equal(a.times_ms, x.times_ms)


def test_record_selects_outputs():
    r = hrsnn.simulate({"network.n": 40}, duration_ms=100, dt_ms=1.0, record=["weights"])
    assert r.neurons is None and r.times_ms is None and r.weights is not None
    with pytest.raises(ValueError, match="record"):
        hrsnn.simulate({"network.n": 40}, duration_ms=100, dt_ms=1.0, record=["voltage"])


def test_unknown_config_key_is_value_error_naming_it():
    with pytest.raises(ValueError, match=r"network\.nn.*unknown key"):
        hrsnn.simulate({"network": {"nn": 60}}, duration_ms=100, dt_ms=1.0)


def test_bad_value_is_value_error_with_cli_message(tmp_path):
    toml = tmp_path / "bad.toml"
    toml.write_text("[network]\nn = -3\n")
    with pytest.raises(ValueError, match=r"bad\.toml:2: key 'network\.n'"):
        hrsnn.simulate(toml, duration_ms=100, dt_ms=1.0)
    with pytest.raises(ValueError, match="--duration"):
        hrsnn.simulate({"network.n": 40}, duration_ms=0.5, dt_ms=1.0)


def test_missing_files_are_os_errors(tmp_path):
    with pytest.raises(FileNotFoundError):
        hrsnn.simulate(tmp_path / "nope.toml", duration_ms=100)
    with pytest.raises(OSError, match="synapses.csv"):
        (tmp_path / "net").mkdir()
        (tmp_path / "net" / "neurons.csv").write_text(
            "id,type,tau_m,v_rest,v_reset,v_th,v_init,tau_ref,tau_syn_e,tau_syn_i\n0,E,20,-65,-65,-50,-65,2,5,10\n")
        hrsnn.simulate(tmp_path / "net", duration_ms=100)
    with pytest.raises(FileNotFoundError, match="neurons.csv"):
        (tmp_path / "empty").mkdir()
        hrsnn.simulate(tmp_path / "empty", duration_ms=100)


def test_folder_with_overrides_is_refused(root):
    with pytest.raises(ValueError, match="network folder"):
        hrsnn.simulate(root / "examples" / "network", duration_ms=10, overrides={"network.n": 3})
