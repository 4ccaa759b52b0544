/// \file parallel_jobs.hpp
/// \brief The worker pool `run`, `sweep` and friends share: compute jobs on threads, record them in turn.
#pragma once

#include "experiments/task_result.hpp"

#include <cstddef>
#include <functional>
#include <vector>

namespace hrsnn::experiments {

/// Computes compute(k) for every k in `todo` on up to `threads` threads (pulled in order from a
/// shared counter) and hands each result to record(k, result) under one lock, so journaling and
/// progress need no locking of their own. The first exception from either stops handing out
/// jobs (running ones finish) and is rethrown once every thread has joined: a failed network or
/// a full disk while journaling ends the run cleanly instead of terminating a thread. A requested
/// stop (core/stop.hpp) is checked before each job and ends the run with StopRequested.
void run_jobs(const std::vector<std::size_t>& todo, int threads, const std::function<TaskResult(std::size_t)>& compute,
              const std::function<void(std::size_t, TaskResult&&)>& record);

}  // namespace hrsnn::experiments
