// Invariants of STDP in a busy random network: weights stay in [w_min, w_max] even with
// learning rates and all-to-all traces large enough to overshoot, and runs are reproducible.
#include "core/rng.hpp"
#include "sim/simulator.hpp"

#include <gtest/gtest.h>

namespace hrsnn::sim {
namespace {

Network busy_network(std::uint64_t seed, double eta) {
  Rng rng(seed);
  Network net;
  net.dt = 0.5;
  const std::uint32_t n = 60;
  net.neurons.resize(n);
  auto& nt = net.neurons;
  for (std::uint32_t i = 0; i < n; ++i) {
    nt.tau_m[i] = rng.uniform(5, 30); nt.v_rest[i] = -65; nt.v_reset[i] = -65; nt.v_th[i] = -50 + rng.uniform(0, 3);
    nt.v_init[i] = -65 + rng.uniform(0, 10); nt.tau_ref[i] = 2; nt.tau_syn_e[i] = 5; nt.tau_syn_i[i] = 10;
    nt.excitatory[i] = i < 48;
  }
  net.n_inputs = 20;
  auto& sp = net.synapses.stdp;
  for (std::uint32_t pre = 0; pre < n + 20; ++pre)
    for (std::uint32_t post = 0; post < n; ++post) {
      if (rng.uniform() > (pre >= n ? 0.5 : 0.15)) continue;
      const bool exc = pre >= n || nt.excitatory[pre];
      const double w = pre >= n ? rng.uniform(5, 8) : exc ? rng.uniform(0, 8) : -rng.uniform(0, 4);
      net.synapses.add(pre, post, w, static_cast<std::int32_t>(rng.below(6)));
      const bool plastic = exc;
      sp.tau_plus.push_back(rng.uniform(3, 40)); sp.tau_minus.push_back(rng.uniform(3, 40));
      sp.eta_plus.push_back(plastic ? eta : 0); sp.eta_minus.push_back(plastic ? eta : 0);
      sp.w_min.push_back(plastic ? 0.0 : 0.0); sp.w_max.push_back(plastic ? 8.0 : 0.0);
    }
  return net;
}

SpikeEvents poisson(std::uint32_t m, std::int64_t steps, double p, std::uint64_t seed) {
  Rng rng(seed);
  SpikeEvents in;
  in.n_sources = m;
  for (std::int64_t s = 0; s < steps; ++s)
    for (std::uint32_t k = 0; k < m; ++k)
      if (rng.uniform() < p) in.push(s, k);
  return in;
}

TEST(StdpBounds, WeightsNeverLeaveTheirBounds) {
  for (Pairing pairing : {Pairing::Nearest, Pairing::AllToAll}) {
    Network net = busy_network(11, 0.9);
    const SpikeEvents in = poisson(20, 4000, 0.05, 12);
    Simulator sim(net, SimOptions{true, pairing});
    SpikeRecorder rec;
    sim.run(4000, &in, &rec);
    ASSERT_GT(rec.size(), 1000u);
    const auto w = sim.weights(net);
    std::size_t moved = 0;
    for (std::size_t s = 0; s < w.size(); ++s) {
      if (!net.synapses.stdp.plastic(s)) {
        EXPECT_EQ(w[s], net.synapses.weight[s]);
        continue;
      }
      ASSERT_GE(w[s], 0.0);
      ASSERT_LE(w[s], 8.0);
      moved += w[s] != net.synapses.weight[s];
    }
    EXPECT_GT(moved, w.size() / 4);
  }
}

TEST(StdpBounds, SameInputSameSpikesAndWeights) {
  Network net = busy_network(21, 0.02);
  const SpikeEvents in = poisson(20, 3000, 0.05, 22);
  auto run = [&] {
    Simulator sim(net, SimOptions{true, Pairing::AllToAll});
    SpikeRecorder rec;
    sim.run(3000, &in, &rec);
    return std::make_pair(rec.step, sim.weights(net));
  };
  const auto a = run(), b = run();
  EXPECT_EQ(a.first, b.first);
  EXPECT_EQ(a.second, b.second);
}

TEST(StdpBounds, FrozenModeKeepsEveryWeight) {
  Network net = busy_network(31, 0.5);
  const SpikeEvents in = poisson(20, 2000, 0.05, 32);
  Simulator sim(net, SimOptions{false, Pairing::Nearest});
  SpikeRecorder rec;
  sim.run(2000, &in, &rec);
  ASSERT_GT(rec.size(), 100u);
  EXPECT_EQ(sim.weights(net), net.synapses.weight);
}

// State carries over between run() calls: running in chunks (as the weight probe does) gives
// exactly the spikes and weights of one uninterrupted run.
TEST(StdpBounds, ChunkedRunEqualsOneRun) {
  Network net = busy_network(41, 0.05);
  const SpikeEvents in = poisson(20, 3000, 0.05, 42);
  Simulator whole(net, SimOptions{true, Pairing::Nearest});
  SpikeRecorder a;
  whole.run(3000, &in, &a);
  Simulator parts(net, SimOptions{true, Pairing::Nearest});
  SpikeRecorder b;
  std::size_t next = 0;
  for (std::int64_t start = 0; start < 3000; start += 700) {
    const std::int64_t len = std::min<std::int64_t>(700, 3000 - start);
    SpikeEvents part;
    part.n_sources = in.n_sources;
    for (; next < in.size() && in.step[next] < start + len; ++next) part.push(in.step[next] - start, in.source[next]);
    parts.run(len, &part, &b);
  }
  EXPECT_EQ(a.step, b.step);
  EXPECT_EQ(a.neuron, b.neuron);
  EXPECT_EQ(whole.weights(net), parts.weights(net));
}

}  // namespace
}  // namespace hrsnn::sim
