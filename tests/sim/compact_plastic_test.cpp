// The compact plastic layout (16 B per synapse, traces from spike times, fixed-point weights)
// against the wide one (64-byte lines, double traces and weights) on a recurrent heterogeneous
// network built with the default 256-level STDP laws: the Brian2 bars, compact vs wide.
#include "core/error.hpp"
#include "encode/poisson_spikes.hpp"
#include "sim/build_network.hpp"
#include "sim/simulator.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <utility>

namespace hrsnn::sim {
namespace {

TEST(CompactPlastic, MatchesTheWideLayoutOnAHeterogeneousRecurrentNetwork) {
  NetworkSpec s;
  s.n = 300;
  s.n_inputs = 40;
  s.dt = 0.5;
  s.exc.tau_m = Law::gamma_shape(20.0, 4.0);
  s.stdp.tau_plus = Law::gamma_shape(20.0, 4.0);
  s.stdp.tau_minus = Law::gamma_shape(20.0, 4.0);
  s.stdp.eta_plus = Law{LawKind::LogNormal, 0.02, 0.5};
  s.stdp.eta_minus = Law{LawKind::LogNormal, 0.021, 0.5};
  s.delay = Law{LawKind::Uniform, 3.0, 0.5};
  const Network net = build_network(s, 11);
  const std::int64_t steps = 8000;  // 4 s
  // 20 Hz Poisson on every input source (p = 0.01 per 0.5 ms step)
  const SpikeEvents in = encode::spikes_from_rates(Eigen::MatrixXd::Constant(1, s.n_inputs, 20.0), steps, s.dt, 5);
  auto run = [&](PlasticLayout layout) {
    Simulator sim(net, SimOptions{true, Pairing::Nearest, layout});
    EXPECT_EQ(sim.compact(), layout == PlasticLayout::Compact);
    SpikeRecorder rec;
    sim.run(steps, &in, &rec);
    std::set<std::pair<std::int64_t, std::uint32_t>> spikes;
    for (std::size_t k = 0; k < rec.size(); ++k) spikes.insert({rec.step[k], rec.neuron[k]});
    return std::make_pair(spikes, sim.weights(net));
  };
  const auto [ws, ww] = run(PlasticLayout::Wide);
  const auto [cs, cw] = run(PlasticLayout::Compact);
  ASSERT_GT(ws.size(), 2000u);
  std::size_t common = 0;
  for (const auto& x : ws) common += cs.count(x);
  EXPECT_GE(common, 0.999 * ws.size());
  EXPECT_GE(common, 0.999 * cs.size());
  std::vector<double> rel;
  std::size_t moved = 0, plastic = 0;
  for (std::size_t e = 0; e < net.synapses.size(); ++e) {
    if (!net.synapses.stdp.plastic(e)) {
      EXPECT_EQ(cw[e], ww[e]);
      continue;
    }
    const double range = net.synapses.stdp.w_max[e] - net.synapses.stdp.w_min[e];
    rel.push_back(std::abs(cw[e] - ww[e]) / range);
    ++plastic;
    moved += std::abs(ww[e] - net.synapses.weight[e]) > 1e-3 * range;
    EXPECT_GE(cw[e], net.synapses.stdp.w_min[e]);
    EXPECT_LE(cw[e], net.synapses.stdp.w_max[e]);
  }
  std::sort(rel.begin(), rel.end());
  EXPECT_LE(rel[rel.size() / 2], 1e-6);
  EXPECT_LE(rel.back(), 1e-4);
  EXPECT_GE(moved, plastic / 5) << "too few synapses moved for the check to mean anything";
}

TEST(CompactPlastic, AutoPicksCompactOnlyWhenEligible) {
  NetworkSpec s;
  s.n = 100;
  s.n_inputs = 10;
  s.stdp.tau_plus = Law::gamma_shape(20.0, 4.0);
  EXPECT_TRUE(Simulator(build_network(s, 1), SimOptions{true}).compact());
  EXPECT_FALSE(Simulator(build_network(s, 1), SimOptions{true, Pairing::AllToAll}).compact());
  s.stdp.levels = 0;  // continuous draws: thousands of distinct values
  const Network continuous = build_network(s, 1);
  EXPECT_FALSE(Simulator(continuous, SimOptions{true}).compact());
  EXPECT_THROW(Simulator(continuous, SimOptions{true, Pairing::Nearest, PlasticLayout::Compact}), InputError);
  EXPECT_EQ(parse_plastic_layout("wide", "x"), PlasticLayout::Wide);
  EXPECT_THROW(parse_plastic_layout("narrow", "x"), InputError);
}

}  // namespace
}  // namespace hrsnn::sim
