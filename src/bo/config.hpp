/// \file config.hpp
/// \brief Settings of a BO run: one table of defaults (the [bo] section of `hrsnn optimize`).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "bo/acquisition/maximize.hpp"
#include "bo/constraint.hpp"
#include "bo/gp.hpp"
#include "bo/kernel/w2_distribution.hpp"

namespace hrsnn::bo {

/// Which acquisition function picks candidates.
enum class AcqKind { LogEI, UCB };

/// Everything that determines the candidates (with the seed and the journal).
struct BoConfig {
  int budget = 50;                 ///< total evaluations, initial design included
  int n_initial = 10;              ///< initial design size (one round)
  int q = 1;                       ///< candidates per BO round (Kriging believer)
  AcqKind acquisition = AcqKind::LogEI;  ///< log-EI (default) or UCB
  double ucb_beta = 4.0;           ///< UCB exploration weight beta (sd multiplier sqrt(beta))
  std::string initial_design = "sobol";  ///< "sobol" (scrambled) or "lhs"
  bool maximize = false;           ///< maximise the objective instead of minimising it
  int max_consecutive_failures = 10;  ///< stop after this many failed evaluations in a row
  std::uint64_t seed = 0;          ///< root seed of the run
  GpFitOptions gp;                 ///< hyperparameter fit bounds and restarts
  AcqSearchOptions acq;            ///< acquisition search effort
  std::vector<kernel::FamilySpec> families;  ///< empty: ARD kernel; else the W2 kernel
  std::vector<Constraint> constraints;       ///< black-box constraints (log-EI x P(feasible))
  double feasibility_probability = 0.95;     ///< P(feasible) an incumbent or winner must reach
  std::vector<std::string> pareto_metrics;   ///< extra minimised objectives (ParEGO); empty: single-objective
  std::vector<double> pareto_reference;      ///< hypervolume reference, objective first, user's sense (empty: derived)
  std::string pareto_method = "auto";        ///< "ehvi" (two objectives), "parego", or "auto" (ehvi for two, else parego)
};

/// Whether a [bo.pareto] search uses exact two-objective EHVI (else ParEGO).
bool pareto_uses_ehvi(const BoConfig& c);

/// Checks ranges (budget >= n_initial >= 1, q >= 1, ...); throws InputError naming the key.
void validate(const BoConfig& c);

/// Canonical text of every setting that affects proposals, except the budget (which a resumed
/// run may extend); journals store it and resume refuses a mismatch.
std::string proposal_signature(const BoConfig& c);

}  // namespace hrsnn::bo
