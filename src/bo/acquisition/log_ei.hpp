/// \file log_ei.hpp
/// \brief Logarithm of expected improvement, accurate where EI itself underflows.
///
/// For minimisation with incumbent y*, posterior mean m and sd s (Jones et al. 1998):
///   EI = s h(z),  z = (y* - m)/s,  h(z) = phi(z) + z Phi(z)
///   log EI = log s + log h(z)
/// For z > -8, h is computed directly (cancellation costs < 2 digits there). For z <= -8,
///   h(z) = phi(z) (1 - x M(x)),  x = -z,  M = Mills ratio,  1 - x M(x) ~ sum_n (-1)^(n+1) (2n-1)!! / x^(2n)
/// (Abramowitz & Stegun 26.2.12), so log h = log phi(z) + log of that series, which stays finite
/// for any z (Ament et al. 2023, "Unexpected improvements to expected improvement", NeurIPS).
#pragma once

#include <cmath>
#include <limits>
#include <numbers>

namespace hrsnn::bo::acquisition {

/// log h(z) = log(phi(z) + z Phi(z)), finite for every finite z.
inline double log_h(double z) {
  constexpr double log_sqrt_2pi = 0.91893853320467274178032973640561764;
  if (z > -8.0) {
    const double h = std::exp(-0.5 * z * z - log_sqrt_2pi) + z * 0.5 * std::erfc(-z / std::numbers::sqrt2);
    return std::log(h);
  }
  const double x2 = z * z;
  double term = 1.0 / x2, sum = term;
  for (int n = 2; n <= 12; ++n) {
    term *= -(2.0 * n - 1.0) / x2;
    sum += term;
  }
  return -0.5 * x2 - log_sqrt_2pi + std::log(sum);
}

/// log EI for minimisation; -inf when sd == 0 and no improvement is possible.
inline double log_expected_improvement(double mean, double sd, double best) {
  if (!(sd > 0.0)) return best > mean ? std::log(best - mean) : -std::numeric_limits<double>::infinity();
  return std::log(sd) + log_h((best - mean) / sd);
}

}  // namespace hrsnn::bo::acquisition
