// Regret study driver: hrsnn BO and random search on shifted Branin / Hartmann-6 / Ackley-5.
// Usage: bo_regret_bench OUT.json [budget=50] [initial=10] [seeds=10] [functions=branin,hartmann6,ackley5]
// Writes per function the shifted boxes, known minimum and the simple regret per seed, so the
// Python side (scripts/bo/regret_study.py) can run Optuna on exactly the same problems.
#include <chrono>
#include <cmath>
#include <fstream>
#include <iostream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "bo/optimizer.hpp"
#include "bo/test_functions.hpp"
#include "bo_test_util.hpp"
#include "core/rng.hpp"

using namespace hrsnn::bo;
using nlohmann::json;

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: bo_regret_bench OUT.json [budget] [initial] [seeds] [functions]\n";
    return 2;
  }
  const int budget = argc > 2 ? std::stoi(argv[2]) : 50, initial = argc > 3 ? std::stoi(argv[3]) : 10;
  const int seeds = argc > 4 ? std::stoi(argv[4]) : 10;
  std::vector<std::string> names;
  std::stringstream ss(argc > 5 ? argv[5] : "branin,hartmann6,ackley5");
  for (std::string n; std::getline(ss, n, ',');) names.push_back(n);
  json out;
  out["budget"] = budget;
  out["initial"] = initial;
  for (const auto& name : names) {
    json& fj = out["functions"][name];
    for (int seed = 0; seed < seeds; ++seed) {
      const TestFunction tf = shifted(make_test_function(name), 1000 + seed);
      fj["low"].push_back(tf.low);
      fj["high"].push_back(tf.high);
      fj["f_min"] = tf.f_min;
      BoConfig c;
      c.budget = budget;
      c.n_initial = initial;
      c.seed = static_cast<std::uint64_t>(seed);
      const auto dir = bo_test::fresh_dir("regret");
      ThreadEvaluator ev([&tf](const ParamMap& p, std::uint64_t) {
        EvalResult r;
        r.objective = tf(p);
        return r;
      }, 1);
      RunOptions o;
      o.journal = dir / "journal.jsonl";
      const auto t0 = std::chrono::steady_clock::now();
      const RunSummary s = run_optimization(tf.space(), c, ev, o);
      const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      std::filesystem::remove_all(dir);
      const double regret = s.records[s.best_index].result.objective - tf.f_min;
      fj["hrsnn"].push_back(std::log10(std::max(regret, 1e-12)));
      fj["hrsnn_wall_s"].push_back(wall);
      hrsnn::Rng rng(hrsnn::derive_seed(seed, {0x72616e64ULL}));
      double best = INFINITY;
      for (int i = 0; i < budget; ++i) {
        std::vector<double> x(tf.low.size());
        for (std::size_t k = 0; k < x.size(); ++k) x[k] = rng.uniform(tf.low[k], tf.high[k]);
        best = std::min(best, tf.f(x));
      }
      fj["random"].push_back(std::log10(std::max(best - tf.f_min, 1e-12)));
      std::cerr << name << " seed " << seed << ": hrsnn log10 regret " << fj["hrsnn"].back() << " ("
                << wall << " s), random " << fj["random"].back() << "\n";
    }
  }
  std::ofstream(argv[1]) << out.dump(1) << "\n";
  return 0;
}
