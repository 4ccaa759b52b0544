#include "metrics/dimensionality.hpp"
#include "metrics/heterogeneity.hpp"

#include "core/error.hpp"
#include "core/rng.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace hrsnn::metrics {
namespace {

TEST(Heterogeneity, LogDetOfTwoParametersEqualsLogOfTheTwoByTwoDeterminant) {
  Rng r(1);
  const int n = 20000;
  Eigen::MatrixXd s(n, 2);  // tau_m ~ N(20, 4^2), v_th ~ N(15, 0.5^2), independent
  for (int i = 0; i < n; ++i) s(i, 0) = 20.0 + 4.0 * r.normal(), s(i, 1) = 15.0 + 0.5 * r.normal();
  const LogDetResult h = log_det_covariance(s);
  ASSERT_TRUE(h.log_det.has_value());
  EXPECT_FALSE(h.singular);
  const Eigen::MatrixXd& c = h.covariance;
  EXPECT_NEAR(*h.log_det, std::log(c(0, 0) * c(1, 1) - c(0, 1) * c(1, 0)), 1e-12);
  EXPECT_NEAR(*h.log_det, std::log(16.0 * 0.25), 0.05);  // the population value
}

TEST(Heterogeneity, ConstantOrCollinearParametersAreNullAndSingular) {
  Rng r(2);
  Eigen::MatrixXd s(100, 4);
  for (int i = 0; i < 100; ++i) s(i, 0) = r.normal(), s(i, 1) = 20.0, s(i, 2) = r.normal(), s(i, 3) = r.normal();
  LogDetResult h = log_det_covariance(s);
  EXPECT_TRUE(h.singular);
  EXPECT_FALSE(h.log_det.has_value());
  EXPECT_NE(h.reason.find("column 1"), std::string::npos);
  s.col(1) = 2.0 * s.col(0) - s.col(2);
  h = log_det_covariance(s);
  EXPECT_TRUE(h.singular);
  EXPECT_FALSE(h.log_det.has_value());
  EXPECT_THROW(log_det_covariance(Eigen::MatrixXd::Ones(1, 2)), InputError);
}

TEST(Dimensionality, CountsComponentsOfAKnownSpectrum) {
  // States with exact PCA variances (8, 1.2, 0.5, 0.3) embedded in 30 dimensions:
  // cumulative 0.8, 0.92 -> 2 components for 90 %; PR = 10^2 / (64 + 1.44 + 0.25 + 0.09).
  Rng r(3);
  const int n = 400, p = 30;
  Eigen::MatrixXd A(n, 4), B(p, 4);
  for (int j = 0; j < 4; ++j) {
    for (int i = 0; i < n; ++i) A(i, j) = r.normal();
    for (int i = 0; i < p; ++i) B(i, j) = r.normal();
  }
  A = (A.rowwise() - A.colwise().mean()).eval();
  const Eigen::MatrixXd Q = A.householderQr().householderQ() * Eigen::MatrixXd::Identity(n, 4);
  const Eigen::MatrixXd R = B.householderQr().householderQ() * Eigen::MatrixXd::Identity(p, 4);
  Eigen::Vector4d v(8.0, 1.2, 0.5, 0.3);
  const Eigen::MatrixXd states = (Q * v.cwiseSqrt().asDiagonal() * R.transpose()).array() + 3.0;
  const DimensionalityResult d = effective_dimensionality(states);
  EXPECT_EQ(d.n_components, 2);
  EXPECT_NEAR(d.participation_ratio, 100.0 / (64.0 + 1.44 + 0.25 + 0.09), 1e-9);
  EXPECT_NEAR(d.explained_variance_ratio(0), 0.8, 1e-12);
  EXPECT_EQ(effective_dimensionality(states, 0.95).n_components, 3);
  // The n < p path (Gram of the rows) agrees with an SVD of the centred states.
  const Eigen::MatrixXd few = states.topRows(25);
  const Eigen::VectorXd sv = Eigen::JacobiSVD<Eigen::MatrixXd>(few.rowwise() - few.colwise().mean()).singularValues();
  const Eigen::VectorXd ratio = sv.array().square() / sv.squaredNorm();
  const DimensionalityResult dk = effective_dimensionality(few);
  EXPECT_LT((dk.explained_variance_ratio.head(4) - ratio.head(4)).cwiseAbs().maxCoeff(), 1e-12);
  EXPECT_EQ(effective_dimensionality(Eigen::MatrixXd::Constant(10, 3, 1.0)).n_components, 0);
}

}  // namespace
}  // namespace hrsnn::metrics
