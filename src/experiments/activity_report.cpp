#include "experiments/activity_report.hpp"

#include "metrics/activity.hpp"
#include "metrics/dimensionality.hpp"
#include "metrics/heterogeneity.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
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
  if (states.rows() > 1) {
    const metrics::DimensionalityResult d = metrics::effective_dimensionality(states);
    out.scalars["effective_dim"] = d.n_components;
    out.scalars["participation_ratio"] = d.participation_ratio;
  }
}

void report_plastic_weights(const sim::Network& net, const std::vector<double>& weights, TaskResult& out) {
  const auto& t = net.synapses;
  if (!t.stdp.present() || weights.size() != t.size()) return;
  const std::uint32_t n = net.n_neurons();
  // Accumulators per class: count, sum w, sum w^2, sum relative position, count at a bound.
  struct Acc { double n = 0, s = 0, s2 = 0, rel = 0, at = 0; };
  std::map<std::string, Acc> acc;
  for (std::size_t k = 0; k < t.size(); ++k) {
    if (!t.stdp.plastic(k)) continue;
    const std::string pre = t.pre[k] >= n ? "in_" : (net.neurons.excitatory[t.pre[k]] ? "e" : "i");
    const std::string cls = pre + (net.neurons.excitatory[t.post[k]] ? "e" : "i");
    const double w = weights[k], lo = t.stdp.w_min[k], hi = t.stdp.w_max[k], span = hi - lo;
    Acc& a = acc[cls];
    a.n += 1;
    a.s += w;
    a.s2 += w * w;
    if (span > 0.0) {
      a.rel += (w - lo) / span;
      a.at += (w - lo <= 0.01 * span || hi - w <= 0.01 * span) ? 1.0 : 0.0;
    }
  }
  for (const auto& [cls, a] : acc) {
    const double mean = a.s / a.n, var = std::max(0.0, a.s2 / a.n - mean * mean);
    out.scalars["w_" + cls + "_mean"] = mean;
    out.scalars["w_" + cls + "_cv"] = mean != 0.0 ? std::sqrt(var) / std::abs(mean) : std::nan("");
    out.scalars["w_" + cls + "_rel"] = a.rel / a.n;
    out.scalars["w_" + cls + "_at_bound"] = a.at / a.n;
  }
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
