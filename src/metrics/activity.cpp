/// \file activity.cpp
/// \brief Spiking activity, efficiency, rates and ISI CV (formulas in activity.hpp).
#include "metrics/activity.hpp"

#include "core/error.hpp"
#include "metrics/memory_capacity.hpp"

#include <algorithm>
#include <cmath>
#include <string>

namespace hrsnn::metrics {
namespace {

void check_lists(std::span<const std::uint32_t> neuron, std::span<const std::int64_t> step, std::uint32_t n) {
  require(neuron.size() == step.size(), "spike list: " + std::to_string(neuron.size()) + " neuron ids but " +
                                            std::to_string(step.size()) + " steps");
  for (std::size_t i = 0; i < neuron.size(); ++i)
    require(neuron[i] < n, "spike list: neuron id " + std::to_string(neuron[i]) + " at entry " + std::to_string(i) +
                               " >= n_neurons " + std::to_string(n));
}

}  // namespace

SpikingActivity spiking_activity(std::int64_t total_spikes, std::int64_t n_neurons, std::int64_t n_windows,
                                 double window_ms) {
  require(n_neurons > 0 && n_windows > 0, "spiking_activity: need n_neurons > 0 and n_windows > 0");
  require(window_ms > 0.0 && std::isfinite(window_ms), "spiking_activity: window_ms must be > 0");
  require(total_spikes >= 0, "spiking_activity: negative spike count");
  SpikingActivity a;
  a.total_spikes = total_spikes;
  a.spikes_per_neuron_per_window =
      static_cast<double>(total_spikes) / (static_cast<double>(n_neurons) * static_cast<double>(n_windows));
  a.rate_hz = a.spikes_per_neuron_per_window * 1000.0 / window_ms;
  return a;
}

SpikingActivity spiking_activity(const Eigen::MatrixXd& counts, double window_ms) {
  require(counts.allFinite() && (counts.size() == 0 || counts.minCoeff() >= 0.0),
          "spiking_activity: counts must be finite and >= 0");
  return spiking_activity(static_cast<std::int64_t>(std::llround(counts.sum())), counts.cols(), counts.rows(),
                          window_ms);
}

SpikeEfficiency spike_efficiency(double capacity, double activity) {
  SpikeEfficiency e;
  if (activity != 0.0) e.c_over_s = capacity / activity;
  if (capacity != 0.0) e.s_over_c = activity / capacity;
  return e;
}

std::vector<std::int64_t> spike_counts(std::span<const std::uint32_t> neuron, std::span<const std::int64_t> step,
                                       std::uint32_t n_neurons, std::int64_t step_begin, std::int64_t step_end) {
  check_lists(neuron, step, n_neurons);
  require(step_end >= step_begin, "spike_counts: step_end < step_begin");
  std::vector<std::int64_t> c(n_neurons, 0);
  for (std::size_t i = 0; i < neuron.size(); ++i)
    if (step[i] >= step_begin && step[i] < step_end) ++c[neuron[i]];
  return c;
}

Eigen::VectorXd firing_rates_hz(std::span<const std::uint32_t> neuron, std::span<const std::int64_t> step,
                                std::uint32_t n_neurons, std::int64_t step_begin, std::int64_t step_end,
                                double dt_ms) {
  require(dt_ms > 0.0 && step_end > step_begin, "firing_rates_hz: need dt_ms > 0 and a non-empty step range");
  const std::vector<std::int64_t> c = spike_counts(neuron, step, n_neurons, step_begin, step_end);
  const double seconds = static_cast<double>(step_end - step_begin) * dt_ms / 1000.0;
  Eigen::VectorXd r(n_neurons);
  for (std::uint32_t i = 0; i < n_neurons; ++i) r(i) = static_cast<double>(c[i]) / seconds;
  return r;
}

RateSummary summarize_rates(const Eigen::VectorXd& rates_hz) {
  require(rates_hz.size() > 0 && rates_hz.allFinite(), "summarize_rates: need finite rates");
  RateSummary s;
  s.mean = rates_hz.mean();
  s.std = std::sqrt((rates_hz.array() - s.mean).square().mean());
  s.median = quantile(rates_hz, 0.5);
  s.q05 = quantile(rates_hz, 0.05);
  s.q25 = quantile(rates_hz, 0.25);
  s.q75 = quantile(rates_hz, 0.75);
  s.q95 = quantile(rates_hz, 0.95);
  s.max = rates_hz.maxCoeff();
  s.fraction_silent = static_cast<double>((rates_hz.array() == 0.0).count()) / static_cast<double>(rates_hz.size());
  return s;
}

IsiCvResult isi_cv(std::span<const std::uint32_t> neuron, std::span<const std::int64_t> step,
                   std::uint32_t n_neurons, int min_isis) {
  check_lists(neuron, step, n_neurons);
  require(min_isis >= 2, "isi_cv: min_isis must be >= 2");
  std::vector<std::vector<std::int64_t>> times(n_neurons);
  for (std::size_t i = 0; i < neuron.size(); ++i) times[neuron[i]].push_back(step[i]);
  IsiCvResult r;
  r.per_neuron = Eigen::VectorXd::Constant(n_neurons, std::numeric_limits<double>::quiet_NaN());
  double sum = 0.0;
  for (std::uint32_t n = 0; n < n_neurons; ++n) {
    auto& t = times[n];
    if (static_cast<int>(t.size()) < min_isis + 1) continue;
    std::sort(t.begin(), t.end());
    double m = 0.0, m2 = 0.0;
    for (std::size_t i = 1; i < t.size(); ++i) m += static_cast<double>(t[i] - t[i - 1]);
    m /= static_cast<double>(t.size() - 1);
    for (std::size_t i = 1; i < t.size(); ++i) m2 += std::pow(static_cast<double>(t[i] - t[i - 1]) - m, 2);
    if (m <= 0.0) continue;  // all spikes in one step: no interval scale
    r.per_neuron(n) = std::sqrt(m2 / static_cast<double>(t.size() - 1)) / m;
    sum += r.per_neuron(n);
    ++r.n_valid;
  }
  if (r.n_valid > 0) r.population_mean = sum / static_cast<double>(r.n_valid);
  return r;
}

double nan_mean(const Eigen::Ref<const Eigen::VectorXd>& values) {
  double sum = 0.0;
  std::int64_t n = 0;
  for (Eigen::Index i = 0; i < values.size(); ++i)
    if (!std::isnan(values(i))) sum += values(i), ++n;
  return n > 0 ? sum / static_cast<double>(n) : std::numeric_limits<double>::quiet_NaN();
}

}  // namespace hrsnn::metrics
