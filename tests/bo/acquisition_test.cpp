#include "bo/acquisition/log_ei.hpp"

#include <cmath>
#include <numbers>

#include <gtest/gtest.h>

#include "bo/acquisition/maximize.hpp"
#include "bo/acquisition/ucb.hpp"

using namespace hrsnn::bo;
using namespace hrsnn::bo::acquisition;

TEST(LogEi, MatchesDirectExpectedImprovementWhereItIsRepresentable) {
  for (double z = -7.5; z <= 6.0; z += 0.25) {
    const double phi = std::exp(-0.5 * z * z) / std::sqrt(2 * std::numbers::pi);
    const double Phi = 0.5 * std::erfc(-z / std::numbers::sqrt2);
    const double ei = 2.0 * (phi + z * Phi);  // sd = 2
    EXPECT_NEAR(log_expected_improvement(1.0 - 2.0 * z, 2.0, 1.0), std::log(ei), 1e-6 * (1 + std::abs(std::log(ei)))) << z;
  }
}

TEST(LogEi, ContinuousAcrossTheAsymptoticSwitchAndFiniteInTheFarTail) {
  const double a = log_h(-8.0 + 1e-9), b = log_h(-8.0);
  EXPECT_NEAR(a, b, 1e-6 * std::abs(b));
  double prev = -INFINITY;
  for (double z = -1e4; z < 5.0; z += (z < -50 ? 37.0 : 0.01)) {
    const double v = log_h(z);
    ASSERT_TRUE(std::isfinite(v)) << z;
    EXPECT_GT(v, prev) << z;  // h is strictly increasing (h' = Phi > 0)
    prev = v;
  }
  // h(z) ~ phi(z)/z^2 for z -> -inf.
  const double z = -300.0;
  EXPECT_NEAR(log_h(z), -0.5 * z * z - 0.5 * std::log(2 * std::numbers::pi) - 2 * std::log(-z), 1e-4);
}

TEST(Ucb, PrefersLowMeanAndHighUncertainty) {
  EXPECT_GT(ucb(0.0, 1.0, 4.0), ucb(1.0, 1.0, 4.0));
  EXPECT_GT(ucb(0.0, 2.0, 4.0), ucb(0.0, 1.0, 4.0));
  EXPECT_DOUBLE_EQ(ucb(1.0, 0.5, 4.0), -(1.0 - 2.0 * 0.5));
}

TEST(AcqSearch, FindsTheMaximumOfAKnownFunctionDeterministically) {
  auto f = [](const Eigen::VectorXd& x) {
    return -((x.array() - 0.3137).square().sum()) + 0.1 * std::cos(20 * x(0));
  };
  AcqSearchOptions o;
  const Eigen::VectorXd a = maximize_acquisition(f, 3, o, 9, {});
  const Eigen::VectorXd b = maximize_acquisition(f, 3, o, 9, {});
  EXPECT_EQ(a, b);
  // The global max: x1 = x2 = 0.3137, x0 near the cos peak at 2 pi / 20 ~ 0.314.
  EXPECT_NEAR(a(1), 0.3137, 1e-3);
  EXPECT_NEAR(a(2), 0.3137, 1e-3);
  EXPECT_NEAR(a(0), 0.314, 2e-2);
  const Eigen::VectorXd one = maximize_acquisition([](const Eigen::VectorXd& x) { return -std::abs(x(0) - 0.77); }, 1, o, 1, {});
  EXPECT_NEAR(one(0), 0.77, 1e-3);
}
