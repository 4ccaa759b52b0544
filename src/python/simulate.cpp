/// \file simulate.cpp
/// \brief hrsnn._core.simulate: `hrsnn simulate` through experiments::Simulation, arrays out.
#include "convert.hpp"
#include "core/error.hpp"
#include "experiments/simulation.hpp"
#include "io/network_files.hpp"

#include <pybind11/stl.h>

#include <chrono>
#include <optional>

namespace hrsnn::python {
namespace {

py::dict simulate(const std::optional<std::string>& network, const std::optional<std::string>& config_file,
                  const std::vector<std::string>& assignments, const std::string& source,
                  const std::optional<py::dict>& arrays, const experiments::SimulationSettings& settings) {
  // Arrays are read while the GIL is held; the copy into the engine's layout is the only one.
  std::optional<io::NetworkFolder> given;
  if (arrays) given.emplace(folder_from_arrays(*arrays, settings.dt_ms));
  std::optional<experiments::Simulation> simulation;
  std::optional<experiments::SimulationResult> result;
  nlohmann::json metrics;
  std::vector<double> times;
  {
    // Building and running touch no Python object: other Python threads run meanwhile, and the
    // poll below takes the GIL back only to look for Ctrl-C.
    py::gil_scoped_release release;
    const auto t0 = std::chrono::steady_clock::now();
    if (given) {
      simulation.emplace(std::move(*given), settings);
    } else if (network) {
      require(!config_file && assignments.empty(), "a network folder cannot be combined with a config or overrides");
      simulation.emplace(io::read_network_folder(*network, settings.dt_ms, settings.duration_ms), settings);
    } else {
      io::Config cfg = make_config(config_file, assignments, source);
      simulation.emplace(experiments::generated_network(cfg, settings), settings);
    }
    const auto t1 = std::chrono::steady_clock::now();
    result.emplace(simulation->run([] {
      py::gil_scoped_acquire acquire;
      if (PyErr_CheckSignals() != 0) throw py::error_already_set();
    }));
    metrics = experiments::simulation_metrics(*simulation, *result, std::chrono::duration<double>(t1 - t0).count());
    times = io::times_ms(result->spikes.step, settings.dt_ms);
  }
  sim::SpikeRecorder& rec = result->spikes;
  py::dict out;
  out["neurons"] = to_numpy(std::move(rec.neuron));
  out["steps"] = to_numpy(std::move(rec.step));
  out["times_ms"] = to_numpy(std::move(times));
  out["weights"] = to_numpy(std::move(result->weights));
  out["metrics"] = to_python(metrics);
  if (!rec.neurons_probe.empty()) {
    const auto k = static_cast<py::ssize_t>(rec.neurons_probe.size());
    py::array_t<double> flat = to_numpy(std::move(rec.v_samples));
    out["v"] = flat.reshape({flat.size() / k, k});  // rows are steps, columns the probed neurons
    out["probe_v"] = to_numpy(std::move(rec.neurons_probe));
  }
  if (!settings.probe_w.empty()) {
    experiments::WeightProbe& p = result->weight_probe;
    py::dict w;
    w["time_ms"] = to_numpy(io::times_ms(p.step, settings.dt_ms));
    w["step"] = to_numpy(std::move(p.step));
    w["synapse"] = to_numpy(std::move(p.synapse));
    w["weight"] = to_numpy(std::move(p.weight));
    out["weight_probe"] = w;
  }
  return out;
}

}  // namespace

/// Adds simulate() to the module.
void bind_simulate(py::module_& m) {
  m.def(
      "simulate",
      [](const std::optional<std::string>& network, const std::optional<std::string>& config_file,
         const std::vector<std::string>& assignments, const std::string& source, const std::optional<py::dict>& arrays,
         double duration_ms, double dt_ms,
         std::uint64_t seed, bool plastic, const std::string& pairing, const std::string& layout,
         const std::string& precision, const std::string& kernel, int threads, const std::vector<std::uint32_t>& probe_v,
         const std::vector<std::size_t>& probe_w, double probe_every_ms) {
        experiments::SimulationSettings s;
        s.duration_ms = duration_ms;
        s.dt_ms = dt_ms;
        s.seed = seed;
        s.plastic = plastic;
        s.pairing = pairing;
        s.layout = layout;
        s.precision = precision;
        s.kernel = kernel;
        s.threads = threads;
        s.probe_v = probe_v;
        s.probe_w = probe_w;
        s.probe_every_ms = probe_every_ms;
        return simulate(network, config_file, assignments, source, arrays, s);
      },
      py::arg("network"), py::arg("config_file"), py::arg("assignments"), py::arg("source"), py::arg("arrays"),
      py::arg("duration_ms"),
      py::arg("dt_ms"), py::arg("seed"), py::arg("plastic"), py::arg("pairing"), py::arg("layout"),
      py::arg("precision"), py::arg("kernel"), py::arg("threads"), py::arg("probe_v"), py::arg("probe_w"), py::arg("probe_every_ms"),
      "Low-level `hrsnn simulate`; use hrsnn.simulate, which validates and documents the arguments.");
}

}  // namespace hrsnn::python
