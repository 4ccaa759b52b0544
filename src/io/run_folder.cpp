#include "io/run_folder.hpp"

#include "core/error.hpp"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <exception>
#include <iostream>
#include <map>
#include <mutex>
#include <set>

namespace hrsnn::io {
namespace fs = std::filesystem;
namespace {

std::mutex& manifest_mutex() {
  static std::mutex m;
  return m;
}

// Files every command writes before it has computed anything: a folder holding only these
// has no result worth keeping when the command fails.
bool is_bookkeeping(const std::string& name) {
  static const std::set<std::string> names = {"run.json", "config.toml", "log.txt", "settings.json"};
  return names.count(name) > 0;
}

void flatten(const nlohmann::json& j, const std::string& prefix, std::map<std::string, nlohmann::json>& out) {
  if (j.is_object() && !j.empty()) {
    for (const auto& [k, v] : j.items()) flatten(v, prefix.empty() ? k : prefix + "." + k, out);
  } else if (j.is_array() && !j.empty()) {
    for (std::size_t i = 0; i < j.size(); ++i) flatten(j[i], prefix + "[" + std::to_string(i) + "]", out);
  } else {
    out[prefix] = j;
  }
}

nlohmann::json read_run_json(const fs::path& file) {
  std::ifstream in(file);
  require(in.good(), file.string() + ": cannot read");
  try {
    return nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception&) {
    throw InputError(file.string() + ": not valid JSON; this folder's run cannot be resumed or replaced safely");
  }
}

std::string joined(const std::vector<std::string>& names, std::size_t at_most) {
  std::string s;
  for (std::size_t i = 0; i < names.size() && i < at_most; ++i) s += (i ? ", " : "") + names[i];
  if (names.size() > at_most) s += ", ... (" + std::to_string(names.size()) + " in all)";
  return s;
}

}  // namespace

std::string version() { return "0.2.0"; }

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

std::vector<std::string> written_names(const fs::path& dir) {
  std::vector<std::string> names;
  std::ifstream in(dir / kManifestName);
  std::string line;
  while (std::getline(in, line))
    if (!line.empty() && std::find(names.begin(), names.end(), line) == names.end()) names.push_back(line);
  return names;
}

void record_written(const fs::path& dir, const std::string& name) {
  require(!name.empty() && name.find('\n') == std::string::npos && name.rfind("..", 0) != 0,
          "run folder: cannot record the file name '" + name + "'");
  std::lock_guard<std::mutex> lock(manifest_mutex());
  const std::vector<std::string> names = written_names(dir);
  if (std::find(names.begin(), names.end(), name) != names.end()) return;
  std::ofstream out(dir / kManifestName, std::ios::app);
  out << name << '\n';
  out.flush();
  require(out.good(), (dir / kManifestName).string() + ": write failed (disk full?)");
}

std::vector<std::string> clear_written(const fs::path& dir) {
  std::error_code ec;
  for (const std::string& name : written_names(dir)) {
    if (name.back() == '/') {
      const fs::path sub = dir / name.substr(0, name.size() - 1);
      if (!fs::is_directory(sub, ec)) continue;
      clear_written(sub);
      if (fs::is_empty(sub, ec)) fs::remove(sub, ec);
    } else {
      fs::remove(dir / name, ec);
      fs::remove(dir / (name + ".tmp"), ec);
    }
  }
  fs::remove(dir / kManifestName, ec);
  std::vector<std::string> kept;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
    if (!it->is_directory(ec) || fs::is_empty(it->path(), ec)) kept.push_back(fs::relative(it->path(), dir, ec).string());
  std::sort(kept.begin(), kept.end());
  return kept;
}

std::string first_difference(const nlohmann::json& before, const nlohmann::json& now) {
  std::map<std::string, nlohmann::json> a, b;
  flatten(before, "", a);
  flatten(now, "", b);
  std::set<std::string> keys;
  for (const auto& [k, v] : a) keys.insert(k);
  for (const auto& [k, v] : b) keys.insert(k);
  for (const std::string& k : keys) {
    const auto ia = a.find(k), ib = b.find(k);
    const std::string va = ia == a.end() ? "(absent)" : ia->second.dump();
    const std::string vb = ib == b.end() ? "(absent)" : ib->second.dump();
    if (ia == a.end() || ib == b.end() || ia->second != ib->second)
      return (k.empty() ? std::string("settings") : k) + ": " + va + " in the run, " + vb + " now";
  }
  return "";
}

RunFolder::RunFolder(const fs::path& path, const std::string& command, ExistingFolder mode,
                     const nlohmann::json& settings, const nlohmann::json& extra)
    : path_(path), uncaught_(std::uncaught_exceptions()) {
  std::error_code ec;
  const std::string where = path_.string();
  if (fs::exists(path_)) {
    require(fs::is_directory(path_), where + ": exists and is not a folder");
    if (!fs::is_empty(path_, ec)) {
      const bool has_run = fs::exists(path_ / "run.json");
      if (mode == ExistingFolder::Refuse)
        throw InputError(where + (has_run ? ": folder already holds a run" : ": folder is not empty") +
                         "; pass --force to replace an hrsnn run, --resume to continue it, or choose another --out");
      require(has_run, where + ": " + (mode == ExistingFolder::Resume ? "--resume" : "--force") +
                           " given but the folder holds no hrsnn run (no run.json); nothing in it was touched");
      const nlohmann::json before = read_run_json(path_ / "run.json");
      if (mode == ExistingFolder::Resume) {
        const std::string was = before.value("command", "");
        require(was == command, where + ": holds a run of `hrsnn " + was + "`, which `hrsnn " + command +
                                    " --resume` cannot continue; use a new --out");
        require(before.contains("settings"),
                where + "/run.json: records no settings (written by hrsnn " + before.value("version", "?") +
                    "), so --resume cannot check it continues the same run; use a new --out");
        const std::string diff = first_difference(before["settings"], settings);
        require(diff.empty(), where + ": --resume with different settings (" + diff + "); use a new --out");
        resumed_ = true;
      } else {
        require(fs::exists(path_ / kManifestName),
                where + ": --force removes only files hrsnn listed in the folder's manifest (" + kManifestName +
                    "), and this folder has none (written by hrsnn " + before.value("version", "?") +
                    "?); remove it by hand or choose another --out");
        const std::vector<std::string> kept = clear_written(path_);
        if (!kept.empty())
          std::cerr << "hrsnn: --force kept " << kept.size() << " file(s) in " << where
                    << " that hrsnn did not write: " << joined(kept, 10) << '\n';
      }
    }
  } else {
    created_ = true;
  }
  fs::create_directories(path_, ec);
  require(!ec && fs::is_directory(path_), where + ": cannot create folder: " + ec.message());
  log_.open(file("log.txt"), std::ios::app);
  require(log_.good(), (path_ / "log.txt").string() + ": cannot write");
  if (!resumed_) {
    nlohmann::json run = {{"command", command}, {"version", version()}, {"settings", settings}};
    for (const auto& [k, v] : extra.items()) run[k] = v;
    write_json("run.json", run);
  }
}

RunFolder::~RunFolder() {
  if (std::uncaught_exceptions() > uncaught_ && !resumed_) roll_back();
}

void RunFolder::roll_back() noexcept {
  try {
    log_.close();
    std::error_code ec;
    const std::vector<std::string> names = written_names(path_);
    for (const std::string& name : names) {
      const bool folder = name.back() == '/';
      if (!is_bookkeeping(name) && fs::exists(path_ / (folder ? name.substr(0, name.size() - 1) : name), ec))
        return;  // a finished result: keep the folder, so --resume can continue
    }
    for (const std::string& name : names)
      if (name.back() != '/') fs::remove(path_ / name, ec);
    fs::remove(path_ / kManifestName, ec);
    if (created_ && fs::is_empty(path_, ec)) fs::remove(path_, ec);
  } catch (...) {
    // A failure while cleaning up must not replace the error the user needs to see.
  }
}

fs::path RunFolder::file(const std::string& name) const {
  record_written(path_, name);
  return path_ / name;
}

void RunFolder::record_subfolder(const std::string& name) const { record_written(path_, name + "/"); }

void RunFolder::log(const std::string& line) {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
  log_ << stamp << ' ' << line << '\n';
  log_.flush();
}

void RunFolder::write_json(const std::string& name, const nlohmann::json& value) const {
  write_json_file(file(name), value);
}

}  // namespace hrsnn::io
