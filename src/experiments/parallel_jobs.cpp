/// \file parallel_jobs.cpp
/// \brief The shared worker pool (see parallel_jobs.hpp).
#include "experiments/parallel_jobs.hpp"

#include "core/stop.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>

namespace hrsnn::experiments {

void run_jobs(const std::vector<std::size_t>& todo, int threads, const std::function<TaskResult(std::size_t)>& compute,
              const std::function<void(std::size_t, TaskResult&&)>& record) {
  std::atomic<std::size_t> next{0};
  std::mutex mutex;
  std::exception_ptr error;
  auto worker = [&] {
    for (;;) {
      if (stop_requested()) {
        // A requested stop ends the run like a failure would: running jobs finish and are recorded.
        std::lock_guard<std::mutex> lock(mutex);
        if (!error) error = std::make_exception_ptr(StopRequested());
        next = todo.size();
        return;
      }
      const std::size_t i = next.fetch_add(1);
      if (i >= todo.size()) return;
      TaskResult r;
      try {
        r = compute(todo[i]);
      } catch (...) {
        std::lock_guard<std::mutex> lock(mutex);
        if (!error) error = std::current_exception();
        next = todo.size();
        return;
      }
      std::lock_guard<std::mutex> lock(mutex);
      try {
        record(todo[i], std::move(r));
      } catch (...) {
        if (!error) error = std::current_exception();
        next = todo.size();
        return;
      }
    }
  };
  const int n_threads = std::max(1, static_cast<int>(std::min<std::size_t>(static_cast<std::size_t>(std::max(1, threads)), todo.size())));
  std::vector<std::thread> pool;
  for (int t = 1; t < n_threads; ++t) pool.emplace_back(worker);
  worker();
  for (auto& t : pool) t.join();
  if (error) std::rethrow_exception(error);
}

}  // namespace hrsnn::experiments
