/// \file constraint.cpp
/// \brief Constraint slack, feasibility and validation (equations in constraint.hpp).
#include "bo/constraint.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <sstream>

#include "core/error.hpp"

namespace hrsnn::bo {

double constraint_slack(const Constraint& c, const EvalResult& r) {
  const auto it = r.metrics.find(c.metric);
  if (it == r.metrics.end() || !std::isfinite(it->second)) return std::nan("");
  return c.upper ? it->second - c.bound : c.bound - it->second;
}

bool observed_feasible(const std::vector<Constraint>& cs, const EvalResult& r) {
  if (!r.ok()) return false;
  for (const auto& c : cs)
    if (!(constraint_slack(c, r) <= 0.0)) return false;  // NaN (missing metric) is infeasible
  return true;
}

std::string describe(const Constraint& c) {
  std::ostringstream s;
  s.precision(6);
  s << c.metric << (c.upper ? " <= " : " >= ") << c.bound;
  return s.str();
}

void validate_constraints(const std::vector<Constraint>& cs, const std::optional<std::vector<std::string>>& known_metrics) {
  for (const auto& c : cs) {
    const std::string where = c.origin.empty() ? std::string("constraint") : c.origin;
    require(!c.metric.empty(), where + ": constraint needs a metric name");
    require(std::isfinite(c.bound), where + ": constraint on '" + c.metric + "' has a non-finite bound");
    if (!known_metrics) continue;
    const auto& known = *known_metrics;
    if (std::find(known.begin(), known.end(), c.metric) == known.end()) {
      std::string list;
      for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
      throw InputError(where + ": constraint on unknown metric '" + c.metric + "' (this objective reports: " +
                       (list.empty() ? "none" : list) + ")");
    }
  }
}

double log_normal_cdf(double z) {
  // erfc keeps full relative accuracy until it underflows near z = -38; the series is exact to
  // double precision well before that.
  // Upper half: Phi(z) = 1 - Q(z) with Q tiny, and log(1 - Q) must be formed by log1p or the
  // log of a probability near 1 keeps only its absolute accuracy (found by the scikit-learn check).
  if (z > 0.0) return std::log1p(-0.5 * std::erfc(z / std::numbers::sqrt2));
  if (z > -30.0) return std::log(0.5 * std::erfc(-z / std::numbers::sqrt2));
  // Lower tail: Phi(z) = phi(z)/x (1 - 1/x^2 + 3/x^4 - ...), x = -z (A&S 26.2.12), in logs.
  const double x2 = z * z;
  double term = 1.0, sum = 1.0;
  for (int n = 1; n <= 10; ++n) {
    term *= -(2.0 * n - 1.0) / x2;
    sum += term;
  }
  constexpr double log_sqrt_2pi = 0.91893853320467274178032973640561764;
  return -0.5 * x2 - log_sqrt_2pi - std::log(-z) + std::log(sum);
}

}  // namespace hrsnn::bo
