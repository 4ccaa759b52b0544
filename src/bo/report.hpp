/// \file report.hpp
/// \brief Files a finished run leaves next to its journal: convergence table and best configuration.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "bo/config.hpp"
#include "bo/types.hpp"

namespace hrsnn::bo {

/// CSV with one row per evaluation: eval,round,index,status,objective,best_so_far,wall_s.
void write_convergence_csv(const std::filesystem::path& path, const std::vector<Record>& records, bool maximize);
/// TOML with the best evaluation: [best] eval, objective, metrics and [best.params]; if
/// `runnable` is non-empty it is appended (a config the objective's owner can run directly).
void write_best_toml(const std::filesystem::path& path, const Record& best, const std::string& runnable);

/// A multi-objective run's front and its growth.
struct ParetoSummary {
  Eigen::VectorXd reference;          ///< hypervolume reference, minimised sense
  std::vector<int> front;             ///< indices into the records of the final front
  std::vector<double> hypervolume;    ///< after each record (same length as the records)
};
/// The front of the successful (and, with constraints, observed-feasible) records and the
/// hypervolume after each evaluation against `reference_user` (user's sense, objective first).
ParetoSummary pareto_summary(const BoConfig& c, const std::vector<Record>& records, const std::vector<double>& reference_user);
/// The reference a run uses when none is configured: per objective the worst value seen plus 10 % of
/// its observed range (minimised sense), returned in the user's sense.
std::vector<double> derived_reference(const BoConfig& c, const std::vector<Record>& records);
/// pareto.csv (front: eval, objective, each metric, each parameter) and hypervolume.csv (eval, hypervolume).
void write_pareto_files(const std::filesystem::path& dir, const BoConfig& c, const std::vector<Record>& records,
                        const ParetoSummary& p);

}  // namespace hrsnn::bo
