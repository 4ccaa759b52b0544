/// \file classification_task.hpp
/// \brief Whole-sequence classification with a reservoir (docs/model.md §4, §7).
///
/// Each sequence (rows = time samples in [0, 1], columns = dimensions) is rate coded, one
/// sample per presentation window, and run from a reset state with frozen weights. Features:
/// spike counts in B = 5 bins spanning each sequence's own duration, concatenated (B·N),
/// standardised on the training set. Readout: one-vs-rest ridge (lambda by validation) or
/// multinomial logistic regression. The STDP phase runs over the training sequences back to
/// back. S is spikes per neuron per window over the test sequences.
#pragma once

#include "sim/simulator.hpp"

#include "encode/rate_encoder.hpp"
#include "experiments/baseline_cache.hpp"
#include "experiments/input_pathway.hpp"
#include "experiments/reservoir.hpp"
#include "experiments/task_result.hpp"
#include "sim/network.hpp"
#include "sim/network_spec.hpp"

#include <Eigen/Dense>

#include <memory>
#include <string>
#include <vector>

namespace hrsnn::experiments {

/// Sequences in [0, 1] with integer labels 0..K−1.
struct SequenceSet {
  std::vector<Eigen::MatrixXd> sequences;  ///< rows = windows, columns = dimensions
  std::vector<int> labels;                 ///< one per sequence
};

/// Settings of a classification task.
struct ClassificationOptions {
  int bins = 5;                      ///< B
  std::string readout = "ridge";     ///< "ridge" (one-vs-rest) or "logistic"
  encode::RateCodeParams code;       ///< M, r_max, window (10 ms for audio frames)
  int stdp_sequences = 200;          ///< training sequences used by the STDP phase, evenly spaced over the set (0: none)
  sim::SimOptions engine{true};  ///< pairing, plastic layout and precision (plastic is switched by the task)
  FeatureSpec features;              ///< counts per bin, or traces at each bin's end
  bool readout_input = false;        ///< accuracy from reservoir + input features (else reservoir only; configs default to true)
  std::shared_ptr<BaselineCache> esn;  ///< the echo-state-network baseline, per seed (none: not run)
};

/// min(n, size) indices k·size/min(n, size), k = 0, 1, ...: a subset spread over a set that
/// loaders keep sorted by class (the STDP phase's sequences).
std::vector<std::size_t> evenly_spaced(std::size_t size, std::size_t n);

/// The input's own features, without a reservoir: each dimension's mean in `bins` equal bins of
/// each sequence (rows), bin-major (bins × dims columns); the sequences share their dimension.
Eigen::MatrixXd binned_inputs(const std::vector<Eigen::MatrixXd>& sequences, int bins);

/// The task's reservoir as a feature map: rate-coded sequences in, whole-sequence features out
/// (spike counts or traces in `bins` bins, bins × blocks × N columns, run from a reset state with
/// frozen weights). run_classification_task and the Python estimators share it.
class SequenceFeaturizer {
 public:
  /// Builds the network of `base` with inputs for `dims` dimensions, with `seed`.
  SequenceFeaturizer(const sim::NetworkSpec& base, Eigen::Index dims, std::uint64_t seed, const ClassificationOptions& options);

  /// Encodes one sequence (rows = windows in [0, 1], `dims` columns); `input_seed` draws its spikes.
  EncodedInput encode(const Eigen::MatrixXd& sequence, std::uint64_t input_seed) const;

  /// Runs the sequences back to back with STDP on (each encoded with its seed), then freezes weights.
  void stdp_phase(const std::vector<const Eigen::MatrixXd*>& sequences, const std::vector<std::uint64_t>& input_seeds);

  /// Features of one encoded sequence of `windows` windows; adds its spikes to *total_spikes.
  Eigen::VectorXd features(const EncodedInput& input, Eigen::Index windows, std::int64_t* total_spikes);

  /// Features of each sequence (rows), sequence k encoded with input_seeds[k]; checks shapes and values.
  Eigen::MatrixXd features(const std::vector<Eigen::MatrixXd>& sequences, const std::vector<std::uint64_t>& input_seeds,
                           std::int64_t* total_spikes = nullptr);

  /// The sequences' binned_inputs with this featurizer's bins (the readout's input block).
  Eigen::MatrixXd input_features(const std::vector<Eigen::MatrixXd>& sequences) const;

  /// Feature columns: bins × blocks × N.
  Eigen::Index n_features() const;
  /// Input dimensions.
  Eigen::Index dims() const { return dims_; }
  /// The reservoir (network, weights).
  const Reservoir& reservoir() const { return reservoir_; }
  /// Replaces the weights (synapse-table order, as Simulator::weights) and freezes them: a
  /// featurizer rebuilt from the same spec and seed then gives the same features.
  void set_weights(const std::vector<double>& weights);

 private:
  Eigen::Index dims_;
  ClassificationOptions options_;
  encode::RateEncoder encoder_;
  Reservoir reservoir_;
  std::int64_t steps_per_window_;
};

/// Runs the task; scalars accuracy (the configured readout), accuracy_res (reservoir features
/// only), accuracy_resin (reservoir + binned input), baseline_accuracy (the same readout on the
/// binned input alone, no reservoir), esn_accuracy, S, rates; details confusion matrix and the
/// wall-time split.
TaskResult run_classification_task(const SequenceSet& train, const SequenceSet& test, int n_classes,
                                   const sim::NetworkSpec& spec, std::uint64_t seed, const ClassificationOptions& options);

}  // namespace hrsnn::experiments
