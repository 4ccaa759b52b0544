// Tests of the HRSNN objectives of `hrsnn optimize` (experiments/bo_objectives.hpp).
#include "experiments/bo_objectives.hpp"

#include "bo/config_toml.hpp"
#include "bo/evaluator.hpp"
#include "bo/optimizer.hpp"
#include "bo/report.hpp"
#include "core/error.hpp"
#include "experiments/task_config.hpp"
#include "io/network_config.hpp"
#include "tasks/flows.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>

namespace hrsnn::experiments {
namespace {

namespace fs = std::filesystem;

// A tiny memory-capacity setting: 60 neurons, short task (a few hundred ms of compute).
const char* kTinyMc =
    "set = [\"network.n=60\", \"task.train=200\", \"task.test=100\", \"task.washout=10\", "
    "\"task.max_delay=5\", \"task.shuffles=2\"]\n";

fs::path temp_dir(const std::string& name) {
  const fs::path d = fs::temp_directory_path() / ("hrsnn_bo_objectives_" + name + "_" + std::to_string(std::random_device{}()));
  fs::create_directories(d);
  return d;
}

toml::table objective_table(const std::string& text) { return toml::parse(text); }

TEST(BoObjectives, AllNamesAreRegistered) {
  register_hrsnn_objectives();
  const auto names = bo::objective_names();
  for (const char* n : {"hrsnn_mc", "hrsnn_prediction", "hrsnn_lorenz", "hrsnn_classification"}) {
    EXPECT_NE(std::find(names.begin(), names.end(), n), names.end()) << n;
    EXPECT_TRUE(is_hrsnn_objective(n));
  }
  EXPECT_FALSE(is_hrsnn_objective("branin"));
}

TEST(BoObjectives, DefaultSpacesCoverEveryFamily) {
  const bo::SearchSpace het = hrsnn_default_space(false), hom = hrsnn_default_space(true);
  EXPECT_EQ(het.size(), 2 * hrsnn_families().size());
  EXPECT_EQ(hom.size(), hrsnn_families().size());
  for (const auto& f : hrsnn_families()) {
    EXPECT_NO_THROW(het.index_of(f + "_cv"));
    EXPECT_THROW(hom.index_of(f + "_cv"), InputError);
    const bo::Param& m = het.params()[het.index_of(f + "_mean")];
    EXPECT_GT(m.low, 0.0);  // a log scale must not touch 0
  }
}

TEST(BoObjectives, HomogeneousModeYieldsPointLawsAtTheSearchedMeans) {
  HrsnnObjectiveSettings s = read_hrsnn_settings("hrsnn_mc", objective_table("homogeneous = true\n"), ".");
  // CVs in the map must be ignored in homogeneous mode.
  const bo::ParamMap p = {{"tau_m_e_mean", 33.0}, {"tau_m_e_cv", 0.7}, {"v_th_mean", 12.5}, {"eta_plus_mean", 0.02},
                          {"tau_minus_cv", 0.4}};
  io::Config cfg = hrsnn_config(s, p, Split::Validation);
  const sim::NetworkSpec spec = io::read_network_spec(cfg);
  for (const Law* l : {&spec.exc.tau_m, &spec.inh.tau_m, &spec.exc.v_th_above_rest, &spec.inh.v_th_above_rest,
                       &spec.stdp.tau_plus, &spec.stdp.tau_minus, &spec.stdp.eta_plus, &spec.stdp.eta_minus})
    EXPECT_TRUE(l->is_point()) << l->describe();
  EXPECT_DOUBLE_EQ(spec.exc.tau_m.mean, 33.0);
  EXPECT_DOUBLE_EQ(spec.exc.v_th_above_rest.mean, 12.5);
  EXPECT_DOUBLE_EQ(spec.inh.v_th_above_rest.mean, 12.5);
  EXPECT_DOUBLE_EQ(spec.stdp.eta_plus.mean, 0.02);
  EXPECT_DOUBLE_EQ(spec.inh.tau_m.mean, sim::NetworkSpec{}.inh.tau_m.mean);  // unsearched: the base's mean

  s.homogeneous = false;
  io::Config het = hrsnn_config(s, p, Split::Validation);
  const sim::NetworkSpec hs = io::read_network_spec(het);
  EXPECT_EQ(hs.exc.tau_m.kind, LawKind::Gamma);
  EXPECT_DOUBLE_EQ(hs.exc.tau_m.cv, 0.7);
  EXPECT_DOUBLE_EQ(hs.stdp.tau_minus.cv, 0.4);
  EXPECT_TRUE(hs.stdp.tau_plus.is_point());  // no CV given: 0
}

// Issue 11: a candidate reaches the network with its [[bo.family]]'s law kind and bounds, so the
// simulated laws are the ones the W2 kernel compared.
TEST(BoObjectives, CandidateCarriesTheDeclaredFamilysLawAndBounds) {
  HrsnnObjectiveSettings s = read_hrsnn_settings("hrsnn_mc", toml::table{}, ".");
  const bo::SearchSpace space = hrsnn_default_space(false);
  bind_families(s, space, {{"tau_m_e", LawKind::LogNormal, "tau_m_e_mean", 0, "tau_m_e_cv", 0, 2.0, 300.0},
                           {"v_th", LawKind::Gamma, "v_th_mean", 0, "v_th_cv", 0, {}, {}}});
  const bo::ParamMap p = {{"tau_m_e_mean", 33.0}, {"tau_m_e_cv", 0.7}, {"v_th_mean", 12.5}, {"v_th_cv", 0.2}};
  io::Config cfg = hrsnn_config(s, p, Split::Validation);
  const sim::NetworkSpec spec = io::read_network_spec(cfg);
  // The law table itself, as written for the network.
  EXPECT_EQ(cfg.text("neurons.exc.tau_m.law", ""), "lognormal");
  EXPECT_DOUBLE_EQ(cfg.number("neurons.exc.tau_m.lo", 0.0), 2.0);
  EXPECT_DOUBLE_EQ(cfg.number("neurons.exc.tau_m.hi", 0.0), 300.0);
  EXPECT_EQ(spec.exc.tau_m.kind, LawKind::LogNormal);
  EXPECT_DOUBLE_EQ(spec.exc.tau_m.mean, 33.0);
  EXPECT_DOUBLE_EQ(spec.exc.tau_m.cv, 0.7);
  EXPECT_DOUBLE_EQ(spec.exc.tau_m.lo, 2.0);
  EXPECT_DOUBLE_EQ(spec.exc.tau_m.hi, 300.0);
  // The same Law the kernel compares for this candidate.
  const bo::kernel::W2Features fm(space, s.families);
  const Law k = fm.law(0, p);
  EXPECT_EQ(k.kind, spec.exc.tau_m.kind);
  EXPECT_NEAR(k.mean, spec.exc.tau_m.mean, 1e-9);
  EXPECT_NEAR(k.cv, spec.exc.tau_m.cv, 1e-12);
  EXPECT_EQ(k.lo, spec.exc.tau_m.lo);
  EXPECT_EQ(k.hi, spec.exc.tau_m.hi);
  // A declared gamma family without bounds is the old mapping; undeclared families too.
  EXPECT_EQ(spec.exc.v_th_above_rest.kind, LawKind::Gamma);
  EXPECT_DOUBLE_EQ(spec.exc.v_th_above_rest.cv, 0.2);
  EXPECT_FALSE(spec.exc.v_th_above_rest.truncated());
  EXPECT_TRUE(spec.inh.tau_m.is_point());
}

TEST(BoObjectives, GammaDefaultMappingIsUnchanged) {
  // Without [[bo.family]] (ARD kernel) or with the examples' gamma families: the same text.
  HrsnnObjectiveSettings s = read_hrsnn_settings("hrsnn_mc", toml::table{}, ".");
  const bo::ParamMap p = {{"tau_m_e_mean", 33.0}, {"tau_m_e_cv", 0.7}, {"eta_plus_mean", 0.02}, {"eta_plus_cv", 0.0}};
  const std::string plain = hrsnn_config(s, p, Split::Validation).dump();
  std::vector<bo::kernel::FamilySpec> gamma;
  for (const auto& f : hrsnn_families()) gamma.push_back({f, LawKind::Gamma, f + "_mean", 0, f + "_cv", 0, {}, {}});
  bind_families(s, hrsnn_default_space(false), gamma);
  EXPECT_EQ(hrsnn_config(s, p, Split::Validation).dump(), plain);
  io::Config cfg = hrsnn_config(s, p, Split::Validation);
  EXPECT_EQ(cfg.text("neurons.exc.tau_m.law", ""), "gamma");
  EXPECT_FALSE(cfg.has("neurons.exc.tau_m.lo"));
  const sim::NetworkSpec spec = io::read_network_spec(cfg);
  EXPECT_EQ(spec.exc.tau_m.kind, LawKind::Gamma);
  EXPECT_TRUE(spec.stdp.eta_plus.is_point());
}

TEST(BoObjectives, UnrepresentableFamiliesAreRefusedNamingTheKey) {
  HrsnnObjectiveSettings s = read_hrsnn_settings("hrsnn_mc", toml::table{}, ".");
  const bo::SearchSpace space = hrsnn_default_space(false);
  auto message = [&](const bo::kernel::FamilySpec& f) {
    try {
      bind_families(s, space, {f});
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  // A normal membrane time constant can draw values <= 0: the network config refuses it.
  const std::string normal = message({"tau_m_e", LawKind::Normal, "tau_m_e_mean", 0, "tau_m_e_cv", 0, {}, {}});
  EXPECT_NE(normal.find("neurons.exc.tau_m"), std::string::npos) << normal;
  EXPECT_NE(normal.find("tau_m_e"), std::string::npos) << normal;
  // With lo > 0 it is fine.
  EXPECT_EQ(message({"tau_m_e", LawKind::Normal, "tau_m_e_mean", 0, "tau_m_e_cv", 0, 0.5, {}}), "no error");
  // A family no network law follows.
  const std::string unknown = message({"tau", LawKind::Gamma, "tau_m_e_mean", 0, "tau_m_e_cv", 0, {}, {}});
  EXPECT_NE(unknown.find("'tau'"), std::string::npos) << unknown;
  EXPECT_NE(unknown.find("not an HRSNN family"), std::string::npos) << unknown;
  // Homogeneous runs have CV 0 everywhere: a fixed CV > 0 would lie to the kernel.
  s.homogeneous = true;
  const std::string hom = message({"v_th", LawKind::Gamma, "v_th_mean", 0, "", 0.3, {}, {}});
  EXPECT_NE(hom.find("homogeneous"), std::string::npos) << hom;
}

TEST(BoObjectives, UnknownParameterIsAnError) {
  const HrsnnObjectiveSettings s = read_hrsnn_settings("hrsnn_mc", toml::table{}, ".");
  EXPECT_THROW(hrsnn_config(s, {{"tau_x_mean", 3.0}}, Split::Validation), InputError);
  EXPECT_THROW(read_hrsnn_settings("hrsnn_mc", objective_table("seedz = [1]\n"), "."), InputError);
  EXPECT_THROW(read_hrsnn_settings("hrsnn_prediction", objective_table("task = \"mc\"\n"), "."), InputError);
}

std::vector<TaskResult> fake_runs(const std::string& metric, std::vector<double> values) {
  std::vector<TaskResult> out(values.size());
  for (std::size_t i = 0; i < values.size(); ++i) out[i].scalars[metric] = values[i];
  return out;
}

TEST(BoObjectives, ConstraintsComeFromTheMrsnnReference) {
  // mc: C >= c_ratio x the MRSNN's mean capacity, no spike budget unless asked.
  const HrsnnObjectiveSettings mc = read_hrsnn_settings("hrsnn_mc", objective_table("c_ratio = 0.8\n"), ".");
  auto runs = fake_runs("capacity_corrected", {1.0, 2.0});
  for (auto& r : runs) r.scalars["S"] = 0.2;
  auto cs = hrsnn_constraints(mc, runs);
  ASSERT_EQ(cs.size(), 1u);
  EXPECT_EQ(cs[0].metric, "capacity_corrected");
  EXPECT_FALSE(cs[0].upper);
  EXPECT_DOUBLE_EQ(cs[0].bound, 0.8 * 1.5);
  // Tasks: S <= spike_budget x the MRSNN's mean S (default budget 1).
  const HrsnnObjectiveSettings lz = read_hrsnn_settings("hrsnn_lorenz", toml::table{}, ".");
  cs = hrsnn_constraints(lz, fake_runs("S", {0.3, 0.5}));
  ASSERT_EQ(cs.size(), 1u);
  EXPECT_EQ(cs[0].metric, "S");
  EXPECT_TRUE(cs[0].upper);
  EXPECT_DOUBLE_EQ(cs[0].bound, 0.4);
  const HrsnnObjectiveSettings half = read_hrsnn_settings("hrsnn_lorenz", objective_table("spike_budget = 0.5\n"), ".");
  EXPECT_DOUBLE_EQ(hrsnn_constraints(half, fake_runs("S", {0.1, 0.5}))[0].bound, 0.15);
  EXPECT_THROW(hrsnn_constraints(half, fake_runs("S", {0.3, 0.5})), InputError);  // 0.2 < every seed
  // A budget no MRSNN seed meets is refused, naming the key.
  const HrsnnObjectiveSettings tight = read_hrsnn_settings("hrsnn_lorenz", objective_table("max_S = 0.1\n"), ".");
  try {
    hrsnn_constraints(tight, fake_runs("S", {0.3, 0.5}));
    FAIL() << "impossible budget accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("max_S"), std::string::npos) << e.what();
  }
  EXPECT_DOUBLE_EQ(hrsnn_constraints(tight, fake_runs("S", {0.05, 0.5}))[0].bound, 0.1);
}

TEST(BoObjectives, SettingsRejectRemovedAndContradictoryKeys) {
  EXPECT_THROW(read_hrsnn_settings("hrsnn_mc", objective_table("penalty_power = 2.0\n"), "."), InputError);
  EXPECT_THROW(read_hrsnn_settings("hrsnn_lorenz", objective_table("spike_budget = 1.0\nmax_S = 0.2\n"), "."), InputError);
  EXPECT_THROW(read_hrsnn_settings("hrsnn_lorenz", objective_table("spike_budget = -1.0\n"), "."), InputError);
  EXPECT_THROW(read_hrsnn_settings("hrsnn_lorenz", objective_table("c_ratio = 0.9\n"), "."), InputError);
  EXPECT_THROW(read_hrsnn_settings("hrsnn_classification", objective_table("task = \"lorenz\"\n"), "."), InputError);
  const HrsnnObjectiveSettings cl = read_hrsnn_settings("hrsnn_classification", objective_table("task = \"ucr\"\n"), ".");
  EXPECT_EQ(cl.kind, "ucr");
  EXPECT_TRUE(hrsnn_config(cl, {}, Split::Validation).boolean("task.validation", false));
  EXPECT_FALSE(hrsnn_config(cl, {}, Split::Test).boolean("task.validation", true));
}

TEST(BoObjectives, ValidationSplitIsCarvedFromTheTrainingPart) {
  const HrsnnObjectiveSettings s =
      read_hrsnn_settings("hrsnn_lorenz", objective_table("set = [\"task.train=1000\", \"task.test=400\"]\n"), ".");
  io::Config val = hrsnn_config(s, {}, Split::Validation);
  EXPECT_EQ(val.integer("task.train", 0, 0, 1 << 30) + val.integer("task.test", 0, 0, 1 << 30), 1000);
  io::Config test = hrsnn_config(s, {}, Split::Test);
  EXPECT_EQ(test.integer("task.train", 0, 0, 1 << 30), 1000);
  EXPECT_EQ(test.integer("task.test", 0, 0, 1 << 30), 400);
  // The validation series is the training prefix of the full series (same generator, same seed).
  const auto shorter = tasks::lorenz63(1000, 7).values, longer = tasks::lorenz63(1400, 7).values;
  EXPECT_EQ((shorter - longer.topRows(1000)).cwiseAbs().maxCoeff(), 0.0);
}

TEST(BoObjectives, TinyOptimizeRunWritesARunnableBestConfig) {
  register_hrsnn_objectives();
  const fs::path dir = temp_dir("run");
  const fs::path cfg_file = dir / "opt.toml";
  // c_ratio = 0: no capacity constraint, so four evaluations always name a winner.
  std::ofstream(cfg_file) << "[objective]\nname = \"hrsnn_mc\"\nseeds = [1]\nreeval_seeds = [11, 12]\nc_ratio = 0.0\n" << kTinyMc
                          << "[bo]\nbudget = 4\ninitial = 3\nkernel = \"w2\"\nseed = 3\ngp_restarts = 0\nacq_global_points = 64\nacq_local_starts = 1\n"
                          << "[[bo.family]]\nname = \"tau_m_e\"\nlaw = \"gamma\"\nmean = \"tau_m_e_mean\"\ncv = \"tau_m_e_cv\"\n"
                          << "[[bo.family]]\nname = \"eta_plus\"\nlaw = \"gamma\"\nmean = \"eta_plus_mean\"\ncv = \"eta_plus_cv\"\n";
  const toml::table root = bo::parse_toml_file(cfg_file);
  const bo::ObjectiveSpec obj = bo::make_objective("hrsnn_mc", *root["objective"].as_table(), dir);
  ASSERT_TRUE(obj.default_space.has_value());
  EXPECT_TRUE(obj.maximize);
  bo::BoConfig bc = bo::read_bo_config(root, cfg_file, *obj.default_space);
  bc.maximize = true;
  EXPECT_TRUE(obj.constraints.empty());
  bo::ThreadEvaluator ev(obj.evaluate, 1);
  bo::RunOptions ro;
  ro.journal = dir / "journal.jsonl";
  const bo::RunSummary sum = bo::run_optimization(*obj.default_space, bc, ev, ro);
  ASSERT_EQ(sum.records.size(), 4u);
  for (const auto& r : sum.records) {
    ASSERT_TRUE(r.result.ok()) << r.result.error;
    EXPECT_DOUBLE_EQ(r.result.objective, r.result.metrics.at("efficiency"));  // no penalty: E itself
  }
  ASSERT_GE(sum.best_index, 0);
  const bo::Record& best = sum.records[sum.best_index];
  bo::write_best_toml(dir / "best.toml", best, obj.runnable_config(best.cand.params));

  io::Config parsed = io::Config::from_file(dir / "best.toml");
  const sim::NetworkSpec spec = io::read_network_spec(parsed);
  EXPECT_EQ(spec.n, 60);
  EXPECT_DOUBLE_EQ(spec.exc.tau_m.mean, best.cand.params.at("tau_m_e_mean"));
  EXPECT_DOUBLE_EQ(spec.stdp.eta_minus.cv, best.cand.params.at("eta_minus_cv"));

  fs::remove_all(dir);
}

TEST(BoObjectives, ReevaluationUsesFreshSeedsAndWritesACompleteConfig) {
  const fs::path dir = temp_dir("reeval");
  const fs::path cfg_file = dir / "opt.toml";
  std::ofstream(cfg_file) << "[objective]\nname = \"hrsnn_mc\"\nseeds = [1]\nreeval_seeds = [11, 12]\n" << kTinyMc;
  std::ofstream(dir / "best.toml") << "[best]\neval = 0\n[best.params]\ntau_m_e_mean = 30.0\ntau_m_e_cv = 0.5\n"
                                      "tau_plus_mean = 12.0\neta_plus_cv = 1.0\n";
  const nlohmann::json re = reevaluate_run(cfg_file, dir);
  EXPECT_EQ(re["seeds"], nlohmann::json::array({11, 12}));
  for (const char* v : {"winner", "MRSNN", "HeNHeS"}) EXPECT_EQ(re["variants"][v]["efficiency"]["values"].size(), 2u) << v;
  // The winner has other laws than the MRSNN, so it must not be the MRSNN run again.
  EXPECT_NE(re["variants"]["winner"]["S"]["values"], re["variants"]["MRSNN"]["S"]["values"]);
  EXPECT_TRUE(re["constraint"].contains("met"));
  // eta_plus_cv = 1 is the default space's upper bound; tau_m_e_cv = 0.5 and tau_plus_mean = 12 are inside.
  ASSERT_EQ(re["on_search_bound"].size(), 1u) << re["on_search_bound"];
  EXPECT_NE(re["on_search_bound"][0].get<std::string>().find("eta_plus_cv at its upper bound"), std::string::npos);
  ASSERT_EQ(re["constraints"].size(), 1u);  // mc: the capacity bound only
  EXPECT_EQ(re["constraints"][0]["metric"], "capacity_corrected");
  EXPECT_EQ(re["constraints_met"].get<bool>(), re["constraints"][0]["met"].get<bool>());
  io::Config full = io::Config::from_file(dir / "best_config.toml");
  const Experiment e = read_experiment(full);
  EXPECT_NO_THROW(full.reject_unknown_keys());  // a complete `hrsnn run` config
  EXPECT_DOUBLE_EQ(e.base.stdp.tau_plus.mean, 12.0);
  EXPECT_DOUBLE_EQ(e.base.exc.tau_m.cv, 0.5);
  EXPECT_TRUE(e.base.inh.tau_m.is_point());
  EXPECT_EQ(e.comparison.seeds, (std::vector<std::uint64_t>{11, 12}));
  fs::remove_all(dir);
}

}  // namespace
}  // namespace hrsnn::experiments
