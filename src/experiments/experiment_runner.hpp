/// \file experiment_runner.hpp
/// \brief One comparison run folder from a config: what `hrsnn run`, `hrsnn mc` and each step of
/// `hrsnn reproduce` do (config.toml, runs.jsonl, summary.json, claims.json, summary.csv, log).
#pragma once

#include "experiments/comparison.hpp"
#include "io/config.hpp"
#include "io/run_folder.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>

namespace hrsnn::experiments {

/// The outcome of one run folder.
struct ExperimentOutcome {
  Comparison comparison;   ///< per variant and seed
  nlohmann::json summary;  ///< summarize(comparison)
  nlohmann::json claims;   ///< test_claims(comparison) (C1–C3 for memory-capacity runs)
  std::string kind;        ///< task kind
};

/// Reads the experiment from `cfg` (rejecting unknown keys), runs it into `out` (resuming
/// finished jobs when mode is Resume, after checking the settings are unchanged), writes every
/// output file and shows progress on stderr.
ExperimentOutcome run_experiment_folder(io::Config& cfg, const std::filesystem::path& out, io::ExistingFolder mode,
                                        const std::string& command);

}  // namespace hrsnn::experiments
