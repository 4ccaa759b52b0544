// Reservoir features: traces at several time constants, and the config keys that choose
// features, pathways and readouts.
#include "core/error.hpp"
#include "experiments/reservoir.hpp"
#include "experiments/classification_task.hpp"
#include "experiments/task_config.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

namespace hrsnn::experiments {
namespace {

TEST(Traces, MatchTheAnalyticSumOfDecayingSpikes) {
  // Neuron 0 spikes at steps 2 and 5, neuron 1 at step 5; dt 1 ms; sampled at steps 5 and 9.
  const std::vector<std::int64_t> steps = {102, 105, 105};
  const std::vector<std::uint32_t> who = {0, 0, 1};
  const Eigen::MatrixXd t = traces_at(steps, who, 100, 2, {5, 9}, {10.0, 2.0}, 1.0);
  ASSERT_EQ(t.rows(), 2);
  ASSERT_EQ(t.cols(), 4);
  for (int b = 0; b < 2; ++b) {
    const double tau = b == 0 ? 10.0 : 2.0;
    EXPECT_NEAR(t(0, 2 * b + 0), std::exp(-3.0 / tau) + 1.0, 1e-12);
    EXPECT_NEAR(t(0, 2 * b + 1), 1.0, 1e-12);
    EXPECT_NEAR(t(1, 2 * b + 0), std::exp(-7.0 / tau) + std::exp(-4.0 / tau), 1e-12);
    EXPECT_NEAR(t(1, 2 * b + 1), std::exp(-4.0 / tau), 1e-12);
  }
}

std::string error_of(const std::vector<std::string>& sets) {
  try {
    io::Config c = io::Config::from_string("", "run.toml");
    for (const auto& s : sets) c.set(s);
    read_experiment(c);
    c.reject_unknown_keys();
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

TEST(FeatureConfig, BadPathwaysFeaturesAndReadoutsAreNamed) {
  const std::vector<std::string> small = {"task.kind=\"mc\"", "network.n=20"};
  auto with = [&](std::vector<std::string> extra) {
    extra.insert(extra.begin(), small.begin(), small.end());
    return error_of(extra);
  };
  EXPECT_EQ(with({}), "");
  EXPECT_NE(with({"encoding.kind=\"burst\""}).find("encoding.kind"), std::string::npos);
  EXPECT_NE(with({"encoding.code=\"sparse\""}).find("encoding.code"), std::string::npos);
  EXPECT_NE(with({"task.features=\"rates\""}).find("task.features"), std::string::npos);
  EXPECT_NE(with({"task.features=\"traces\"", "task.trace_tau_ms=[]"}).find("task.trace_tau_ms"), std::string::npos);
  EXPECT_NE(with({"task.features=\"traces\"", "task.trace_tau_ms=[5, -1]"}).find("task.trace_tau_ms"), std::string::npos);
  EXPECT_NE(with({"task.features=\"counts\"", "task.trace_tau_ms=[5]"}).find("only used with"), std::string::npos);
  EXPECT_NE(with({"task.readout_input=true"}).find("task.readout_input"), std::string::npos);
  EXPECT_NE(with({"encoding.kind=\"current\"", "encoding.current_scale=-1"}).find("encoding.current_scale"), std::string::npos);
  EXPECT_NE(with({"encoding.kind=\"poisson\"", "encoding.current_scale=2"}).find("only used with"), std::string::npos);
  EXPECT_EQ(with({"encoding.kind=\"current\"", "encoding.current_scale=2"}), "");
  EXPECT_NE(with({"task.lambda_max=1e-9"}).find("task.lambda_max"), std::string::npos);
  EXPECT_EQ(with({"task.lambda_max=1e6"}), "");
  // Neuron models: an unknown one, and an adaptive parameter without the adaptive model.
  EXPECT_NE(with({"neurons.model=\"izhikevich\""}).find("neurons.model"), std::string::npos);
  EXPECT_NE(with({"neurons.model=\"coba\""}).find("coba runs network folders"), std::string::npos);  // not silently current-based
  EXPECT_NE(with({"neurons.exc.b_a=1.0"}).find("not a parameter of neurons.model = \"lif\""), std::string::npos);
  EXPECT_NE(with({"neurons.model=\"adaptive\"", "neurons.exc.b_a=-1.0"}).find("neurons.exc.b_a"), std::string::npos);
  EXPECT_EQ(with({"neurons.model=\"adaptive\"", "neurons.exc.b_a=1.0", "neurons.exc.tau_a={ law = \"gamma\", mean = 200, cv = 0.5 }"}), "");
  EXPECT_EQ(with({"encoding.kind=\"regular\"", "encoding.code=\"single\"", "task.features=\"traces\"",
                  "task.trace_tau_ms=[5, 20, 100]"}),
            "");
}

TEST(FeatureConfig, DefaultsDependOnTheTaskAndAreWrittenToTheResolvedConfig) {
  // Window tasks: current drive, traces at 5/20/100 ms; sequence tasks: current drive, counts;
  // the input reaches the readout everywhere but in memory capacity.
  auto resolved = [](const std::string& kind) {
    io::Config c = io::Config::from_string("", "run.toml");
    c.set("task.kind=\"" + kind + "\"");
    c.set("network.n=20");
    if (kind == "ucr") c.set("task.path=\"/nonexistent\"");
    try {
      read_experiment(c);
    } catch (const InputError&) {
      // the UCR loader fails on the missing folder after the shared keys were resolved
    }
    return c.to_json();
  };
  const nlohmann::json mc = resolved("mc"), lorenz = resolved("lorenz"), ucr = resolved("ucr");
  EXPECT_EQ(mc["encoding"]["kind"], "current");
  EXPECT_EQ(mc["task"]["features"], "traces");
  EXPECT_EQ(mc["task"]["trace_tau_ms"], nlohmann::json::array({5.0, 20.0, 100.0}));
  EXPECT_EQ(mc["task"]["readout_input"], false);
  EXPECT_EQ(lorenz["task"]["features"], "traces");
  EXPECT_EQ(lorenz["task"]["readout_input"], true);
  EXPECT_EQ(ucr["task"]["features"], "counts");
  EXPECT_EQ(ucr["task"]["readout_input"], true);
  EXPECT_FALSE(ucr["task"].contains("trace_tau_ms"));
}

TEST(ClassificationStdp, TheStdpSubsetSpansEveryClassOfASortedSet) {
  // 10 classes of 270 sorted by class (FSDD's order): 200 sequences must include every class
  // about equally (the first 200 would be class 0 only).
  std::vector<int> per_class(10, 0);
  for (std::size_t i : evenly_spaced(2700, 200)) ++per_class[i / 270];
  for (int c : per_class) EXPECT_EQ(c, 20);
  EXPECT_EQ(evenly_spaced(5, 200), (std::vector<std::size_t>{0, 1, 2, 3, 4}));
}

TEST(FeatureConfig, SeriesValidationScoresTheLastFifthOfTrainingAndNeverTheTest) {
  // task.validation with train = 600 is the same run as train = 480, test = 120: the test
  // samples play no part, and the reported numbers are those of the held-out training part.
  auto run = [](std::vector<std::string> sets) {
    io::Config c = io::Config::from_string("", "run.toml");
    for (const std::string& s : {"task.kind=\"lorenz\"", "network.n=40", "task.washout=20", "task.esn=false",
                                 "task.horizons=[1, 5]"})
      c.set(s);
    for (const auto& s : sets) c.set(s);
    const Experiment e = read_experiment(c);
    return std::pair{e.task(e.base, 3).scalars, e.description};
  };
  const auto [val, val_desc] = run({"task.train=600", "task.validation=true"});
  const auto [explicit_split, desc] = run({"task.train=480", "task.test=120"});
  EXPECT_EQ(val.at("nrmse_h1"), explicit_split.at("nrmse_h1"));
  EXPECT_EQ(val.at("nrmse_h5"), explicit_split.at("nrmse_h5"));
  EXPECT_EQ(val.at("S"), explicit_split.at("S"));
  EXPECT_NE(val_desc.find("validation split"), std::string::npos) << val_desc;
  EXPECT_NE(error_of({"task.kind=\"mc\"", "task.validation=true"}).find("task.validation"), std::string::npos);
}

}  // namespace
}  // namespace hrsnn::experiments

namespace hrsnn::experiments {
namespace {

// The learned-weights shuffle keeps the E→E weight multiset and every other weight, changes
// which synapse holds which E→E weight, and is a function of its seed.
TEST(ShuffleLearned, PermutesOnlyPlasticExcitatoryRecurrentWeights) {
  sim::NetworkSpec spec;
  spec.n = 120;
  Reservoir r(with_inputs(spec, 20, 1), 5);
  const sim::Network& net = r.network();
  const std::vector<double> before = net.synapses.weight;
  std::vector<double> a = before, b = before, c = before;
  const std::size_t moved = shuffle_plastic_ee(net, a, 11);
  shuffle_plastic_ee(net, b, 11);
  shuffle_plastic_ee(net, c, 12);
  ASSERT_GT(moved, 100u);
  EXPECT_EQ(a, b);
  EXPECT_NE(a, c);
  std::vector<double> ee_before, ee_after;
  std::size_t changed = 0;
  const std::size_t n = net.neurons.size();
  for (std::size_t k = 0; k < before.size(); ++k) {
    const auto& t = net.synapses;
    const bool ee = t.stdp.plastic(k) && t.pre[k] < n && net.neurons.excitatory[t.pre[k]] && net.neurons.excitatory[t.post[k]];
    if (!ee) {
      EXPECT_EQ(a[k], before[k]) << "synapse " << k << " is not plastic E->E";
      continue;
    }
    ee_before.push_back(before[k]);
    ee_after.push_back(a[k]);
    changed += a[k] != before[k];
  }
  EXPECT_EQ(ee_before.size(), moved);
  EXPECT_GT(changed, moved / 2);
  std::sort(ee_before.begin(), ee_before.end());
  std::sort(ee_after.begin(), ee_after.end());
  EXPECT_EQ(ee_before, ee_after);
}

TEST(ShuffleLearned, ConfigKeyNeedsTheStdpPhase) {
  EXPECT_NE(error_of({"task.shuffle_learned_weights=true", "task.stdp_phase=false"}).find("task.shuffle_learned_weights"),
            std::string::npos);
  EXPECT_EQ(error_of({"task.shuffle_learned_weights=true"}), "");
}

}  // namespace
}  // namespace hrsnn::experiments
