/// \file commands.hpp
/// \brief The subcommands of the hrsnn executable; each lives in its own cmd_<name>.cpp.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>

namespace hrsnn::cli {

/// A subcommand's action, run after parsing; returns the process exit status.
using Action = std::function<int()>;

/// Adds `hrsnn simulate` to `app`; the returned action runs it.
void add_simulate_command(CLI::App& app, Action& action);

/// Adds `hrsnn run` and `hrsnn mc`.
void add_run_command(CLI::App& app, Action& action);

/// Adds `hrsnn sweep`: the run comparison at every point of a grid of config values.
void add_sweep_command(CLI::App& app, Action& action);

/// Adds `hrsnn reproduce`.
void add_reproduce_command(CLI::App& app, Action& action);

/// Adds `hrsnn report`: figures and index.html of a run folder (scripts/report/render.py).
void add_report_command(CLI::App& app, Action& action);

}  // namespace hrsnn::cli
