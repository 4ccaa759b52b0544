/// \file bo_objectives.hpp
/// \brief `hrsnn optimize` objectives that search HRSNN heterogeneity (docs/model.md §6).
///
/// The search space holds the parameters of the laws per-neuron and per-synapse values are
/// drawn from: mean and CV of tau_m (E and I), of v_th − v_rest (shared by E and I) and of the
/// four STDP parameters. Laws are gamma and untruncated unless a [[bo.family]] of the same name
/// declares another law kind or bounds: then the candidate's laws carry that kind and those
/// bounds, so the network draws from the laws the W2 kernel compared. Objectives:
///   hrsnn_mc          maximise Ē = mean C/S subject to C̄ ≥ ratio·C_ref, C_ref = the corrected
///                     capacity of the MRSNN (every CV 0, base means) on the same seeds and size,
///                     measured once when the objective is built. The bound is a hard constraint
///                     (bo/constraint.hpp: its own GP, log-EI × P(feasible)), not a penalty.
///   hrsnn_prediction  minimise mean NRMSE at `horizon` on a validation split carved from the end
///   hrsnn_lorenz      of the training part (the test split is kept for re-evaluation);
///                     hrsnn_lorenz is hrsnn_prediction with task = "lorenz".
///   hrsnn_classification  maximise validation accuracy (task = "fsdd" or "ucr", the task's own
///                     validation split: task.validation = true).
/// Task objectives carry the paper's spike budget: S̄ ≤ spike_budget·S_ref (default 1: no more
/// spikes than the MRSNN on the same seeds), or S̄ ≤ max_S; mc has none unless one is given.
/// homogeneous = true searches the means only (every CV fixed at 0): BO-MRSNN.
/// Every evaluation uses the same network seeds (paired with C_ref); the BO seed is unused.
#pragma once

#include "bo/kernel/w2_distribution.hpp"
#include "bo/objective_registry.hpp"
#include "experiments/task_result.hpp"
#include "io/config.hpp"

#include <nlohmann/json.hpp>
#include <toml++/toml.h>

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace hrsnn::experiments {

/// Registers hrsnn_mc, hrsnn_prediction, hrsnn_lorenz and hrsnn_classification with bo::register_objective.
void register_hrsnn_objectives();

/// True for the names register_hrsnn_objectives adds.
bool is_hrsnn_objective(const std::string& name);

/// The seven law families searched (tau_m_e, tau_m_i, v_th, tau_plus, tau_minus, eta_plus, eta_minus).
const std::vector<std::string>& hrsnn_families();

/// The default space: <family>_mean (log scale) and, unless homogeneous, <family>_cv (linear, from 0).
bo::SearchSpace hrsnn_default_space(bool homogeneous);

/// The settings an [objective] table gives (validated; see docs/bo-hrsnn.md for the keys).
struct HrsnnObjectiveSettings {
  std::string name;                      ///< objective name
  std::string kind = "mc";               ///< mc | lorenz | mackey-glass | fsdd | ucr
  std::string base_text;                 ///< TOML of the base config (`config = "file"`), may be empty
  std::string base_source = "<objective>";  ///< its file name, for messages
  std::vector<std::string> sets;         ///< `set = ["network.n=500", ...]` overrides
  std::vector<std::uint64_t> seeds = {1, 2};          ///< network seeds of every evaluation
  std::vector<std::uint64_t> reeval_seeds = {101, 102, 103, 104, 105};  ///< fresh seeds
  bool homogeneous = false;              ///< BO-MRSNN: CVs fixed at 0
  double c_ratio = 0.9;                  ///< mc constraint C ≥ c_ratio · C_ref (0: none)
  double spike_budget = 1.0;             ///< constraint S ≤ spike_budget · S_ref (NaN: none)
  double max_S = std::nan("");           ///< constraint S ≤ max_S instead (NaN: not used)
  int horizon = 1;                       ///< prediction horizon scored
  double validation = 0.2;               ///< fraction of the training part used for validation
  /// [[bo.family]] declarations named after HRSNN families: their law kind, bounds and fixed
  /// mean/CV replace the gamma default, because the network must draw from the laws the W2
  /// kernel compares. Empty (the ARD kernel, or none bound yet): every law gamma, untruncated.
  std::vector<bo::kernel::FamilySpec> families;
};

/// Reads an [objective] table (relative `config` paths resolve against config_dir).
HrsnnObjectiveSettings read_hrsnn_settings(const std::string& name, const toml::table& objective,
                                           const std::filesystem::path& config_dir);

/// Checks `families` against the HRSNN families and the base config, then stores them in s:
/// each must name an HRSNN family, fix no CV > 0 when homogeneous, and give laws the network
/// config accepts at the space's corners and centre (InputError naming the family and the key).
void bind_families(HrsnnObjectiveSettings& s, const bo::SearchSpace& space, const std::vector<bo::kernel::FamilySpec>& families);

/// bind_families with the [[bo.family]] tables of an optimize config (its [space], else the
/// default space), for re-evaluations that read the config file again.
void bind_families_of(HrsnnObjectiveSettings& s, const toml::table& root, const std::filesystem::path& config_file);

/// Which split an evaluation is scored on.
enum class Split { Validation, Test };

/// The full config of parameters `p` (missing means: the base's; missing CVs: 0) on `split`;
/// a family bound in s.families gets its declared law kind, bounds and fixed values.
io::Config hrsnn_config(const HrsnnObjectiveSettings& s, const bo::ParamMap& p, Split split);

/// The constraints of an objective, from its MRSNN reference runs on the objective's seeds
/// (capacity for mc, the spike budget for tasks); InputError if no MRSNN seed meets the budget.
std::vector<bo::Constraint> hrsnn_constraints(const HrsnnObjectiveSettings& s, const std::vector<TaskResult>& mrsnn);

/// Re-evaluates parameters `best` on the fresh seeds and the test split, beside the MRSNN and the
/// hand-set HeNHeS on the same seeds, with paired one-sided t-tests; writes reevaluation.json and
/// best_config.toml (a complete `hrsnn run` config) into run_dir when it is not empty.
nlohmann::json reevaluate_best(const HrsnnObjectiveSettings& s, const bo::ParamMap& best,
                               const std::filesystem::path& run_dir, int threads = 1);

/// Re-evaluates a finished `hrsnn optimize` run: reads [objective] from config_file and
/// [best.params] from run_dir/best.toml, then calls reevaluate_best.
nlohmann::json reevaluate_run(const std::filesystem::path& config_file, const std::filesystem::path& run_dir,
                              int threads = 1);

}  // namespace hrsnn::experiments
