// Helpers for the data tests: a scratch folder per test and the shared data location.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

namespace hrsnn::data::testing {

/// The shared data folder: $HRSNN_DATA_DIR, else the build's default (../shared/data).
inline std::filesystem::path shared_data_dir() {
  const char* env = std::getenv("HRSNN_DATA_DIR");
  return (env && *env) ? std::filesystem::path(env) : std::filesystem::path(HRSNN_DEFAULT_DATA_DIR);
}

/// A fresh, empty folder for one test, removed when the object dies.
class ScratchDir {
 public:
  ScratchDir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ = std::filesystem::temp_directory_path() /
            ("hrsnn_" + std::string(info->test_suite_name()) + "_" + info->name() + "_" + std::to_string(::getpid()));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~ScratchDir() { std::filesystem::remove_all(path_); }
  /// Path of `name` inside the folder.
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }
  /// The folder itself.
  const std::filesystem::path& path() const { return path_; }
  /// Writes `text` to `name` and returns its path.
  std::filesystem::path write(const std::string& name, const std::string& text) const {
    std::ofstream(path_ / name) << text;
    return path_ / name;
  }

 private:
  std::filesystem::path path_;
};

/// The InputError message `f` throws, or "" if it does not throw one.
template <class F>
std::string error_of(F&& f) {
  try {
    f();
  } catch (const std::exception& e) {
    return e.what();
  }
  return "";
}

}  // namespace hrsnn::data::testing
