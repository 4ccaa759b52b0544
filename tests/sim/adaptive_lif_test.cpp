// The adaptive LIF (docs/model.md §2.1) against its closed-form solution between spikes, and
// its limit: zero jumps give the plain LIF's spikes bit for bit. The Brian2 comparison is
// reference case F (scripts/reference, docs/verification.md).
#include "sim/build_network.hpp"
#include "sim/simulator.hpp"

#include "core/error.hpp"
#include "core/rng.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace hrsnn::sim {
namespace {

// Membrane response at time t to a unit current that starts at 0 and decays with tau_s.
long double kernel(long double t, long double tau_m, long double tau_s) {
  return tau_s / (tau_s - tau_m) * (std::exp(-t / tau_s) - std::exp(-t / tau_m));
}

TEST(AdaptiveLif, TonicNeuronFollowsTheClosedFormBetweenSpikes) {
  // One neuron resting above threshold fires tonically; after each spike v restarts at reset
  // and relaxes to rest, minus the decaying adaptation current; the threshold excess decays
  // too. Spike k+1 is the first step whose closed-form v reaches v_th + θ: evaluated directly
  // at the step times in long double, not with the engine's propagators.
  const double dt = 0.1, tau_m = 10.0, tau_a = 150.0, tau_th = 80.0, b = 2.0, dth = 1.5;
  const double rest = -40.0, reset = -60.0, th = -50.0;
  Network net;
  net.dt = dt;
  net.neurons.resize(1);
  auto& nt = net.neurons;
  nt.tau_m = {tau_m};
  nt.v_rest = {rest};
  nt.v_reset = {reset};
  nt.v_th = {th};
  nt.v_init = {reset};
  nt.tau_ref = {0.0};
  nt.tau_syn_e = {5.0};
  nt.tau_syn_i = {10.0};
  nt.excitatory = {1};
  nt.make_adaptive();
  nt.tau_a = {tau_a};
  nt.b_a = {b};
  nt.tau_theta = {tau_th};
  nt.d_theta = {dth};
  const std::int64_t n_steps = 30000;
  Simulator sim(net, SimOptions{false});
  SpikeRecorder rec;
  sim.run(n_steps, nullptr, &rec);
  ASSERT_GT(rec.step.size(), 20u);

  std::vector<std::int64_t> expected;
  std::int64_t last = -1;  // v_init = reset is the state before step 0 (as after a reset at step -1)
  long double a_after = 0;
  while (true) {
    std::int64_t n = last + 1;
    for (; n < n_steps; ++n) {
      const long double t = (n - last) * static_cast<long double>(dt);
      const long double v = rest + (reset - rest) * std::exp(-t / tau_m) - a_after * kernel(t, tau_m, tau_a);
      long double theta = 0;
      for (std::int64_t s : expected) theta += dth * std::exp(-(n - s) * static_cast<long double>(dt) / tau_th);
      if (v >= th + theta) break;
    }
    if (n >= n_steps) break;
    expected.push_back(n);
    a_after = a_after * std::exp(-(n - last) * static_cast<long double>(dt) / tau_a) + b;
    last = n;
  }
  ASSERT_EQ(rec.step.size(), expected.size());
  for (std::size_t k = 0; k < expected.size(); ++k) EXPECT_EQ(rec.step[k], expected[k]) << "spike " << k;
  // Adaptation lengthens the intervals: the last is well above the first.
  const std::int64_t first = expected[1] - expected[0], final_isi = expected.back() - expected[expected.size() - 2];
  EXPECT_GT(final_isi, first + first / 2);
}

TEST(AdaptiveLif, ZeroJumpsGiveThePlainLifSpikesBitForBit) {
  NetworkSpec spec;
  spec.n = 200;
  spec.n_inputs = 20;
  const Network plain = build_network(spec, 5);
  spec.adaptive = true;  // b_a = d_theta = 0 by default
  const Network adaptive = build_network(spec, 5);
  ASSERT_TRUE(adaptive.neurons.adaptive());
  EXPECT_EQ(plain.neurons.tau_m, adaptive.neurons.tau_m);  // the LIF draws do not move
  EXPECT_EQ(plain.synapses.weight, adaptive.synapses.weight);
  Rng rng(3);
  SpikeEvents in;
  in.n_sources = 20;
  for (std::int64_t s = 0; s < 3000; ++s)
    for (std::uint32_t src = 0; src < 20; ++src)
      if (rng.uniform() < 0.02) in.push(s, src);
  auto spikes = [&](const Network& net) {
    Simulator sim(net, SimOptions{true});
    SpikeRecorder rec;
    sim.run(3000, &in, &rec);
    return std::pair{rec.step, rec.neuron};
  };
  const auto a = spikes(plain), b = spikes(adaptive);
  ASSERT_GT(a.first.size(), 100u);
  EXPECT_EQ(a, b);
}

TEST(AdaptiveLif, NegativeJumpsAndTimeConstantsAreRefused) {
  Network net;
  net.neurons.resize(1);
  auto& nt = net.neurons;
  nt.tau_m = {10.0}, nt.v_rest = {-65.0}, nt.v_reset = {-65.0}, nt.v_th = {-50.0}, nt.v_init = {-65.0};
  nt.tau_ref = {2.0}, nt.tau_syn_e = {5.0}, nt.tau_syn_i = {10.0}, nt.excitatory = {1};
  nt.make_adaptive();
  nt.b_a = {-1.0};
  EXPECT_THROW(validate(net, "net"), InputError);
  nt.b_a = {1.0};
  nt.tau_theta = {0.0};
  EXPECT_THROW(validate(net, "net"), InputError);
  nt.tau_theta = {50.0};
  EXPECT_NO_THROW(validate(net, "net"));
}

}  // namespace
}  // namespace hrsnn::sim
