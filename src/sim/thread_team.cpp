#include "sim/thread_team.hpp"

#include <chrono>

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
// Waiting, in three stages timed by the clock (a PAUSE lasts ~3 cycles on some CPUs and ~140 on
// others, so a count of them means nothing): spin for kSpinFor, which covers the serial part of
// a step on idle cores; then yield for up to kYieldFor, which costs little when the core is ours
// and hands it over when another member needs it (more threads than free cores); then a worker
// blocks, so an idle simulator costs no CPU. Measured on 2 idle cores, 100 000 neurons: blocking
// after 2000 PAUSEs (~3 µs here) gave 1.23x over one thread, since a blocked worker takes tens of
// microseconds to wake.
using Clock = std::chrono::steady_clock;
constexpr auto kSpinFor = std::chrono::microseconds(20);
constexpr auto kYieldFor = std::chrono::milliseconds(2);

// Waits until done() holds; returns false when `block_after` passed first (the caller then blocks).
template <class Done>
bool wait_for(Done done, bool may_block) {
  const Clock::time_point start = Clock::now();
  for (int k = 0;; ++k) {
    if (done()) return true;
    if ((k & 63) != 63) {
      HRSNN_PAUSE();
      continue;
    }
    const auto waited = Clock::now() - start;
    if (waited < kSpinFor) continue;
    if (may_block && waited > kYieldFor) return false;
    std::this_thread::yield();
  }
}
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
  wait_for([this] { return pending_.load(std::memory_order_acquire) == 0; }, false);
}

void ThreadTeam::work(int member) {
  std::uint64_t seen = 0;
  while (true) {
    if (!wait_for([&] { return generation_.load(std::memory_order_acquire) != seen; }, true)) {
      generation_.wait(seen, std::memory_order_acquire);
      continue;
    }
    const std::uint64_t g = generation_.load(std::memory_order_acquire);
    seen = g;
    if (stop_.load(std::memory_order_acquire)) return;
    // A subnormal lane is ~100x slower; the caller flushes them, so must every member.
    if (HRSNN_GET_CSR() != csr_) HRSNN_SET_CSR(csr_);
    fn_(ctx_, member);
    pending_.fetch_sub(1, std::memory_order_acq_rel);
  }
}

}  // namespace hrsnn::sim
