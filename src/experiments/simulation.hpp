/// \file simulation.hpp
/// \brief One `hrsnn simulate` run as a library call: the network (a folder, or generated from a
/// config and driven by the memory-capacity input), the step loop with its probes, and the
/// metrics of metrics.json. The CLI writes files from it; the Python package returns arrays.
#pragma once

#include "core/spike_events.hpp"
#include "io/config.hpp"
#include "io/network_files.hpp"
#include "sim/recorder.hpp"
#include "sim/simulator.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace hrsnn::experiments {

/// The settings of a simulate run other than the network itself (the CLI's options).
struct SimulationSettings {
  double duration_ms = 0.0;              ///< simulated time, a multiple of dt_ms
  double dt_ms = 0.1;                    ///< step
  std::uint64_t seed = 1;                ///< seed of a generated network and its input
  bool plastic = false;                  ///< apply STDP
  std::string pairing = "nearest";       ///< "nearest" or "all"
  std::string layout = "auto";           ///< "auto", "wide" or "compact"
  std::string precision = "double";      ///< "double" or "single"
  std::string kernel = "exact";          ///< "exact" or "fast" (sim::Kernel)
  int threads = 1;                       ///< threads sharing each step of the one network
  std::vector<std::uint32_t> probe_v;    ///< neurons whose v is sampled every step
  std::vector<std::size_t> probe_w;      ///< synapses whose weight is sampled every probe_every_ms
  double probe_every_ms = 10.0;          ///< interval of the weight probe
};

/// The default MRSNN (or `cfg`'s network) driven by the memory-capacity input, u(t) i.i.d.
/// uniform on [0, 1] per window, through the rate code; reads every key it uses from `cfg` and
/// then rejects unknown keys, so a typo is an InputError naming it.
io::NetworkFolder generated_network(io::Config& cfg, const SimulationSettings& settings);

/// Weights of the probed synapses, one row per (sample, probed synapse), sample-major.
struct WeightProbe {
  std::vector<std::int64_t> step;     ///< step at which the weight was read (end of a chunk)
  std::vector<std::size_t> synapse;   ///< synapse index (row of synapses.csv, then input_synapses.csv)
  std::vector<double> weight;         ///< its weight then
};

/// What one run produced.
struct SimulationResult {
  sim::SpikeRecorder spikes;     ///< spikes in (step, neuron) order, and the v probe's samples
  std::vector<double> weights;   ///< final weights in synapse-table order
  WeightProbe weight_probe;      ///< empty without probe_w
  std::int64_t steps = 0;        ///< steps simulated
  double wall_seconds = 0.0;     ///< wall time of the step loop
  double cpu_seconds = 0.0;      ///< process CPU time of the step loop
};

/// A network compiled for one run. Construction checks everything that can refuse the input
/// (layout, memory, probes, durations), so a caller can fail before writing any output.
class Simulation {
 public:
  /// Takes the network and its input spikes; throws InputError on any unusable setting.
  Simulation(io::NetworkFolder folder, SimulationSettings settings);
  Simulation(const Simulation&) = delete;
  Simulation& operator=(const Simulation&) = delete;

  /// The network being simulated.
  const sim::Network& network() const { return folder_->network; }
  /// Its input spikes (steps from 0).
  const SpikeEvents& inputs() const { return folder_->inputs; }
  /// The settings it was built with.
  const SimulationSettings& settings() const { return settings_; }
  /// "none" (frozen run), "compact" or "wide": the plastic synapse storage in use.
  std::string layout_used() const;
  /// Number of steps of the run.
  std::int64_t steps() const { return n_steps_; }

  /// Runs the whole duration once. `poll`, when given, is called between chunks of the run
  /// (the first `poll_steps` steps, each later chunk doubled until one takes 50 ms; a chunked
  /// run gives the same spikes as an uninterrupted one) and may throw to abandon the run, which
  /// is how a binding turns Ctrl-C into an exception.
  SimulationResult run(const std::function<void()>& poll = {}, std::int64_t poll_steps = 1000);

 private:
  std::unique_ptr<io::NetworkFolder> folder_;  // stable address: the simulator compiles from it
  SimulationSettings settings_;
  std::unique_ptr<sim::Simulator> simulator_;
  std::int64_t n_steps_ = 0;
  std::int64_t probe_chunk_ = 0;  // steps between weight-probe samples (the whole run without one)
  bool ran_ = false;
};

/// The metrics.json of `hrsnn simulate`: sizes, rates, ISI CVs, timings and the layout used.
nlohmann::json simulation_metrics(const Simulation& simulation, const SimulationResult& result, double setup_seconds);

}  // namespace hrsnn::experiments
