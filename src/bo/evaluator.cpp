#include "bo/evaluator.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>

namespace hrsnn::bo {

EvalResult timed_evaluate(const Objective& f, const Candidate& c, double& wall_s) {
  const auto t0 = std::chrono::steady_clock::now();
  EvalResult r = safe_evaluate(f, c);
  wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return r;
}

void ThreadEvaluator::evaluate(const std::vector<Candidate>& cands, const DoneFn& done) {
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next++; i < cands.size(); i = next++) {
      double wall = 0.0;
      const EvalResult r = timed_evaluate(f_, cands[i], wall);
      done(i, r, wall);
    }
  };
  const int n = std::min<int>(threads_, static_cast<int>(cands.size()));
  if (n <= 1) {
    work();
    return;
  }
  std::vector<std::thread> pool;
  for (int t = 0; t < n; ++t) pool.emplace_back(work);
  for (auto& th : pool) th.join();
}

}  // namespace hrsnn::bo
