/// \file flows.hpp
/// \brief Seeded chaotic flows sampled on a regular grid: Lorenz-63 and Rössler.
///
/// Lorenz (1963):  dx/dt = sigma (y - x),  dy/dt = x (rho - z) - y,  dz/dt = x y - beta z.
/// Rössler (1976): dx/dt = -y - z,  dy/dt = x + a y,  dz/dt = b + z (x - c).
/// Both are integrated with classic RK4 (ode.hpp) at `step`, sampled every `sample_every`
/// time units after `discard` time units of transient (docs/model.md §7).
#pragma once

#include "tasks/series.hpp"

#include <array>
#include <cstdint>
#include <optional>

namespace hrsnn::tasks {

/// How a flow is integrated and sampled (time in the system's own units).
struct FlowSampling {
  double step = 0.01;          ///< RK4 step
  double sample_every = 0.02;  ///< time between returned samples (an integer multiple of step)
  double discard = 20.0;       ///< transient dropped before the first sample
};

/// Lorenz-63 parameters; defaults are the classic chaotic ones of docs/model.md §7.
struct Lorenz63Params {
  double sigma = 10.0;                                  ///< Prandtl number
  double rho = 28.0;                                    ///< Rayleigh number
  double beta = 8.0 / 3.0;                              ///< geometric factor
  FlowSampling sampling{};                              ///< RK4 0.01, sample 0.02, discard 20
  std::optional<std::array<double, 3>> initial_state;   ///< default: drawn from the seed
};

/// Rössler parameters; sampling is this project's choice (the paper is silent).
struct RosslerParams {
  double a = 0.2;                                       ///< y feedback
  double b = 0.2;                                       ///< z offset
  double c = 5.7;                                       ///< z threshold
  FlowSampling sampling{0.01, 0.1, 50.0};               ///< RK4 0.01, sample 0.1, discard 50
  std::optional<std::array<double, 3>> initial_state;   ///< default: drawn from the seed
};

/// n_samples of Lorenz-63 (columns x, y, z); the initial state is drawn from `seed`
/// (x, y uniform on [-15, 15], z uniform on [5, 40]) unless given.
Series lorenz63(std::size_t n_samples, std::uint64_t seed, const Lorenz63Params& params = {});

/// n_samples of the Rössler flow (columns x, y, z); the initial state is drawn from `seed`
/// (x, y uniform on [-5, 5], z uniform on [0, 1]) unless given.
Series rossler(std::size_t n_samples, std::uint64_t seed, const RosslerParams& params = {});

}  // namespace hrsnn::tasks
