/// \file error.hpp
/// \brief The exceptions hrsnn throws, split by who must act on them.
///
/// InputError means the user gave something unusable (a file, a key, a value); the CLI
/// prints its message and exits with status 2. Anything else is a bug or a resource failure
/// and exits with status 1. Messages always name the file/line or the parameter.
#pragma once

#include <stdexcept>
#include <string>

namespace hrsnn {

/// Bad user input: a malformed file, an impossible parameter, a missing path.
class InputError : public std::runtime_error {
 public:
  /// Builds the error from a message that already names the offending file, key or value.
  explicit InputError(const std::string& what) : std::runtime_error(what) {}
};

/// An input file or folder that does not exist: still an InputError (the CLI exits 2), but kept
/// apart so bindings can raise their language's not-found error (Python's FileNotFoundError).
class MissingFileError : public InputError {
 public:
  /// Builds the error from a message that already names the missing path.
  explicit MissingFileError(const std::string& what) : InputError(what) {}
};

/// Throws InputError(message) when the condition is false.
inline void require(bool condition, const std::string& message) {
  if (!condition) throw InputError(message);
}

/// Throws MissingFileError(message) when the condition (the path exists / opened) is false.
inline void require_file(bool condition, const std::string& message) {
  if (!condition) throw MissingFileError(message);
}

}  // namespace hrsnn

/// As hrsnn::require, but the message is built only on failure: for checks in per-row and
/// per-synapse loops, where building every message would cost more than the work itself.
#define HRSNN_REQUIRE(condition, message)                        \
  do {                                                          \
    if (!(condition)) throw ::hrsnn::InputError(message);       \
  } while (0)
