/// \file types.hpp
/// \brief What flows through an optimisation: candidates, evaluation results, journal records.
#pragma once

#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <string>

#include <Eigen/Core>

#include "bo/space.hpp"

namespace hrsnn::bo {

/// Outcome of one objective evaluation.
struct EvalResult {
  double objective = std::numeric_limits<double>::quiet_NaN();  ///< value (NaN = failed)
  std::map<std::string, double> metrics;                        ///< extra numbers to journal
  std::string status = "ok";                                    ///< "ok" or "failed"
  std::string error;                                            ///< why it failed
  /// True when the evaluation counts for the GP (status ok and a finite objective).
  bool ok() const { return status == "ok" && std::isfinite(objective); }
};

/// The objective: parameters and a per-evaluation seed in, result out. Thrown exceptions and
/// non-finite objectives are turned into failed results by the evaluators.
using Objective = std::function<EvalResult(const ParamMap&, std::uint64_t seed)>;

/// One point to evaluate, identified by its synchronous round and index within the round.
struct Candidate {
  int round = 0;            ///< 0 = initial design, then one round per q batch
  int index = 0;            ///< position in the round (journal order)
  int eval_id = 0;          ///< global evaluation number
  std::uint64_t seed = 0;   ///< seed handed to the objective
  Eigen::VectorXd unit;     ///< point in the unit cube (canonical)
  ParamMap params;          ///< the same point in parameter units
};

/// One journal line: a candidate with its result.
struct Record {
  Candidate cand;        ///< what was evaluated
  EvalResult result;     ///< what came back
  double wall_s = 0.0;   ///< evaluation wall time (not used by proposals)
};

/// Runs the objective, converting exceptions and non-finite values into failed results.
EvalResult safe_evaluate(const Objective& f, const Candidate& c);

}  // namespace hrsnn::bo
