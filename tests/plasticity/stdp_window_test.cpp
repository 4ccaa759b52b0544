// Pairing protocols: each synapse reproduces its own STDP window; the expected change is
// computed from explicit sums over spike pairs, not from the engine's incremental traces.
#include "core/rng.hpp"
#include "sim/simulator.hpp"

#include "core/error.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace hrsnn::sim {
namespace {

struct Protocol {
  std::vector<std::int64_t> pre_steps;   // presynaptic source spikes (arrival = + delay)
  std::vector<std::int64_t> post_steps;  // forced postsynaptic spikes
  std::int64_t delay;
  plasticity::StdpParams p;
  double w0;
};

// Weight after the protocol, from explicit pair sums: at each event the trace is the sum
// (all-to-all) or the latest (nearest) of e^{−Δ/τ} over earlier partner events; arrivals in a
// step are processed before that step's postsynaptic spikes.
double expected_weight(const Protocol& pr, double dt, bool all) {
  struct Ev { std::int64_t step; bool post; };
  std::vector<Ev> ev;
  for (auto s : pr.pre_steps) ev.push_back({s + pr.delay, false});
  for (auto s : pr.post_steps) ev.push_back({s, true});
  std::stable_sort(ev.begin(), ev.end(), [](const Ev& a, const Ev& b) {
    return a.step != b.step ? a.step < b.step : (!a.post && b.post);
  });
  double w = pr.w0;
  for (std::size_t k = 0; k < ev.size(); ++k) {
    double trace = 0.0;
    for (std::size_t j = 0; j < k; ++j) {  // partners strictly earlier in processing order
      if (ev[j].post == ev[k].post) continue;
      const double lag = (ev[k].step - ev[j].step) * dt;
      const double term = std::exp(-lag / (ev[k].post ? pr.p.tau_plus : pr.p.tau_minus));
      trace = all ? trace + term : term;
    }
    if (ev[k].post) w += pr.p.eta_plus * (pr.p.w_max - w) * trace;
    else w -= pr.p.eta_minus * (w - pr.p.w_min) * trace;
  }
  return w;
}

// One post neuron per protocol, forced to fire by a static driver input one step earlier.
// The wide layout keeps double weights (1e-12 of the range); the compact one rounds its 32-bit
// fixed-point weight at the initial encoding and at each update (≤ 1.2e-10 of the range each).
void run_protocols(const std::vector<Protocol>& prs, double dt, Pairing pairing,
                   PlasticLayout layout = PlasticLayout::Wide) {
  const double tolerance = layout == PlasticLayout::Compact ? 1.5e-9 : 1e-12;
  const std::uint32_t n = static_cast<std::uint32_t>(prs.size());
  Network net;
  net.dt = dt;
  net.neurons.resize(n);
  auto& nt = net.neurons;
  for (std::uint32_t j = 0; j < n; ++j) {
    nt.tau_m[j] = 20; nt.v_rest[j] = -65; nt.v_reset[j] = -65; nt.v_th[j] = -50; nt.v_init[j] = -65;
    nt.tau_ref[j] = 2; nt.tau_syn_e[j] = 0.01; nt.tau_syn_i[j] = 10; nt.excitatory[j] = 1;
  }
  net.n_inputs = 2 * n;  // source 2j: plastic pre of protocol j; 2j+1: driver of post j
  auto& sp = net.synapses.stdp;
  SpikeEvents in;
  in.n_sources = 2 * n;
  std::int64_t horizon = 0;
  struct Spk { std::int64_t s; std::uint32_t src; };
  std::vector<Spk> spikes;
  for (std::uint32_t j = 0; j < n; ++j) {
    const Protocol& pr = prs[j];
    net.synapses.add(n + 2 * j, j, pr.w0, static_cast<std::int32_t>(pr.delay));
    sp.tau_plus.push_back(pr.p.tau_plus); sp.tau_minus.push_back(pr.p.tau_minus);
    sp.eta_plus.push_back(pr.p.eta_plus); sp.eta_minus.push_back(pr.p.eta_minus);
    sp.w_min.push_back(pr.p.w_min); sp.w_max.push_back(pr.p.w_max);
    net.synapses.add(n + 2 * j + 1, j, 1e6, 0);
    for (auto* c : {&sp.tau_plus, &sp.tau_minus}) c->push_back(1.0);
    for (auto* c : {&sp.eta_plus, &sp.eta_minus, &sp.w_min, &sp.w_max}) c->push_back(0.0);
    for (auto s : pr.pre_steps) spikes.push_back({s, 2 * j});
    for (auto s : pr.post_steps) spikes.push_back({s - 1, 2 * j + 1});
    for (auto s : pr.pre_steps) horizon = std::max(horizon, s + pr.delay);
    for (auto s : pr.post_steps) horizon = std::max(horizon, s);
  }
  std::sort(spikes.begin(), spikes.end(), [](const Spk& a, const Spk& b) { return a.s != b.s ? a.s < b.s : a.src < b.src; });
  for (const Spk& s : spikes) in.push(s.s, s.src);

  Simulator sim(net, SimOptions{true, pairing, layout});
  ASSERT_EQ(sim.compact(), layout == PlasticLayout::Compact);
  SpikeRecorder rec;
  sim.run(horizon + 5, &in, &rec);
  const auto w = sim.weights(net);
  // Every post neuron spiked exactly at its forced steps.
  std::vector<std::vector<std::int64_t>> got(n);
  for (std::size_t k = 0; k < rec.size(); ++k) got[rec.neuron[k]].push_back(rec.step[k]);
  const bool all = pairing == Pairing::AllToAll;
  for (std::uint32_t j = 0; j < n; ++j) {
    ASSERT_EQ(got[j], prs[j].post_steps) << "protocol " << j;
    const double want = expected_weight(prs[j], dt, all);
    EXPECT_NEAR(w[2 * j], want, tolerance * (prs[j].p.w_max - prs[j].p.w_min)) << "protocol " << j;
    EXPECT_NE(w[2 * j], prs[j].w0) << "protocol " << j << " did not change";
  }
}

std::vector<Protocol> window_protocols(double dt, std::uint64_t seed, bool bursts) {
  Rng rng(seed);
  std::vector<Protocol> prs;
  for (int lag = -40; lag <= 40; lag += 3) {  // Δt = t_post − t_arrival in steps of dt·(…)
    Protocol pr;
    pr.p = {rng.uniform(5, 40), rng.uniform(5, 40), rng.uniform(0.005, 0.05), rng.uniform(0.005, 0.05), 0.0, 2.0};
    pr.delay = static_cast<std::int64_t>(rng.below(15));
    pr.w0 = rng.uniform(0.2, 1.8);
    const std::int64_t lag_steps = static_cast<std::int64_t>(std::lround(lag * 1.5 / dt));  // ±60 ms
    const std::int64_t base = 1000;  // arrival step of the main pairing
    pr.pre_steps = {base - pr.delay};
    if (bursts) pr.pre_steps = {base - pr.delay - 7, base - pr.delay, base + 1700, base + 1703};
    pr.post_steps = {base + lag_steps};
    if (bursts) pr.post_steps = {base + lag_steps, base + lag_steps + 30, base + 1650};
    prs.push_back(pr);
  }
  return prs;
}

TEST(StdpWindow, SinglePairsFollowEachSynapsesWindowNearest) {
  run_protocols(window_protocols(0.1, 1, false), 0.1, Pairing::Nearest);
}
TEST(StdpWindow, SinglePairsFollowEachSynapsesWindowAll) {
  run_protocols(window_protocols(1.0, 2, false), 1.0, Pairing::AllToAll);
}
TEST(StdpWindow, BurstsFollowPairSumsNearest) { run_protocols(window_protocols(0.1, 3, true), 0.1, Pairing::Nearest); }
// The compact layout rebuilds x and y from spike times (a ring of presynaptic spikes per
// source, up to 14-step delays here, with bursts closer than the delay).
TEST(StdpWindow, SinglePairsFollowEachSynapsesWindowNearestCompact) {
  run_protocols(window_protocols(0.1, 1, false), 0.1, Pairing::Nearest, PlasticLayout::Compact);
}
TEST(StdpWindow, BurstsFollowPairSumsNearestCompact) {
  run_protocols(window_protocols(0.1, 3, true), 0.1, Pairing::Nearest, PlasticLayout::Compact);
  run_protocols(window_protocols(1.0, 6, true), 1.0, Pairing::Nearest, PlasticLayout::Compact);
}
TEST(StdpWindow, CompactLayoutRefusesAllToAllPairing) {
  EXPECT_THROW(run_protocols(window_protocols(1.0, 2, false), 1.0, Pairing::AllToAll, PlasticLayout::Compact), InputError);
}
TEST(StdpWindow, BurstsFollowPairSumsAll) { run_protocols(window_protocols(0.1, 4, true), 0.1, Pairing::AllToAll); }

TEST(StdpWindow, SignOfChangeFollowsSignOfDeltaT) {
  auto prs = window_protocols(0.1, 5, false);
  for (const auto& pr : prs) {
    const double dw = expected_weight(pr, 0.1, false) - pr.w0;
    const std::int64_t lag = pr.post_steps[0] - (pr.pre_steps[0] + pr.delay);
    EXPECT_EQ(dw > 0, lag >= 0);
    EXPECT_NEAR(dw, plasticity::pair_window(pr.p, pr.w0, lag * 0.1), 1e-15);
  }
}

}  // namespace
}  // namespace hrsnn::sim
