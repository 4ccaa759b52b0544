/// \file mackey_glass.cpp
/// \brief RK4 for the Mackey-Glass DDE with cubic history interpolation (see header).
#include "tasks/mackey_glass.hpp"

#include "core/error.hpp"
#include "core/rng.hpp"

#include <cmath>
#include <string>
#include <vector>

namespace hrsnn::tasks {
namespace {

long grid_multiple(double span, double step, const char* what) {
  const double k = span / step;
  const long n = std::lround(k);
  require(n >= 0 && std::abs(k - static_cast<double>(n)) < 1e-6,
          std::string("mackey_glass: ") + what + " must be a non-negative integer multiple of step");
  return n;
}

// x at time pos*h from the stored grid; constant x0 before t = 0.
// Cubic Lagrange through grid points j-1..j+2 around pos (j = floor(pos)).
double history_at(const std::vector<double>& x, double x0, double pos) {
  if (pos <= 0.0) return x0;
  const long j = static_cast<long>(std::floor(pos));
  const double u = pos - static_cast<double>(j);
  auto at = [&](long k) { return k < 0 ? x0 : x[static_cast<std::size_t>(k)]; };
  if (u == 0.0) return at(j);
  const double wm1 = -u * (u - 1.0) * (u - 2.0) / 6.0;
  const double w0 = (u + 1.0) * (u - 1.0) * (u - 2.0) / 2.0;
  const double w1 = -(u + 1.0) * u * (u - 2.0) / 2.0;
  const double w2 = (u + 1.0) * u * (u - 1.0) / 6.0;
  return wm1 * at(j - 1) + w0 * at(j) + w1 * at(j + 1) + w2 * at(j + 2);
}

}  // namespace

Series mackey_glass(std::size_t n_samples, std::uint64_t seed, const MackeyGlassParams& p) {
  require(p.step > 0.0, "mackey_glass: step must be positive");
  require(p.tau >= 3.0 * p.step, "mackey_glass: tau must be at least 3 steps (interpolation needs past points)");
  const long per_sample = grid_multiple(p.sample_every, p.step, "sample_every");
  require(per_sample >= 1, "mackey_glass: sample_every must be at least one step");
  const long transient = grid_multiple(p.discard, p.step, "discard");
  double x0 = 0.0;
  if (p.initial_history) {
    x0 = *p.initial_history;
  } else {
    Rng rng(derive_seed(seed, {0x4D47 /* "MG" */}));
    x0 = rng.uniform(0.5, 1.5);
  }
  const long total = transient + static_cast<long>(n_samples) * per_sample;
  std::vector<double> x;
  x.reserve(static_cast<std::size_t>(total) + 1);
  x.push_back(x0);
  const double h = p.step, lag = p.tau / p.step;
  auto rhs = [&](double xt, double xd) { return p.a * xd / (1.0 + std::pow(xd, p.n)) - p.b * xt; };
  for (long i = 0; i < total; ++i) {
    const double t = static_cast<double>(i);
    const double d0 = history_at(x, x0, t - lag);
    const double dh = history_at(x, x0, t + 0.5 - lag);
    const double d1 = history_at(x, x0, t + 1.0 - lag);
    const double xi = x.back();
    const double k1 = rhs(xi, d0);
    const double k2 = rhs(xi + 0.5 * h * k1, dh);
    const double k3 = rhs(xi + 0.5 * h * k2, dh);
    const double k4 = rhs(xi + h * k3, d1);
    x.push_back(xi + h / 6.0 * (k1 + 2.0 * k2 + 2.0 * k3 + k4));
  }
  Series out;
  out.values.resize(static_cast<Eigen::Index>(n_samples), 1);
  out.names = {"x"};
  out.dt_units = p.sample_every;
  for (std::size_t r = 0; r < n_samples; ++r)
    out.values(static_cast<Eigen::Index>(r), 0) = x[static_cast<std::size_t>(transient + static_cast<long>(r) * per_sample)];
  return out;
}

}  // namespace hrsnn::tasks
