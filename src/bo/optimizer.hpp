/// \file optimizer.hpp
/// \brief The BO loop: propose a round, evaluate it, journal it in candidate order, repeat.
///
/// Resume: the journal's records are the history; the first incomplete round is proposed again
/// from the rounds before it (identical by determinism, checked against the journaled ones) and
/// only its missing candidates are evaluated. The final journal therefore equals an
/// uninterrupted run's, apart from wall times.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "bo/config.hpp"
#include "bo/evaluator.hpp"
#include "bo/journal.hpp"
#include "bo/space.hpp"

namespace hrsnn::bo {

/// Progress after each journaled evaluation.
struct Progress {
  int done = 0;              ///< evaluations in the journal
  int budget = 0;            ///< total planned
  int best_eval = -1;        ///< eval id of the best successful evaluation so far (-1: none)
  double best = 0.0;         ///< its objective (in the user's sense: max if maximising)
  double eta_s = 0.0;        ///< estimated seconds to finish, from this session's pace
};

/// Where and how to run.
struct RunOptions {
  std::filesystem::path journal;  ///< journal file (in the run folder)
  bool resume = false;            ///< continue an existing journal
  nlohmann::json header_extra;    ///< stored in the journal header (objective name, ...)
  std::function<void(const Record&, const Progress&)> on_record;  ///< progress callback
  std::function<void(const std::string&)> on_warning;             ///< e.g. torn line dropped
};

/// How a run ended.
struct RunSummary {
  std::vector<Record> records;   ///< the whole journal, in order
  bool stopped_on_failures = false;  ///< the consecutive-failure limit was hit
  std::string message;           ///< human-readable ending
  int best_index = -1;           ///< index in `records` of the winner (constrained_winner)
};

/// Runs (or resumes) an optimisation to its budget. Throws InputError on bad settings or a
/// journal that does not match.
RunSummary run_optimization(const SearchSpace& space, const BoConfig& config, Evaluator& evaluator,
                            const RunOptions& options);

/// Index of the best successful record (-1 if none), honouring config.maximize.
int best_record(const std::vector<Record>& records, bool maximize);
/// Index of the best record whose observed metrics meet every constraint (-1 if none); the
/// progress line's "best" (the reported winner is constrained_winner's, in proposal.hpp).
int best_feasible_record(const std::vector<Record>& records, const BoConfig& config);

}  // namespace hrsnn::bo
