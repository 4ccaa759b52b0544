/// \file flows.cpp
/// \brief Lorenz-63 and Rössler integration (equations in flows.hpp).
#include "tasks/flows.hpp"

#include "core/error.hpp"
#include "core/rng.hpp"
#include "tasks/ode.hpp"

#include <cmath>
#include <string>

namespace hrsnn::tasks {
namespace {

// Integer number of RK4 steps in `span`; sampling grids must sit on the integration grid
// so every sample is an integrator state, never an interpolation.
long steps_in(double span, double step, const char* what) {
  require(step > 0.0 && std::isfinite(step), "flow sampling: step must be positive, got " + std::to_string(step));
  const double k = span / step;
  const long n = std::lround(k);
  require(n >= 0 && std::abs(k - static_cast<double>(n)) < 1e-6,
          std::string("flow sampling: ") + what + " (" + std::to_string(span) +
              ") must be a non-negative integer multiple of step (" + std::to_string(step) + ")");
  return n;
}

template <class F>
Series sample_flow(std::size_t n_samples, std::array<double, 3> x, const FlowSampling& s, const F& f) {
  const long per_sample = steps_in(s.sample_every, s.step, "sample_every");
  require(per_sample >= 1, "flow sampling: sample_every must be at least one step");
  const long transient = steps_in(s.discard, s.step, "discard");
  for (long i = 0; i < transient; ++i) rk4_step(x, s.step, f);
  Series out;
  out.values.resize(static_cast<Eigen::Index>(n_samples), 3);
  out.names = {"x", "y", "z"};
  out.dt_units = s.sample_every;
  for (std::size_t r = 0; r < n_samples; ++r) {
    for (int c = 0; c < 3; ++c) out.values(static_cast<Eigen::Index>(r), c) = x[static_cast<std::size_t>(c)];
    for (long i = 0; i < per_sample; ++i) rk4_step(x, s.step, f);
  }
  return out;
}

}  // namespace

Series lorenz63(std::size_t n_samples, std::uint64_t seed, const Lorenz63Params& p) {
  std::array<double, 3> x0{};
  if (p.initial_state) {
    x0 = *p.initial_state;
  } else {
    Rng rng(derive_seed(seed, {0x4C3633 /* "L63" */}));
    x0 = {rng.uniform(-15.0, 15.0), rng.uniform(-15.0, 15.0), rng.uniform(5.0, 40.0)};
  }
  const double sigma = p.sigma, rho = p.rho, beta = p.beta;
  auto f = [=](const std::array<double, 3>& s, std::array<double, 3>& d) {
    d[0] = sigma * (s[1] - s[0]);
    d[1] = s[0] * (rho - s[2]) - s[1];
    d[2] = s[0] * s[1] - beta * s[2];
  };
  return sample_flow(n_samples, x0, p.sampling, f);
}

Series rossler(std::size_t n_samples, std::uint64_t seed, const RosslerParams& p) {
  std::array<double, 3> x0{};
  if (p.initial_state) {
    x0 = *p.initial_state;
  } else {
    Rng rng(derive_seed(seed, {0x524F53 /* "ROS" */}));
    x0 = {rng.uniform(-5.0, 5.0), rng.uniform(-5.0, 5.0), rng.uniform(0.0, 1.0)};
  }
  const double a = p.a, b = p.b, c = p.c;
  auto f = [=](const std::array<double, 3>& s, std::array<double, 3>& d) {
    d[0] = -s[1] - s[2];
    d[1] = s[0] + a * s[1];
    d[2] = b + s[2] * (s[0] - c);
  };
  return sample_flow(n_samples, x0, p.sampling, f);
}

}  // namespace hrsnn::tasks
