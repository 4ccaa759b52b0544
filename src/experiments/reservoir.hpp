/// \file reservoir.hpp
/// \brief One reservoir through the protocol of docs/model.md §3: STDP phase, freeze, features.
///
/// Features (docs/model.md §4), per window of W steps:
///   counts:  spikes of neuron i in the window;
///   traces:  r_i(t) = Σ_{spikes s ≤ t} e^{−(t − s)/τ} at the window's last step, one block of
///            N columns per τ in `trace_tau_ms` (default 20 ms).
/// Whole-sequence features: counts in B bins spanning the sequence's own duration, or the
/// traces at the last step of each bin (bin b ends at step ⌊(b + 1)·L/B⌋ − 1).
#pragma once

#include "core/spike_events.hpp"
#include "sim/build_network.hpp"
#include "sim/external_drive.hpp"
#include "sim/simulator.hpp"

#include <Eigen/Dense>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace hrsnn::experiments {

/// What a window's feature vector holds.
enum class FeatureKind { Counts, Traces };

/// Parses "counts" or "traces"; throws InputError naming `where`.
FeatureKind parse_feature_kind(const std::string& name, const std::string& where);

/// The reservoir features a readout sees.
struct FeatureSpec {
  FeatureKind kind = FeatureKind::Counts;    ///< counts or traces (configs default to traces at 5, 20, 100 ms for window tasks)
  std::vector<double> trace_tau_ms = {20.0}; ///< one block of traces per time constant
  /// Feature columns per neuron (1 for counts, one per τ for traces).
  std::size_t blocks() const { return kind == FeatureKind::Counts ? 1 : trace_tau_ms.size(); }
};

/// Traces Σ e^{−(t − s)/τ} of each neuron at the relative steps `ends` (ascending), from
/// spikes at absolute steps `steps` (ascending) of neurons `who`, the run starting at `first`:
/// ends × (n · taus) with one block of n columns per τ.
Eigen::MatrixXd traces_at(const std::vector<std::int64_t>& steps, const std::vector<std::uint32_t>& who,
                          std::int64_t first, std::uint32_t n, const std::vector<std::int64_t>& ends,
                          const std::vector<double>& tau_ms, double dt_ms);

/// Spikes of one frozen run, reduced to what the metrics need.
struct WindowRun {
  Eigen::MatrixXd features;          ///< windows × neurons
  Eigen::VectorXd spikes_per_window; ///< all reservoir spikes in each window
  sim::SpikeRecorder spikes;         ///< every spike (absolute steps)
  std::int64_t first_step = 0;       ///< absolute step of window 0
};

/// `spec` with n_sources inputs coding `dims` dimensions: sets n_inputs and divides the input
/// weight laws' means by dims^weights.input_dimension_exponent.
sim::NetworkSpec with_inputs(const sim::NetworkSpec& spec, std::uint32_t n_sources, std::int64_t dims);

/// A built network plus its simulator.
/// Permutes the weights of the plastic E→E synapses among themselves (Fisher–Yates from `seed`),
/// every other weight kept: the learned weight distribution without the learned structure of
/// which synapse is strong (issue 13's test of what sets S). Returns how many were permuted.
std::size_t shuffle_plastic_ee(const sim::Network& net, std::vector<double>& weights, std::uint64_t seed);

class Reservoir {
 public:
  /// Builds the network of `spec` with `seed`.
  Reservoir(const sim::NetworkSpec& spec, std::uint64_t seed, const sim::SimOptions& engine = sim::SimOptions{true});

  /// Runs `input` (and `drive`, if any) for n_steps with STDP on, then freezes weights and resets the state.
  void stdp_phase(const SpikeEvents& input, std::int64_t n_steps, const sim::ExternalDrive* drive = nullptr);

  /// Runs frozen from a reset state over n_windows windows of W steps; input steps relative to
  /// the run's start.
  WindowRun run_windows(const SpikeEvents& input, std::int64_t n_windows, std::int64_t steps_per_window,
                        const FeatureSpec& features = {}, const sim::ExternalDrive* drive = nullptr);

  /// Runs one sequence of n_steps frozen from a reset state; returns its features in `bins`
  /// equal bins (bins × blocks × neurons, flattened bin-major) and adds its spikes to *total_spikes.
  Eigen::VectorXd run_sequence(const SpikeEvents& input, std::int64_t n_steps, int bins, std::int64_t* total_spikes,
                               const FeatureSpec& features = {}, const sim::ExternalDrive* drive = nullptr);

  /// Replaces the weights (synapse-table order, as Simulator::weights) and rebuilds the
  /// simulator from a reset state with STDP off.
  void set_weights(const std::vector<double>& weights);

  /// The network.
  const sim::Network& network() const { return net_; }
  /// The simulator (weights after the STDP phase).
  const sim::Simulator& simulator() const { return *sim_; }

 private:
  sim::Network net_;
  sim::SimOptions engine_;
  std::unique_ptr<sim::Simulator> sim_;
};

}  // namespace hrsnn::experiments
