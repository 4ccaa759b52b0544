#include "metrics/stats.hpp"

#include "core/error.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

namespace hrsnn::metrics {
namespace {

TEST(Stats, IncompleteBetaMatchesClosedForms) {
  for (double x : {0.01, 0.2, 0.5, 0.77, 0.999}) {
    EXPECT_NEAR(regularized_incomplete_beta(1.0, 1.0, x), x, 1e-14);
    EXPECT_NEAR(regularized_incomplete_beta(3.5, 1.0, x), std::pow(x, 3.5), 1e-14);
    EXPECT_NEAR(regularized_incomplete_beta(1.0, 2.5, x), 1.0 - std::pow(1.0 - x, 2.5), 1e-14);
    EXPECT_NEAR(regularized_incomplete_beta(2.3, 7.1, x), 1.0 - regularized_incomplete_beta(7.1, 2.3, 1.0 - x), 1e-14);
    // I_x(1/2, 1/2) = (2/pi) asin(sqrt(x)) (arcsine law).
    EXPECT_NEAR(regularized_incomplete_beta(0.5, 0.5, x), 2.0 / std::numbers::pi * std::asin(std::sqrt(x)), 1e-13);
  }
}

TEST(Stats, StudentTCdfMatchesCauchyAndDfTwoForms) {
  for (double t : {-30.0, -2.0, -0.3, 0.0, 0.7, 4.0, 100.0}) {
    EXPECT_NEAR(student_t_cdf(t, 1.0), 0.5 + std::atan(t) / std::numbers::pi, 1e-14) << t;
    EXPECT_NEAR(student_t_cdf(t, 2.0), 0.5 + t / (2.0 * std::sqrt(2.0 + t * t)), 1e-14) << t;
  }
}

TEST(Stats, PairedTTestOnThreePairsMatchesHandComputation) {
  // d = (1, 2, 4): mean 7/3, sd sqrt(7/3), t = (7/3) / sqrt(7/9) = sqrt(7), df 2.
  const std::vector<double> a{3.0, 5.0, 10.0}, b{2.0, 3.0, 6.0};
  const TTestResult g = paired_t_test(a, b, Alternative::kGreater);
  const double t = std::sqrt(7.0);
  EXPECT_NEAR(g.t, t, 1e-14);
  EXPECT_EQ(g.df, 2.0);
  EXPECT_NEAR(g.p_value, 0.5 - t / (2.0 * std::sqrt(2.0 + t * t)), 1e-14);
  EXPECT_NEAR(paired_t_test(a, b, Alternative::kLess).p_value, 1.0 - g.p_value, 1e-14);
  EXPECT_NEAR(paired_t_test(a, b, Alternative::kTwoSided).p_value, 2.0 * g.p_value, 1e-14);
}

TEST(Stats, DegenerateAndBadInputs) {
  const TTestResult d = paired_t_test({2.0, 3.0}, {1.0, 2.0}, Alternative::kGreater);
  EXPECT_EQ(d.p_value, 0.0);
  EXPECT_EQ(paired_t_test({2.0, 3.0}, {1.0, 2.0}, Alternative::kLess).p_value, 1.0);
  EXPECT_THROW(paired_t_test({1.0}, {2.0}, Alternative::kGreater), InputError);
  EXPECT_THROW(paired_t_test({1.0, 2.0}, {2.0}, Alternative::kGreater), InputError);
  EXPECT_THROW(mean_std({}), InputError);
}

TEST(Stats, MeanStdUsesSampleStandardDeviation) {
  const MeanStd m = mean_std({2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0});
  EXPECT_DOUBLE_EQ(m.mean, 5.0);
  EXPECT_NEAR(m.std, std::sqrt(32.0 / 7.0), 1e-14);
  EXPECT_EQ(mean_std({3.0}).std, 0.0);
}

}  // namespace
}  // namespace hrsnn::metrics
