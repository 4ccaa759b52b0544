/// \file log_ehvi.hpp
/// \brief Logarithm of the exact expected hypervolume improvement for two minimised objectives.
///
/// Front points (a_i, b_i), i = 1..n, non-dominated and inside the reference box (r1, r2), sorted
/// by a ascending (so b descending). The region a new point y can add is the staircase below the
/// front, cut into vertical strips [a_i, a_{i+1}) of height b_i (a_0 = -inf, b_0 = r2,
/// a_{n+1} = r1). The improvement is
///   HVI(y) = sum_i (a_{i+1} - max(a_i, y1))^+ (b_i - y2)^+,
/// and with independent Gaussian y1 ~ N(m1, s1²), y2 ~ N(m2, s2²) each factor's expectation is a
/// difference of expected improvements psi(x) = E[(x - y)^+] (the EI of incumbent x):
///   EHVI = sum_i [psi1(a_{i+1}) - psi1(a_i)] psi2(b_i),   psi1(-inf) = 0
/// (the strip decomposition of Emmerich, Deutz & Klinkenberg 2011, "Hypervolume-based expected
/// improvement", in its two-objective closed form). Every term is formed in log space from
/// log EI (log_ei.hpp), so the acquisition keeps a slope far from the front, as log EI does.
#pragma once

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>
#include <vector>

#include "bo/acquisition/log_ei.hpp"

namespace hrsnn::bo::acquisition {

/// log(e^a - e^b) for a >= b (-inf when equal).
inline double log_diff_exp(double a, double b) {
  if (!(a > b)) return -std::numeric_limits<double>::infinity();
  if (b == -std::numeric_limits<double>::infinity()) return a;
  return a + std::log1p(-std::exp(b - a));
}

/// log EHVI of a point with independent Gaussian objectives (m1, s1), (m2, s2) over `front`
/// (minimised (f1, f2) pairs; points outside the box or dominated are ignored) and reference
/// (r1, r2). -inf when no improvement is possible.
inline double log_ehvi_2d(std::vector<std::pair<double, double>> front, double r1, double r2, double m1, double s1,
                          double m2, double s2) {
  constexpr double kNegInf = -std::numeric_limits<double>::infinity();
  std::erase_if(front, [&](const auto& p) { return !(p.first < r1 && p.second < r2); });
  std::sort(front.begin(), front.end());
  // Keep the staircase: a point whose f2 is not below every earlier point's is dominated.
  std::vector<std::pair<double, double>> stair;
  for (const auto& p : front)
    if (stair.empty() || p.second < stair.back().second) stair.push_back(p);
  const std::size_t n = stair.size();
  double acc = kNegInf, lo = kNegInf;  // lo = log psi1(a_i), -inf for a_0 = -inf
  for (std::size_t i = 0; i <= n; ++i) {
    const double a_next = i < n ? stair[i].first : r1;
    const double b = i == 0 ? r2 : stair[i - 1].second;
    const double hi = log_expected_improvement(m1, s1, a_next);
    const double term = log_diff_exp(hi, lo) + log_expected_improvement(m2, s2, b);
    if (term != kNegInf)  // acc = log(e^acc + e^term)
      acc = acc == kNegInf ? term : std::max(acc, term) + std::log1p(std::exp(-std::abs(acc - term)));
    lo = hi;
  }
  return acc;
}

}  // namespace hrsnn::bo::acquisition
