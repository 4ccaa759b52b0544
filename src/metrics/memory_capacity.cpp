/// \file memory_capacity.cpp
/// \brief Memory capacity with shuffled-target noise correction (equations in the header).
#include "metrics/memory_capacity.hpp"

#include "core/error.hpp"
#include "core/rng.hpp"

#include <algorithm>
#include <cmath>
#include <string>

namespace hrsnn::metrics {
namespace {

void validate(const Eigen::MatrixXd& states, const Eigen::VectorXd& u, const MemoryCapacityOptions& o) {
  require(states.rows() == u.size(), "memory_capacity: " + std::to_string(states.rows()) +
                                         " state rows but " + std::to_string(u.size()) + " input values");
  require(states.cols() > 0, "memory_capacity: states have no columns");
  require(o.max_delay >= 1, "memory_capacity: max_delay must be >= 1");
  require(o.washout >= o.max_delay, "memory_capacity: washout (" + std::to_string(o.washout) +
                                        ") must be >= max_delay (" + std::to_string(o.max_delay) + ")");
  require(o.train > 0 && o.test > 1, "memory_capacity: train and test must be positive");
  require(states.rows() >= o.washout + o.train + o.test,
          "memory_capacity: need washout+train+test = " + std::to_string(o.washout + o.train + o.test) +
              " windows, got " + std::to_string(states.rows()));
  require(o.shuffles_per_delay >= 0, "memory_capacity: shuffles_per_delay must be >= 0");
  require(o.null_quantile > 0.0 && o.null_quantile < 1.0, "memory_capacity: null_quantile must be in (0, 1)");
  require(!o.lambdas.empty(), "memory_capacity: empty lambda grid");
  require(states.allFinite() && u.allFinite(), "memory_capacity: states or input contain NaN or inf");
}

/// Targets for every delay, then R shuffled copies of each: column k-1 holds u(t-k) and
/// column K + (k-1) R + r its r-th permutation, over the train+test windows.
Eigen::MatrixXd build_targets(const Eigen::VectorXd& u, const MemoryCapacityOptions& o) {
  const Eigen::Index n = o.train + o.test, K = o.max_delay, R = o.shuffles_per_delay;
  Eigen::MatrixXd T(n, K * (1 + R));
  for (Eigen::Index k = 1; k <= K; ++k) {
    T.col(k - 1) = u.segment(o.washout - k, n);
    for (Eigen::Index r = 0; r < R; ++r) {
      auto col = T.col(K + (k - 1) * R + r);
      col = T.col(k - 1);
      Rng rng(derive_seed(o.seed, {static_cast<std::uint64_t>(k), static_cast<std::uint64_t>(r)}));
      for (Eigen::Index i = n - 1; i > 0; --i)  // Fisher-Yates
        std::swap(col(i), col(static_cast<Eigen::Index>(rng.below(static_cast<std::uint64_t>(i + 1)))));
    }
  }
  return T;
}

}  // namespace

double squared_correlation(const Eigen::Ref<const Eigen::VectorXd>& a, const Eigen::Ref<const Eigen::VectorXd>& b) {
  require(a.size() == b.size() && a.size() > 1, "squared_correlation: need two vectors of equal length >= 2");
  const Eigen::ArrayXd da = a.array() - a.mean(), db = b.array() - b.mean();
  const double saa = da.square().sum(), sbb = db.square().sum();
  // Round-off of a constant vector is not variation: compare with its magnitude.
  const double tiny = 1e-14 * static_cast<double>(a.size());
  if (saa <= tiny * (a.squaredNorm() / a.size()) || sbb <= tiny * (b.squaredNorm() / b.size()) ||
      saa == 0.0 || sbb == 0.0)
    return 0.0;
  const double sab = (da * db).sum();
  return sab * sab / (saa * sbb);
}

double quantile(Eigen::VectorXd values, double q) {
  require(values.size() > 0 && q >= 0.0 && q <= 1.0, "quantile: need values and q in [0, 1]");
  std::sort(values.data(), values.data() + values.size());
  const double pos = q * static_cast<double>(values.size() - 1);
  const auto lo = static_cast<Eigen::Index>(std::floor(pos));
  const Eigen::Index hi = std::min<Eigen::Index>(lo + 1, values.size() - 1);
  return values(lo) + (pos - static_cast<double>(lo)) * (values(hi) - values(lo));
}

MemoryCapacityResult memory_capacity(const Eigen::MatrixXd& states, const Eigen::VectorXd& u,
                                     const MemoryCapacityOptions& o) {
  validate(states, u, o);
  const Eigen::Index K = o.max_delay, R = o.shuffles_per_delay;
  const Eigen::MatrixXd T = build_targets(u, o);
  const auto Xtr = states.middleRows(o.washout, o.train);
  const auto Xte = states.middleRows(o.washout + o.train, o.test);

  std::vector<double> grid = o.lambdas;
  std::sort(grid.begin(), grid.end());
  const readout::RowSplit split =
      readout::make_validation_split(o.train, o.validation_fraction, readout::ValidationSplit::kLastFraction);
  const auto n_fit = static_cast<Eigen::Index>(split.fit.size());
  const auto n_val = static_cast<Eigen::Index>(split.validation.size());
  // Lambda per column on the last training windows, then the refit on all training windows
  // (its normal equations pooled from the two parts').
  const readout::ValidatedRidge fit = readout::ridge_fit_validated(
      Xtr.topRows(n_fit), T.topRows(n_fit), Xtr.middleRows(n_fit, n_val), T.middleRows(n_fit, n_val), grid, true);
  const Eigen::VectorXd& lambdas = fit.model.lambdas;
  const Eigen::MatrixXd pred = fit.model.predict(Xte);
  Eigen::VectorXd stat(T.cols());
  for (Eigen::Index j = 0; j < T.cols(); ++j)
    stat(j) = squared_correlation(T.col(j).tail(o.test), pred.col(j));

  MemoryCapacityResult res;
  res.per_delay = stat.head(K);
  res.lambda_per_delay = lambdas.head(K);
  res.capacity_raw = res.per_delay.sum();
  res.per_delay_corrected = res.per_delay;
  if (R > 0) {
    res.null_samples = stat.tail(K * R);
    res.null_threshold = quantile(res.null_samples, o.null_quantile);
    for (Eigen::Index k = 0; k < K; ++k)
      if (!(res.per_delay(k) > res.null_threshold)) res.per_delay_corrected(k) = 0.0;
  }
  res.capacity_corrected = res.per_delay_corrected.sum();
  return res;
}

}  // namespace hrsnn::metrics
