#include "io/run_folder.hpp"

#include "core/error.hpp"

#include <chrono>
#include <ctime>

namespace hrsnn::io {
namespace fs = std::filesystem;

std::string version() { return "0.1.0"; }

void write_json_file(const fs::path& file, const nlohmann::json& value) {
  const fs::path tmp = file.string() + ".tmp";
  {
    std::ofstream out(tmp);
    require(out.good(), file.string() + ": cannot write");
    out << value.dump(2) << '\n';
    out.flush();
    require(out.good(), file.string() + ": write failed (disk full?)");
  }
  std::error_code ec;
  fs::rename(tmp, file, ec);
  require(!ec, file.string() + ": cannot rename temporary file: " + ec.message());
}

RunFolder::RunFolder(const fs::path& path, const std::string& command, ExistingFolder mode) : path_(path) {
  std::error_code ec;
  if (fs::exists(path_)) {
    require(fs::is_directory(path_), path_.string() + ": exists and is not a folder");
    const bool empty = fs::is_empty(path_, ec);
    if (!empty) {
      if (mode == ExistingFolder::Refuse)
        throw InputError(path_.string() + ": folder already holds a run; pass --force to replace it or --resume to continue it");
      if (mode == ExistingFolder::Resume)
        require(fs::exists(path_ / "run.json"), path_.string() + ": --resume given but the folder holds no hrsnn run (no run.json)");
      if (mode == ExistingFolder::Force) {
        // Only files hrsnn writes are removed; anything else makes us refuse.
        require(fs::exists(path_ / "run.json"), path_.string() + ": --force refuses to clear a folder that holds no hrsnn run");
        fs::remove_all(path_, ec);
        require(!ec, path_.string() + ": cannot clear: " + ec.message());
      }
    }
  }
  fs::create_directories(path_, ec);
  require(!ec && fs::is_directory(path_), path_.string() + ": cannot create folder: " + ec.message());
  log_.open(path_ / "log.txt", std::ios::app);
  require(log_.good(), (path_ / "log.txt").string() + ": cannot write");
  if (mode != ExistingFolder::Resume || !fs::exists(path_ / "run.json"))
    write_json("run.json", {{"command", command}, {"version", version()}});
}

void RunFolder::log(const std::string& line) {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
  log_ << stamp << ' ' << line << '\n';
  log_.flush();
}

void RunFolder::write_json(const std::string& name, const nlohmann::json& value) const {
  write_json_file(path_ / name, value);
}

}  // namespace hrsnn::io
