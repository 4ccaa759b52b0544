#include "bo/optimizer.hpp"

#include <atomic>
#include <cmath>

#include <gtest/gtest.h>

#include "bo/proposal.hpp"
#include "bo_test_util.hpp"
#include "core/error.hpp"

using namespace hrsnn::bo;
using namespace bo_test;

TEST(Optimizer, BraninReachesSmallRegretAndBeatsItsInitialDesign) {
  const auto tf = make_test_function("branin");
  const auto dir = fresh_dir("branin");
  BoConfig c = small_config(30, 1, 4);
  ThreadEvaluator ev(branin_objective(), 1);
  RunOptions o;
  o.journal = dir / "journal.jsonl";
  const RunSummary s = run_optimization(tf.space(), c, ev, o);
  ASSERT_EQ(s.records.size(), 30u);
  double best_init = INFINITY;
  for (int i = 0; i < 6; ++i) best_init = std::min(best_init, s.records[i].result.objective);
  const double best = s.records[s.best_index].result.objective;
  EXPECT_LT(best - tf.f_min, 0.05);
  EXPECT_LT(best, best_init);
  for (const auto& r : s.records) EXPECT_DOUBLE_EQ(r.result.objective, tf(r.cand.params));  // params journaled = evaluated
}

TEST(Optimizer, JournalIsIndependentOfThreadCountAndCompletionOrder) {
  const auto tf = make_test_function("branin");
  std::vector<std::vector<nlohmann::json>> journals;
  for (int threads : {1, 3}) {
    const auto dir = fresh_dir("threads" + std::to_string(threads));
    // Later candidates of a round finish first: completion order is reversed w.r.t. index order.
    auto f = [tf, threads](const ParamMap& p, std::uint64_t) {
      if (threads > 1) ::usleep(static_cast<useconds_t>(2000 * (10 + std::sin(p.at("x0")) * 9)));
      EvalResult r;
      r.objective = tf(p);
      return r;
    };
    ThreadEvaluator ev(f, threads);
    RunOptions o;
    o.journal = dir / "journal.jsonl";
    run_optimization(tf.space(), small_config(15, 3, 8), ev, o);
    journals.push_back(journal_without_wall(o.journal));
  }
  ASSERT_EQ(journals[0].size(), 16u);
  EXPECT_EQ(journals[0], journals[1]);
}

TEST(Optimizer, FailuresAreJournaledAndExcludedFromTheModel) {
  const auto tf = make_test_function("branin");
  auto f = [tf](const ParamMap& p, std::uint64_t) {
    if (p.at("x0") > 7.0) throw std::runtime_error("simulated crash");
    EvalResult r;
    r.objective = p.at("x1") > 13.0 ? NAN : tf(p);
    return r;
  };
  ThreadEvaluator ev(f, 2);
  RunOptions o;
  o.journal = fresh_dir("fail") / "journal.jsonl";
  const RunSummary s = run_optimization(tf.space(), small_config(20, 2, 3), ev, o);
  ASSERT_EQ(s.records.size(), 20u);
  int failed = 0;
  for (const auto& r : s.records) {
    const bool should_fail = r.cand.params.at("x0") > 7.0 || r.cand.params.at("x1") > 13.0;
    EXPECT_EQ(!r.result.ok(), should_fail);
    failed += should_fail;
    if (should_fail) {
      EXPECT_FALSE(r.result.error.empty());
    }
  }
  EXPECT_GT(failed, 0);
  EXPECT_FALSE(s.stopped_on_failures);
}

TEST(Optimizer, StopsClearlyAfterTenFailuresInARow) {
  const auto tf = make_test_function("branin");
  std::atomic<int> calls{0};
  auto f = [&](const ParamMap&, std::uint64_t) -> EvalResult {
    ++calls;
    throw std::runtime_error("objective is broken");
  };
  ThreadEvaluator ev(f, 1);
  RunOptions o;
  o.journal = fresh_dir("allfail") / "journal.jsonl";
  BoConfig c = small_config(40, 1, 1);
  c.n_initial = 4;
  const RunSummary s = run_optimization(tf.space(), c, ev, o);
  EXPECT_TRUE(s.stopped_on_failures);
  EXPECT_EQ(s.records.size(), 10u);
  EXPECT_EQ(calls.load(), 10);
  EXPECT_NE(s.message.find("objective is broken"), std::string::npos);
}

TEST(Optimizer, RejectsBadSettings) {
  const auto tf = make_test_function("branin");
  ThreadEvaluator ev(branin_objective(), 1);
  RunOptions o;
  o.journal = fresh_dir("badcfg") / "journal.jsonl";
  BoConfig c = small_config(5, 1, 1);  // budget < initial
  EXPECT_THROW(run_optimization(tf.space(), c, ev, o), hrsnn::InputError);
  c = small_config(10, 0, 1);
  EXPECT_THROW(run_optimization(tf.space(), c, ev, o), hrsnn::InputError);
}

TEST(Optimizer, W2KernelRunsOnADistributionSpace) {
  SearchSpace s;
  s.add({"tau_mean", 5.0, 50.0, Scale::Log});
  s.add({"tau_cv", 0.05, 1.0});
  s.add({"gain", 0.0, 1.0});
  BoConfig c = small_config(10, 2, 2);
  c.families = {{"tau", hrsnn::LawKind::Gamma, "tau_mean", 0, "tau_cv", 0, 1.0, 200.0}};
  // Objective depends on the law only through its mean and sd (optimum: mean 20, sd 4).
  auto f = [](const ParamMap& p, std::uint64_t) {
    EvalResult r;
    const double sd = p.at("tau_mean") * p.at("tau_cv");
    r.objective = std::pow((p.at("tau_mean") - 20) / 10, 2) + std::pow((sd - 4) / 4, 2) + (p.at("gain") - 0.5) * (p.at("gain") - 0.5);
    return r;
  };
  ThreadEvaluator ev(f, 1);
  RunOptions o;
  o.journal = fresh_dir("w2") / "journal.jsonl";
  const RunSummary r = run_optimization(s, c, ev, o);
  ASSERT_EQ(r.records.size(), 10u);
  double init_best = INFINITY;
  for (int i = 0; i < 6; ++i) init_best = std::min(init_best, r.records[i].result.objective);
  EXPECT_LE(r.records[r.best_index].result.objective, init_best);
}
