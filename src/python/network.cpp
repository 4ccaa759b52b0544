/// \file network.cpp
/// \brief Networks as numpy arrays: io::NetworkFolder <-> {"neurons", "synapses", "inputs"}
/// dicts of columns, and hrsnn._core.network_arrays (a generated or read network as arrays).
#include "convert.hpp"
#include "core/error.hpp"
#include "experiments/simulation.hpp"
#include "io/network_files.hpp"
#include "sim/neuron_models.hpp"

#include <pybind11/stl.h>

#include <optional>
#include <utility>

namespace hrsnn::python {
namespace {

using SynapseColumn = std::vector<double> sim::StdpColumns::*;

const std::pair<const char*, SynapseColumn> kStdpColumns[] = {
    {"tau_plus", &sim::StdpColumns::tau_plus},   {"tau_minus", &sim::StdpColumns::tau_minus},
    {"eta_plus", &sim::StdpColumns::eta_plus},   {"eta_minus", &sim::StdpColumns::eta_minus},
    {"w_min", &sim::StdpColumns::w_min},         {"w_max", &sim::StdpColumns::w_max}};

// Column `key` of `table` as a vector of n values; the Python layer has checked dtype, shape
// and finiteness, so forcecast converts exactly (integers to double, uint8 to uint8).
template <class T>
std::vector<T> column(const py::dict& table, const std::string& table_name, const char* key, std::size_t n) {
  require(table.contains(key), table_name + ": missing column '" + key + "'");
  const auto a = py::array_t<T, py::array::c_style | py::array::forcecast>::ensure(table[key]);
  require(a && a.ndim() == 1 && static_cast<std::size_t>(a.shape(0)) == n,
          table_name + "['" + key + "']: expected a 1-D array of " + std::to_string(n) + " values");
  return std::vector<T>(a.data(), a.data() + n);
}

std::size_t length(const py::dict& table, const std::string& table_name, const char* key) {
  require(table.contains(key), table_name + ": missing column '" + key + "'");
  return static_cast<std::size_t>(py::len(table[key]));
}

}  // namespace

io::NetworkFolder folder_from_arrays(const py::dict& arrays, double dt) {
  io::NetworkFolder f;
  sim::Network& net = f.network;
  net.dt = dt;
  const py::dict neurons = arrays["neurons"].cast<py::dict>();
  const std::size_t n = length(neurons, "neurons", "tau_m");
  for (const auto& [key, member] : sim::lif_columns()) net.neurons.*member = column<double>(neurons, "neurons", key, n);
  net.neurons.excitatory = column<std::uint8_t>(neurons, "neurons", "excitatory", n);
  // A model's columns come all or none (the Python layer checks); the first one decides.
  for (const sim::NeuronModel& m : sim::neuron_models())
    if (neurons.contains(m.columns.front().name))
      for (const sim::ModelColumn& c : m.columns) net.neurons.*c.values = column<double>(neurons, "neurons", c.name, n);
  net.n_inputs = arrays["n_inputs"].cast<std::uint32_t>();
  const py::dict syn = arrays["synapses"].cast<py::dict>();
  const std::size_t s = length(syn, "synapses", "pre");
  net.synapses.pre = column<std::uint32_t>(syn, "synapses", "pre", s);
  net.synapses.post = column<std::uint32_t>(syn, "synapses", "post", s);
  net.synapses.weight = column<double>(syn, "synapses", "weight", s);
  const std::vector<double> delay_ms = column<double>(syn, "synapses", "delay_ms", s);
  net.synapses.delay.resize(s);
  for (std::size_t k = 0; k < s; ++k)
    net.synapses.delay[k] = sim::delay_to_steps(delay_ms[k], dt, "synapses['delay_ms'][" + std::to_string(k) + "]");
  if (syn.contains("tau_plus"))
    for (const auto& [key, member] : kStdpColumns) net.synapses.stdp.*member = column<double>(syn, "synapses", key, s);
  net.n_input_synapses = arrays["n_input_synapses"].cast<std::size_t>();
  require(net.n_input_synapses <= s, "n_input_synapses: " + std::to_string(net.n_input_synapses) + " exceeds the " +
                                         std::to_string(s) + " synapses");
  const py::dict inputs = arrays["inputs"].cast<py::dict>();
  const std::size_t m = length(inputs, "inputs", "step");
  f.inputs.n_sources = net.n_inputs;
  f.inputs.step = column<std::int64_t>(inputs, "inputs", "step", m);
  f.inputs.source = column<std::uint32_t>(inputs, "inputs", "source", m);
  for (std::size_t k = 0; k < m; ++k) {
    require(f.inputs.source[k] < net.n_inputs, "inputs['source'][" + std::to_string(k) + "]: source " +
                                                    std::to_string(f.inputs.source[k]) + " >= n_inputs " +
                                                    std::to_string(net.n_inputs));
    // The simulator takes input spikes in (step, source) order with no source twice in a step.
    require(k == 0 || f.inputs.step[k] > f.inputs.step[k - 1] ||
                (f.inputs.step[k] == f.inputs.step[k - 1] && f.inputs.source[k] > f.inputs.source[k - 1]),
            "inputs: spike " + std::to_string(k) + " is out of (step, source) order or repeats its predecessor");
  }
  sim::validate(net, "network arrays");  // signs, time constants, grid, indices: names the neuron or synapse
  return f;
}

py::dict arrays_from_folder(const io::NetworkFolder& f) {
  const sim::Network& net = f.network;
  py::dict neurons, syn, inputs, out;
  for (const auto& [key, member] : sim::lif_columns()) neurons[key] = to_numpy(std::vector<double>(net.neurons.*member));
  neurons["excitatory"] = to_numpy(std::vector<std::uint8_t>(net.neurons.excitatory));
  for (const sim::NeuronModel& m : sim::neuron_models())
    if ((net.neurons.*m.present)())
      for (const sim::ModelColumn& c : m.columns) neurons[c.name] = to_numpy(std::vector<double>(net.neurons.*c.values));
  syn["pre"] = to_numpy(std::vector<std::uint32_t>(net.synapses.pre));
  syn["post"] = to_numpy(std::vector<std::uint32_t>(net.synapses.post));
  syn["weight"] = to_numpy(std::vector<double>(net.synapses.weight));
  // Delays are steps inside; steps · dt divides back to the same step exactly (delay_to_steps).
  std::vector<double> delay_ms(net.synapses.size());
  for (std::size_t k = 0; k < delay_ms.size(); ++k) delay_ms[k] = static_cast<double>(net.synapses.delay[k]) * net.dt;
  syn["delay_ms"] = to_numpy(std::move(delay_ms));
  if (net.synapses.stdp.present())
    for (const auto& [key, member] : kStdpColumns) syn[key] = to_numpy(std::vector<double>(net.synapses.stdp.*member));
  inputs["step"] = to_numpy(std::vector<std::int64_t>(f.inputs.step));
  inputs["source"] = to_numpy(std::vector<std::uint32_t>(f.inputs.source));
  out["dt_ms"] = net.dt;
  out["neurons"] = neurons;
  out["synapses"] = syn;
  out["inputs"] = inputs;
  out["n_inputs"] = net.n_inputs;
  out["n_input_synapses"] = net.n_input_synapses;
  return out;
}

/// Adds network_arrays() to the module.
void bind_network(py::module_& m) {
  m.def(
      "network_arrays",
      [](const std::optional<std::string>& folder, const std::optional<std::string>& config_file,
         const std::vector<std::string>& assignments, const std::string& source, const std::optional<py::dict>& arrays,
         double duration_ms, double dt_ms, std::uint64_t seed) {
        std::optional<io::NetworkFolder> f;
        if (arrays) {
          f.emplace(folder_from_arrays(*arrays, dt_ms));  // through the engine's types and checks
        } else {
          py::gil_scoped_release release;
          experiments::SimulationSettings s;
          s.duration_ms = duration_ms;
          s.dt_ms = dt_ms;
          s.seed = seed;
          if (folder) {
            f.emplace(io::read_network_folder(*folder, dt_ms, duration_ms));
          } else {
            io::Config cfg = make_config(config_file, assignments, source);
            f.emplace(experiments::generated_network(cfg, s));
          }
        }
        return arrays_from_folder(*f);
      },
      py::arg("folder"), py::arg("config_file"), py::arg("assignments"), py::arg("source"), py::arg("arrays"),
      py::arg("duration_ms"), py::arg("dt_ms"), py::arg("seed"),
      "Low-level network as arrays; use hrsnn.network.");
  m.def(
      "neuron_columns",
      [] {
        // {"lif": (...), model: (...)}: the one table (sim/neuron_models.hpp) the Python checks read.
        py::dict out;
        py::list lif;
        for (const auto& [name, column] : sim::lif_columns()) lif.append(name);
        out["lif"] = py::tuple(lif);
        for (const sim::NeuronModel& model : sim::neuron_models()) {
          py::list cols;
          for (const sim::ModelColumn& c : model.columns) cols.append(c.name);
          out[model.name] = py::tuple(cols);
        }
        return out;
      },
      "The neuron models' columns: {'lif': (...), 'adaptive': (...), 'coba': (...)}.");
}

}  // namespace hrsnn::python
