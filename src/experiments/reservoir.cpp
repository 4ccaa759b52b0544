#include "experiments/reservoir.hpp"

#include "core/error.hpp"

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
      sim_(std::make_unique<sim::Simulator>(net_, sim::SimOptions{true, engine.pairing, engine.layout, engine.precision})) {}

void Reservoir::stdp_phase(const SpikeEvents& input, std::int64_t n_steps) {
  sim_->set_plastic(true);
  sim_->reset_state();
  sim_->run(n_steps, &input, nullptr);
  sim_->set_plastic(false);
  sim_->reset_state();
}

WindowRun Reservoir::run_windows(const SpikeEvents& input, std::int64_t n_windows, std::int64_t w,
                                 FeatureKind kind, double trace_tau_ms) {
  require(n_windows > 0 && w > 0, "run_windows: need at least one window of at least one step");
  sim_->set_plastic(false);
  sim_->reset_state();
  WindowRun out;
  out.first_step = sim_->step();
  sim_->run(n_windows * w, &input, &out.spikes);
  const std::uint32_t n = net_.n_neurons();
  out.features = Eigen::MatrixXd::Zero(n_windows, n);
  out.spikes_per_window = Eigen::VectorXd::Zero(n_windows);
  const auto& steps = out.spikes.step;
  const auto& who = out.spikes.neuron;
  for (std::size_t k = 0; k < steps.size(); ++k) out.spikes_per_window((steps[k] - out.first_step) / w) += 1.0;
  if (kind == FeatureKind::Counts) {
    for (std::size_t k = 0; k < steps.size(); ++k) out.features((steps[k] - out.first_step) / w, who[k]) += 1.0;
    return out;
  }
  // Traces: decay each neuron's value lazily from its last update to the window's last step.
  const double decay_per_step = std::exp(-net_.dt / trace_tau_ms);
  std::vector<double> value(n, 0.0);
  std::vector<std::int64_t> at(n, 0);
  std::size_t k = 0;
  for (std::int64_t win = 0; win < n_windows; ++win) {
    const std::int64_t end = (win + 1) * w - 1;  // relative step of the window's last step
    for (; k < steps.size() && steps[k] - out.first_step <= end; ++k) {
      const std::uint32_t i = who[k];
      const std::int64_t s = steps[k] - out.first_step;
      value[i] = value[i] * std::pow(decay_per_step, static_cast<double>(s - at[i])) + 1.0;
      at[i] = s;
    }
    for (std::uint32_t i = 0; i < n; ++i) out.features(win, i) = value[i] * std::pow(decay_per_step, static_cast<double>(end - at[i]));
  }
  return out;
}

Eigen::VectorXd Reservoir::run_sequence(const SpikeEvents& input, std::int64_t n_steps, int bins, std::int64_t* total_spikes) {
  require(n_steps > 0 && bins > 0, "run_sequence: need at least one step and one bin");
  sim_->set_plastic(false);
  sim_->reset_state();
  sim::SpikeRecorder rec;
  const std::int64_t first = sim_->step();
  sim_->run(n_steps, &input, &rec);
  const std::uint32_t n = net_.n_neurons();
  Eigen::VectorXd f = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(bins) * n);
  for (std::size_t k = 0; k < rec.size(); ++k) {
    const std::int64_t rel = rec.step[k] - first;
    const auto b = static_cast<Eigen::Index>(rel * bins / n_steps);  // bin b covers [b·L/B, (b+1)·L/B)
    f(b * n + rec.neuron[k]) += 1.0;
  }
  if (total_spikes) *total_spikes += static_cast<std::int64_t>(rec.size());
  return f;
}

}  // namespace hrsnn::experiments
