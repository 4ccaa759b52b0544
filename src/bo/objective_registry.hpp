/// \file objective_registry.hpp
/// \brief Named objectives `hrsnn optimize` can run: built-in benchmarks plus registered ones.
///
/// The simulator registers its HRSNN objectives here (e.g. "hrsnn_memory_capacity"), so the bo
/// module never depends on the simulator. A factory receives the config file's [objective]
/// table and the config's folder (to resolve relative paths).
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <toml++/toml.h>

#include "bo/constraint.hpp"
#include "bo/kernel/w2_distribution.hpp"
#include "bo/space.hpp"
#include "bo/types.hpp"

namespace hrsnn::bo {

/// What a factory builds from the [objective] table.
struct ObjectiveSpec {
  Objective evaluate;                      ///< the objective itself (must be thread-safe)
  bool maximize = false;                   ///< default direction (the [bo] maximize key overrides)
  std::optional<SearchSpace> default_space;  ///< used when the config has no [space]
  /// Optional: the best parameters as a runnable config file text (else best.toml lists them).
  std::function<std::string(const ParamMap&)> runnable_config;
  /// Constraints the objective itself imposes (e.g. a spike budget measured on its reference
  /// network); [[bo.constraint]] entries of the config are added to them.
  std::vector<Constraint> constraints;
  /// Names of the metrics it reports (constraints must name one of them; nullopt = unchecked).
  std::optional<std::vector<std::string>> metrics;
  /// Values of a reference configuration (key "objective" for the objective, else metric names);
  /// a multi-objective run without a configured reference uses them, each made 10 % worse.
  std::map<std::string, double> reference_values;
  /// Optional: receives the space and the [[bo.family]] declarations before any evaluation, so
  /// the objective draws from the very laws the W2 kernel compares; throws InputError for a
  /// declaration it cannot represent. Called at most once, before `evaluate` runs on any thread.
  std::function<void(const SearchSpace&, const std::vector<kernel::FamilySpec>&)> use_families;
};

/// Builds an objective from the [objective] table; throws InputError on bad keys.
using ObjectiveFactory = std::function<ObjectiveSpec(const toml::table& objective, const std::filesystem::path& config_dir)>;

/// Adds (or replaces) a named objective.
void register_objective(std::string name, ObjectiveFactory factory);
/// Builds the objective named by [objective] name; InputError listing the known names otherwise.
ObjectiveSpec make_objective(const std::string& name, const toml::table& objective, const std::filesystem::path& config_dir);
/// Names of all objectives (built-ins first).
std::vector<std::string> objective_names();

}  // namespace hrsnn::bo
