// Runs the optimiser on Branin under MPI (rank 0 coordinates, the others evaluate), then on rank 0
// the same run with threads, and exits non-zero unless the two journals are equal (wall times aside).
#include <iostream>

#include "bo/mpi_runner.hpp"
#include "bo_test_util.hpp"

using namespace hrsnn::bo;

int main(int argc, char** argv) {
  int size = 1;
  const int rank = mpi_init(&argc, &argv, size);
  const auto tf = make_test_function("branin");
  const BoConfig c = bo_test::small_config(18, 3, 77);
  int rc = 0;
  if (rank == 0) {
    const auto dir = bo_test::fresh_dir("mpi");
    MpiEvaluator mpi_ev(bo_test::branin_objective());
    RunOptions o;
    o.journal = dir / "mpi.jsonl";
    run_optimization(tf.space(), c, mpi_ev, o);
    mpi_ev.shutdown();
    ThreadEvaluator th_ev(bo_test::branin_objective(), 2);
    RunOptions t = o;
    t.journal = dir / "threads.jsonl";
    run_optimization(tf.space(), c, th_ev, t);
    const auto a = bo_test::journal_without_wall(o.journal), b = bo_test::journal_without_wall(t.journal);
    rc = (a == b && a.size() == 19) ? 0 : 1;
    std::cout << "MPI ranks: " << size << ", journal lines: " << a.size() << " vs " << b.size() << ", "
              << (rc == 0 ? "identical" : "DIFFERENT") << "\n";
    std::filesystem::remove_all(dir);
  } else {
    mpi_worker_loop(bo_test::branin_objective());
  }
  mpi_finalize();
  return rc;
}
