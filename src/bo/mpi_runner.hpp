/// \file mpi_runner.hpp
/// \brief Coordinator/worker evaluation over MPI (rank 0 proposes and journals, ranks 1..P-1 evaluate).
///
/// Messages on MPI_COMM_WORLD: the coordinator sends one candidate (JSON text, tag 1) to each idle
/// worker and a stop message (tag 3) at the end; a worker answers each candidate with its result
/// (JSON text, tag 2). Results go through the same ordered journal writer as the threaded
/// evaluator, so `mpirun -np P` writes the journal a threaded run writes for the same seed.
/// Without MPI support compiled in, every function throws a clear error.
#pragma once

#include "bo/evaluator.hpp"

namespace hrsnn::bo {

/// True when hrsnn was built with MPI.
bool mpi_available();
/// Initialises MPI if needed (idempotent) and returns this process's rank; size in `size`.
int mpi_init(int* argc, char*** argv, int& size);
/// Finalises MPI if this library initialised it.
void mpi_finalize();

/// Rank 0's evaluator: farms candidates out to ranks 1..size-1 (evaluates locally when size == 1).
class MpiEvaluator final : public Evaluator {
 public:
  /// `local` is used only when there are no worker ranks.
  explicit MpiEvaluator(Objective local) : local_(std::move(local)) {}
  void evaluate(const std::vector<Candidate>& cands, const DoneFn& done) override;
  /// Tells every worker to leave its loop; call once after the run.
  void shutdown();

 private:
  Objective local_;
};

/// Loop of ranks > 0: evaluate candidates until the coordinator sends stop.
void mpi_worker_loop(const Objective& f);

}  // namespace hrsnn::bo
