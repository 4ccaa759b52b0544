/// \file fuzz_util.hpp
/// \brief What every libFuzzer target shares: a scratch folder per process, writing the fuzz
/// input to a file, and the rule that only hrsnn::InputError is an expected outcome.
#pragma once

#include "core/error.hpp"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include <unistd.h>

namespace hrsnn::fuzz {

/// A folder of this process under /tmp, made on first use and removed at exit.
inline const std::filesystem::path& scratch() {
  static const std::filesystem::path dir = [] {
    const auto d = std::filesystem::temp_directory_path() / ("hrsnn_fuzz_" + std::to_string(::getpid()));
    std::filesystem::create_directories(d);
    std::atexit([] { std::filesystem::remove_all(std::filesystem::temp_directory_path() / ("hrsnn_fuzz_" + std::to_string(::getpid()))); });
    return d;
  }();
  return dir;
}

/// Writes `bytes` to `path` (binary, replacing the file).
inline void write_file(const std::filesystem::path& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

/// Runs `f`: an InputError is the expected answer to bad input; any other exception is a
/// finding, so it aborts with its message (libFuzzer then saves the input as a crash).
template <class F>
void expect_only_input_errors(F&& f) {
  try {
    f();
  } catch (const InputError&) {
  } catch (const std::exception& e) {
    std::fprintf(stderr, "FINDING: exception other than hrsnn::InputError: %s\n", e.what());
    std::abort();
  }
}

/// The part of `s` before the first line equal to `marker`, and the part after it (empty
/// when the marker is absent), so one input can hold two files.
inline std::pair<std::string_view, std::string_view> split_at_line(std::string_view s, std::string_view marker) {
  const std::string needle = "\n" + std::string(marker) + "\n";
  const std::size_t at = s.find(needle);
  if (at == std::string_view::npos) return {s, {}};
  return {s.substr(0, at + 1), s.substr(at + needle.size())};
}

}  // namespace hrsnn::fuzz
