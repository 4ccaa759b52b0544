// Helpers shared by the bo tests: temporary run folders, Branin runs, journal comparison.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bo/optimizer.hpp"
#include "bo/test_functions.hpp"

namespace bo_test {

inline std::filesystem::path fresh_dir(const std::string& name) {
  auto p = std::filesystem::temp_directory_path() / ("hrsnn_bo_" + name + "_" + std::to_string(::getpid()));
  std::filesystem::remove_all(p);
  std::filesystem::create_directories(p);
  return p;
}

inline hrsnn::bo::BoConfig small_config(int budget, int q, std::uint64_t seed) {
  hrsnn::bo::BoConfig c;
  c.budget = budget;
  c.n_initial = 6;
  c.q = q;
  c.seed = seed;
  c.gp.restarts = 1;
  c.acq.n_global = 256;
  c.acq.n_local = 2;
  c.acq.local_evals = 60;
  return c;
}

inline hrsnn::bo::Objective branin_objective() {
  const auto tf = hrsnn::bo::make_test_function("branin");
  return [tf](const hrsnn::bo::ParamMap& p, std::uint64_t) {
    hrsnn::bo::EvalResult r;
    r.objective = tf(p);
    r.metrics["x0_squared"] = p.at("x0") * p.at("x0");
    return r;
  };
}

/// Journal lines as JSON, wall times removed (the only field allowed to differ between runs).
inline std::vector<nlohmann::json> journal_without_wall(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::vector<nlohmann::json> out;
  std::string line;
  while (std::getline(in, line)) {
    auto j = nlohmann::json::parse(line);
    j.erase("wall_s");
    out.push_back(j);
  }
  return out;
}

}  // namespace bo_test
