#include "experiments/reservoir.hpp"

#include "core/rng.hpp"
#include "core/stop.hpp"

#include "core/error.hpp"

#include <algorithm>
#include <cmath>

namespace hrsnn::experiments {

FeatureKind parse_feature_kind(const std::string& name, const std::string& where) {
  if (name == "counts") return FeatureKind::Counts;
  if (name == "traces") return FeatureKind::Traces;
  throw InputError(where + ": unknown feature kind '" + name + "' (expected counts or traces)");
}

sim::NetworkSpec with_inputs(const sim::NetworkSpec& spec, std::uint32_t n_sources, std::int64_t dims) {
  sim::NetworkSpec s = spec;
  s.n_inputs = n_sources;
  const double factor = std::pow(static_cast<double>(std::max<std::int64_t>(dims, 1)), -s.weights.input_dimension_exponent);
  s.weights.in_e.mean *= factor;
  s.weights.in_i.mean *= factor;
  return s;
}

Reservoir::Reservoir(const sim::NetworkSpec& spec, std::uint64_t seed, const sim::SimOptions& engine)
    : net_(sim::build_network(spec, seed)),
      engine_{true, engine.pairing, engine.layout, engine.precision},
      sim_(std::make_unique<sim::Simulator>(net_, engine_)) {}

std::size_t shuffle_plastic_ee(const sim::Network& net, std::vector<double>& weights, std::uint64_t seed) {
  const sim::SynapseTable& t = net.synapses;
  require(weights.size() == t.size(), "shuffle_plastic_ee: " + std::to_string(weights.size()) + " weights for " +
                                          std::to_string(t.size()) + " synapses");
  const std::size_t n = net.neurons.size();
  std::vector<std::size_t> ee;
  for (std::size_t k = 0; k < t.size(); ++k)
    if (t.stdp.plastic(k) && t.pre[k] < n && net.neurons.excitatory[t.pre[k]] && net.neurons.excitatory[t.post[k]])
      ee.push_back(k);
  Rng rng(seed);
  for (std::size_t i = ee.size(); i > 1; --i) std::swap(weights[ee[i - 1]], weights[ee[rng.below(i)]]);
  return ee.size();
}

void Reservoir::set_weights(const std::vector<double>& weights) {
  require(weights.size() == net_.synapses.size(), "set_weights: " + std::to_string(weights.size()) + " weights for " +
                                                      std::to_string(net_.synapses.size()) + " synapses");
  net_.synapses.weight = weights;
  sim::validate(net_, "set_weights");  // signs and bounds as any network's
  sim_ = std::make_unique<sim::Simulator>(net_, engine_);
  sim_->set_plastic(false);
  sim_->reset_state();
}

void Reservoir::stdp_phase(const SpikeEvents& input, std::int64_t n_steps, const sim::ExternalDrive* drive) {
  throw_if_stop_requested();
  sim_->set_plastic(true);
  sim_->reset_state();
  sim_->run(n_steps, &input, nullptr, drive);
  sim_->set_plastic(false);
  sim_->reset_state();
}

Eigen::MatrixXd traces_at(const std::vector<std::int64_t>& steps, const std::vector<std::uint32_t>& who,
                          std::int64_t first, std::uint32_t n, const std::vector<std::int64_t>& ends,
                          const std::vector<double>& tau_ms, double dt_ms) {
  const auto rows = static_cast<Eigen::Index>(ends.size());
  Eigen::MatrixXd out(rows, static_cast<Eigen::Index>(n * tau_ms.size()));
  for (std::size_t t = 0; t < tau_ms.size(); ++t) {
    require(tau_ms[t] > 0, "traces: time constants must be > 0");
    // Each neuron's value decays lazily from its last update to the sampled step.
    const double decay_per_step = std::exp(-dt_ms / tau_ms[t]);
    std::vector<double> value(n, 0.0);
    std::vector<std::int64_t> at(n, 0);
    std::size_t k = 0;
    const auto col = static_cast<Eigen::Index>(t * n);
    for (Eigen::Index r = 0; r < rows; ++r) {
      const std::int64_t end = ends[static_cast<std::size_t>(r)];
      for (; k < steps.size() && steps[k] - first <= end; ++k) {
        const std::uint32_t i = who[k];
        const std::int64_t s = steps[k] - first;
        value[i] = value[i] * std::pow(decay_per_step, static_cast<double>(s - at[i])) + 1.0;
        at[i] = s;
      }
      for (std::uint32_t i = 0; i < n; ++i)
        out(r, col + i) = value[i] * std::pow(decay_per_step, static_cast<double>(end - at[i]));
    }
  }
  return out;
}

WindowRun Reservoir::run_windows(const SpikeEvents& input, std::int64_t n_windows, std::int64_t w,
                                 const FeatureSpec& features, const sim::ExternalDrive* drive) {
  require(n_windows > 0 && w > 0, "run_windows: need at least one window of at least one step");
  throw_if_stop_requested();
  sim_->set_plastic(false);
  sim_->reset_state();
  WindowRun out;
  out.first_step = sim_->step();
  sim_->run(n_windows * w, &input, &out.spikes, drive);
  const std::uint32_t n = net_.n_neurons();
  out.spikes_per_window = Eigen::VectorXd::Zero(n_windows);
  const auto& steps = out.spikes.step;
  const auto& who = out.spikes.neuron;
  for (std::size_t k = 0; k < steps.size(); ++k) out.spikes_per_window((steps[k] - out.first_step) / w) += 1.0;
  if (features.kind == FeatureKind::Counts) {
    out.features = Eigen::MatrixXd::Zero(n_windows, n);
    for (std::size_t k = 0; k < steps.size(); ++k) out.features((steps[k] - out.first_step) / w, who[k]) += 1.0;
    return out;
  }
  std::vector<std::int64_t> ends(static_cast<std::size_t>(n_windows));
  for (std::int64_t win = 0; win < n_windows; ++win) ends[static_cast<std::size_t>(win)] = (win + 1) * w - 1;
  out.features = traces_at(steps, who, out.first_step, n, ends, features.trace_tau_ms, net_.dt);
  return out;
}

Eigen::VectorXd Reservoir::run_sequence(const SpikeEvents& input, std::int64_t n_steps, int bins, std::int64_t* total_spikes,
                                        const FeatureSpec& features, const sim::ExternalDrive* drive) {
  require(n_steps > 0 && bins > 0, "run_sequence: need at least one step and one bin");
  throw_if_stop_requested();
  sim_->set_plastic(false);
  sim_->reset_state();
  sim::SpikeRecorder rec;
  const std::int64_t first = sim_->step();
  sim_->run(n_steps, &input, &rec, drive);
  if (total_spikes) *total_spikes += static_cast<std::int64_t>(rec.size());
  const std::uint32_t n = net_.n_neurons();
  if (features.kind == FeatureKind::Traces) {
    std::vector<std::int64_t> ends(static_cast<std::size_t>(bins));
    for (int b = 0; b < bins; ++b) ends[static_cast<std::size_t>(b)] = std::max<std::int64_t>(0, (b + 1) * n_steps / bins - 1);
    const Eigen::MatrixXd t = traces_at(rec.step, rec.neuron, first, n, ends, features.trace_tau_ms, net_.dt);
    Eigen::VectorXd f(t.size());
    for (Eigen::Index b = 0; b < t.rows(); ++b) f.segment(b * t.cols(), t.cols()) = t.row(b).transpose();
    return f;
  }
  Eigen::VectorXd f = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(bins) * n);
  for (std::size_t k = 0; k < rec.size(); ++k) {
    const std::int64_t rel = rec.step[k] - first;
    const auto b = static_cast<Eigen::Index>(rel * bins / n_steps);  // bin b covers [b·L/B, (b+1)·L/B)
    f(b * n + rec.neuron[k]) += 1.0;
  }
  return f;
}

}  // namespace hrsnn::experiments
