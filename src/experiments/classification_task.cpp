#include "experiments/classification_task.hpp"

#include "baselines/esn_tasks.hpp"
#include "core/error.hpp"
#include "core/rng.hpp"
#include "experiments/activity_report.hpp"
#include "experiments/input_pathway.hpp"
#include "experiments/reservoir.hpp"
#include "metrics/activity.hpp"
#include "metrics/classification.hpp"
#include "readout/logistic.hpp"
#include "readout/ridge_classifier.hpp"
#include "readout/standardize.hpp"

#include <algorithm>
#include <chrono>
#include <optional>
#include <set>

namespace hrsnn::experiments {

std::vector<std::size_t> evenly_spaced(std::size_t size, std::size_t n) {
  std::vector<std::size_t> out;
  const std::size_t m = std::min(size, n);
  for (std::size_t k = 0; k < m; ++k) out.push_back(k * size / m);
  return out;
}
namespace {

// Concatenates the spikes of several sequences, each shifted to start where the last ended.
SpikeEvents concatenate(const std::vector<SpikeEvents>& parts, const std::vector<std::int64_t>& lengths) {
  SpikeEvents out;
  std::int64_t offset = 0;
  for (std::size_t k = 0; k < parts.size(); ++k) {
    out.n_sources = parts[k].n_sources;
    for (std::size_t i = 0; i < parts[k].size(); ++i) out.push(parts[k].step[i] + offset, parts[k].source[i]);
    offset += lengths[k];
  }
  return out;
}

}  // namespace

Eigen::MatrixXd binned_inputs(const std::vector<Eigen::MatrixXd>& sequences, int bins) {
  if (sequences.empty()) return Eigen::MatrixXd(0, 0);
  const Eigen::Index d = sequences.front().cols();
  Eigen::MatrixXd f = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(sequences.size()), bins * d);
  for (std::size_t k = 0; k < sequences.size(); ++k) {
    const Eigen::MatrixXd& s = sequences[k];
    for (int b = 0; b < bins; ++b) {
      const Eigen::Index lo = s.rows() * b / bins, hi = std::max(lo + 1, s.rows() * (b + 1) / bins);
      f.row(static_cast<Eigen::Index>(k)).segment(b * d, d) = s.middleRows(lo, std::min(hi, s.rows()) - lo).colwise().mean();
    }
  }
  return f;
}

SequenceFeaturizer::SequenceFeaturizer(const sim::NetworkSpec& base, Eigen::Index dims, std::uint64_t seed,
                                       const ClassificationOptions& o)
    : dims_(dims),
      options_(o),
      encoder_(dims, o.code),
      reservoir_(with_inputs(base, encoder_.n_sources(), dims), seed, o.engine),
      steps_per_window_(sim::to_steps(o.code.window_ms, base.dt, "encoding.window_ms")) {
  require(dims >= 1, "sequence features: need at least one input dimension");
}

EncodedInput SequenceFeaturizer::encode(const Eigen::MatrixXd& s, std::uint64_t input_seed) const {
  return encode_input(encoder_, s, reservoir_.network(), input_seed);
}

void SequenceFeaturizer::stdp_phase(const std::vector<const Eigen::MatrixXd*>& sequences,
                                    const std::vector<std::uint64_t>& input_seeds) {
  require(sequences.size() == input_seeds.size(), "stdp_phase: one input seed per sequence");
  if (sequences.empty()) return;
  std::vector<SpikeEvents> parts;
  std::vector<std::int64_t> lengths;
  std::vector<std::optional<sim::ExternalDrive>> drives;
  for (std::size_t k = 0; k < sequences.size(); ++k) {
    EncodedInput in = encode(*sequences[k], input_seeds[k]);
    parts.push_back(std::move(in.spikes));
    drives.push_back(std::move(in.drive));
    lengths.push_back(sequences[k]->rows() * steps_per_window_);
  }
  std::int64_t total = 0;
  for (auto l : lengths) total += l;
  const SpikeEvents all = concatenate(parts, lengths);
  // Current pathway: the sequences' drives one after another, as their spikes would be.
  std::optional<sim::ExternalDrive> drive;
  if (drives.front()) {
    drive.emplace();
    drive->steps_per_window = steps_per_window_;
    Eigen::Index rows = 0;
    for (const auto& d : drives) rows += d->d_mv.rows();
    drive->d_mv.resize(rows, static_cast<Eigen::Index>(reservoir_.network().n_neurons()));
    rows = 0;
    for (const auto& d : drives) {
      drive->d_mv.middleRows(rows, d->d_mv.rows()) = d->d_mv;
      rows += d->d_mv.rows();
    }
  }
  reservoir_.stdp_phase(all, total, drive ? &*drive : nullptr);
}

Eigen::VectorXd SequenceFeaturizer::features(const EncodedInput& in, Eigen::Index windows, std::int64_t* total_spikes) {
  return reservoir_.run_sequence(in.spikes, windows * steps_per_window_, options_.bins, total_spikes, options_.features,
                                 in.drive_ptr());
}

Eigen::MatrixXd SequenceFeaturizer::features(const std::vector<Eigen::MatrixXd>& sequences,
                                             const std::vector<std::uint64_t>& input_seeds, std::int64_t* total_spikes) {
  require(sequences.size() == input_seeds.size(), "sequence features: one input seed per sequence");
  Eigen::MatrixXd f(static_cast<Eigen::Index>(sequences.size()), n_features());
  for (std::size_t k = 0; k < sequences.size(); ++k) {
    const Eigen::MatrixXd& s = sequences[k];
    require(s.cols() == dims_, "sequence features: sequence " + std::to_string(k) + " has " + std::to_string(s.cols()) +
                                   " dimensions, the reservoir was built for " + std::to_string(dims_));
    require(s.rows() > 0 && s.allFinite(), "sequence features: sequence " + std::to_string(k) + " is empty or holds NaN/inf");
    f.row(static_cast<Eigen::Index>(k)) = features(encode(s, input_seeds[k]), s.rows(), total_spikes).transpose();
  }
  return f;
}

Eigen::Index SequenceFeaturizer::n_features() const {
  return static_cast<Eigen::Index>(options_.bins * options_.features.blocks()) * reservoir_.network().n_neurons();
}

Eigen::MatrixXd SequenceFeaturizer::input_features(const std::vector<Eigen::MatrixXd>& sequences) const {
  return binned_inputs(sequences, options_.bins);
}

void SequenceFeaturizer::set_weights(const std::vector<double>& weights) { reservoir_.set_weights(weights); }

TaskResult run_classification_task(const SequenceSet& train, const SequenceSet& test, int n_classes,
                                   const sim::NetworkSpec& base, std::uint64_t seed, const ClassificationOptions& o) {
  require(!train.sequences.empty() && !test.sequences.empty(), "classification: empty train or test set");
  require(train.sequences.size() == train.labels.size() && test.sequences.size() == test.labels.size(),
          "classification: one label per sequence");
  require(std::set<int>(train.labels.begin(), train.labels.end()).size() >= 2,
          "classification: the training split holds only one class; at least 2 are needed");
  const Eigen::Index dims = train.sequences.front().cols();
  for (const auto* set : {&train, &test})
    for (const auto& s : set->sequences) {
      require(s.cols() == dims, "classification: sequences have different numbers of dimensions");
      require(s.rows() > 0 && s.allFinite(), "classification: a sequence is empty or holds NaN/inf");
    }
  SequenceFeaturizer featurizer(base, dims, seed, o);
  const Reservoir& reservoir = featurizer.reservoir();
  auto input_seed = [&](int split, std::size_t k) { return derive_seed(seed, {0x636C, static_cast<std::uint64_t>(split), k}); };
  using Clock = std::chrono::steady_clock;
  const auto seconds = [](Clock::time_point a, Clock::time_point b) { return std::chrono::duration<double>(b - a).count(); };
  const auto t_start = Clock::now();
  double encode_s = 0.0;
  if (o.stdp_sequences > 0) {
    std::vector<const Eigen::MatrixXd*> chosen;
    std::vector<std::uint64_t> seeds;
    const std::size_t n = std::min<std::size_t>(train.sequences.size(), static_cast<std::size_t>(o.stdp_sequences));
    // Evenly spaced over the training set, not its first n: loaders keep files sorted by class
    // (FSDD by digit), and the first 200 recordings would all be zeros.
    for (const std::size_t idx : evenly_spaced(train.sequences.size(), n)) {
      chosen.push_back(&train.sequences[idx]);
      seeds.push_back(input_seed(0, idx));
    }
    featurizer.stdp_phase(chosen, seeds);
  }
  const auto t_stdp = Clock::now();
  const std::uint32_t n_neurons = reservoir.network().n_neurons();
  auto features = [&](const SequenceSet& set, int split, std::int64_t* spikes, std::int64_t* windows) {
    Eigen::MatrixXd f(static_cast<Eigen::Index>(set.sequences.size()), featurizer.n_features());
    for (std::size_t k = 0; k < set.sequences.size(); ++k) {
      const Eigen::MatrixXd& s = set.sequences[k];
      const auto e0 = Clock::now();
      const EncodedInput in = featurizer.encode(s, input_seed(split, k));
      encode_s += seconds(e0, Clock::now());
      f.row(static_cast<Eigen::Index>(k)) = featurizer.features(in, s.rows(), spikes).transpose();
      *windows += s.rows();
    }
    return f;
  };
  std::int64_t train_spikes = 0, train_windows = 0, test_spikes = 0, test_windows = 0;
  Eigen::MatrixXd x_train = features(train, 1, &train_spikes, &train_windows);
  Eigen::MatrixXd x_test = features(test, 2, &test_spikes, &test_windows);
  const auto t_features = Clock::now();
  // One readout (the task's: ridge or logistic) for every feature set, so the columns differ
  // only in what the readout sees.
  // The input block of the reservoir + input readout (a few hundred columns beside thousands)
  // gets its own penalty scale, chosen with lambda on the readout's validation part (group
  // ridge, ridge_classifier.hpp); the logistic readout shares one penalty.
  auto classify = [&](Eigen::MatrixXd f_train, Eigen::MatrixXd f_test, Eigen::Index second_block = -1) {
    const readout::Standardizer z = readout::Standardizer::fit(f_train);
    z.transform_inplace(f_train);
    z.transform_inplace(f_test);
    if (o.readout == "logistic") {
      readout::LogisticOptions lo;
      lo.C_grid = {1e-3, 1e-2, 1e-1, 1.0, 10.0};
      return readout::logistic_fit(f_train, train.labels, n_classes, lo).predict(f_test);
    }
    require(o.readout == "ridge", "classification.readout must be ridge or logistic, got '" + o.readout + "'");
    const readout::RidgeClassifierOptions ro = second_block >= 0 ? readout::with_input_block(second_block) : readout::RidgeClassifierOptions{};
    return readout::ridge_classifier_fit(f_train, train.labels, n_classes, ro).predict(f_test);
  };
  const Eigen::MatrixXd b_train = binned_inputs(train.sequences, o.bins), b_test = binned_inputs(test.sequences, o.bins);
  auto joined = [](const Eigen::MatrixXd& a, const Eigen::MatrixXd& b) {
    Eigen::MatrixXd j(a.rows(), a.cols() + b.cols());
    j << a, b;
    return j;
  };
  const std::vector<int> predicted_res = classify(x_train, x_test);
  const std::vector<int> predicted_resin = classify(joined(x_train, b_train), joined(x_test, b_test), x_train.cols());
  const std::vector<int>& predicted = o.readout_input ? predicted_resin : predicted_res;
  TaskResult out;
  const auto t_end = Clock::now();
  out.scalars["accuracy_res"] = metrics::accuracy(test.labels, predicted_res);
  out.scalars["accuracy_resin"] = metrics::accuracy(test.labels, predicted_resin);
  out.scalars["baseline_accuracy"] = metrics::accuracy(test.labels, classify(b_train, b_test));
  if (o.esn) {
    // An echo state network of the same size on the same sequences and bins.
    const BaselineScalars esn = o.esn->get(seed, [&] {
      baselines::EsnClassificationOptions eo;
      eo.base.n = static_cast<int>(base.n);
      eo.base.seed = derive_seed(seed, {0x65736E});
      eo.bins = o.bins;
      eo.readout = o.readout;
      eo.readout_input = o.readout_input;
      // Every validation search on FSDD and UCR/UEA chose leak 0.1 (docs/baselines.md); searching
      // only it keeps the baseline's cost (8 CPU-min for the full FSDD grid) below the task's.
      eo.grid.leaks = {0.1};
      const baselines::EsnClassificationResult r =
          baselines::esn_classification(train.sequences, train.labels, test.sequences, test.labels, n_classes, eo);
      return BaselineScalars{{"esn_accuracy", r.accuracy}, {"esn_seconds", r.seconds}};
    });
    add_baseline(esn, out);
  }
  // Wall-time split (encoding is counted inside the STDP and feature phases' spans).
  out.details["seconds"] = {{"encoding", encode_s}, {"stdp_phase", seconds(t_start, t_stdp)},
                            {"features", seconds(t_stdp, t_features)}, {"readout", seconds(t_features, t_end)},
                            {"total", seconds(t_start, t_end)}};
  out.scalars["accuracy"] = metrics::accuracy(test.labels, predicted);
  const Eigen::MatrixXi cm = metrics::confusion_matrix(test.labels, predicted, n_classes);
  nlohmann::json rows = nlohmann::json::array();
  for (Eigen::Index r = 0; r < cm.rows(); ++r) {
    std::vector<int> row(cm.cols());
    for (Eigen::Index c = 0; c < cm.cols(); ++c) row[c] = cm(r, c);
    rows.push_back(row);
  }
  out.details["confusion"] = rows;
  const metrics::SpikingActivity s = metrics::spiking_activity(test_spikes, n_neurons, test_windows, o.code.window_ms);
  out.scalars["S"] = s.spikes_per_neuron_per_window;
  out.scalars["rate_hz"] = s.rate_hz;
  report_heterogeneity(reservoir.network(), out);
  report_plastic_weights(reservoir.network(), reservoir.simulator().weights(reservoir.network()), out);
  return out;
}

}  // namespace hrsnn::experiments
