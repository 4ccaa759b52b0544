/// \file report.hpp
/// \brief Files a finished run leaves next to its journal: convergence table and best configuration.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "bo/types.hpp"

namespace hrsnn::bo {

/// CSV with one row per evaluation: eval,round,index,status,objective,best_so_far,wall_s.
void write_convergence_csv(const std::filesystem::path& path, const std::vector<Record>& records, bool maximize);
/// TOML with the best evaluation: [best] eval, objective, metrics and [best.params]; if
/// `runnable` is non-empty it is appended (a config the objective's owner can run directly).
void write_best_toml(const std::filesystem::path& path, const Record& best, const std::string& runnable);

}  // namespace hrsnn::bo
