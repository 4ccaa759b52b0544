#include "bo/config.hpp"

#include <cmath>
#include <sstream>

#include "core/error.hpp"

namespace hrsnn::bo {

void validate(const BoConfig& c) {
  require(c.n_initial >= 1, "[bo] initial must be >= 1, got " + std::to_string(c.n_initial));
  require(c.budget >= c.n_initial, "[bo] budget (" + std::to_string(c.budget) + ") must be >= initial (" +
                                       std::to_string(c.n_initial) + ")");
  require(c.q >= 1, "[bo] q must be >= 1, got " + std::to_string(c.q));
  require(c.ucb_beta > 0.0, "[bo] ucb_beta must be > 0");
  require(c.initial_design == "sobol" || c.initial_design == "lhs",
          "[bo] initial_design must be \"sobol\" or \"lhs\", got \"" + c.initial_design + "\"");
  require(c.max_consecutive_failures >= 1, "[bo] max_consecutive_failures must be >= 1");
  require(c.gp.restarts >= 0, "[bo] gp_restarts must be >= 0");
  require(c.acq.n_global >= 1 && c.acq.n_local >= 1, "[bo] acquisition search sizes must be >= 1");
  require(c.feasibility_probability > 0.0 && c.feasibility_probability < 1.0,
          "[bo] feasibility_probability must lie in (0, 1)");
  require(c.constraints.empty() || c.acquisition == AcqKind::LogEI,
          "[bo] constraints need acquisition = \"log_ei\" (log-EI x probability of feasibility)");
  validate_constraints(c.constraints);
  require(c.pareto_metrics.empty() || c.acquisition == AcqKind::LogEI, "[bo.pareto] needs acquisition = \"log_ei\"");
  require(c.pareto_reference.empty() || c.pareto_reference.size() == c.pareto_metrics.size() + 1,
          "[bo.pareto] reference: needs " + std::to_string(c.pareto_metrics.size() + 1) +
              " numbers (the objective, then each metric), got " + std::to_string(c.pareto_reference.size()));
  for (double r : c.pareto_reference) require(std::isfinite(r), "[bo.pareto] reference: numbers must be finite");
  require(c.pareto_method == "auto" || c.pareto_method == "ehvi" || c.pareto_method == "parego",
          "[bo.pareto] method: must be \"auto\", \"ehvi\" or \"parego\", got \"" + c.pareto_method + "\"");
  require(c.pareto_method != "ehvi" || c.pareto_metrics.size() == 1,
          "[bo.pareto] method = \"ehvi\": exact EHVI is for two objectives (one metric), got " +
              std::to_string(c.pareto_metrics.size() + 1) + "; use \"parego\"");
}

bool pareto_uses_ehvi(const BoConfig& c) {
  return c.pareto_metrics.size() == 1 && (c.pareto_method == "ehvi" || c.pareto_method == "auto");
}

std::string proposal_signature(const BoConfig& c) {
  std::ostringstream s;
  s.precision(17);
  s << "seed=" << c.seed << ";initial=" << c.n_initial << ";q=" << c.q
    << ";acq=" << (c.acquisition == AcqKind::LogEI ? "log_ei" : "ucb") << ";beta=" << c.ucb_beta
    << ";design=" << c.initial_design << ";maximize=" << c.maximize << ";gp=" << c.gp.log_lengthscale_min << ','
    << c.gp.log_lengthscale_max << ',' << c.gp.log_signal_min << ',' << c.gp.log_signal_max << ','
    << c.gp.log_noise_min << ',' << c.gp.log_noise_max << ',' << c.gp.restarts << ',' << c.gp.max_evals
    << ";acqsearch=" << c.acq.n_global << ',' << c.acq.n_local << ',' << c.acq.local_evals << ";kernel=";
  if (c.families.empty()) s << "matern52_ard";
  for (const auto& f : c.families) {
    s << "w2:" << f.name << ':' << law_kind_name(f.kind) << ':' << f.mean_param << ':' << f.mean_fixed << ':'
      << f.cv_param << ':' << f.cv_fixed << ':' << (f.lo ? *f.lo : -1e308) << ':' << (f.hi ? *f.hi : 1e308) << ',';
  }
  // Appended only when present, so journals written before constraints existed still resume.
  if (!c.constraints.empty()) {
    s << ";constraints=";
    for (const auto& k : c.constraints) s << describe(k) << '@' << k.bound << ',';
    s << ";pfeas=" << c.feasibility_probability;
  }
  if (!c.pareto_metrics.empty()) {
    s << ";pareto=";
    for (const auto& m : c.pareto_metrics) s << m << ',';
    if (pareto_uses_ehvi(c)) s << ";pareto_method=ehvi";  // absent for ParEGO, as journals before EHVI
  }
  return s.str();
}

}  // namespace hrsnn::bo
