/// \file config_toml.hpp
/// \brief Reads the [space] and [bo] sections of an `hrsnn optimize` config file (toml++).
///
///   [space]                      one inline table per parameter (ordered by name):
///   tau_m_e_mean = { low = 5.0, high = 50.0, scale = "log" }      # scale: linear (default) | log
///   n_seeds      = { low = 1, high = 4, type = "int" }              # type: real (default) | int
///   [bo]  budget, initial, q, acquisition ("log_ei" | "ucb"), ucb_beta, kernel ("matern52_ard" | "w2"),
///         initial_design ("sobol" | "lhs"), maximize, seed, gp_restarts, max_consecutive_failures,
///         acq_global_points, acq_local_starts
///   [[bo.family]] name, law (gamma|normal|lognormal|uniform|point), mean (parameter name or number),
///         cv (parameter name or number), lo, hi                     # kernel = "w2" only
/// Every error names the file, line and key.
#pragma once

#include <filesystem>
#include <optional>

#include <toml++/toml.h>

#include "bo/config.hpp"
#include "bo/space.hpp"

namespace hrsnn::bo {

/// Parses [space]; nullopt when the file has no [space] section.
std::optional<SearchSpace> read_space(const toml::table& root, const std::filesystem::path& file);
/// Parses [bo] over the defaults of BoConfig; `space` is needed to check [[bo.family]].
BoConfig read_bo_config(const toml::table& root, const std::filesystem::path& file, const SearchSpace& space);
/// Parses a TOML file; InputError with file:line on a syntax error or a missing file.
toml::table parse_toml_file(const std::filesystem::path& file);

}  // namespace hrsnn::bo
