#include "metrics/memory_capacity.hpp"

#include "core/error.hpp"
#include "core/rng.hpp"

#include <gtest/gtest.h>

#include <iostream>

namespace hrsnn::metrics {
namespace {

Eigen::VectorXd uniform_input(std::uint64_t seed, Eigen::Index n) {
  Rng r(seed);
  Eigen::VectorXd u(n);
  for (Eigen::Index t = 0; t < n; ++t) u(t) = r.uniform();
  return u;
}

/// Ideal delay line: state_t = (u_{t-1}, ..., u_{t-N}) (zeros before the start).
Eigen::MatrixXd delay_line(const Eigen::VectorXd& u, int n_units) {
  Eigen::MatrixXd X = Eigen::MatrixXd::Zero(u.size(), n_units);
  for (Eigen::Index t = 0; t < u.size(); ++t)
    for (int j = 0; j < n_units; ++j)
      if (t - 1 - j >= 0) X(t, j) = u(t - 1 - j);
  return X;
}

const Eigen::Index kRows = 200 + 2000 + 1000;

void expect_delay_line_capacity(int n_units) {
  const Eigen::VectorXd u = uniform_input(21 + static_cast<std::uint64_t>(n_units), kRows);
  const MemoryCapacityResult r = memory_capacity(delay_line(u, n_units), u);
  // Jaeger 2001: an N-unit delay line remembers exactly its N last inputs.
  for (int k = 1; k <= n_units; ++k) {
    EXPECT_GT(r.per_delay(k - 1), 1.0 - 1e-3) << "delay " << k;
    EXPECT_EQ(r.per_delay_corrected(k - 1), r.per_delay(k - 1)) << "delay " << k;
  }
  // Beyond N the target is independent of the states: only the ~1 % false positives of the
  // 99th-percentile threshold (each about the threshold) may survive.
  const double beyond = r.per_delay_corrected.tail(100 - n_units).sum();
  EXPECT_LT(beyond, 0.05);
  EXPECT_NEAR(r.capacity_corrected, n_units, 1e-3 * n_units + 0.05);
  EXPECT_GT(r.capacity_raw, r.capacity_corrected);
  std::cout << "delay line N=" << n_units << ": raw " << r.capacity_raw << ", corrected " << r.capacity_corrected
            << ", null threshold " << r.null_threshold << "\n";
}

TEST(MemoryCapacity, DelayLineOf20UnitsHasCapacity20) { expect_delay_line_capacity(20); }
TEST(MemoryCapacity, DelayLineOf50UnitsHasCapacity50) { expect_delay_line_capacity(50); }

TEST(MemoryCapacity, IidNoiseStatesHaveNoCorrectedCapacity) {
  const Eigen::VectorXd u = uniform_input(31, kRows);
  Rng r(32);
  Eigen::MatrixXd X(kRows, 50);
  for (Eigen::Index j = 0; j < X.cols(); ++j)
    for (Eigen::Index t = 0; t < kRows; ++t) X(t, j) = r.normal();
  const MemoryCapacityResult m = memory_capacity(X, u);
  std::cout << "noise states: raw " << m.capacity_raw << ", corrected " << m.capacity_corrected << "\n";
  EXPECT_LE(m.capacity_corrected, 0.5);
  EXPECT_LE(m.capacity_corrected, m.capacity_raw);
  EXPECT_EQ(m.null_samples.size(), 100 * 10);
}

TEST(MemoryCapacity, LinearReservoirCapacityIsBoundedByItsSize) {
  // x_t = W x_{t-1} + v u_t with spectral radius 0.9: Jaeger (2001, Prop. 2) bounds C by N.
  const int n = 20;
  Rng r(41);
  Eigen::MatrixXd W(n, n);
  Eigen::VectorXd v(n);
  for (int i = 0; i < n; ++i) {
    v(i) = r.normal();
    for (int j = 0; j < n; ++j) W(i, j) = r.normal();
  }
  W *= 0.9 / Eigen::EigenSolver<Eigen::MatrixXd>(W, false).eigenvalues().cwiseAbs().maxCoeff();
  const Eigen::VectorXd u = uniform_input(42, kRows);
  Eigen::MatrixXd X(kRows, n);
  Eigen::VectorXd x = Eigen::VectorXd::Zero(n);
  for (Eigen::Index t = 0; t < kRows; ++t) {
    x = W * x + v * (u(t) - 0.5);
    X.row(t) = x.transpose();
  }
  const MemoryCapacityResult m = memory_capacity(X, u);
  std::cout << "linear reservoir N=20: raw " << m.capacity_raw << ", corrected " << m.capacity_corrected << "\n";
  EXPECT_LE(m.capacity_corrected, n);
  EXPECT_GT(m.capacity_corrected, 1.0);  // it does remember: C(1) alone is ~1
  EXPECT_GT(m.per_delay(0), 0.99);
}

TEST(MemoryCapacity, SeededShufflesAreReproducibleAndSeedDependent) {
  MemoryCapacityOptions o;
  o.max_delay = 5;
  o.washout = 10;
  o.train = 200;
  o.test = 100;
  const Eigen::VectorXd u = uniform_input(51, 310);
  const Eigen::MatrixXd X = delay_line(u, 3);
  const MemoryCapacityResult a = memory_capacity(X, u, o), b = memory_capacity(X, u, o);
  EXPECT_EQ(a.null_samples, b.null_samples);
  o.seed = 1;
  EXPECT_NE(memory_capacity(X, u, o).null_samples, a.null_samples);
}

TEST(MemoryCapacity, RejectsLayoutsThatDoNotFit) {
  const Eigen::VectorXd u = uniform_input(61, 500);
  const Eigen::MatrixXd X = delay_line(u, 3);
  EXPECT_THROW(memory_capacity(X, u), InputError);  // 500 < 3200 windows
  MemoryCapacityOptions o;
  o.washout = 50;
  o.train = 300;
  o.test = 100;
  EXPECT_THROW(memory_capacity(X, u, o), InputError);  // washout < max_delay
  EXPECT_THROW(memory_capacity(X, u.head(499), o), InputError);
}

TEST(MemoryCapacity, SquaredCorrelationAndQuantileBasics) {
  Eigen::VectorXd a(4), b(4);
  a << 1, 2, 3, 4;
  b << 2, 4, 6, 8.5;
  EXPECT_NEAR(squared_correlation(a, -3.0 * a), 1.0, 1e-15);
  EXPECT_EQ(squared_correlation(a, Eigen::VectorXd::Constant(4, 2.0)), 0.0);
  EXPECT_GT(squared_correlation(a, b), 0.99);
  Eigen::VectorXd q(5);
  q << 5, 1, 4, 2, 3;
  EXPECT_DOUBLE_EQ(quantile(q, 0.5), 3.0);
  EXPECT_DOUBLE_EQ(quantile(q, 0.99), 4.96);  // numpy.quantile([1..5], 0.99)
}

}  // namespace
}  // namespace hrsnn::metrics
