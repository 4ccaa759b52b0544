// Constrained BO: slack and feasibility, log Phi, config parsing, and the two constrained
// problems with known feasible optima (gardner, branin_disc) over 10 seeds against plain log-EI.
#include "bo/constraint.hpp"

#include <cmath>
#include <numbers>

#include <gtest/gtest.h>

#include "bo/config_toml.hpp"
#include "bo/optimizer.hpp"
#include "bo/proposal.hpp"
#include "bo/test_functions.hpp"
#include "bo_test_util.hpp"
#include "core/error.hpp"

using namespace hrsnn::bo;
using namespace bo_test;

namespace {

Objective constrained_objective(const TestFunction& tf) {
  return [tf](const ParamMap& p, std::uint64_t) {
    EvalResult r;
    r.objective = tf(p);
    r.metrics[tf.metric] = tf.metric_at(p);
    return r;
  };
}

struct Outcome {
  bool feasible = false;
  double regret = INFINITY;
};

Outcome run(const TestFunction& tf, bool constrained, std::uint64_t seed, int budget) {
  BoConfig c = small_config(budget, 1, seed);
  if (constrained) c.constraints.push_back({tf.metric, tf.metric_max, true, "test"});
  ThreadEvaluator ev(constrained_objective(tf), 1);
  RunOptions o;
  o.journal = fresh_dir(tf.name + (constrained ? "_c" : "_u") + std::to_string(seed)) / "journal.jsonl";
  const RunSummary s = run_optimization(tf.space(), c, ev, o);
  Outcome out;
  if (s.best_index < 0) return out;
  const ParamMap& p = s.records[static_cast<std::size_t>(s.best_index)].cand.params;
  out.feasible = tf.feasible(p);
  out.regret = tf(p) - tf.f_min;
  return out;
}

}  // namespace

TEST(Constraint, SlackSignAndFeasibility) {
  EvalResult r;
  r.objective = 1.0;
  r.metrics["S"] = 0.3;
  const Constraint upper{"S", 0.25, true, ""}, lower{"S", 0.25, false, ""}, missing{"C", 1.0, true, ""};
  EXPECT_DOUBLE_EQ(constraint_slack(upper, r), 0.05);
  EXPECT_DOUBLE_EQ(constraint_slack(lower, r), -0.05);
  EXPECT_TRUE(std::isnan(constraint_slack(missing, r)));
  EXPECT_FALSE(observed_feasible({upper}, r));
  EXPECT_TRUE(observed_feasible({lower}, r));
  EXPECT_FALSE(observed_feasible({lower, missing}, r));  // a missing metric is not evidence of feasibility
  r.objective = NAN;
  EXPECT_FALSE(observed_feasible({lower}, r));  // failed evaluations are never feasible
  EXPECT_EQ(describe(upper), "S <= 0.25");
}

TEST(Constraint, LogNormalCdfIsAccurateAndFiniteInTheTail) {
  for (double z : {-29.0, -10.0, -3.0, 0.0, 2.0})
    EXPECT_NEAR(log_normal_cdf(z), std::log(0.5 * std::erfc(-z / std::numbers::sqrt2)), 1e-12 * std::abs(std::log(0.5 * std::erfc(-z / std::numbers::sqrt2))) + 1e-15);
  // Across the switch to the asymptotic series the function is continuous to 1e-12 relative.
  EXPECT_NEAR(log_normal_cdf(-30.0 + 1e-9), log_normal_cdf(-30.0 - 1e-9), 1e-6);
  // Far tail: log Phi(z) = -z^2/2 - log(-z) - log sqrt(2 pi) - 1/z^2 + 5/(2 z^4) + O(1/z^6).
  const double z = -200.0;
  EXPECT_NEAR(log_normal_cdf(z), -0.5 * z * z - std::log(-z) - 0.5 * std::log(2 * std::numbers::pi) - 1.0 / (z * z) + 2.5 / (z * z * z * z), 1e-10);
  EXPECT_TRUE(std::isfinite(log_normal_cdf(-1e5)));
  // Near-certain feasibility: log Phi(z) = log(1 - Q(z)) = -Q(1 + Q/2 + Q^2/3 + ...), Q = Phi(-z),
  // to full relative accuracy even where 1 - Q rounds to 1.
  for (double zu : {3.0, 5.0, 8.0, 12.0}) {
    const double q = 0.5 * std::erfc(zu / std::numbers::sqrt2);
    double series = 0.0;
    for (int k = 8; k >= 1; --k) series = 1.0 / k + q * series;
    EXPECT_NEAR(-log_normal_cdf(zu) / q, series, 1e-13) << "z = " << zu;
  }
}

TEST(Constraint, ConfigParsesAndRejectsBadEntries) {
  const std::filesystem::path f = "c.toml";
  const SearchSpace sp = make_test_function("branin").space();
  auto parse = [&](const std::string& text) { return read_bo_config(toml::parse(text), f, sp); };
  const BoConfig c = parse("[bo]\n[[bo.constraint]]\nmetric = \"S\"\nmax = 0.2\n[[bo.constraint]]\nmetric = \"C\"\nmin = 1.5\n");
  ASSERT_EQ(c.constraints.size(), 2u);
  EXPECT_TRUE(c.constraints[0].upper);
  EXPECT_FALSE(c.constraints[1].upper);
  EXPECT_DOUBLE_EQ(c.constraints[1].bound, 1.5);
  EXPECT_NE(proposal_signature(c), proposal_signature(BoConfig{}));
  EXPECT_EQ(proposal_signature(BoConfig{}).find("constraint"), std::string::npos);  // old journals still resume
  EXPECT_THROW(parse("[bo]\n[[bo.constraint]]\nmetric = \"S\"\nmax = 1\nmin = 0\n"), hrsnn::InputError);
  EXPECT_THROW(parse("[bo]\n[[bo.constraint]]\nmax = 1\n"), hrsnn::InputError);
  EXPECT_THROW(parse("[bo]\n[[bo.constraint]]\nmetric = \"S\"\nmax = \"a\"\n"), hrsnn::InputError);
  EXPECT_THROW(parse("[bo]\nacquisition = \"ucb\"\n[[bo.constraint]]\nmetric = \"S\"\nmax = 1\n"), hrsnn::InputError);
  EXPECT_THROW(parse("[bo]\nfeasibility_probability = 1.0\n"), hrsnn::InputError);
  try {
    validate_constraints(c.constraints, std::vector<std::string>{"S", "accuracy"});
    FAIL() << "unknown metric accepted";
  } catch (const hrsnn::InputError& e) {
    EXPECT_NE(std::string(e.what()).find("unknown metric 'C'"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("c.toml:"), std::string::npos) << e.what();
  }
}

TEST(Constraint, KnownFeasibleOptimaOfTheTestProblems) {
  // The stated optima are feasible, and no feasible grid point beats them.
  for (const char* name : {"gardner", "branin_disc"}) {
    const TestFunction tf = make_test_function(name);
    double best = INFINITY;
    const int n = 600;
    for (int i = 0; i <= n; ++i)
      for (int j = 0; j <= n; ++j) {
        const ParamMap p{{"x0", tf.low[0] + (tf.high[0] - tf.low[0]) * i / n}, {"x1", tf.low[1] + (tf.high[1] - tf.low[1]) * j / n}};
        if (tf.feasible(p)) best = std::min(best, tf(p));
      }
    EXPECT_GE(best, tf.f_min - 1e-9) << name;
    EXPECT_LT(best - tf.f_min, 0.02) << name;
  }
  const TestFunction g = make_test_function("gardner");
  EXPECT_FALSE(g.feasible({{"x0", 1.5 * std::numbers::pi}, {"x1", 0.0}}));  // the unconstrained minimiser
}

TEST(Constraint, ConstrainedLogEiReachesTheFeasibleOptimumWherePlainLogEiDoesNot) {
  // 10 seeds per problem. Plain log-EI ignores the metric, so its best point is the
  // unconstrained optimum: infeasible on gardner, and on branin_disc whenever it settles in one
  // of the two minima outside the disc.
  for (const char* name : {"gardner", "branin_disc"}) {
    const TestFunction tf = make_test_function(name);
    int c_ok = 0, u_ok = 0;
    for (std::uint64_t seed = 1; seed <= 10; ++seed) {
      const Outcome c = run(tf, true, seed, 30);
      const Outcome u = run(tf, false, seed, 30);
      c_ok += c.feasible && c.regret < 0.05;
      u_ok += u.feasible && u.regret < 0.05;
      EXPECT_TRUE(c.feasible) << name << " seed " << seed;
    }
    EXPECT_GE(c_ok, 9) << name;
    EXPECT_LT(u_ok, c_ok) << name;
    std::printf("%s: feasible optimum within 0.05 in %d/10 seeds (constrained) vs %d/10 (plain log-EI)\n", name, c_ok, u_ok);
  }
}

TEST(Constraint, ConstrainedJournalIsIndependentOfThreadCount) {
  const TestFunction tf = make_test_function("gardner");
  std::vector<std::vector<nlohmann::json>> journals;
  for (int threads : {1, 3}) {
    BoConfig c = small_config(16, 3, 7);
    c.constraints.push_back({tf.metric, tf.metric_max, true, "test"});
    ThreadEvaluator ev(constrained_objective(tf), threads);
    RunOptions o;
    o.journal = fresh_dir("cthreads" + std::to_string(threads)) / "journal.jsonl";
    run_optimization(tf.space(), c, ev, o);
    journals.push_back(journal_without_wall(o.journal));
  }
  EXPECT_EQ(journals[0], journals[1]);
}
