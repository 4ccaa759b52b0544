// Degree statistics of each rule against its expectation on the actual (bounded) grid.
#include "core/rng.hpp"
#include "sim/build_network.hpp"
#include "core/law.hpp"
#include "core/error.hpp"
#include "sim/connectivity.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace hrsnn::sim {
namespace {

std::vector<std::uint8_t> labels(std::uint32_t n, std::uint64_t seed) {
  Rng rng(seed);
  std::vector<std::uint8_t> e(n);
  for (auto& x : e) x = rng.uniform() < 0.8;
  return e;
}

TEST(GridShape, NearCubicFactorisations) {
  EXPECT_EQ(grid_shape(2000), (std::array<int, 3>{10, 10, 20}));
  EXPECT_EQ(grid_shape(500), (std::array<int, 3>{5, 10, 10}));
  EXPECT_EQ(grid_shape(1000), (std::array<int, 3>{10, 10, 10}));
  const auto p = grid_shape(997);  // prime: smallest near-cube holding it
  EXPECT_GE(static_cast<long>(p[0]) * p[1] * p[2], 997);
}

TEST(Connectivity, MaassCountsPerClassMatchExpectationOnBoundedGrid) {
  const std::uint32_t n = 1000;
  const auto exc = labels(n, 1);
  ConnectivitySpec c;
  const auto g = grid_shape(n);
  double expected[2][2] = {{0, 0}, {0, 0}}, var[2][2] = {{0, 0}, {0, 0}};
  for (std::uint32_t j = 0; j < n; ++j)
    for (std::uint32_t i = 0; i < n; ++i) {
      if (i == j) continue;
      const int dx = int(i % g[0]) - int(j % g[0]), dy = int((i / g[0]) % g[1]) - int((j / g[0]) % g[1]),
                dz = int(i / (g[0] * g[1])) - int(j / (g[0] * g[1]));
      const double cc = exc[i] ? (exc[j] ? c.c_ee : c.c_ei) : (exc[j] ? c.c_ie : c.c_ii);
      const double p = cc * std::exp(-(dx * dx + dy * dy + dz * dz) / (c.lambda * c.lambda));
      expected[exc[i]][exc[j]] += p;
      var[exc[i]][exc[j]] += p * (1 - p);
    }
  double got[2][2] = {{0, 0}, {0, 0}};
  for (std::uint64_t seed = 1; seed <= 4; ++seed) {
    const Edges e = recurrent_edges(c, exc, g, seed);
    for (std::size_t k = 0; k < e.pre.size(); ++k) {
      ASSERT_NE(e.pre[k], e.post[k]);
      got[exc[e.pre[k]]][exc[e.post[k]]] += 0.25;
    }
  }
  for (int a = 0; a < 2; ++a)
    for (int b = 0; b < 2; ++b) EXPECT_NEAR(got[a][b], expected[a][b], 4 * std::sqrt(var[a][b] / 4)) << a << b;
  // In-degree E→E per E neuron on the bounded grid is below the infinite-grid value of ~10.
  EXPECT_LT(expected[1][1] / 800.0, 10.0);
  EXPECT_GT(expected[1][1] / 800.0, 5.0);
}

TEST(Connectivity, RandomRuleHasBinomialDegrees) {
  ConnectivitySpec c;
  c.topology = Topology::Random;
  c.p = 0.05;
  const std::uint32_t n = 2000;
  const Edges e = recurrent_edges(c, labels(n, 2), {0, 0, 0}, 3);
  const double want = c.p * n * (n - 1), sd = std::sqrt(want * (1 - c.p));
  EXPECT_NEAR(static_cast<double>(e.pre.size()), want, 4 * sd);
  for (std::size_t k = 0; k < e.pre.size(); ++k) ASSERT_NE(e.pre[k], e.post[k]);
}

TEST(Connectivity, SmallWorldKeepsOutDegreeAndRewiresBetaOfEdges) {
  ConnectivitySpec c;
  c.topology = Topology::SmallWorld;
  c.k = 10;
  c.beta = 0.2;
  const std::uint32_t n = 1000;
  const Edges e = recurrent_edges(c, labels(n, 4), {0, 0, 0}, 5);
  ASSERT_EQ(e.pre.size(), std::size_t(n) * 10);
  std::vector<int> out(n, 0);
  std::size_t far = 0;
  for (std::size_t k = 0; k < e.pre.size(); ++k) {
    ++out[e.pre[k]];
    ASSERT_NE(e.pre[k], e.post[k]);
    const int d = std::abs(int(e.pre[k]) - int(e.post[k]));
    if (std::min(d, int(n) - d) > 5) ++far;
  }
  for (int o : out) ASSERT_EQ(o, 10);
  const double expected_far = 0.2 * e.pre.size() * (1 - 10.0 / n);
  EXPECT_NEAR(static_cast<double>(far), expected_far, 4 * std::sqrt(expected_far));
}

TEST(Connectivity, InputEdgesFollowPIn) {
  const Edges e = input_edges(20, 2000, 0.2, 7);
  const double want = 0.2 * 20 * 2000;
  EXPECT_NEAR(static_cast<double>(e.pre.size()), want, 4 * std::sqrt(want * 0.8));
}

TEST(BuildNetwork, PointLawsGiveTheHomogeneousNetworkAndVariantsArePaired) {
  NetworkSpec homo;
  homo.n = 400;
  NetworkSpec het = homo;
  het.exc.tau_m = Law::gamma_shape(20.0, 3.0);
  het.exc.v_th_above_rest = Law::gamma_shape(15.0, 25.0);
  het.stdp.tau_plus = Law::gamma_shape(20.0, 3.0);
  const Network a = build_network(homo, 9), b = build_network(het, 9);
  for (std::uint32_t i = 0; i < a.n_neurons(); ++i) {
    EXPECT_EQ(a.neurons.tau_m[i], a.neurons.excitatory[i] ? 20.0 : 10.0);
    EXPECT_EQ(a.neurons.v_th[i], -50.0);
  }
  EXPECT_EQ(a.neurons.excitatory, b.neurons.excitatory);
  EXPECT_EQ(a.synapses.pre, b.synapses.pre);
  EXPECT_EQ(a.synapses.post, b.synapses.post);
  EXPECT_EQ(a.synapses.weight, b.synapses.weight);
  EXPECT_EQ(a.synapses.delay, b.synapses.delay);
  EXPECT_NE(a.neurons.tau_m, b.neurons.tau_m);
  EXPECT_EQ(a.neurons.tau_syn_e, b.neurons.tau_syn_e);
}

// Quantised STDP draws: at most `levels` values, each a level of the law's table, drawn with
// equal frequency; levels = 0 draws continuously from the same law.
TEST(BuildNetwork, StdpParametersAreDrawnFromTheLawsLevelTable) {
  NetworkSpec s;
  s.n = 1000;
  s.conn.topology = Topology::Random;
  s.conn.p = 0.1;
  s.stdp.tau_plus = Law::gamma_shape(20.0, 4.0);
  const std::vector<double> table = LawSampler(s.stdp.tau_plus, "t").level_table(256);
  const Network q = build_network(s, 3);
  std::map<double, int> seen;
  double sum = 0.0;
  int plastic = 0;
  for (std::size_t e = 0; e < q.synapses.size(); ++e) {
    if (!q.synapses.stdp.plastic(e)) continue;
    ++plastic;
    ++seen[q.synapses.stdp.tau_plus[e]];
    sum += q.synapses.stdp.tau_plus[e];
  }
  ASSERT_GT(plastic, 50000);
  EXPECT_EQ(seen.size(), 256u);
  for (const auto& [v, count] : seen) {
    EXPECT_TRUE(std::binary_search(table.begin(), table.end(), v)) << v;
    EXPECT_NEAR(count, plastic / 256.0, 5 * std::sqrt(plastic / 256.0));  // uniform codes
  }
  EXPECT_NEAR(sum / plastic, 20.0, 4 * 10.0 / std::sqrt(plastic));  // sd 10 for shape 4
  s.stdp.levels = 0;
  const Network c = build_network(s, 3);
  std::set<double> distinct(c.synapses.stdp.tau_plus.begin(), c.synapses.stdp.tau_plus.end());
  EXPECT_GT(distinct.size(), 10000u);
  EXPECT_EQ(c.synapses.pre, q.synapses.pre);
}

TEST(BuildNetwork, RefusesANetworkTooLargeForMemoryBeforeAllocating) {
  NetworkSpec s;
  s.n = 50000000;
  s.conn.topology = Topology::Random;
  s.conn.p = 0.5;
  try {
    build_network(s, 1);
    FAIL() << "expected an error";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("GB"), std::string::npos) << e.what();
  }
}

TEST(BuildNetwork, ImpossibleLawIsReportedWithItsConfigKey) {
  NetworkSpec spec;
  spec.n = 50;
  EXPECT_FALSE(impossible_law(spec).has_value());
  // Gamma with mean 2 bounded to [10, 20]: its truncated mean cannot be 2 (the mean is kept).
  spec.delay = Law{LawKind::Gamma, 2.0, 0.5, 10.0, 20.0};
  auto bad = impossible_law(spec);
  ASSERT_TRUE(bad.has_value());
  EXPECT_EQ(bad->key, "network.delay");
  EXPECT_EQ(bad->reason.find("network.delay"), std::string::npos) << "the key is reported once, apart: " << bad->reason;
  EXPECT_THROW(build_network(spec, 1), InputError);  // the draw refuses it too
  spec = NetworkSpec{};
  spec.n = 50;
  spec.adaptive = true;
  spec.inh.tau_a = Law{LawKind::Gamma, 2.0, 0.5, 10.0, 20.0};
  bad = impossible_law(spec);
  ASSERT_TRUE(bad.has_value());
  EXPECT_EQ(bad->key, "neurons.inh.tau_a");
}

}  // namespace
}  // namespace hrsnn::sim
