#include "readout/ridge.hpp"
#include "readout/standardize.hpp"

#include "core/error.hpp"
#include "core/rng.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace hrsnn::readout {
namespace {

Eigen::MatrixXd normal_matrix(Rng& r, Eigen::Index n, Eigen::Index p) {
  Eigen::MatrixXd M(n, p);
  for (Eigen::Index j = 0; j < p; ++j)
    for (Eigen::Index i = 0; i < n; ++i) M(i, j) = r.normal();
  return M;
}

/// Ridge solved independently as ordinary least squares on the augmented system
/// [Xc; sqrt(lambda) I] w = [Yc; 0] by Householder QR.
Eigen::MatrixXd augmented_ridge(const Eigen::MatrixXd& X, const Eigen::MatrixXd& Y, double lambda) {
  const Eigen::MatrixXd Xc = X.rowwise() - X.colwise().mean();
  const Eigen::MatrixXd Yc = Y.rowwise() - Y.colwise().mean();
  Eigen::MatrixXd A(X.rows() + X.cols(), X.cols());
  A << Xc, std::sqrt(lambda) * Eigen::MatrixXd::Identity(X.cols(), X.cols());
  Eigen::MatrixXd B(X.rows() + X.cols(), Y.cols());
  B << Yc, Eigen::MatrixXd::Zero(X.cols(), Y.cols());
  return A.colPivHouseholderQr().solve(B);
}

TEST(Ridge, DirectSolveEqualsAugmentedLeastSquaresBothForms) {
  Rng r(1);
  for (auto [n, p] : {std::pair<int, int>{120, 10}, {25, 60}}) {
    const Eigen::MatrixXd X = normal_matrix(r, n, p);
    const Eigen::MatrixXd Y = normal_matrix(r, n, 3);
    const RidgeModel m = ridge_fit(X, Y, 0.8);
    EXPECT_LT((m.weights - augmented_ridge(X, Y, 0.8)).cwiseAbs().maxCoeff(), 1e-10) << n << "x" << p;
    // Intercept makes residuals sum to zero per output.
    EXPECT_LT((Y - m.predict(X)).colwise().sum().cwiseAbs().maxCoeff(), 1e-9);
  }
}

TEST(Ridge, InterceptIsNotPenalisedShiftingYShiftsOnlyIntercept) {
  Rng r(2);
  const Eigen::MatrixXd X = normal_matrix(r, 80, 5);
  const Eigen::MatrixXd Y = normal_matrix(r, 80, 2);
  const RidgeModel a = ridge_fit(X, Y, 50.0);
  const RidgeModel b = ridge_fit(X, Y.array() + 1000.0, 50.0);
  EXPECT_LT((a.weights - b.weights).cwiseAbs().maxCoeff(), 1e-10);
  EXPECT_NEAR(b.intercept(0) - a.intercept(0), 1000.0, 1e-8);
}

TEST(Ridge, PathMatchesDirectSolveForEveryLambdaAndBothForms) {
  Rng r(3);
  for (auto [n, p] : {std::pair<int, int>{200, 12}, {30, 70}}) {
    const Eigen::MatrixXd X = normal_matrix(r, n, p);
    const Eigen::MatrixXd Y = normal_matrix(r, n, 4);
    const RidgePath path(X, Y);
    for (double lambda : {1e-3, 0.5, 10.0, 1e3}) {
      const RidgeModel direct = ridge_fit(X, Y, lambda);
      const RidgeModel viap = path.model(Eigen::VectorXd::Constant(4, lambda));
      EXPECT_LT((direct.weights - viap.weights).cwiseAbs().maxCoeff(), 1e-9);
      EXPECT_LT((direct.intercept - viap.intercept).cwiseAbs().maxCoeff(), 1e-9);
      const Eigen::MatrixXd Xn = normal_matrix(r, 7, p);
      EXPECT_LT((path.predict_projected(path.project(Xn), lambda) - direct.predict(Xn)).cwiseAbs().maxCoeff(), 1e-9);
    }
    // Per-output lambdas: column j equals the single-output fit with lambda_j.
    Eigen::VectorXd l(4);
    l << 1e-2, 1.0, 1e2, 3.0;
    const Eigen::MatrixXd W = path.weights(l);
    for (int j = 0; j < 4; ++j)
      EXPECT_LT((W.col(j) - ridge_fit(X, Y.col(j), l(j)).weights).cwiseAbs().maxCoeff(), 1e-9);
  }
}

TEST(Ridge, LambdaSelectionFindsBayesOptimalOrderOfMagnitude) {
  // w ~ N(0, tau^2 I), noise N(0, sigma^2): the posterior mean is ridge with
  // lambda* = sigma^2 / tau^2. Target 0: tau 0.1, sigma 1 -> lambda* = 100. Target 1 uses
  // features scaled by 0.01 (so the Gram eigenvalues, ~0.24, are comparable to lambda*):
  // tau 1, sigma 0.3 -> lambda* = 0.09.
  Rng r(4);
  const int n = 3000, p = 60;
  const Eigen::MatrixXd X = normal_matrix(r, n, p);
  const Eigen::VectorXd w1 = normal_matrix(r, p, 1) * 0.1;
  const Eigen::VectorXd w2 = normal_matrix(r, p, 1);
  const Eigen::MatrixXd e = normal_matrix(r, n, 2);
  const Eigen::MatrixXd y1 = X * w1 + e.col(0);
  const Eigen::MatrixXd y2 = 0.01 * X * w2 + 0.3 * e.col(1);
  const RidgeCvResult a = ridge_fit_cv(X, y1);
  const RidgeCvResult b = ridge_fit_cv(0.01 * X, y2);
  EXPECT_LE(std::abs(std::log10(a.model.lambdas(0)) - 2.0), 1.0) << a.model.lambdas(0);
  EXPECT_LE(std::abs(std::log10(b.model.lambdas(0)) - std::log10(0.09)), 1.0) << b.model.lambdas(0);
  // The refit uses all rows: it equals the direct fit with the chosen lambda.
  EXPECT_LT((a.model.weights - ridge_fit(X, y1, a.model.lambdas(0)).weights).cwiseAbs().maxCoeff(), 1e-9);
  // Per-output selection on the stacked targets reproduces the separate choices.
  Eigen::MatrixXd Y(n, 2);
  Y << y1, 0.01 * X * w1 + 1e-3 * e.col(1);
  const RidgeCvResult both = ridge_fit_cv(X, Y);
  EXPECT_EQ(both.model.lambdas(0), a.model.lambdas(0));
  EXPECT_LT(both.model.lambdas(1), both.model.lambdas(0));
}

TEST(Ridge, ValidationSplitsAreTimeOrderedOrInterleaved) {
  const RowSplit last = make_validation_split(10, 0.2, ValidationSplit::kLastFraction);
  EXPECT_EQ(last.fit.size(), 8u);
  EXPECT_EQ(last.validation.front(), 8);
  const RowSplit inter = make_validation_split(10, 0.2, ValidationSplit::kInterleaved);
  EXPECT_EQ(inter.validation, (std::vector<Eigen::Index>{4, 9}));
  EXPECT_THROW(make_validation_split(2, 0.2, ValidationSplit::kLastFraction), InputError);
}

TEST(Ridge, BadInputThrowsInputError) {
  Eigen::MatrixXd X = Eigen::MatrixXd::Ones(5, 2), Y = Eigen::MatrixXd::Ones(4, 1);
  EXPECT_THROW(ridge_fit(X, Y, 1.0), InputError);
  Y = Eigen::MatrixXd::Ones(5, 1);
  EXPECT_THROW(ridge_fit(X, Y, 0.0), InputError);
  X(1, 1) = std::nan("");
  EXPECT_THROW(ridge_fit(X, Y, 1.0), InputError);
}

TEST(Standardizer, TrainStatisticsGiveZeroMeanUnitStdAndConstantColumnsMapToZero) {
  Rng r(5);
  Eigen::MatrixXd X = normal_matrix(r, 50, 3) * 4.0;
  X.col(1).array() += 7.0;
  X.col(2).setConstant(3.0);
  const Standardizer s = Standardizer::fit(X);
  const Eigen::MatrixXd Z = s.transform(X);
  EXPECT_LT(Z.colwise().mean().cwiseAbs().maxCoeff(), 1e-12);
  EXPECT_NEAR(Z.col(0).squaredNorm() / 50.0, 1.0, 1e-12);
  EXPECT_EQ(Z.col(2).cwiseAbs().maxCoeff(), 0.0);
  EXPECT_THROW(s.transform(Eigen::MatrixXd::Zero(2, 4)), InputError);
}

TEST(Ridge, DirectValidationErrorsEqualThePathsForEveryLambda) {
  // p = 200 with 2 targets and 10 lambdas takes the Cholesky route, 200 targets the eigen route;
  // both must give the errors RidgePath gives (the path is the reference: it is checked against
  // the direct solve above).
  Rng r(9);
  const Eigen::MatrixXd X = normal_matrix(r, 600, 200), Xv = normal_matrix(r, 150, 200);
  const std::vector<double> grid = log_grid(1e-3, 1e3, 10);
  for (const Eigen::Index m : {2, 200}) {
    const Eigen::MatrixXd Y = X.leftCols(m) * 0.3 + normal_matrix(r, 600, m);
    const Eigen::MatrixXd Yv = Xv.leftCols(m) * 0.3 + normal_matrix(r, 150, m);
    const Eigen::MatrixXd ref = validation_mse(RidgePath(X, Y), Xv, Yv, grid);
    const Eigen::MatrixXd got = validation_mse_direct(X, Y, Xv, Yv, grid);
    EXPECT_LT(((got - ref).array() / ref.array()).abs().maxCoeff(), 1e-9) << "m = " << m;
  }
}

TEST(Ridge, TridiagonalValidationEqualsAPerTargetSolveForEveryLambda) {
  // The one-tridiagonalisation route (memory capacity's: many targets, many lambdas) against the
  // plainest reference: each target column fitted on its own by QR of the augmented system.
  Rng r(11);
  const Eigen::MatrixXd X = normal_matrix(r, 300, 80), Xv = normal_matrix(r, 70, 80);
  const Eigen::MatrixXd Y = X.leftCols(5) * 0.4 + normal_matrix(r, 300, 5);
  const Eigen::MatrixXd Yv = Xv.leftCols(5) * 0.4 + normal_matrix(r, 70, 5);
  const std::vector<double> grid = log_grid(1e-2, 1e3, 6);
  const Eigen::MatrixXd got = validation_mse_tridiagonal(X, Y, Xv, Yv, grid);
  const Eigen::RowVectorXd mx = X.colwise().mean(), my = Y.colwise().mean();
  for (std::size_t l = 0; l < grid.size(); ++l)
    for (Eigen::Index j = 0; j < Y.cols(); ++j) {
      const Eigen::VectorXd w = augmented_ridge(X, Y.col(j), grid[l]);
      const Eigen::VectorXd pred = ((Xv.rowwise() - mx) * w).array() + my(j);
      const double ref = (pred - Yv.col(j)).squaredNorm() / static_cast<double>(Yv.rows());
      EXPECT_NEAR(got(static_cast<Eigen::Index>(l), j) / ref, 1.0, 1e-9) << "lambda " << grid[l] << " target " << j;
    }
}

TEST(Ridge, ValidatedFitPoolsTheTwoPartsExactlyAsARefitOnAllRows) {
  // Shifted columns (means far from 0) stress the pooled centring; the refit from pooled normal
  // equations must equal ridge_fit on the stacked rows with the same chosen lambdas.
  Rng r(13);
  Eigen::MatrixXd X = normal_matrix(r, 260, 40), Xv = normal_matrix(r, 60, 40);
  X.array() += 50.0;
  Xv.array() += 51.0;
  // Signal from none to strong across the 30 targets, so their chosen lambdas differ.
  const Eigen::MatrixXd S = Eigen::VectorXd::LinSpaced(30, 0.0, 1.0).asDiagonal();
  const Eigen::MatrixXd Y = X.leftCols(30) * S + normal_matrix(r, 260, 30);
  const Eigen::MatrixXd Yv = Xv.leftCols(30) * S + normal_matrix(r, 60, 30);
  const std::vector<double> grid = log_grid(1e-2, 1e3, 8);
  const ValidatedRidge v = ridge_fit_validated(X, Y, Xv, Yv, grid, true);
  Eigen::MatrixXd Xa(320, 40), Ya(320, 30);
  Xa << X, Xv;
  Ya << Y, Yv;
  const RidgeModel ref = ridge_fit(Xa, Ya, v.model.lambdas);
  EXPECT_LT((v.model.weights - ref.weights).norm() / ref.weights.norm(), 1e-9);
  EXPECT_LT((v.model.intercept - ref.intercept).norm() / ref.intercept.norm(), 1e-9);
  EXPECT_GT(v.model.lambdas.maxCoeff(), v.model.lambdas.minCoeff());  // per-output lambdas really differ
}

TEST(Ridge, TridiagonalValidationScoresASingularLambdaAsInfiniteNeverNaN) {
  // More columns than fit rows: the Gram matrix is singular and lambda = 1e-300 cannot lift it.
  Rng r(12);
  const Eigen::MatrixXd X = normal_matrix(r, 20, 40), Xv = normal_matrix(r, 10, 40);
  const Eigen::MatrixXd Y = normal_matrix(r, 20, 3), Yv = normal_matrix(r, 10, 3);
  const Eigen::MatrixXd got = validation_mse_tridiagonal(X, Y, Xv, Yv, {1e-300, 1.0});
  EXPECT_FALSE(got.hasNaN());
  EXPECT_TRUE(std::isinf(got(0, 0)));
  EXPECT_TRUE(got.row(1).allFinite());
}

TEST(Ridge, DirectValidationScoresASingularLambdaAsInfinite) {
  // Two identical columns and a tiny lambda: the Cholesky route may fail to factor; whatever it
  // does, the reported error is +inf or finite, never NaN, and the chosen lambda is finite.
  Rng r(10);
  Eigen::MatrixXd X = normal_matrix(r, 300, 20);
  X.col(1) = X.col(0);
  const Eigen::MatrixXd Y = X.col(0) + 0.1 * normal_matrix(r, 300, 1);
  const RidgeCvResult fit = ridge_fit_cv(X, Y);
  EXPECT_FALSE(fit.validation_mse.hasNaN());
  EXPECT_TRUE(std::isfinite(fit.model.lambdas(0)));
}

}  // namespace
}  // namespace hrsnn::readout
