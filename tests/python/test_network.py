"""Networks as numpy arrays: hrsnn.network, hrsnn.Network, simulate(Network); checks naming the array."""

import numpy as np
import pytest

import hrsnn


@pytest.fixture(scope="module")
def net():
    """A generated MRSNN with STDP columns and Poisson-coded input, as arrays."""
    return hrsnn.network({"network": {"n": 60}}, dt_ms=0.1, duration_ms=200, seed=3)


def test_generated_network_as_arrays_simulates_like_the_config(net):
    assert net.n_neurons == 60 and net.n_inputs > 0 and len(net.inputs["step"]) > 0
    assert "eta_plus" in net.synapses, "the default network has plastic synapses"
    a = hrsnn.simulate(net, 200, seed=3, plastic=True)
    b = hrsnn.simulate({"network": {"n": 60}}, 200, dt_ms=0.1, seed=3, plastic=True)
    assert len(a.neurons) > 0
    np.testing.assert_array_equal(a.neurons, b.neurons)
    np.testing.assert_array_equal(a.steps, b.steps)
    np.testing.assert_array_equal(a.weights, b.weights)


def test_threads_give_the_same_spikes_and_weights(net):
    a = hrsnn.simulate(net, 200, plastic=True)
    b = hrsnn.simulate(net, 200, plastic=True, threads=2)
    np.testing.assert_array_equal(a.neurons, b.neurons)
    np.testing.assert_array_equal(a.steps, b.steps)
    np.testing.assert_array_equal(a.weights, b.weights)
    with pytest.raises(ValueError, match="threads"):
        hrsnn.simulate(net, 10, threads=0)


def test_round_trip_through_the_engine_is_exact(net):
    back = hrsnn.network(net)  # arrays -> sim::Network -> arrays
    assert back.equals(net)
    copy = hrsnn.Network(**net.to_arrays())
    assert copy.equals(net)
    copy.synapses["weight"][0] += 1e-12
    assert not copy.equals(net), "equals must see a one-ulp-scale change"


def test_network_folder_as_arrays_matches_the_folder(root):
    folder = root / "examples" / "network"
    a = hrsnn.simulate(hrsnn.network(folder, dt_ms=0.1, duration_ms=100), 100, dt_ms=0.1)
    b = hrsnn.simulate(folder, 100, dt_ms=0.1)
    np.testing.assert_array_equal(a.neurons, b.neurons)
    np.testing.assert_array_equal(a.times_ms, b.times_ms)


def test_hand_built_network_fires_when_driven():
    # Two neurons; input 0 drives neuron 0, which excites neuron 1 after 2 ms.
    n = 2
    neurons = dict(tau_m=np.full(n, 20.0), v_rest=np.zeros(n), v_reset=np.zeros(n), v_th=np.full(n, 10.0),
                   v_init=np.zeros(n), tau_ref=np.full(n, 2.0), tau_syn_e=np.full(n, 5.0), tau_syn_i=np.full(n, 10.0),
                   excitatory=np.array([True, True]))
    synapses = dict(pre=np.array([0, 2], np.uint32), post=np.array([1, 0], np.uint32), weight=np.array([100.0, 100.0]),
                    delay_ms=np.array([2.0, 0.0]))
    inputs = dict(step=np.array([10], np.int64), source=np.array([0], np.uint32))
    net = hrsnn.Network(neurons, synapses, inputs, n_inputs=1, n_input_synapses=1, dt_ms=0.1)
    r = hrsnn.simulate(net, 20)
    assert list(r.neurons[:2]) == [0, 1], r.neurons
    assert r.times_ms[1] - r.times_ms[0] >= 2.0, "neuron 1 fires after the 2 ms delay"


@pytest.mark.parametrize(
    "table, key, value, message",
    [
        ("neurons", "tau_m", lambda a: a.astype(complex), r"neurons\['tau_m'\]: expected an integer or floating dtype"),
        ("neurons", "v_th", lambda a: np.where(np.arange(len(a)) == 3, np.nan, a), r"neurons\['v_th'\]: NaN or inf at index 3"),
        ("neurons", "tau_m", lambda a: a[:-1], r"neurons\['v_rest'\]: expected 59 values"),
        ("neurons", "excitatory", lambda a: a.astype(float) * 2, r"neurons\['excitatory'\]"),
        ("synapses", "pre", lambda a: a.astype(np.float64), r"synapses\['pre'\]: expected an integer dtype"),
        ("synapses", "post", lambda a: a.reshape(-1, 1), r"synapses\['post'\]: expected a 1-D array"),
        ("synapses", "weight", lambda a: a[:5], r"synapses\['weight'\]: expected \d+ values"),
        ("synapses", "delay_ms", lambda a: a + 0.05, r"synapses\['delay_ms'\]\[0\]"),
        ("inputs", "source", lambda a: a.astype(np.int64) - 10**6, r"inputs\['source'\]: values must be >= 0"),
    ],
)
def test_bad_arrays_raise_value_error_naming_them(net, table, key, value, message):
    bad = net.to_arrays()
    bad[table][key] = value(bad[table][key])
    with pytest.raises(ValueError, match=message):
        hrsnn.simulate(hrsnn.Network(**bad), 10)


def test_semantic_errors_come_from_the_engine(net):
    bad = net.to_arrays()
    bad["neurons"]["tau_m"][7] = -1.0
    with pytest.raises(ValueError, match="neuron 7"):
        hrsnn.simulate(hrsnn.Network(**bad), 10)
    bad = net.to_arrays()
    bad["synapses"]["foo"] = bad["synapses"]["pre"]
    with pytest.raises(ValueError, match=r"synapses: unknown column\(s\) \['foo'\]"):
        hrsnn.simulate(hrsnn.Network(**bad), 10)
    with pytest.raises(ValueError, match="dt_ms"):
        hrsnn.simulate(net, 10, dt_ms=1.0)


def test_conductance_network_from_arrays_matches_its_folder(root, tmp_path):
    # The reference case G network (conductance-based LIF, weights in nS) as a folder and as arrays.
    import subprocess
    import sys
    folder = tmp_path / "coba"
    subprocess.run([sys.executable, str(root / "scripts" / "reference" / "make_network.py"), "--n", "200", "--seed", "5",
                    "--dt", "0.1", "--duration", "200", "--coba", "--out", str(folder)], check=True)
    net = hrsnn.network(folder, dt_ms=0.1, duration_ms=200)
    assert set(("g_l", "e_e", "e_i")) <= set(net.neurons)
    a = hrsnn.simulate(net, 200, plastic=True)
    b = hrsnn.simulate(folder, 200, dt_ms=0.1, plastic=True)
    assert len(a.neurons) > 100
    np.testing.assert_array_equal(a.neurons, b.neurons)
    np.testing.assert_array_equal(a.times_ms, b.times_ms)
    np.testing.assert_array_equal(a.weights, b.weights)
    fast = hrsnn.simulate(net, 200, kernel="fast")  # the vectorised kernel: same statistics
    assert abs(len(fast.neurons) - len(hrsnn.simulate(net, 200).neurons)) <= 0.05 * len(fast.neurons)
    with pytest.raises(ValueError, match="kernel"):
        hrsnn.simulate(net, 10, kernel="turbo")
    bad = net.to_arrays()
    bad["neurons"]["e_e"][4] = -70.0  # below threshold: excitation would inhibit
    with pytest.raises(ValueError, match="neuron 4.*e_i < v_th < e_e"):
        hrsnn.simulate(hrsnn.Network(**bad), 10)
    del bad["neurons"]["e_i"]
    with pytest.raises(ValueError, match="come together"):
        hrsnn.simulate(hrsnn.Network(**bad), 10)
