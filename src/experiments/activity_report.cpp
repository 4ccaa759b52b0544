#include "experiments/activity_report.hpp"

#include "metrics/activity.hpp"
#include "metrics/dimensionality.hpp"
#include "metrics/heterogeneity.hpp"

#include <cmath>
#include <vector>

namespace hrsnn::experiments {

void report_activity(const sim::Network& net, const sim::SpikeRecorder& spikes, std::int64_t begin, std::int64_t end,
                     std::int64_t n_windows, double window_ms, const Eigen::MatrixXd& states, TaskResult& out) {
  const std::uint32_t n = net.n_neurons();
  std::vector<std::uint32_t> who;
  std::vector<std::int64_t> when;
  for (std::size_t k = 0; k < spikes.size(); ++k)
    if (spikes.step[k] >= begin && spikes.step[k] < end) {
      who.push_back(spikes.neuron[k]);
      when.push_back(spikes.step[k]);
    }
  const Eigen::VectorXd rates = metrics::firing_rates_hz(who, when, n, begin, end, net.dt);
  const metrics::IsiCvResult cv = metrics::isi_cv(who, when, n);
  double rate_sum[2] = {0, 0}, cv_sum[2] = {0, 0};
  int count[2] = {0, 0}, cv_n[2] = {0, 0};
  for (std::uint32_t i = 0; i < n; ++i) {
    const int e = net.neurons.excitatory[i];
    rate_sum[e] += rates(i);
    ++count[e];
    if (!std::isnan(cv.per_neuron(i))) {
      cv_sum[e] += cv.per_neuron(i);
      ++cv_n[e];
    }
  }
  out.scalars["rate_e_hz"] = count[1] ? rate_sum[1] / count[1] : 0.0;
  out.scalars["rate_i_hz"] = count[0] ? rate_sum[0] / count[0] : 0.0;
  out.scalars["isi_cv_e"] = cv_n[1] ? cv_sum[1] / cv_n[1] : std::nan("");
  out.scalars["isi_cv_i"] = cv_n[0] ? cv_sum[0] / cv_n[0] : std::nan("");
  const metrics::SpikingActivity s = metrics::spiking_activity(static_cast<std::int64_t>(who.size()), n, n_windows, window_ms);
  out.scalars["S"] = s.spikes_per_neuron_per_window;
  out.scalars["rate_hz"] = s.rate_hz;
  const metrics::RateSummary summary = metrics::summarize_rates(rates);
  out.details["rate_hist_hz"] = std::vector<double>(rates.data(), rates.data() + rates.size());
  out.scalars["fraction_silent"] = summary.fraction_silent;
  if (states.rows() > 1) out.scalars["effective_dim"] = metrics::effective_dimensionality(states).n_components;
}

void report_heterogeneity(const sim::Network& net, TaskResult& out) {
  const auto& nt = net.neurons;
  for (int e = 1; e >= 0; --e) {
    std::vector<std::uint32_t> ids;
    for (std::uint32_t i = 0; i < net.n_neurons(); ++i)
      if (nt.excitatory[i] == e) ids.push_back(i);
    if (ids.size() < 2) continue;
    Eigen::MatrixXd x(static_cast<Eigen::Index>(ids.size()), 2);
    for (std::size_t k = 0; k < ids.size(); ++k) {
      x(static_cast<Eigen::Index>(k), 0) = nt.tau_m[ids[k]];
      x(static_cast<Eigen::Index>(k), 1) = nt.v_th[ids[k]];
    }
    const metrics::LogDetResult r = metrics::log_det_covariance(x);
    const std::string key = std::string("logdet_neurons_") + (e ? "e" : "i");
    out.details[key] = r.log_det ? nlohmann::json(*r.log_det) : nlohmann::json(nullptr);
    if (r.log_det) out.scalars[key] = *r.log_det;
  }
  const auto& sp = net.synapses.stdp;
  std::vector<std::size_t> plastic;
  for (std::size_t s = 0; s < net.synapses.size(); ++s)
    if (sp.plastic(s)) plastic.push_back(s);
  if (plastic.size() < 2) return;
  Eigen::MatrixXd x(static_cast<Eigen::Index>(plastic.size()), 4);
  for (std::size_t k = 0; k < plastic.size(); ++k) {
    const auto r = static_cast<Eigen::Index>(k);
    x(r, 0) = sp.tau_plus[plastic[k]];
    x(r, 1) = sp.tau_minus[plastic[k]];
    x(r, 2) = sp.eta_plus[plastic[k]];
    x(r, 3) = sp.eta_minus[plastic[k]];
  }
  const metrics::LogDetResult r = metrics::log_det_covariance(x);
  out.details["logdet_stdp"] = r.log_det ? nlohmann::json(*r.log_det) : nlohmann::json(nullptr);
  if (r.log_det) out.scalars["logdet_stdp"] = *r.log_det;
}

}  // namespace hrsnn::experiments
