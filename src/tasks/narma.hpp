/// \file narma.hpp
/// \brief NARMA-10, the standard nonlinear-memory benchmark for reservoirs.
///
///   y(t+1) = 0.3 y(t) + 0.05 y(t) sum_{i=0}^{9} y(t-i) + 1.5 u(t-9) u(t) + 0.1
///   u(t) i.i.d. uniform on [0, 0.5]                          (Atiya & Parlos 2000)
///
/// y starts at 0 (and u at 0 before t = 0); the first `discard` steps are dropped so the
/// returned pairs come from the stationary regime.
#pragma once

#include "tasks/series.hpp"

#include <cstdint>

namespace hrsnn::tasks {

/// NARMA-10 settings.
struct NarmaParams {
  double u_low = 0.0;          ///< input lower bound
  double u_high = 0.5;         ///< input upper bound
  std::size_t discard = 200;   ///< warm-up steps dropped
};

/// Input u(t) and target y(t+1): row t of `target` depends on u up to row t of `input`.
struct InputTarget {
  Series input;   ///< one column "u"
  Series target;  ///< one column "y" (y(t+1) aligned with u(t))
};

/// n_samples input/target pairs of NARMA-10; throws InputError naming the seed if the recurrence
/// diverges (|y| > 1e3), as it does for some seeds (7 at 7000 samples).
InputTarget narma10(std::size_t n_samples, std::uint64_t seed, const NarmaParams& params = {});

}  // namespace hrsnn::tasks
