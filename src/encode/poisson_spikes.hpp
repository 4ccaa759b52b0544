/// \file poisson_spikes.hpp
/// \brief Turns piecewise-constant rates into spikes on the dt grid.
///
/// Within a window source j spikes at each step independently with p = r_j dt (per-step
/// Bernoulli, the discrete-time Poisson process: at most one spike per source per step, as
/// the engine expects). It is sampled by time rescaling: each step carries the hazard
/// h = -ln(1 - p), and a source spikes at the step where its cumulative hazard since its
/// last spike first exceeds a fresh Exp(1) draw E, i.e. k = floor(E / h) steps later, since
/// P(k >= n) = e^(-n h) = (1 - p)^n, the Bernoulli waiting-time law; the remaining E carries
/// over window boundaries (piecewise-constant hazard), so a silent source-window costs one
/// log1p and no random draw, and the total cost is O(spikes + windows x sources).
/// Source j draws only from its own stream Rng(derive_seed(seed, {j})), so its train does
/// not depend on other sources, on the processing order or on the thread count.
#pragma once

#include "core/spike_events.hpp"

#include <Eigen/Dense>

#include <cstdint>

namespace hrsnn::encode {

/// Spikes for rates_hz (windows x sources, Hz), window w covering steps
/// [first_step + w W, first_step + (w+1) W); p = rate * dt_ms / 1000 must be <= 1.
/// Callers encoding several sequences pass a different seed per sequence (e.g. derive_seed).
SpikeEvents spikes_from_rates(const Eigen::MatrixXd& rates_hz, std::int64_t steps_per_window, double dt_ms,
                              std::uint64_t seed, std::int64_t first_step = 0);

/// Deterministic spikes at the same rates (`encoding.kind = regular`): source j adds
/// p = rate·dt/1000 to an accumulator at each step and spikes at the step where it reaches 1
/// (then subtracts 1); the accumulator starts uniform on [0, 1) from Rng(derive_seed(seed, {j}))
/// and carries over window boundaries, so a source emits rate·T spikes in a window of length T
/// to within one, with no Poisson count noise.
SpikeEvents regular_spikes_from_rates(const Eigen::MatrixXd& rates_hz, std::int64_t steps_per_window, double dt_ms,
                                      std::uint64_t seed, std::int64_t first_step = 0);

}  // namespace hrsnn::encode
