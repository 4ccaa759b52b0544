/// \file run_folder.hpp
/// \brief The folder every hrsnn command writes: settings, metrics, tables, a log, a manifest.
///
/// A folder that already holds files is refused unless --force (start again) or --resume
/// (continue a run of the same command with the same settings), so one run never silently
/// overwrites or mixes with another. Every file hrsnn writes is listed in the folder's manifest
/// (`.hrsnn-manifest`), and --force removes only what the manifest lists: a user's own files in
/// the folder are kept and named. A command that fails before it has finished any result
/// removes what it made, so a plain rerun is not blocked by a half-made folder. JSON files are
/// written to a temporary name and renamed, so a crash never leaves half a file.
#pragma once

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace hrsnn::io {

/// How an existing folder is treated.
enum class ExistingFolder { Refuse, Force, Resume };

/// Name of the file, inside a run folder, that lists what hrsnn wrote there.
inline constexpr const char* kManifestName = ".hrsnn-manifest";

/// Records that hrsnn wrote `name` in `dir` (a sub-folder with a manifest of its own ends in '/').
void record_written(const std::filesystem::path& dir, const std::string& name);

/// The names `dir`'s manifest lists, in the order first written (empty when there is none).
std::vector<std::string> written_names(const std::filesystem::path& dir);

/// Removes everything `dir`'s manifest lists (recursing into listed sub-folders) and the
/// manifest itself; returns the paths, relative to `dir`, of what was kept (not hrsnn's).
std::vector<std::string> clear_written(const std::filesystem::path& dir);

/// The first difference between two settings objects as "key: A in the run, B now", or "".
std::string first_difference(const nlohmann::json& before, const nlohmann::json& now);

/// An open run folder with its log.
class RunFolder {
 public:
  /// Creates or reopens `path` for `command`. `settings` are what shapes the results (never
  /// thread counts or output options): they go into run.json, and --resume is refused unless
  /// the folder holds a run of the same command with equal settings (the message names the
  /// first differing key). `extra` adds fields to run.json. Throws InputError when the folder
  /// holds another run or files hrsnn did not write.
  RunFolder(const std::filesystem::path& path, const std::string& command, ExistingFolder mode,
            const nlohmann::json& settings = nlohmann::json::object(),
            const nlohmann::json& extra = nlohmann::json::object());
  /// Removes what this command made when it fails before finishing any result (see file doc).
  ~RunFolder();
  RunFolder(const RunFolder&) = delete;
  RunFolder& operator=(const RunFolder&) = delete;

  /// The folder.
  const std::filesystem::path& path() const { return path_; }
  /// Path of a file inside the folder, recorded in the manifest as written by hrsnn.
  std::filesystem::path file(const std::string& name) const;
  /// Records a sub-folder (which keeps a manifest of its own) as written by hrsnn.
  void record_subfolder(const std::string& name) const;
  /// Appends a time-stamped line to log.txt (and flushes it).
  void log(const std::string& line);
  /// Writes `value` as pretty JSON to `name` atomically (temp file + rename).
  void write_json(const std::string& name, const nlohmann::json& value) const;
  /// Whether this command continues an earlier run in the folder.
  bool resumed() const { return resumed_; }

 private:
  void roll_back() noexcept;
  std::filesystem::path path_;
  std::ofstream log_;
  bool resumed_ = false;
  bool created_ = false;  // the folder did not exist before this command
  int uncaught_ = 0;      // exceptions in flight at construction (to see a failure in the destructor)
};

/// Writes JSON to `file` atomically; throws InputError naming the file on failure.
void write_json_file(const std::filesystem::path& file, const nlohmann::json& value);

/// The version string of this build ("0.2.0").
std::string version();

}  // namespace hrsnn::io
