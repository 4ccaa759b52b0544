/// \file task_result.hpp
/// \brief What one (variant, seed) run of a task reports: named numbers plus details.
#pragma once

#include <nlohmann/json.hpp>

#include <map>
#include <string>

namespace hrsnn::experiments {

/// Named scalar measures (aggregated across seeds) and free-form details (curves, matrices).
struct TaskResult {
  std::map<std::string, double> scalars;  ///< e.g. "capacity_corrected", "rate_e_hz"
  nlohmann::json details;                 ///< e.g. the per-delay capacity curve
};

}  // namespace hrsnn::experiments
