/// \file window_schedule.cpp
/// \brief Window arithmetic (definition in window_schedule.hpp).
#include "encode/window_schedule.hpp"

#include "core/error.hpp"

#include <cmath>
#include <string>

namespace hrsnn::encode {

std::int64_t steps_per_window(double window_ms, double dt_ms) {
  require(dt_ms > 0.0 && window_ms > 0.0, "window length and dt must be positive (window_ms " +
                                              std::to_string(window_ms) + ", dt_ms " + std::to_string(dt_ms) + ")");
  const double k = window_ms / dt_ms;
  const auto n = static_cast<std::int64_t>(std::llround(k));
  require(n >= 1 && std::abs(k - static_cast<double>(n)) < 1e-9 * k,
          "window_ms " + std::to_string(window_ms) + " is not an integer multiple of dt_ms " + std::to_string(dt_ms));
  return n;
}

std::vector<StepRange> window_schedule(std::size_t n_windows, std::int64_t spw, std::int64_t first_step) {
  require(spw >= 1, "steps per window must be at least 1");
  std::vector<StepRange> out(n_windows);
  for (std::size_t i = 0; i < n_windows; ++i) {
    out[i].begin = first_step + static_cast<std::int64_t>(i) * spw;
    out[i].end = out[i].begin + spw;
  }
  return out;
}

}  // namespace hrsnn::encode
