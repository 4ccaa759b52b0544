/// \file task_result.hpp
/// \brief What one (variant, seed) run of a task reports: named numbers plus details.
#pragma once

#include <nlohmann/json.hpp>

#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace hrsnn::experiments {

/// Named scalar measures (aggregated across seeds) and free-form details (curves, matrices).
struct TaskResult {
  std::map<std::string, double> scalars;  ///< e.g. "capacity_corrected", "rate_e_hz"
  nlohmann::json details;                 ///< e.g. the per-delay capacity curve
};

/// One metric across runs (seeds), in run order: NaN where a run lacks it, or an InputError
/// naming the metric when `required`.
inline std::vector<double> metric_column(const std::vector<TaskResult>& runs, const std::string& metric,
                                         bool required = false) {
  std::vector<double> out;
  for (const TaskResult& r : runs) {
    const auto it = r.scalars.find(metric);
    require(it != r.scalars.end() || !required, "task result has no '" + metric + "'");
    out.push_back(it == r.scalars.end() ? std::nan("") : it->second);
  }
  return out;
}

}  // namespace hrsnn::experiments
