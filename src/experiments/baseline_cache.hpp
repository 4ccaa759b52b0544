/// \file baseline_cache.hpp
/// \brief Baselines that depend on the seed but not on the variant (the echo state network),
/// computed once per seed and shared by the variants of a comparison.
#pragma once

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

}  // namespace hrsnn::experiments
