/// \file proposal.hpp
/// \brief Candidates of a synchronous round as a pure function of (space, config, history).
///
/// Round 0 is the initial design (scrambled Sobol or LHS, seeded by the run seed). Round r >= 1
/// fits the GP to the successful evaluations of earlier rounds (outputs standardised, minimised:
/// a maximised objective is negated), then picks q points one by one, each maximising the
/// acquisition and then added to the GP at its posterior mean (Kriging believer, Ginsbourger et
/// al. 2010). Every random source (GP restarts, acquisition search) is seeded by
/// derive_seed(run seed, round, index): nothing depends on timing or on the number of workers.
///
/// With constraints (bo/constraint.hpp), each constraint's slack gets its own GP (same kernel) and
/// the acquisition is log EI + sum_k log P(g_k <= 0) (Gardner et al. 2014, in log space so that
/// neither factor underflows), the EI incumbent being the best posterior mean among evaluated
/// points with P(feasible) >= the configured level; while no point qualifies, the acquisition is
/// log P(feasible) alone.
///
/// With [bo.pareto] metrics, each round's GP models the ParEGO scalarisation of (objective,
/// metrics) under that round's simplex weights (bo/pareto.hpp) instead of the objective.
#pragma once

#include <functional>
#include <span>
#include <vector>

#include "bo/config.hpp"
#include "bo/gp.hpp"
#include "bo/space.hpp"
#include "bo/types.hpp"

namespace hrsnn::bo {

/// Global evaluation number of the first candidate of round r.
int first_eval_id(const BoConfig& c, int round);
/// Number of rounds the budget allows (initial design + ceil((budget - initial) / q)).
int round_count(const BoConfig& c);
/// Number of candidates in round r (the last round may be short).
int round_size(const BoConfig& c, int round);
/// Candidates of round r given the records of rounds < r (records of later rounds are ignored).
std::vector<Candidate> propose_round(const SearchSpace& space, const BoConfig& c,
                                     const std::vector<Record>& history, int round);
/// The objectives of the successful records that report every Pareto metric, minimised sense
/// (a maximised objective negated), objective first; `rows` receives their indices in `records`.
Eigen::MatrixXd pareto_points(const BoConfig& c, std::span<const Record* const> records, std::vector<int>* rows);
/// pareto_points over every record of `records`.
Eigen::MatrixXd pareto_points(const BoConfig& c, const std::vector<Record>& records, std::vector<int>* rows);
/// Index of the best successful record by its observed objective among those `admit` accepts
/// (all when empty); -1 if none.
int best_observed(const std::vector<Record>& records, bool maximize,
                  const std::function<bool(const Record&)>& admit = {});
/// The reported winner: without constraints the best observed record; with constraints the
/// record with the best posterior mean among those with P(feasible) >= c.feasibility_probability
/// under GPs fitted to every record (-1 when no record qualifies).
int constrained_winner(const SearchSpace& space, const BoConfig& c, const std::vector<Record>& records);

/// What the constraint GPs fitted to every record (as for the reported winner) say at some points.
struct FeasibilityPosterior {
  Eigen::MatrixXd slack_mean;        ///< points x constraints: posterior mean of each slack
  Eigen::MatrixXd slack_var;         ///< points x constraints: latent posterior variance
  Eigen::VectorXd log_feasibility;   ///< per point: sum over constraints of log P(slack <= 0)
  std::vector<GpHyper> hyper;        ///< fitted hyperparameters of each constraint's GP
  std::vector<double> jitter;        ///< diagonal jitter each factorisation needed
};
/// Fits the constraint GPs to `records` and predicts at the unit points `U` (one per row), so
/// users and reference tests can inspect the feasibility model the winner is chosen with.
FeasibilityPosterior feasibility_posterior(const SearchSpace& space, const BoConfig& c,
                                           const std::vector<Record>& records, const Eigen::MatrixXd& U);

}  // namespace hrsnn::bo
