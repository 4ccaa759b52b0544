/// \file recorder.hpp
/// \brief Monitors: what a run keeps of its spikes and state (Auryn's monitors, simplified).
#pragma once

#include <cstdint>
#include <vector>

namespace hrsnn::sim {

/// Records reservoir spikes as (step, neuron) pairs in the order they occur (step, then neuron).
struct SpikeRecorder {
  std::vector<std::int64_t> step;     ///< absolute step of each spike
  std::vector<std::uint32_t> neuron;  ///< neuron of each spike
  std::vector<std::uint32_t> neurons_probe;  ///< neurons whose v is sampled every step (optional)
  std::vector<double> v_samples;      ///< v after reset, step-major: [step][probe index]

  /// Number of spikes recorded.
  std::size_t size() const { return step.size(); }
  /// Forgets everything recorded (probe selection kept).
  void clear() {
    step.clear();
    neuron.clear();
    v_samples.clear();
  }
};

}  // namespace hrsnn::sim
