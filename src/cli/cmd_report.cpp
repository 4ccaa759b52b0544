/// \file cmd_report.cpp
/// \brief `hrsnn report RUN_DIR`: figures (PNG + SVG) and index.html of a run folder.
///
/// The drawing is done by scripts/report/render.py with Debian's matplotlib (/usr/bin/python3);
/// this file only checks the arguments, finds the interpreter and the script, and runs it.
/// The script is looked up, in order, at $HRSNN_SCRIPTS_DIR/report/render.py (or
/// $HRSNN_SCRIPTS_DIR/render.py), <exe>/../../../scripts/report/render.py (a build tree beside
/// the sources: <build>/src/cli/hrsnn), the source folder named in <exe>/../../CMakeCache.txt
/// (a build tree elsewhere) and <exe>/../share/hrsnn/scripts/report/render.py (an installed
/// tree); a compile definition HRSNN_SOURCE_DIR, when given, is tried first after the variable. Exit status: the script's (0 done, 2 bad input or no matplotlib), 2 when
/// the folder, the interpreter or the script is missing.
#include "cli/commands.hpp"
#include "core/error.hpp"
#include "io/run_folder.hpp"

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <vector>

extern char** environ;

namespace hrsnn::cli {

/// Adds `hrsnn report RUN_DIR [--out DIR] [--strict] [--quiet]`.
void add_report_command(CLI::App& app, Action& action);

namespace {

namespace fs = std::filesystem;

struct ReportArgs {
  std::string run_dir;
  std::string out;
  bool strict = false;
  bool quiet = false;
};

fs::path executable_dir() {
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::path() : exe.parent_path();
}

// A build tree outside the sources (cmake -S src -B elsewhere) records the source folder in its
// CMakeCache.txt; reading it finds the scripts without any compile-time path.
std::string source_dir_of_build(const fs::path& build_dir) {
  std::ifstream cache(build_dir / "CMakeCache.txt");
  const std::string key = "CMAKE_HOME_DIRECTORY:INTERNAL=";
  for (std::string line; std::getline(cache, line);)
    if (line.rfind(key, 0) == 0) return line.substr(key.size());
  return {};
}

// The first candidate that exists; the error lists every place looked at so a user can fix it.
fs::path find_script() {
  std::vector<fs::path> candidates;
  if (const char* env = std::getenv("HRSNN_SCRIPTS_DIR"); env && *env) {
    candidates.push_back(fs::path(env) / "report" / "render.py");
    candidates.push_back(fs::path(env) / "render.py");
  }
#ifdef HRSNN_SOURCE_DIR
  candidates.push_back(fs::path(HRSNN_SOURCE_DIR) / "scripts" / "report" / "render.py");
#endif
  const fs::path exe_dir = executable_dir();
  if (!exe_dir.empty()) {
    candidates.push_back(exe_dir / ".." / ".." / ".." / "scripts" / "report" / "render.py");
    if (const std::string src = source_dir_of_build(exe_dir / ".." / ".."); !src.empty())
      candidates.push_back(fs::path(src) / "scripts" / "report" / "render.py");
    candidates.push_back(exe_dir / ".." / "share" / "hrsnn" / "scripts" / "report" / "render.py");
  }
  std::string looked;
  for (const fs::path& c : candidates) {
    std::error_code ec;
    if (fs::is_regular_file(c, ec)) return fs::weakly_canonical(c, ec);
    looked += "\n  " + c.lexically_normal().string();
  }
  throw InputError("cannot find the report renderer scripts/report/render.py; looked at:" + looked +
                   "\nset HRSNN_SCRIPTS_DIR to the scripts/ folder of the hrsnn sources");
}

std::string find_python() {
  const char* env = std::getenv("HRSNN_PYTHON");
  const std::string python = env && *env ? env : "/usr/bin/python3";
  require(::access(python.c_str(), X_OK) == 0,
          python + " not found or not executable; hrsnn report draws with matplotlib under Debian's python3 "
                   "(apt install python3 python3-matplotlib python3-numpy), or set HRSNN_PYTHON");
  return python;
}

void check_run_dir(const std::string& dir) {
  std::error_code ec;
  require(fs::exists(dir, ec), "run folder '" + dir + "' does not exist");
  require(fs::is_directory(dir, ec), "'" + dir + "' is not a folder; give a run folder written by an hrsnn command");
  require(fs::exists(fs::path(dir) / "run.json", ec) || fs::exists(fs::path(dir) / "journal.jsonl", ec),
          "'" + dir + "' is not an hrsnn run folder (no run.json or journal.jsonl)");
}

// Last-modification time of every file directly in `dir` except the manifest (none when absent).
std::map<std::string, fs::file_time_type> modification_times(const fs::path& dir) {
  std::map<std::string, fs::file_time_type> out;
  std::error_code ec;
  for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec))
    if (it->is_regular_file(ec) && it->path().filename() != io::kManifestName)
      out[it->path().filename().string()] = it->last_write_time(ec);
  return out;
}

// Runs argv without a shell (no quoting problems with paths) and returns its exit status.
int run_process(const std::vector<std::string>& argv) {
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  if (posix_spawn(&pid, args[0], nullptr, nullptr, args.data(), environ) != 0)
    throw InputError("cannot start " + argv[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) throw std::runtime_error("waitpid failed for " + argv[0]);
  }
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  return 1;  // killed by a signal
}

int run_report(const ReportArgs& a) {
  check_run_dir(a.run_dir);
  const std::string python = find_python();
  const fs::path script = find_script();
  std::vector<std::string> argv = {python, script.string(), a.run_dir};
  if (!a.out.empty()) argv.insert(argv.end(), {"--out", a.out});
  if (a.strict) argv.push_back("--strict");
  if (a.quiet) argv.push_back("--quiet");
  const fs::path out = a.out.empty() ? fs::path(a.run_dir) / "report" : fs::path(a.out);
  const auto before = modification_times(out);
  const int rc = run_process(argv);
  // The renderer's files go into the report folder's manifest, so `--force` on the run folder
  // removes them and nothing a user put beside them.
  std::error_code ec;
  if (fs::is_directory(out, ec)) {
    for (const auto& [name, when] : modification_times(out)) {
      const auto it = before.find(name);
      if (it == before.end() || it->second != when) io::record_written(out, name);
    }
    if (a.out.empty()) io::record_written(a.run_dir, "report/");
  }
  return rc;
}

}  // namespace

void add_report_command(CLI::App& app, Action& action) {
  auto args = std::make_shared<ReportArgs>();
  CLI::App* cmd = app.add_subcommand(
      "report",
      "Render a run folder's figures (PNG and SVG) and an index.html beside its metrics (docs/report.md).\n"
      "Works on simulate, run, mc, optimize and reproduce folders; needs /usr/bin/python3 with matplotlib.\n"
      "Example: hrsnn report runs/mc   (then open runs/mc/report/index.html)");
  cmd->add_option("RUN_DIR", args->run_dir, "Run folder written by an hrsnn command (holds run.json)")->required();
  cmd->add_option("--out", args->out, "Report folder (default RUN_DIR/report)");
  cmd->add_flag("--strict", args->strict, "Exit 1 when any figure fails instead of skipping it");
  cmd->add_flag("--quiet", args->quiet, "No progress line");
  cmd->callback([args, &action] { action = [args] { return run_report(*args); }; });
}

}  // namespace hrsnn::cli
