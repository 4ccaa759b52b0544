// Prints a generated series as CSV for tests/tasks/ref_generators.py.
// Usage: tasks_dump lorenz|mackey_glass|rossler N SEED [discard] [x0 [y0 z0]]
#include "tasks/flows.hpp"
#include "tasks/mackey_glass.hpp"

#include <cstdio>
#include <cstdlib>
#include <string>

int main(int argc, char** argv) {
  using namespace hrsnn::tasks;
  if (argc < 4) {
    std::fprintf(stderr, "usage: tasks_dump lorenz|mackey_glass|rossler N SEED [discard] [x0 [y0 z0]]\n");
    return 2;
  }
  const std::string which = argv[1];
  const auto n = static_cast<std::size_t>(std::atoll(argv[2]));
  const auto seed = static_cast<std::uint64_t>(std::atoll(argv[3]));
  Series s;
  if (which == "lorenz") {
    Lorenz63Params p;
    if (argc > 4) p.sampling.discard = std::atof(argv[4]);
    if (argc > 7) p.initial_state = std::array<double, 3>{std::atof(argv[5]), std::atof(argv[6]), std::atof(argv[7])};
    s = lorenz63(n, seed, p);
  } else if (which == "mackey_glass") {
    MackeyGlassParams p;
    if (argc > 4) p.discard = std::atof(argv[4]);
    if (argc > 5) p.initial_history = std::atof(argv[5]);
    s = mackey_glass(n, seed, p);
  } else {
    s = rossler(n, seed);
  }
  for (Eigen::Index r = 0; r < s.values.rows(); ++r) {
    for (Eigen::Index c = 0; c < s.values.cols(); ++c)
      std::printf(c + 1 < s.values.cols() ? "%.17g," : "%.17g\n", s.values(r, c));
  }
  return 0;
}
