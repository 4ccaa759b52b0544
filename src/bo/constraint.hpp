/// \file constraint.hpp
/// \brief Black-box inequality constraints on reported metrics (Gardner et al. 2014).
///
/// A constraint bounds one metric an evaluation reports: `metric <= bound` (upper) or
/// `metric >= bound` (lower). Its slack g = metric - bound (upper) or bound - metric (lower) is
/// feasible when g <= 0; each constraint's slack gets its own GP, and the probability of
/// feasibility at x is P(g(x) <= 0) = Phi(-m_g(x) / s_g(x)). Slack rather than the metric itself
/// is modelled so that every constraint reads the same way and its threshold sits at 0.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "bo/types.hpp"

namespace hrsnn::bo {

/// One inequality on a reported metric.
struct Constraint {
  std::string metric;  ///< key in EvalResult::metrics
  double bound = 0.0;  ///< the threshold
  bool upper = true;   ///< true: metric <= bound; false: metric >= bound
  std::string origin;  ///< where it was declared (config line or objective), for messages
};

/// Slack g (feasible iff g <= 0); NaN when the metric is missing or not finite.
double constraint_slack(const Constraint& c, const EvalResult& r);
/// True when the result is ok and every constraint's slack is <= 0 (observed feasibility).
bool observed_feasible(const std::vector<Constraint>& cs, const EvalResult& r);
/// "S <= 0.25" style text.
std::string describe(const Constraint& c);
/// Throws InputError (naming the constraint's origin) for a non-finite bound or an empty metric,
/// or, when `known_metrics` is given, for a metric the objective does not report.
void validate_constraints(const std::vector<Constraint>& cs,
                          const std::optional<std::vector<std::string>>& known_metrics = std::nullopt);

/// log Phi(z), accurate in the far lower tail (log of a feasibility probability).
double log_normal_cdf(double z);

}  // namespace hrsnn::bo
