/// \file reproduce.hpp
/// \brief `hrsnn reproduce`: the paper's comparison end to end, as resumable sub-run folders.
///
/// Steps (quick mode sizes; full mode in docs/reproduce.md): memory capacity, Lorenz-63,
/// Mackey–Glass and FSDD for MRSNN, HeNHoS, HoNHeS, HeNHeS on paired seeds; BO-HRSNN and
/// BO-MRSNN (same budget) per C4 task (validation score subject to S <= S(MRSNN)) at the
/// comparison's size, winners re-evaluated on the comparison's seeds and the test split.
/// claims.json: {mode, claims: [C1 capacity-up, C2 spikes-down, C3 efficiency-up,
/// C4 bo-beats-mrsnn]}, each with the compared values, the test, its p-value and `holds`.
/// A finished step (summary.json present) is skipped on --resume, an unfinished one resumed.
#pragma once

#include "io/run_folder.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <functional>

namespace hrsnn::experiments {

/// How `hrsnn optimize` is run for a BO step: (config file, run folder, resume).
using BoRunner = std::function<void(const std::filesystem::path&, const std::filesystem::path&, bool)>;

/// Settings of a reproduction.
struct ReproduceOptions {
  bool quick = true;                      ///< quick (minutes) or full (hours) mode
  int threads = 2;                        ///< networks simulated at once
  std::filesystem::path out;              ///< top run folder
  io::ExistingFolder mode = io::ExistingFolder::Refuse;
  BoRunner run_bo;                        ///< runs one optimisation
};

/// The expected wall time in seconds on 2 cores (printed before a full run starts).
double expected_seconds(const ReproduceOptions& o);

/// Runs every step and returns claims.json's content.
nlohmann::json run_reproduce(const ReproduceOptions& o);

}  // namespace hrsnn::experiments
