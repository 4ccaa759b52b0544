/// \file stop.hpp
/// \brief A process-wide request to stop a long run early (Ctrl-C in the CLI or in Python).
///
/// The worker pool stops handing out jobs once the request is made, and a reservoir checks it
/// before each simulated phase, window run or sequence; jobs already journaled stay, so
/// `--resume` (or `resume=True`) continues. Setting the flag is async-signal-safe.
#pragma once

#include <atomic>
#include <stdexcept>

namespace hrsnn {

/// The flag itself (lock-free, so a signal handler may set it).
inline std::atomic<bool>& stop_flag() {
  static std::atomic<bool> flag{false};
  return flag;
}

/// Asks every long run in the process to stop at its next check.
inline void request_stop() { stop_flag().store(true, std::memory_order_relaxed); }

/// Withdraws the request (before starting a new run).
inline void clear_stop() { stop_flag().store(false, std::memory_order_relaxed); }

/// Whether a stop was requested.
inline bool stop_requested() { return stop_flag().load(std::memory_order_relaxed); }

/// Thrown by a run that stopped on request: not bad input, not a failure.
struct StopRequested : std::runtime_error {
  StopRequested() : std::runtime_error("stopped on request (interrupt); finished jobs are kept") {}
};

/// Throws StopRequested when a stop was requested.
inline void throw_if_stop_requested() {
  if (stop_requested()) throw StopRequested();
}

}  // namespace hrsnn
