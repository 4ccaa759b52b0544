#include "metrics/classification.hpp"
#include "metrics/prediction.hpp"

#include "core/error.hpp"
#include "core/rng.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace hrsnn::metrics {
namespace {

TEST(Prediction, NrmseIsZeroForPerfectAndOneForTheMean) {
  Eigen::MatrixXd y(4, 2);
  y << 1, 10, 2, 20, 3, 30, 4, 50;
  EXPECT_EQ(nrmse(y, y).mean, 0.0);
  Eigen::MatrixXd m = y;
  m.rowwise() = y.colwise().mean();
  const NrmseResult r = nrmse(m, y);
  EXPECT_NEAR(r.per_dim(0), 1.0, 1e-15);
  EXPECT_NEAR(r.per_dim(1), 1.0, 1e-15);
  EXPECT_THROW(nrmse(y, Eigen::MatrixXd::Ones(4, 2)), InputError);
}

TEST(Prediction, PersistenceOnARampHasErrorHOverTheRampStd) {
  const int T = 1000, h = 3;
  Eigen::MatrixXd x(T, 1);
  for (int t = 0; t < T; ++t) x(t, 0) = t;
  ForecastSplit s;
  s.train_end = 600;
  s.horizon = h;
  // Targets x(603..999): 397 consecutive integers, std sqrt((397^2 - 1) / 12).
  const double expected = h / std::sqrt((397.0 * 397.0 - 1.0) / 12.0);
  EXPECT_NEAR(persistence_nrmse(x, s).mean, expected, 1e-12);
}

TEST(Prediction, ArBaselineOfLagTwoPredictsASinusoidExactly) {
  // sin(w (t+1)) = 2 cos(w) sin(w t) - sin(w (t-1)): an exact AR(2) recursion.
  const int T = 2000;
  Eigen::MatrixXd x(T, 1);
  for (int t = 0; t < T; ++t) x(t, 0) = std::sin(0.3 * t);
  ForecastSplit s;
  s.train_end = 1500;
  const ArBaselineResult ar2 = ar_baseline(x, s, 2);
  const ArBaselineResult ar1 = ar_baseline(x, s, 1);
  EXPECT_LT(ar2.nrmse.mean, 1e-3);
  EXPECT_NEAR(ar2.model.weights(0, 0), 2.0 * std::cos(0.3), 1e-3);
  EXPECT_NEAR(ar2.model.weights(1, 0), -1.0, 1e-3);
  EXPECT_GT(ar1.nrmse.mean, 0.1);
  EXPECT_LT(ar2.nrmse.mean, persistence_nrmse(x, s).mean);
}

TEST(Prediction, LaggedFeaturesStackMostRecentFirst) {
  Eigen::MatrixXd x(5, 2);
  x << 0, 10, 1, 11, 2, 12, 3, 13, 4, 14;
  const Eigen::MatrixXd F = lagged_features(x, 2, 4, 3);
  Eigen::MatrixXd expected(2, 6);
  expected << 2, 12, 1, 11, 0, 10, 3, 13, 2, 12, 1, 11;
  EXPECT_EQ(F, expected);
  EXPECT_THROW(lagged_features(x, 1, 4, 3), InputError);
}

TEST(Classification, AccuracyAndConfusionMatrix) {
  const std::vector<int> y{0, 0, 1, 2, 2, 2}, p{0, 1, 1, 2, 0, 2};
  EXPECT_DOUBLE_EQ(accuracy(y, p), 4.0 / 6.0);
  const Eigen::MatrixXi M = confusion_matrix(y, p, 3);
  Eigen::MatrixXi expected(3, 3);
  expected << 1, 1, 0, 0, 1, 0, 1, 0, 2;
  EXPECT_EQ(M, expected);
  EXPECT_EQ(M.sum(), 6);
  EXPECT_THROW(confusion_matrix(y, {0, 1, 1, 2, 0, 3}, 3), InputError);
  EXPECT_THROW(accuracy({}, {}), InputError);
}

}  // namespace
}  // namespace hrsnn::metrics
