/// \file window_schedule.hpp
/// \brief Which simulation steps belong to which presentation window.
///
/// Sample i of an input is presented during steps [first + i W, first + (i + 1) W), W the
/// window length in steps; encoders and feature extraction share this one definition.
#pragma once

#include <cstdint>
#include <vector>

namespace hrsnn::encode {

/// A half-open range of steps [begin, end).
struct StepRange {
  std::int64_t begin = 0;  ///< first step of the window
  std::int64_t end = 0;    ///< one past the last step
};

/// Window length in steps; throws InputError unless window_ms is a positive integer multiple of dt_ms.
std::int64_t steps_per_window(double window_ms, double dt_ms);

/// The step range of each of n_windows consecutive windows of steps_per_window steps.
std::vector<StepRange> window_schedule(std::size_t n_windows, std::int64_t steps_per_window, std::int64_t first_step = 0);

}  // namespace hrsnn::encode
