/// \file special_functions.hpp
/// \brief Special functions the laws need for CDFs and quantiles (gamma, normal).
///
/// Regularised lower incomplete gamma P(a, x) by series (x < a + 1) or Lentz's continued
/// fraction for Q = 1 − P (Numerical Recipes 3rd ed. §6.2); the standard normal quantile by
/// Acklam's rational approximation refined by one Halley step (full double precision); the
/// standard gamma quantile by Newton on P(k, x) = p from the Wilson–Hilferty start, safeguarded
/// by bisection.
#pragma once

#include <vector>

namespace hrsnn {

/// Regularised lower incomplete gamma P(a, x) for a > 0 (0 for x <= 0).
double gamma_p(double a, double x);
/// Standard normal CDF.
double normal_cdf(double x);
/// Standard normal quantile for p in (0, 1) (−inf at 0, +inf at 1).
double normal_quantile(double p);
/// n-point Gauss–Legendre nodes x and weights w on [−1, 1] (Newton on P_n).
void gauss_legendre(int n, std::vector<double>& x, std::vector<double>& w);
/// Quantile of the unit-scale gamma law with shape k at p in (0, 1).
double gamma_quantile(double k, double p);

}  // namespace hrsnn
