/// \file config_fuzz.cpp
/// \brief Fuzzes the TOML config path: the input is a config file, optionally followed by a
/// line "#--set" and one `--set` assignment per line; the config is read as `hrsnn run` reads
/// it (experiments::read_experiment, unknown keys, dump) and as `hrsnn optimize` reads its
/// [space] and [bo] tables.
#include "bo/config_toml.hpp"
#include "experiments/task_config.hpp"
#include "fuzz_util.hpp"
#include "io/config.hpp"

#include <cmath>
#include <cstdlib>

namespace {

// Work sizes are the user's to choose (a series of 2^30 samples takes long to generate and
// needs gigabytes); the target keeps them small so that a slow input means a slow parser.
bool affordable(const hrsnn::io::Config& cfg) {
  hrsnn::io::Config probe = cfg;
  for (const char* key : {"task.train", "task.test", "task.washout", "task.max_delay", "task.stdp_sequences"}) {
    if (!probe.has(key)) continue;
    try {
      if (std::abs(probe.number(key, 0.0)) > 20000) return false;
    } catch (const hrsnn::InputError&) {
    }
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  // Data sets resolve to a folder that does not exist: loaders fail at once instead of
  // reading the shared data on every run.
  ::setenv("HRSNN_DATA_DIR", "/nonexistent/hrsnn-fuzz-data", 1);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace hrsnn;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  // A path key would make the target read whatever file the input names (/dev/zero too):
  // that is the user's choice of file, not a parser input.
  if (text.find("path") != std::string_view::npos) return 0;
  const auto parts = fuzz::split_at_line(text, "#--set");  // not a structured binding: clang 14 cannot capture one
  const std::string_view toml_text = parts.first, sets = parts.second;
  fuzz::expect_only_input_errors([&] {
    io::Config cfg = io::Config::from_string(std::string(toml_text), "fuzz.toml");
    std::size_t start = 0;
    while (start < sets.size()) {
      std::size_t nl = sets.find('\n', start);
      if (nl == std::string_view::npos) nl = sets.size();
      if (nl > start) cfg.set(std::string(sets.substr(start, nl - start)));
      start = nl + 1;
    }
    if (!affordable(cfg)) return;
    experiments::read_experiment(cfg);
    cfg.reject_unknown_keys();
    (void)cfg.dump();
  });
  fuzz::expect_only_input_errors([&] {
    toml::table root;
    try {
      root = toml::parse(toml_text, std::string_view("fuzz.toml"));
    } catch (const toml::parse_error&) {
      return;  // the file readers turn this into an InputError naming file and line
    }
    if (const auto space = bo::read_space(root, "fuzz.toml")) bo::read_bo_config(root, "fuzz.toml", *space);
  });
  return 0;
}
