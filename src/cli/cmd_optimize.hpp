/// \file cmd_optimize.hpp
/// \brief `hrsnn optimize CONFIG.toml [--out RUN] [--resume] [--threads N] [--seed S]`.
///
/// Reads [space], [bo] and [objective] (see bo/config_toml.hpp and docs/bo.md), runs or resumes
/// the optimisation, prints one progress line per evaluation and leaves in RUN: journal.jsonl,
/// best.toml and convergence.csv. Under `mpirun -np P` (P > 1) rank 0 coordinates and ranks
/// 1..P-1 evaluate. Exit status: 0 done, 2 bad input (InputError), 3 stopped after repeated
/// objective failures.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace CLI {
class App;
}

namespace hrsnn::cli {

/// Options of `hrsnn optimize`.
struct OptimizeOptions {
  std::string config;                  ///< CONFIG.toml
  std::string out;                     ///< run folder ("" = <config stem>_run)
  bool resume = false;                 ///< continue the journal in the run folder
  int threads = 1;                     ///< evaluation threads (threaded mode)
  std::optional<std::uint64_t> seed;   ///< overrides [bo] seed
  bool quiet = false;                  ///< no progress lines
  bool reevaluate = true;              ///< re-evaluate an HRSNN winner on fresh seeds afterwards
};

/// Adds the `optimize` subcommand; its callback runs run_optimize (or run_optimize_mpi when
/// launched by mpirun with more than one rank) and exits the process with its status if nonzero.
void add_optimize_command(CLI::App& app);
/// Runs the threaded optimisation; returns the exit status (InputError propagates).
int run_optimize(const OptimizeOptions& o);
/// Runs under MPI (initialising it if needed): rank 0 coordinates, others evaluate. Returns the
/// exit status on every rank.
int run_optimize_mpi(const OptimizeOptions& o, int* argc = nullptr, char*** argv = nullptr);
/// MPI world size announced by the launcher's environment (OpenMPI, MPICH/PMI), 1 if none.
int launcher_world_size();

}  // namespace hrsnn::cli
