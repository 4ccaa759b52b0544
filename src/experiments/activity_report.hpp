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
/// rate_hz, effective_dim (90 % variance of `states`) for spikes in steps [begin, end).
void report_activity(const sim::Network& net, const sim::SpikeRecorder& spikes, std::int64_t begin, std::int64_t end,
                     std::int64_t n_windows, double window_ms, const Eigen::MatrixXd& states, TaskResult& out);

/// Adds log det heterogeneity of per-neuron (tau_m, v_th) per population and of the per-synapse
/// STDP parameters of plastic synapses (null with "singular" when a parameter is a point mass).
void report_heterogeneity(const sim::Network& net, TaskResult& out);

}  // namespace hrsnn::experiments
