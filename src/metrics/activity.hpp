/// \file activity.hpp
/// \brief Spiking activity, spike efficiency, firing rates and ISI variability.
///
/// S = (spikes of all reservoir neurons in the test windows) / (N_neurons * N_windows)
///     (spikes per neuron per window, docs/model.md §5; Chakraborty & Mukhopadhyay 2023 §4),
/// rate = S / (T_window / 1000 ms) in Hz,
/// E = C / S (spike efficiency; the paper's abstract words it as S / C, so both are given),
/// ISI CV_i = std(ISI_i) / mean(ISI_i) per neuron with the population std (ddof 0), over
///     neurons with at least `min_isis` intervals (Softky & Koch 1993; CV ~ 1 for Poisson).
/// Spikes come as parallel (neuron, step) lists, e.g. hrsnn::SpikeEvents's source/step.
#pragma once

#include <Eigen/Dense>

#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <vector>

namespace hrsnn::metrics {

/// Spiking activity of a population over a number of windows.
struct SpikingActivity {
  double spikes_per_neuron_per_window = 0.0;  ///< S
  double rate_hz = 0.0;                       ///< S / window length in s
  std::int64_t total_spikes = 0;              ///< spikes counted
};

/// S and rate from a total spike count (throws InputError on non-positive sizes).
SpikingActivity spiking_activity(std::int64_t total_spikes, std::int64_t n_neurons,
                                 std::int64_t n_windows, double window_ms);

/// S and rate from a spike-count matrix (rows = windows, columns = neurons).
SpikingActivity spiking_activity(const Eigen::MatrixXd& counts, double window_ms);

/// Spike efficiency, both ways round; nullopt when the denominator is 0.
struct SpikeEfficiency {
  std::optional<double> c_over_s;  ///< E = C / S (higher is better)
  std::optional<double> s_over_c;  ///< S / C (the abstract's wording)
};

/// E = C / S and S / C.
SpikeEfficiency spike_efficiency(double capacity, double activity);

/// Spikes per neuron with step in [step_begin, step_end) (neuron ids must be < n_neurons).
std::vector<std::int64_t> spike_counts(std::span<const std::uint32_t> neuron, std::span<const std::int64_t> step,
                                       std::uint32_t n_neurons, std::int64_t step_begin, std::int64_t step_end);

/// Per-neuron firing rate in Hz over steps [step_begin, step_end) of dt_ms each.
Eigen::VectorXd firing_rates_hz(std::span<const std::uint32_t> neuron, std::span<const std::int64_t> step,
                                std::uint32_t n_neurons, std::int64_t step_begin, std::int64_t step_end,
                                double dt_ms);

/// Summary of a firing-rate distribution (quantiles by linear interpolation).
struct RateSummary {
  double mean = 0.0;             ///< mean rate (Hz)
  double std = 0.0;              ///< population std (ddof 0)
  double median = 0.0;           ///< 50 % quantile
  double q05 = 0.0, q25 = 0.0, q75 = 0.0, q95 = 0.0;  ///< further quantiles
  double max = 0.0;              ///< largest rate
  double fraction_silent = 0.0;  ///< share of neurons with rate 0
};

/// Summarises per-neuron rates (throws InputError when empty).
RateSummary summarize_rates(const Eigen::VectorXd& rates_hz);

/// ISI coefficient of variation per neuron and its population mean.
struct IsiCvResult {
  Eigen::VectorXd per_neuron;  ///< CV, NaN for neurons with fewer than min_isis intervals
  double population_mean = std::numeric_limits<double>::quiet_NaN();  ///< mean over valid neurons
  std::int64_t n_valid = 0;    ///< neurons that entered the mean
};

/// ISI CV from spike lists; intervals are computed from each neuron's sorted steps.
IsiCvResult isi_cv(std::span<const std::uint32_t> neuron, std::span<const std::int64_t> step,
                   std::uint32_t n_neurons, int min_isis = 2);

/// Mean of the non-NaN entries (NaN if there are none), e.g. the ISI CV of one population:
/// nan_mean(cv.per_neuron.segment(first_inhibitory, n_inhibitory)).
double nan_mean(const Eigen::Ref<const Eigen::VectorXd>& values);

}  // namespace hrsnn::metrics
