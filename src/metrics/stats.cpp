/// \file stats.cpp
/// \brief Incomplete beta, Student t and the paired t-test (formulas in stats.hpp).
#include "metrics/stats.hpp"

#include "core/error.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

namespace hrsnn::metrics {
namespace {

/// Continued fraction of I_x(a, b) (NR 6.4.5), modified Lentz; converges fast for
/// x < (a + 1) / (a + b + 2).
double beta_continued_fraction(double a, double b, double x) {
  constexpr double kTiny = 1e-300, kEps = 1e-16;
  const double qab = a + b, qap = a + 1.0, qam = a - 1.0;
  double c = 1.0, d = 1.0 - qab * x / qap;
  if (std::abs(d) < kTiny) d = kTiny;
  d = 1.0 / d;
  double h = d;
  for (int m = 1; m <= 10000; ++m) {
    const double m2 = 2.0 * m;
    double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
    d = 1.0 + aa * d;
    if (std::abs(d) < kTiny) d = kTiny;
    c = 1.0 + aa / c;
    if (std::abs(c) < kTiny) c = kTiny;
    d = 1.0 / d;
    h *= d * c;
    aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
    d = 1.0 + aa * d;
    if (std::abs(d) < kTiny) d = kTiny;
    c = 1.0 + aa / c;
    if (std::abs(c) < kTiny) c = kTiny;
    d = 1.0 / d;
    const double del = d * c;
    h *= del;
    if (std::abs(del - 1.0) < kEps) break;
  }
  return h;
}

}  // namespace

double regularized_incomplete_beta(double a, double b, double x) {
  require(a > 0.0 && b > 0.0 && x >= 0.0 && x <= 1.0, "incomplete beta: need a, b > 0 and x in [0, 1]");
  if (x == 0.0 || x == 1.0) return x;
  const double log_front = std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) +
                           b * std::log1p(-x);
  const double front = std::exp(log_front);
  // Use the symmetry I_x(a,b) = 1 - I_{1-x}(b,a) where the fraction converges slowly.
  if (x < (a + 1.0) / (a + b + 2.0)) return front * beta_continued_fraction(a, b, x) / a;
  return 1.0 - front * beta_continued_fraction(b, a, 1.0 - x) / b;
}

double student_t_cdf(double t, double df) {
  require(df > 0.0, "student_t_cdf: df must be > 0");
  if (std::isinf(t)) return t > 0 ? 1.0 : 0.0;
  const double tail = 0.5 * regularized_incomplete_beta(0.5 * df, 0.5, df / (df + t * t));
  return t >= 0.0 ? 1.0 - tail : tail;
}

TTestResult paired_t_test(const std::vector<double>& a, const std::vector<double>& b, Alternative alternative) {
  require(a.size() == b.size(), "paired_t_test: samples have different lengths (" + std::to_string(a.size()) +
                                    " vs " + std::to_string(b.size()) + ")");
  require(a.size() >= 2, "paired_t_test: need at least 2 pairs");
  std::vector<double> d(a.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    require(std::isfinite(a[i]) && std::isfinite(b[i]), "paired_t_test: non-finite value at pair " + std::to_string(i));
    d[i] = a[i] - b[i];
  }
  const MeanStd ms = mean_std(d);
  TTestResult r;
  r.df = static_cast<double>(d.size() - 1);
  r.mean_difference = ms.mean;
  if (ms.std == 0.0) {
    const double dir = alternative == Alternative::kLess ? -ms.mean : ms.mean;
    r.t = ms.mean == 0.0 ? 0.0 : std::copysign(std::numeric_limits<double>::infinity(), ms.mean);
    r.p_value = alternative == Alternative::kTwoSided ? (ms.mean != 0.0 ? 0.0 : 1.0) : (dir > 0.0 ? 0.0 : 1.0);
    return r;
  }
  r.t = ms.mean / (ms.std / std::sqrt(static_cast<double>(d.size())));
  // Upper tail straight from the incomplete beta, not 1 - cdf, to keep small p accurate.
  const double upper_abs = 0.5 * regularized_incomplete_beta(0.5 * r.df, 0.5, r.df / (r.df + r.t * r.t));
  const double p_greater = r.t >= 0.0 ? upper_abs : 1.0 - upper_abs;
  const double p_less = r.t <= 0.0 ? upper_abs : 1.0 - upper_abs;
  switch (alternative) {
    case Alternative::kGreater: r.p_value = p_greater; break;
    case Alternative::kLess: r.p_value = p_less; break;
    case Alternative::kTwoSided: r.p_value = std::min(1.0, 2.0 * upper_abs); break;
  }
  return r;
}

MeanStd mean_std(const std::vector<double>& values) {
  require(!values.empty(), "mean_std: no values");
  MeanStd m;
  m.n = values.size();
  for (double v : values) m.mean += v;
  m.mean /= static_cast<double>(m.n);
  if (m.n > 1) {
    double ss = 0.0;
    for (double v : values) ss += (v - m.mean) * (v - m.mean);
    m.std = std::sqrt(ss / static_cast<double>(m.n - 1));
  }
  return m;
}

}  // namespace hrsnn::metrics
