/// \file mackey_glass.hpp
/// \brief The Mackey-Glass delay differential equation, sampled once per time unit.
///
///   dx/dt = a x(t - tau) / (1 + x(t - tau)^n) - b x(t)      (Mackey & Glass 1977)
///
/// Integrated with RK4 at `step`; the delayed values the RK4 stages need at t + h/2 fall
/// between stored points and are taken from the stored trajectory by cubic Lagrange
/// interpolation through the four nearest stored points (linear interpolation would cut RK4
/// to second order). For t <= 0 the history is the constant x0.
#pragma once

#include "tasks/series.hpp"

#include <cstdint>
#include <optional>

namespace hrsnn::tasks {

/// Mackey-Glass parameters; defaults are the chaotic tau = 17 setting of docs/model.md §7.
struct MackeyGlassParams {
  double tau = 17.0;                      ///< delay (>= 3 steps)
  double a = 0.2;                         ///< production rate
  double b = 0.1;                         ///< decay rate
  double n = 10.0;                        ///< Hill exponent
  double step = 0.1;                      ///< RK4 step
  double sample_every = 1.0;              ///< time between samples (integer multiple of step)
  double discard = 500.0;                 ///< transient dropped before the first sample
  std::optional<double> initial_history;  ///< constant x0 on t <= 0; default uniform [0.5, 1.5] from seed
};

/// n_samples of Mackey-Glass (one column "x").
Series mackey_glass(std::size_t n_samples, std::uint64_t seed, const MackeyGlassParams& params = {});

}  // namespace hrsnn::tasks
