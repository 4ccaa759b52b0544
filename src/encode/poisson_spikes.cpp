/// \file poisson_spikes.cpp
/// \brief Time-rescaling sampling of per-step Bernoulli spikes (see poisson_spikes.hpp).
#include "encode/poisson_spikes.hpp"

#include "core/error.hpp"
#include "core/rng.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

namespace hrsnn::encode {

SpikeEvents spikes_from_rates(const Eigen::MatrixXd& rates_hz, std::int64_t spw, double dt_ms, std::uint64_t seed,
                              std::int64_t first_step) {
  require(spw >= 1 && dt_ms > 0.0, "spikes_from_rates: steps per window and dt must be positive");
  const Eigen::Index n_src = rates_hz.cols();
  require(rates_hz.size() == 0 || (rates_hz.minCoeff() >= 0.0 && rates_hz.maxCoeff() * dt_ms / 1000.0 <= 1.0),
          "spikes_from_rates: rates must be >= 0 and rate * dt <= 1 (max rate " +
              std::to_string(rates_hz.size() ? rates_hz.maxCoeff() : 0.0) + " Hz at dt " + std::to_string(dt_ms) + " ms)");
  std::vector<Rng> rng;
  rng.reserve(static_cast<std::size_t>(n_src));
  for (Eigen::Index j = 0; j < n_src; ++j) rng.emplace_back(derive_seed(seed, {static_cast<std::uint64_t>(j)}));
  SpikeEvents out;
  out.n_sources = static_cast<std::uint32_t>(n_src);
  std::vector<double> residual(static_cast<std::size_t>(n_src));  // hazard left before each source's next spike
  for (std::size_t j = 0; j < residual.size(); ++j) residual[j] = rng[j].exponential();
  // Row-major copy: the inner loop walks the sources of one window contiguously.
  const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> rates = rates_hz;
  std::vector<std::pair<std::int64_t, std::uint32_t>> win;  // reused: (offset in window, source), source-ordered
  std::vector<std::size_t> first(static_cast<std::size_t>(spw) + 1);  // reused: counting-sort buckets
  for (Eigen::Index w = 0; w < rates.rows(); ++w) {
    const std::int64_t start = first_step + w * spw;
    win.clear();
    for (Eigen::Index j = 0; j < n_src; ++j) {
      const double p = rates(w, j) * dt_ms / 1000.0;
      if (p <= 0.0) continue;
      double& e = residual[static_cast<std::size_t>(j)];
      if (p >= 1.0) {  // infinite hazard: every step spikes, then start a fresh wait
        for (std::int64_t s = 0; s < spw; ++s) win.emplace_back(s, static_cast<std::uint32_t>(j));
        e = rng[static_cast<std::size_t>(j)].exponential();
        continue;
      }
      const double h = -std::log1p(-p);
      for (std::int64_t s = 0;;) {  // s: first step of the window not yet consumed
        const double k = std::floor(e / h);  // steps without a spike before the next one
        if (k >= static_cast<double>(spw - s)) {
          e -= h * static_cast<double>(spw - s);
          break;
        }
        s += static_cast<std::int64_t>(k);
        win.emplace_back(s, static_cast<std::uint32_t>(j));
        e = rng[static_cast<std::size_t>(j)].exponential();
        if (++s >= spw) break;
      }
    }
    // Stable counting sort by step: sources stay in increasing order within a step.
    std::fill(first.begin(), first.end(), 0);
    for (const auto& ev : win) ++first[static_cast<std::size_t>(ev.first) + 1];
    for (std::size_t k = 1; k < first.size(); ++k) first[k] += first[k - 1];
    const std::size_t base = out.size();
    out.step.resize(base + win.size());
    out.source.resize(base + win.size());
    for (const auto& [off, src] : win) {
      const std::size_t at = base + first[static_cast<std::size_t>(off)]++;
      out.step[at] = start + off;
      out.source[at] = src;
    }
  }
  return out;
}

SpikeEvents regular_spikes_from_rates(const Eigen::MatrixXd& rates_hz, std::int64_t spw, double dt_ms,
                                      std::uint64_t seed, std::int64_t first_step) {
  require(spw >= 1 && dt_ms > 0.0, "regular_spikes_from_rates: steps per window and dt must be positive");
  const Eigen::Index n_src = rates_hz.cols();
  require(rates_hz.size() == 0 || (rates_hz.minCoeff() >= 0.0 && rates_hz.maxCoeff() * dt_ms / 1000.0 <= 1.0),
          "regular_spikes_from_rates: rates must be >= 0 and rate * dt <= 1 (max rate " +
              std::to_string(rates_hz.size() ? rates_hz.maxCoeff() : 0.0) + " Hz at dt " + std::to_string(dt_ms) + " ms)");
  std::vector<double> acc(static_cast<std::size_t>(n_src));
  for (Eigen::Index j = 0; j < n_src; ++j) acc[static_cast<std::size_t>(j)] = Rng(derive_seed(seed, {static_cast<std::uint64_t>(j)})).uniform();
  SpikeEvents out;
  out.n_sources = static_cast<std::uint32_t>(n_src);
  std::vector<double> p(static_cast<std::size_t>(n_src));
  for (Eigen::Index w = 0; w < rates_hz.rows(); ++w) {
    for (Eigen::Index j = 0; j < n_src; ++j) p[static_cast<std::size_t>(j)] = rates_hz(w, j) * dt_ms / 1000.0;
    // Step-major, so events come out in (step, source) order as the engine expects.
    for (std::int64_t s = 0; s < spw; ++s)
      for (std::size_t j = 0; j < acc.size(); ++j) {
        acc[j] += p[j];
        if (acc[j] >= 1.0) {
          acc[j] -= 1.0;
          out.push(first_step + w * spw + s, static_cast<std::uint32_t>(j));
        }
      }
  }
  return out;
}

}  // namespace hrsnn::encode
