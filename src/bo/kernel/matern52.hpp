/// \file matern52.hpp
/// \brief Matérn-5/2 covariance on a grouped, length-scaled distance.
///
///   k(a, b) = s2 (1 + sqrt5 r + 5/3 r^2) exp(-sqrt5 r),   r^2 = sum_f D_f(a, b) / l_f^2
///
/// (Rasmussen & Williams 2006, eq. 4.17). D_f is the squared distance of group f: one input
/// coordinate for the ARD kernel, a 2-Wasserstein distance for the distribution kernel. Both
/// are squared Euclidean distances between feature blocks, so k is positive definite.
/// Derivative used by the marginal-likelihood gradient:
///   dk/d(ln l_f) = s2 * 5/3 (1 + sqrt5 r) exp(-sqrt5 r) * D_f / l_f^2.
#pragma once

#include <cmath>

namespace hrsnn::bo::kernel {

/// sqrt(5), the Matérn-5/2 rate.
inline constexpr double kSqrt5 = 2.23606797749978969640917366873127623544;

/// Unit-variance Matérn-5/2 correlation at scaled distance r >= 0.
inline double matern52(double r) {
  const double sr = kSqrt5 * r;
  return (1.0 + sr + sr * sr / 3.0) * std::exp(-sr);
}

/// 5/3 (1 + sqrt5 r) exp(-sqrt5 r): the factor multiplying D_f/l_f^2 in dk/d(ln l_f) (unit s2).
inline double matern52_dlog_factor(double r) {
  const double sr = kSqrt5 * r;
  return (5.0 / 3.0) * (1.0 + sr) * std::exp(-sr);
}

}  // namespace hrsnn::bo::kernel
