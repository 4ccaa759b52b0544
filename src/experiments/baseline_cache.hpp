/// \file baseline_cache.hpp
/// \brief Baselines that depend on the seed but not on the variant (the echo state network),
/// computed once per seed and shared by the variants of a comparison.
#pragma once

#include "experiments/task_result.hpp"

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>

namespace hrsnn::experiments {

/// Named scalars of one baseline run.
using BaselineScalars = std::map<std::string, double>;

/// Per-seed memo of a deterministic baseline; safe to share between worker threads.
class BaselineCache {
 public:
  /// The scalars of `seed`, computed by `make` the first time (outside the lock: two threads
  /// may both compute a seed, and since `make` is deterministic either result is the same).
  BaselineScalars get(std::uint64_t seed, const std::function<BaselineScalars()>& make) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (const auto it = values_.find(seed); it != values_.end()) return it->second;
    }
    BaselineScalars v = make();
    std::lock_guard<std::mutex> lock(mutex_);
    return values_.emplace(seed, std::move(v)).first->second;
  }

 private:
  std::mutex mutex_;
  std::map<std::uint64_t, BaselineScalars> values_;
};

/// Adds a baseline's scalars to `out`; wall times (keys ending in "_seconds") go to the details,
/// since they vary from run to run and must never be compared or averaged as results.
inline void add_baseline(const BaselineScalars& values, TaskResult& out) {
  for (const auto& [key, value] : values) {
    const bool wall_time = key.size() > 8 && key.compare(key.size() - 8, 8, "_seconds") == 0;
    if (wall_time) out.details[key] = value;
    else out.scalars[key] = value;
  }
}

}  // namespace hrsnn::experiments
