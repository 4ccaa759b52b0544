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

// A small informative block (k classes in `p_info` dimensions) beside `p_noise` columns of pure
// noise; the centres come from `centres_seed`, the samples from `seed`.
Blobs informative_beside_noise(std::uint64_t centres_seed, std::uint64_t seed, int n, int p_noise, int p_info, int k) {
  Rng rc(centres_seed), r(seed);
  Eigen::MatrixXd centres(k, p_info);
  for (int c = 0; c < k; ++c)
    for (int j = 0; j < p_info; ++j) centres(c, j) = 1.2 * rc.normal();
  Blobs b{Eigen::MatrixXd(n, p_noise + p_info), std::vector<int>(static_cast<std::size_t>(n))};
  for (int i = 0; i < n; ++i) {
    const int c = static_cast<int>(r.below(static_cast<std::uint64_t>(k)));
    b.y[static_cast<std::size_t>(i)] = c;
    for (int j = 0; j < p_noise; ++j) b.X(i, j) = r.normal();
    for (int j = 0; j < p_info; ++j) b.X(i, p_noise + j) = centres(c, j) + r.normal();
  }
  return b;
}

TEST(RidgeClassifier, ABlockScaleRescuesASmallInformativeBlockBesideManyNoiseColumns) {
  // One shared penalty must shrink the 6 informative columns as hard as the 400 noise columns;
  // a larger scale on the informative block (a smaller penalty there) is chosen on validation
  // and classifies held-out data better.
  const Blobs train = informative_beside_noise(5, 6, 300, 400, 6, 4), test = informative_beside_noise(5, 7, 2000, 400, 6, 4);
  const RidgeClassifier shared = ridge_classifier_fit(train.X, train.y, 4);
  const RidgeClassifier block = ridge_classifier_fit(train.X, train.y, 4, with_input_block(400));
  EXPECT_GT(block.block_scale, 1.0);
  const double a_shared = accuracy(shared.predict(test.X), test.y), a_block = accuracy(block.predict(test.X), test.y);
  EXPECT_GT(a_block, a_shared + 0.03) << a_shared << " -> " << a_block;
}

TEST(RidgeClassifier, BlockModelEqualsAPlainFitOnScaledFeaturesInBothForms) {
  // n > p (primal Gram) and n < p (dual kernel): the returned model takes unscaled features and
  // scores exactly as a plain ridge fit on the scaled features with the chosen lambda; with the
  // single scale 1 it picks the lambda the plain classifier picks.
  for (const int p_noise : {40, 500}) {
    const Blobs d = informative_beside_noise(8, 9, 200, p_noise, 6, 3);
    const RidgeClassifier block = ridge_classifier_fit(d.X, d.y, 3, with_input_block(p_noise));
    Eigen::MatrixXd Xs = d.X;
    Xs.rightCols(6) *= block.block_scale;
    const RidgeModel plain = ridge_fit(Xs, one_vs_rest_targets(d.y, 3), block.ridge.lambdas(0));
    EXPECT_LT((block.decision_function(d.X) - plain.predict(Xs)).cwiseAbs().maxCoeff(), 1e-8) << p_noise;
    RidgeClassifierOptions one = with_input_block(p_noise);
    one.block_scales = {1.0};
    const RidgeClassifier unit = ridge_classifier_fit(d.X, d.y, 3, one), reference = ridge_classifier_fit(d.X, d.y, 3);
    EXPECT_EQ(unit.ridge.lambdas(0), reference.ridge.lambdas(0)) << p_noise;
    EXPECT_EQ(unit.validation_accuracy, reference.validation_accuracy) << p_noise;
  }
  EXPECT_THROW(ridge_classifier_fit(Eigen::MatrixXd::Ones(10, 3), std::vector<int>(10, 0), 2, with_input_block(3)), InputError);
}

}  // namespace
}  // namespace hrsnn::readout
