/// \file format.hpp
/// \brief Number-to-text conversions used in messages and output files.
#pragma once

#include <charconv>
#include <string>

namespace hrsnn {

/// Shortest decimal text that reads back to exactly x (e.g. 0.3, not 0.29999999999999999).
inline std::string format_double(double x) {
  char buf[64];
  auto [ptr, ec] = std::to_chars(buf, buf + sizeof buf, x);
  return std::string(buf, ptr);
}

}  // namespace hrsnn
