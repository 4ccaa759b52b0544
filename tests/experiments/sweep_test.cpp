// `hrsnn sweep`: grid expansion, bad input before anything runs, resume without recomputing,
// thread-count independence, and the heterogeneity keys the C2/C3 map needs.
#include "core/error.hpp"
#include "experiments/sweep.hpp"
#include "experiments/task_config.hpp"
#include "sim/build_network.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>

namespace hrsnn::experiments {
namespace {

// A memory-capacity run of a few milliseconds per network.
io::Config tiny_config() {
  return io::Config::from_string(
      "[network]\nn = 40\n[task]\nkind = \"mc\"\ntrain = 100\ntest = 50\nwashout = 10\nmax_delay = 5\nshuffles = 0\n"
      "esn = false\n[experiment]\nseeds = 2\nvariants = [\"HoNHeS\"]\n",
      "tiny.toml");
}

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const InputError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(Sweep, GridExpandsToTheProductInAFixedOrder) {
  SweepSpec spec;
  spec.axes.push_back(parse_grid_arg("network.n=40,60,80"));
  spec.axes.push_back(parse_grid_arg("task.kind=mc,lorenz"));
  EXPECT_EQ(spec.count(), 6u);
  const auto points = spec.expand();
  ASSERT_EQ(points.size(), 6u);
  std::vector<std::string> labels;
  for (const auto& p : points) labels.push_back(p.label());
  const std::vector<std::string> expected = {
      "network.n=40; task.kind=\"mc\"", "network.n=40; task.kind=\"lorenz\"", "network.n=60; task.kind=\"mc\"",
      "network.n=60; task.kind=\"lorenz\"", "network.n=80; task.kind=\"mc\"", "network.n=80; task.kind=\"lorenz\""};
  EXPECT_EQ(labels, expected);
  EXPECT_EQ(spec.expand()[3].label(), points[3].label());
  // Explicit points are crossed with the axes, outermost.
  SweepSpec mixed;
  mixed.points = {SweepPoint{{{"network.n", "40"}}}, SweepPoint{{{"network.n", "60"}}}};
  mixed.axes.push_back(parse_grid_arg("heterogeneity.stdp_shape=1,\"point\""));
  EXPECT_EQ(mixed.count(), 4u);
  EXPECT_EQ(mixed.expand()[1].label(), "network.n=40; heterogeneity.stdp_shape=\"point\"");
  EXPECT_EQ(mixed.keys(), (std::vector<std::string>{"network.n", "heterogeneity.stdp_shape"}));
}

TEST(Sweep, GridValuesAreTomlAndCommasInsideBracketsDoNotSplit) {
  const SweepAxis a = parse_grid_arg("heterogeneity.stdp_families=[\"tau_plus\",\"tau_minus\"], [\"eta_plus\"]");
  EXPECT_EQ(a.values, (std::vector<std::string>{"[\"tau_plus\", \"tau_minus\"]", "[\"eta_plus\"]"}));
  const SweepAxis law = parse_grid_arg("neurons.exc.tau_m={law = \"gamma\", mean = 20, cv = 0.3},20.0");
  EXPECT_EQ(law.values, (std::vector<std::string>{"{law = \"gamma\", mean = 20, cv = 0.3}", "20.0"}));
  EXPECT_EQ(parse_grid_arg("x.y=1.5, 2e3, true").values, (std::vector<std::string>{"1.5", "2000.0", "true"}));
  // The [sweep] table: each key holds a TOML array; axes keep the file's order.
  io::Config copy = io::Config::from_string(
      "[sweep]\n\"network.n\" = [40, 60]\nheterogeneity.stdp_families = [[\"tau_plus\", \"tau_minus\"], [\"eta_plus\", \"eta_minus\"]]\n"
      "[[sweep.point]]\ntask.train = 100\n[[sweep.point]]\ntask.train = 200\n",
      "s.toml");
  const SweepSpec spec = read_sweep_table(*copy.take_table("sweep"), "s.toml");
  ASSERT_EQ(spec.axes.size(), 2u);
  EXPECT_EQ(spec.axes[0].key, "network.n");
  EXPECT_EQ(spec.axes[1].key, "heterogeneity.stdp_families");
  EXPECT_EQ(spec.axes[1].values[0], "[\"tau_plus\", \"tau_minus\"]");
  ASSERT_EQ(spec.points.size(), 2u);
  EXPECT_EQ(spec.points[1].label(), "task.train=200");
  EXPECT_EQ(spec.count(), 8u);
  EXPECT_FALSE(copy.has("sweep"));
}

TEST(Sweep, BadInputNamesTheKeyBeforeAnythingRuns) {
  EXPECT_NE(error_of([] { parse_grid_arg("network.n="); }).find("network.n: empty value list"), std::string::npos);
  EXPECT_NE(error_of([] { parse_grid_arg("network.n=1,,2"); }).find("network.n: empty value"), std::string::npos);
  EXPECT_NE(error_of([] { parse_grid_arg("network.n=[1,2"); }).find("network.n: malformed"), std::string::npos);
  EXPECT_NE(error_of([] { parse_grid_arg("network.n=1 2"); }).find("network.n: malformed value '1 2'"), std::string::npos);
  auto plan_error = [&](const std::vector<std::string>& grids, const std::vector<std::string>& sets = {}) {
    SweepSpec spec;
    for (const auto& g : grids) spec.axes.push_back(parse_grid_arg(g));
    return error_of([&] { plan_sweep(tiny_config, spec, sets, 1, false); });
  };
  EXPECT_NE(plan_error({"network.nn=40,60"}).find("network.nn"), std::string::npos);
  EXPECT_NE(plan_error({"network.n=40,60", "network.n=80"}).find("'network.n' is swept twice"), std::string::npos);
  EXPECT_NE(plan_error({"network.n=40,40"}).find("listed twice"), std::string::npos);
  EXPECT_NE(plan_error({"network.n=40,abc"}).find("network.n"), std::string::npos);
  EXPECT_NE(plan_error({"experiment.seeds=2,3"}).find("experiment.seeds"), std::string::npos);
  EXPECT_NE(plan_error({"network.n=40,60"}, {"network.n"}).find("--set"), std::string::npos);
  EXPECT_NE(plan_error({"heterogeneity.stdp_families=[\"tau_plus\"],[\"tau_pls\"]"}).find("heterogeneity.stdp_families"),
            std::string::npos);
  EXPECT_NE(plan_error({}).find("nothing to sweep"), std::string::npos);
}

TEST(Sweep, MoreThanTenThousandPointsNeedYes) {
  SweepSpec spec;
  std::string a = "network.n=", b = "task.train=";
  for (int i = 0; i < 101; ++i) a.append(i ? "," : "").append(std::to_string(40 + i));
  for (int i = 0; i < 100; ++i) b.append(i ? "," : "").append(std::to_string(100 + i));
  spec.axes = {parse_grid_arg(a), parse_grid_arg(b)};
  EXPECT_EQ(spec.count(), 10100u);
  const std::string e = error_of([&] { plan_sweep(tiny_config, spec, {}, 1, false); });
  EXPECT_NE(e.find("10100 points"), std::string::npos) << e;
  EXPECT_NE(e.find("--yes"), std::string::npos) << e;
}

std::vector<std::map<std::string, double>> scalars(const SweepOutcome& o) {
  std::vector<std::map<std::string, double>> out;
  for (const auto& r : o.rows) out.push_back(r.result.scalars);
  return out;
}

TEST(Sweep, ResumeSkipsFinishedRowsAndThreadsChangeNoNumber) {
  const auto dir = std::filesystem::temp_directory_path() / "hrsnn_sweep_resume";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  SweepSpec spec;
  spec.axes.push_back(parse_grid_arg("heterogeneity.stdp_shape=1,\"point\""));
  const SweepPlan one = plan_sweep(tiny_config, spec, {}, 1, false);
  const SweepPlan three = plan_sweep(tiny_config, spec, {}, 3, false);
  ASSERT_EQ(one.runs(), 4u);
  EXPECT_EQ(one.settings, three.settings);  // the thread count is not a setting
  const auto journal = dir / "runs.jsonl";
  const SweepOutcome full = run_sweep(one, journal);
  EXPECT_EQ(full.computed, 4u);
  EXPECT_EQ(scalars(run_sweep(three, std::nullopt)), scalars(full));
  // Two finished rows and a torn third line, as after a kill -9 mid-append.
  std::ifstream in(journal);
  std::string l1, l2, l3;
  std::getline(in, l1);
  std::getline(in, l2);
  std::getline(in, l3);
  in.close();
  std::ofstream(journal) << l1 << '\n' << l2 << '\n' << l3.substr(0, l3.size() / 2);
  const SweepOutcome resumed = run_sweep(three, journal);
  EXPECT_EQ(resumed.computed, 2u);
  EXPECT_EQ(scalars(resumed), scalars(full));
  EXPECT_EQ(run_sweep(one, journal).computed, 0u);
  // The CSV files: a header, one row per point × variant × seed, strings without TOML quotes.
  write_sweep_csv(dir / "sweep.csv", one, resumed);
  std::ifstream csv(dir / "sweep.csv");
  std::string header, line;
  std::getline(csv, header);
  EXPECT_EQ(header.rfind("point,heterogeneity.stdp_shape,variant,seed,", 0), 0u) << header;
  std::vector<std::string> rows;
  while (std::getline(csv, line)) rows.push_back(line);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[2].rfind("2,point,HoNHeS,1,", 0), 0u) << rows[2];
  std::filesystem::remove_all(dir);
}

TEST(Sweep, PointShapeIsTheHomogeneousLimit) {
  // HoNHeS with homogeneous STDP is the MRSNN, bit for bit.
  io::Config cfg = tiny_config();
  cfg.set("heterogeneity.stdp_shape=\"point\"");
  cfg.set("experiment.variants=[\"MRSNN\", \"HoNHeS\"]");
  cfg.set("experiment.seeds=1");
  Experiment e = read_experiment(cfg);
  EXPECT_TRUE(std::isinf(e.comparison.shapes.stdp));
  const sim::NetworkSpec hes = apply_variant(e.base, Variant::HoNHeS, e.comparison.shapes);
  EXPECT_TRUE(hes.stdp.tau_plus.is_point() && hes.stdp.eta_minus.is_point());
  const TaskResult a = e.task(apply_variant(e.base, Variant::MRSNN, e.comparison.shapes), 1);
  const TaskResult b = e.task(hes, 1);
  EXPECT_EQ(a.scalars, b.scalars);
  // The same for the neuron shapes; any other word is refused naming the key.
  io::Config n = tiny_config();
  n.set("heterogeneity.tau_m_shape=\"point\"");
  n.set("heterogeneity.v_th_shape=\"point\"");
  const Experiment en = read_experiment(n);
  const sim::NetworkSpec hen = apply_variant(en.base, Variant::HeNHoS, en.comparison.shapes);
  EXPECT_TRUE(hen.exc.tau_m.is_point() && hen.inh.v_th_above_rest.is_point());
  io::Config bad = tiny_config();
  bad.set("heterogeneity.stdp_shape=\"flat\"");
  EXPECT_NE(error_of([&] { read_experiment(bad); }).find("heterogeneity.stdp_shape"), std::string::npos);
}

TEST(Sweep, StdpFamiliesChooseWhichParametersAreHeterogeneous) {
  io::Config cfg = tiny_config();
  cfg.set("heterogeneity.stdp_families=[\"tau_plus\", \"tau_minus\"]");
  const Experiment e = read_experiment(cfg);
  const sim::Network net = sim::build_network(apply_variant(e.base, Variant::HoNHeS, e.comparison.shapes), 3);
  const auto& sp = net.synapses.stdp;
  std::set<double> eta_p, eta_m, tau_p;
  for (std::size_t s = 0; s < sp.tau_plus.size(); ++s)
    if (sp.plastic(s)) {
      eta_p.insert(sp.eta_plus[s]);
      eta_m.insert(sp.eta_minus[s]);
      tau_p.insert(sp.tau_plus[s]);
    }
  EXPECT_EQ(eta_p.size(), 1u);
  EXPECT_EQ(eta_m.size(), 1u);
  EXPECT_GT(tau_p.size(), 10u);
  // All four named = the default, bit for bit.
  io::Config def = tiny_config(), all = tiny_config();
  all.set("heterogeneity.stdp_families=[\"tau_plus\", \"tau_minus\", \"eta_plus\", \"eta_minus\"]");
  const Experiment ed = read_experiment(def), ea = read_experiment(all);
  EXPECT_EQ(ed.task(apply_variant(ed.base, Variant::HoNHeS, ed.comparison.shapes), 2).scalars,
            ea.task(apply_variant(ea.base, Variant::HoNHeS, ea.comparison.shapes), 2).scalars);
  io::Config bad = tiny_config();
  bad.set("heterogeneity.stdp_families=[\"tau_plus\", \"eta\"]");
  const std::string err = error_of([&] { read_experiment(bad); });
  EXPECT_NE(err.find("heterogeneity.stdp_families"), std::string::npos) << err;
  EXPECT_NE(err.find("'eta'"), std::string::npos) << err;
}

}  // namespace
}  // namespace hrsnn::experiments
