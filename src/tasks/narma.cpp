/// \file narma.cpp
/// \brief NARMA-10 recurrence (equation in narma.hpp).
#include "tasks/narma.hpp"

#include "core/error.hpp"
#include "core/rng.hpp"

#include <cmath>
#include <stdexcept>
#include <vector>

namespace hrsnn::tasks {

InputTarget narma10(std::size_t n_samples, std::uint64_t seed, const NarmaParams& p) {
  require(p.u_high > p.u_low, "narma10: u_high must exceed u_low");
  constexpr std::size_t kOrder = 10;
  const std::size_t total = p.discard + n_samples;
  // Index k holds time k - kOrder, so the first kOrder entries are the zero past.
  std::vector<double> u(total + kOrder, 0.0), y(total + kOrder + 1, 0.0);
  Rng rng(derive_seed(seed, {0x4E41524D41 /* "NARMA" */}));
  for (std::size_t t = kOrder; t < total + kOrder; ++t) {
    u[t] = rng.uniform(p.u_low, p.u_high);
    double sum = 0.0;
    for (std::size_t i = 0; i < kOrder; ++i) sum += y[t - i];
    y[t + 1] = 0.3 * y[t] + 0.05 * y[t] * sum + 1.5 * u[t - (kOrder - 1)] * u[t] + 0.1;
    // Some input draws make NARMA-10 unstable; which ones is the caller's seed and length.
    if (!(std::abs(y[t + 1]) < 1e3))
      throw InputError("narma10: the recurrence diverged at sample " + std::to_string(t - kOrder + 1) + " of " +
                       std::to_string(total) + " for seed " + std::to_string(seed));
  }
  InputTarget out;
  out.input.values.resize(static_cast<Eigen::Index>(n_samples), 1);
  out.target.values.resize(static_cast<Eigen::Index>(n_samples), 1);
  out.input.names = {"u"};
  out.target.names = {"y"};
  for (std::size_t r = 0; r < n_samples; ++r) {
    const std::size_t t = kOrder + p.discard + r;
    out.input.values(static_cast<Eigen::Index>(r), 0) = u[t];
    out.target.values(static_cast<Eigen::Index>(r), 0) = y[t + 1];
  }
  return out;
}

}  // namespace hrsnn::tasks
