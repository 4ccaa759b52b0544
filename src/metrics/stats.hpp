/// \file stats.hpp
/// \brief Summary statistics and the paired one-sided t-test used to judge docs/model.md §1 claims.
///
/// Paired t-test (Student 1908): d_i = a_i - b_i, t = mean(d) / (sd(d) / sqrt(n)), df = n - 1,
/// sd with n - 1 in the denominator. Student t tail (Abramowitz & Stegun 26.7.1 / 26.5.27):
///     P(T > t) = 0.5 I_{df/(df+t^2)}(df/2, 1/2)            for t >= 0
/// with I_x(a, b) the regularised incomplete beta function, evaluated by its continued
/// fraction with the modified Lentz method (Numerical Recipes 3rd ed. §6.4).
/// alternative = greater tests mean(a - b) > 0 (scipy.stats.ttest_rel convention).
#pragma once

#include <cstddef>
#include <vector>

namespace hrsnn::metrics {

/// Regularised incomplete beta I_x(a, b) for a, b > 0 and x in [0, 1].
double regularized_incomplete_beta(double a, double b, double x);

/// Student t cumulative distribution P(T <= t) with df > 0 degrees of freedom.
double student_t_cdf(double t, double df);

/// Direction of the alternative hypothesis of a t-test.
enum class Alternative { kGreater, kLess, kTwoSided };

/// Result of a paired t-test.
struct TTestResult {
  double t = 0.0;                ///< statistic (+-inf when all differences are equal and non-zero)
  double df = 0.0;               ///< n - 1
  double p_value = 1.0;          ///< p-value for the requested alternative
  double mean_difference = 0.0;  ///< mean(a - b)
};

/// Paired t-test of a against b. When all differences are equal, the statistic is degenerate:
/// p = 0 if the common difference lies in the alternative's direction, else 1 (scipy gives
/// NaN). Throws InputError for unequal lengths, n < 2 or non-finite values.
TTestResult paired_t_test(const std::vector<double>& a, const std::vector<double>& b,
                          Alternative alternative);

/// Mean and sample standard deviation (n - 1 denominator; 0 when n == 1).
struct MeanStd {
  double mean = 0.0;  ///< arithmetic mean
  double std = 0.0;   ///< sample standard deviation
  std::size_t n = 0;  ///< number of values
};

/// Mean ± std of a non-empty list (throws InputError when empty).
MeanStd mean_std(const std::vector<double>& values);

}  // namespace hrsnn::metrics
