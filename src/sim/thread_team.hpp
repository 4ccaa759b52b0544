/// \file thread_team.hpp
/// \brief A fixed team of threads that runs one short task per call, for the phases of a step.
///
/// One step of a 100 000-neuron network takes tens of microseconds, so waking threads through
/// the kernel (a condition variable, ~10 µs per wake) would eat the gain. Workers spin on a
/// generation counter between tasks, and after a while without work block on it
/// (std::atomic::wait), so an idle simulator costs no CPU. The caller is member 0 of the team
/// and returns when every member has finished its share; the workers run each task under the
/// caller's floating-point control word (the simulator's flush-to-zero, which is per thread).
/// Tasks must not throw.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <thread>
#include <utility>
#include <vector>

namespace hrsnn::sim {

/// Runs task(member) on `size()` threads at once (the caller is member 0).
class ThreadTeam {
 public:
  /// Starts size − 1 worker threads (size ≥ 1; 1 means the caller alone).
  explicit ThreadTeam(int size);
  /// Stops and joins the workers.
  ~ThreadTeam();
  ThreadTeam(const ThreadTeam&) = delete;
  ThreadTeam& operator=(const ThreadTeam&) = delete;

  /// Number of members, the caller included.
  int size() const { return size_; }

  /// Calls task(m) for every member m in [0, size()) concurrently; returns when all are done.
  template <class F>
  void run(F& task) {
    if (size_ == 1) {
      task(0);
      return;
    }
    fn_ = [](void* ctx, int member) { (*static_cast<F*>(ctx))(member); };
    ctx_ = &task;
    start_and_join();
  }

 private:
  void start_and_join();
  void work(int member);

  int size_;
  void (*fn_)(void*, int) = nullptr;
  void* ctx_ = nullptr;
  unsigned csr_ = 0;  // the caller's floating-point control word (flush-to-zero), copied by the workers
  alignas(64) std::atomic<std::uint64_t> generation_{0};  // bumped once per task
  alignas(64) std::atomic<int> pending_{0};               // workers still busy with the task
  std::atomic<bool> stop_{false};
  std::vector<std::thread> workers_;
};

/// [begin, end) of member m's share of n items split into `parts` contiguous blocks whose
/// boundaries are multiples of `align` (the last block takes the remainder).
/// The default 64 keeps each block's spike flags (one byte per neuron) on cache lines of its own.
inline std::pair<std::uint32_t, std::uint32_t> share(std::uint32_t n, int parts, int m, std::uint32_t align = 64) {
  const std::uint64_t per = (static_cast<std::uint64_t>(n) + parts - 1) / parts;
  const std::uint64_t rounded = (per + align - 1) / align * align;
  const auto begin = static_cast<std::uint32_t>(std::min<std::uint64_t>(n, rounded * m));
  const auto end = m == parts - 1 ? n : static_cast<std::uint32_t>(std::min<std::uint64_t>(n, rounded * (m + 1)));
  return {begin, end};
}

}  // namespace hrsnn::sim
