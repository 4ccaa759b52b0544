/// \file spike_events.hpp
/// \brief The hand-over format for spikes between encoders, the engine and recorders.
///
/// Times are integer steps of the run's dt: the engine never sees a floating-point time,
/// which is what makes "off the dt grid" a checkable error and runs bit-reproducible.
#pragma once

#include <cstdint>
#include <vector>

namespace hrsnn {

/// A list of spikes of numbered sources, sorted by step then source.
struct SpikeEvents {
  std::uint32_t n_sources = 0;       ///< sources are numbered 0..n_sources-1
  std::vector<std::int64_t> step;    ///< step index of each spike (t = step * dt)
  std::vector<std::uint32_t> source; ///< source index of each spike, parallel to `step`

  /// Number of spikes held.
  std::size_t size() const { return step.size(); }
  /// Appends one spike; callers append in (step, source) order.
  void push(std::int64_t s, std::uint32_t src) {
    step.push_back(s);
    source.push_back(src);
  }
};

}  // namespace hrsnn
