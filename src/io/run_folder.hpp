/// \file run_folder.hpp
/// \brief The folder every hrsnn command writes: settings, metrics, tables, a log.
///
/// A folder that already holds files is refused unless --force (start again) or --resume
/// (continue a run that wrote run.json there), so one run never silently overwrites another.
/// JSON files are written to a temporary name and renamed, so a crash never leaves half a file.
#pragma once

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <string>

namespace hrsnn::io {

/// How an existing folder is treated.
enum class ExistingFolder { Refuse, Force, Resume };

/// An open run folder with its log.
class RunFolder {
 public:
  /// Creates or reopens `path` for `command`; throws InputError when it holds another run.
  RunFolder(const std::filesystem::path& path, const std::string& command, ExistingFolder mode);
  /// The folder.
  const std::filesystem::path& path() const { return path_; }
  /// Path of a file inside the folder.
  std::filesystem::path file(const std::string& name) const { return path_ / name; }
  /// Appends a time-stamped line to log.txt (and flushes it).
  void log(const std::string& line);
  /// Writes `value` as pretty JSON to `name` atomically (temp file + rename).
  void write_json(const std::string& name, const nlohmann::json& value) const;

 private:
  std::filesystem::path path_;
  std::ofstream log_;
};

/// Writes JSON to `file` atomically; throws InputError naming the file on failure.
void write_json_file(const std::filesystem::path& file, const nlohmann::json& value);

/// The version string of this build ("0.1.0").
std::string version();

}  // namespace hrsnn::io
