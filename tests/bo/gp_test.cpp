#include "bo/gp.hpp"

#include <cmath>

#include <gtest/gtest.h>

#include "core/rng.hpp"

using namespace hrsnn::bo;

namespace {
GaussianProcess make(int n, int d, std::uint64_t seed, Eigen::MatrixXd* Xout = nullptr) {
  hrsnn::Rng rng(seed);
  Eigen::MatrixXd X(n, d);
  Eigen::VectorXd y(n);
  for (int i = 0; i < n; ++i) {
    for (int k = 0; k < d; ++k) X(i, k) = rng.uniform();
    y(i) = std::sin(6 * X(i, 0)) + X.row(i).squaredNorm();
  }
  std::vector<int> off;
  for (int i = 0; i <= d; ++i) off.push_back(i);
  GaussianProcess gp(off);
  gp.set_data(X, y, true);
  if (Xout) *Xout = X;
  return gp;
}
}  // namespace

TEST(Gp, GradientMatchesFiniteDifferences) {
  GaussianProcess gp = make(20, 3, 1);
  Eigen::VectorXd th(5), g;
  th << -0.7, 0.2, -1.1, 0.3, -5.0;
  gp.lml_and_gradient(th, &g);
  for (int i = 0; i < 5; ++i) {
    Eigen::VectorXd a = th, b = th;
    a(i) += 1e-5;
    b(i) -= 1e-5;
    const double fd = (gp.lml_and_gradient(a, nullptr) - gp.lml_and_gradient(b, nullptr)) / 2e-5;
    EXPECT_NEAR(g(i), fd, 1e-5 * std::max(1.0, std::abs(fd))) << "theta " << i;
  }
}

TEST(Gp, InterpolatesWithTinyNoiseAndFitIsDeterministic) {
  Eigen::MatrixXd X;
  GaussianProcess gp = make(15, 2, 2, &X);
  GpFitOptions o;
  gp.fit(o, 5);
  const double lml = gp.log_marginal_likelihood();
  GaussianProcess gp2 = make(15, 2, 2);
  gp2.fit(o, 5);
  EXPECT_EQ(lml, gp2.log_marginal_likelihood());
  double m, v;
  gp.predict(X.row(0).transpose(), m, v);
  const double y0 = std::sin(6 * X(0, 0)) + X.row(0).squaredNorm();
  EXPECT_NEAR(m, y0, 0.05);
  EXPECT_LT(v, 0.05);
  // Fitting never lowers the LML below the fixed first start's value.
  GpHyper h;
  h.log_lengthscale = Eigen::VectorXd::Constant(2, std::log(0.5));
  h.log_noise_var = std::log(1e-3);
  gp2.set_hyper(h);
  EXPECT_GE(lml, gp2.log_marginal_likelihood());
}

TEST(Gp, DuplicatePointsNeedJitterOnlyWhenNoiseIsZero) {
  Eigen::MatrixXd X(3, 1);
  X << 0.5, 0.5, 0.2;
  Eigen::VectorXd y(3);
  y << 1.0, 1.0, 0.0;
  GaussianProcess gp({0, 1});
  gp.set_data(X, y, false);
  GpHyper h;
  h.log_lengthscale = Eigen::VectorXd::Constant(1, 0.0);
  h.log_noise_var = std::log(1e-2);
  gp.set_hyper(h);
  EXPECT_EQ(gp.jitter(), 0.0);
  h.log_noise_var = -800.0;  // exp underflows to 0: exactly singular
  gp.set_hyper(h);
  EXPECT_GT(gp.jitter(), 0.0);
  double m, v;
  gp.predict(X.row(0).transpose(), m, v);
  EXPECT_NEAR(m, 1.0, 1e-4);
}

TEST(Gp, KrigingBelieverShrinksVarianceAtTheBelievedPoint) {
  GaussianProcess gp = make(10, 2, 3);
  gp.fit(GpFitOptions{}, 1);
  Eigen::VectorXd x(2);
  x << 0.91, 0.13;
  double m0, v0, m1, v1;
  gp.predict(x, m0, v0);
  gp.add_point(x, m0);
  gp.predict(x, m1, v1);
  EXPECT_NEAR(m1, m0, 1e-3 * (1 + std::abs(m0)));
  EXPECT_LT(v1, 0.1 * v0);
}
