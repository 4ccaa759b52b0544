/// \file activity_report.hpp
/// \brief Rates, ISI CV, S, effective dimensionality and heterogeneity of one run, per population.
#pragma once

#include "experiments/task_result.hpp"
#include "sim/network.hpp"
#include "sim/recorder.hpp"

#include <Eigen/Dense>

#include <cstdint>

namespace hrsnn::experiments {

/// Adds rate_e_hz, rate_i_hz, isi_cv_e, isi_cv_i, S (spikes per neuron per window),
/// rate_hz, effective_dim (90 % variance of `states`) and participation_ratio
/// ((sum l)^2 / sum l^2 of the state covariance, the inverse of the paper's J) for spikes in
/// steps [begin, end).
void report_activity(const sim::Network& net, const sim::SpikeRecorder& spikes, std::int64_t begin, std::int64_t end,
                     std::int64_t n_windows, double window_ms, const Eigen::MatrixXd& states, TaskResult& out);

/// Adds log det heterogeneity of per-neuron (tau_m, v_th) per population and of the per-synapse
/// STDP parameters of plastic synapses (null with "singular" when a parameter is a point mass).
void report_heterogeneity(const sim::Network& net, TaskResult& out);

/// The plastic synapses' weights after the STDP phase, per class (in_e, in_i, ee, ei, ie, ii):
/// w_<class>_mean (mV), w_<class>_cv, w_<class>_rel = mean of (w - w_min)/(w_max - w_min)
/// (comparable with the soft-bound equilibrium, docs/theory.md) and w_<class>_at_bound, the
/// fraction within 1 % of the range from either bound. `weights` is in the synapse table's order.
void report_plastic_weights(const sim::Network& net, const std::vector<double>& weights, TaskResult& out);

}  // namespace hrsnn::experiments
