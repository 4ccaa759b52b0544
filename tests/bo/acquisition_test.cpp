#include "bo/acquisition/log_ei.hpp"

#include <cmath>
#include <numbers>

#include <gtest/gtest.h>

#include "bo/acquisition/maximize.hpp"
#include "bo/acquisition/log_ehvi.hpp"
#include "bo/acquisition/ucb.hpp"
#include "bo/pareto.hpp"
#include "core/rng.hpp"

#include <Eigen/Core>
#include <limits>
#include <vector>

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

// Exact EHVI against a Monte-Carlo mean of the hypervolume gain, computed independently with the
// hypervolume routine (bo/pareto.hpp), on random fronts; within 4 standard errors.
TEST(LogEhvi, MatchesMonteCarloHypervolumeGainOnRandomFronts) {
  hrsnn::Rng rng(2024);
  int resolved = 0;
  for (int trial = 0; trial < 12; ++trial) {
    const int n = trial % 6;
    std::vector<std::pair<double, double>> front;
    for (int i = 0; i < n; ++i) front.push_back({rng.uniform(), rng.uniform()});
    const double r1 = 1.1, r2 = 1.2;
    const double m1 = rng.uniform(), m2 = rng.uniform(), s1 = 0.05 + 0.3 * rng.uniform(), s2 = 0.05 + 0.3 * rng.uniform();
    Eigen::MatrixXd F(n, 2), G(n + 1, 2);
    for (int i = 0; i < n; ++i) F.row(i) << front[i].first, front[i].second;
    G.topRows(n) = F;
    const Eigen::Vector2d r(r1, r2);
    const double hv0 = hypervolume(F, r);
    const int draws = 100000;
    double sum = 0, sum2 = 0;
    int gains = 0;
    for (int k = 0; k < draws; ++k) {
      G.row(n) << m1 + s1 * rng.normal(), m2 + s2 * rng.normal();
      const double g = hypervolume(G, r) - hv0;
      sum += g;
      sum2 += g * g;
      gains += g > 0;
    }
    const double mean = sum / draws, se = std::sqrt((sum2 / draws - mean * mean) / draws);
    const double exact = std::exp(log_ehvi_2d(front, r1, r2, m1, s1, m2, s2));
    if (gains >= 200) {  // enough improving draws for the standard error to mean something
      EXPECT_NEAR(exact, mean, 4 * se + 1e-12) << "trial " << trial << " n " << n;
      ++resolved;
    } else {
      EXPECT_LT(exact, 1e-4) << "trial " << trial << ": rare improvement, yet a large EHVI";
    }
  }
  EXPECT_GE(resolved, 8);
}

TEST(LogEhvi, EmptyFrontIsTheProductOfTwoEisAndTheFarTailStaysFinite) {
  const double l = log_ehvi_2d({}, 1.0, 2.0, 0.3, 0.2, 0.5, 0.1);
  EXPECT_NEAR(l, log_expected_improvement(0.3, 0.2, 1.0) + log_expected_improvement(0.5, 0.1, 2.0), 1e-12);
  // Far beyond the reference the EHVI underflows but its log keeps falling, so a search has a slope.
  const std::vector<std::pair<double, double>> front = {{0.2, 0.8}, {0.5, 0.4}, {0.9, 0.1}};
  double prev = log_ehvi_2d(front, 1.0, 1.0, 0.5, 0.1, 0.5, 0.1);
  for (double m : {2.0, 5.0, 20.0, 80.0}) {
    const double v = log_ehvi_2d(front, 1.0, 1.0, m, 0.1, m, 0.1);
    EXPECT_TRUE(std::isfinite(v)) << m;
    EXPECT_LT(v, prev) << m;
    prev = v;
  }
  // A point sure to sit on a dominated spot gains nothing: -inf with zero spread.
  EXPECT_EQ(log_ehvi_2d(front, 1.0, 1.0, 0.95, 0.0, 0.95, 0.0), -std::numeric_limits<double>::infinity());
}
