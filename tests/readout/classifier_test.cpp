#include "readout/logistic.hpp"
#include "readout/ridge_classifier.hpp"

#include "core/error.hpp"
#include "core/rng.hpp"

#include <gtest/gtest.h>

namespace hrsnn::readout {
namespace {

struct Blobs {
  Eigen::MatrixXd X;
  std::vector<int> y;
};

/// K Gaussian blobs in p dimensions with unit noise around centres `spread` apart.
Blobs blobs(std::uint64_t seed, int n, int p, int k, double spread) {
  Rng r(seed);
  Eigen::MatrixXd centres(k, p);
  for (int c = 0; c < k; ++c)
    for (int j = 0; j < p; ++j) centres(c, j) = spread * r.normal();
  Blobs b{Eigen::MatrixXd(n, p), std::vector<int>(static_cast<std::size_t>(n))};
  for (int i = 0; i < n; ++i) {
    const int c = static_cast<int>(r.below(static_cast<std::uint64_t>(k)));
    b.y[static_cast<std::size_t>(i)] = c;
    for (int j = 0; j < p; ++j) b.X(i, j) = centres(c, j) + r.normal();
  }
  return b;
}

double accuracy(const std::vector<int>& a, const std::vector<int>& b) {
  std::size_t ok = 0;
  for (std::size_t i = 0; i < a.size(); ++i) ok += a[i] == b[i];
  return static_cast<double>(ok) / static_cast<double>(a.size());
}

TEST(RidgeClassifier, SeparatesWellSeparatedBlobsOnHeldOutData) {
  const Blobs train = blobs(11, 400, 8, 4, 4.0), test = blobs(11, 400, 8, 4, 4.0);
  const RidgeClassifier c = ridge_classifier_fit(train.X, train.y, 4);
  EXPECT_GT(accuracy(c.predict(test.X), test.y), 0.97);
}

TEST(RidgeClassifier, OneVsRestTargetsAndLabelChecks) {
  const Eigen::MatrixXd T = one_vs_rest_targets({2, 0}, 3);
  EXPECT_EQ(T(0, 2), 1.0);
  EXPECT_EQ(T(0, 0), -1.0);
  EXPECT_EQ(T.row(1).sum(), -1.0);
  EXPECT_THROW(one_vs_rest_targets({3}, 3), InputError);
  EXPECT_THROW(ridge_classifier_fit(Eigen::MatrixXd::Ones(3, 2), {0, 1}, 2, 1.0), InputError);
}

TEST(Logistic, SolutionIsAStationaryPointOfThePenalisedLikelihood) {
  // Independent optimality check: the gradient of sum_i CE_i + ||W||^2/(2C) vanishes,
  // which also forces sum_k w_k = 0 (the penalty picks the centred representative).
  const Blobs b = blobs(12, 300, 5, 3, 1.5);
  LogisticOptions o;
  o.C = 0.5;
  const LogisticModel m = logistic_fit(b.X, b.y, 3, o);
  Eigen::MatrixXd R = m.predict_proba(b.X);
  for (std::size_t i = 0; i < b.y.size(); ++i) R(static_cast<Eigen::Index>(i), b.y[i]) -= 1.0;
  const Eigen::MatrixXd gW = b.X.transpose() * R + m.weights / o.C;
  EXPECT_LT(gW.cwiseAbs().maxCoeff(), 1e-4);
  EXPECT_LT(R.colwise().sum().cwiseAbs().maxCoeff(), 1e-4);
  EXPECT_LT(m.weights.rowwise().sum().cwiseAbs().maxCoeff(), 1e-5);
  EXPECT_NEAR(m.intercept.sum(), 0.0, 1e-12);
}

TEST(Logistic, ClassifiesBlobsAndChoosesCOnValidation) {
  const Blobs train = blobs(13, 400, 6, 3, 2.5), test = blobs(13, 400, 6, 3, 2.5);
  LogisticOptions o;
  o.C_grid = {1e-3, 1e-1, 10.0};
  const LogisticModel m = logistic_fit(train.X, train.y, 3, o);
  EXPECT_GT(accuracy(m.predict(test.X), test.y), 0.95);
  const Eigen::MatrixXd P = m.predict_proba(test.X);
  EXPECT_LT((P.rowwise().sum().array() - 1.0).abs().maxCoeff(), 1e-12);
}

TEST(Logistic, IsDeterministic) {
  const Blobs b = blobs(14, 200, 4, 3, 1.0);
  const LogisticModel a = logistic_fit(b.X, b.y, 3), c = logistic_fit(b.X, b.y, 3);
  EXPECT_EQ(a.weights, c.weights);
  EXPECT_EQ(a.intercept, c.intercept);
}

}  // namespace
}  // namespace hrsnn::readout
