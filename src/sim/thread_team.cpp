#include "sim/thread_team.hpp"

#if defined(__x86_64__) || defined(_M_X64)
#include <immintrin.h>
#define HRSNN_PAUSE() _mm_pause()
#define HRSNN_GET_CSR() _mm_getcsr()
#define HRSNN_SET_CSR(x) _mm_setcsr(x)
#else
#define HRSNN_PAUSE() ((void)0)
#define HRSNN_GET_CSR() 0u
#define HRSNN_SET_CSR(x) ((void)(x))
#endif

namespace hrsnn::sim {
namespace {
// Spins before blocking (a worker) or yielding (the caller): a few microseconds of pause
// instructions, longer than the serial part of a step on an idle machine, so a busy simulation
// does not sleep; short, so that with more threads than free cores a spinner soon gives its
// core to the member it waits for (measured: 3 members on 2 busy cores, 5000 calls, from 20 s
// with 20 000 spins to under 1 s).
constexpr int kSpins = 2000;
}  // namespace

ThreadTeam::ThreadTeam(int size) : size_(size < 1 ? 1 : size) {
  workers_.reserve(static_cast<std::size_t>(size_ - 1));
  for (int m = 1; m < size_; ++m) workers_.emplace_back([this, m] { work(m); });
}

ThreadTeam::~ThreadTeam() {
  stop_.store(true, std::memory_order_release);
  generation_.fetch_add(1, std::memory_order_acq_rel);
  generation_.notify_all();
  for (auto& t : workers_) t.join();
}

void ThreadTeam::start_and_join() {
  pending_.store(size_ - 1, std::memory_order_relaxed);
  csr_ = HRSNN_GET_CSR();
  generation_.fetch_add(1, std::memory_order_release);  // publishes fn_, ctx_ and pending_
  generation_.notify_all();
  fn_(ctx_, 0);
  for (int spin = 0; pending_.load(std::memory_order_acquire) != 0; ++spin) {
    if (spin < kSpins) HRSNN_PAUSE();
    else std::this_thread::yield();
  }
}

void ThreadTeam::work(int member) {
  std::uint64_t seen = 0;
  while (true) {
    std::uint64_t g = generation_.load(std::memory_order_acquire);
    for (int spin = 0; g == seen && spin < kSpins; ++spin) {
      HRSNN_PAUSE();
      g = generation_.load(std::memory_order_acquire);
    }
    if (g == seen) {
      generation_.wait(seen, std::memory_order_acquire);
      continue;
    }
    seen = g;
    if (stop_.load(std::memory_order_acquire)) return;
    // A subnormal lane is ~100x slower; the caller flushes them, so must every member.
    if (HRSNN_GET_CSR() != csr_) HRSNN_SET_CSR(csr_);
    fn_(ctx_, member);
    pending_.fetch_sub(1, std::memory_order_acq_rel);
  }
}

}  // namespace hrsnn::sim
