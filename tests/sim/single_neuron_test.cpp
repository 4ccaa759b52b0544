// One neuron against the closed-form solution of tau_m du/dt = -u + I_e + I_i evaluated
// directly at the sampled times (long double sums over every delivered spike), not with the
// engine's step propagator.
#include "core/rng.hpp"
#include "sim/simulator.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace hrsnn::sim {
namespace {

// Membrane response at time t after a unit current jump at 0 (exact, or the τs = τm limit).
long double kernel(long double t, long double tau_m, long double tau_s) {
  if (t < 0) return 0;
  if (tau_m == tau_s) return t / tau_m * std::exp(-t / tau_m);
  return tau_s / (tau_s - tau_m) * (std::exp(-t / tau_s) - std::exp(-t / tau_m));
}

struct Case {
  double dt, tau_m, tau_e, tau_i;
};

// Neuron 0: probe (threshold out of reach). Neuron 1: tonic inhibitory driver.
// Double precision: 1e-9 of the largest excursion; single precision (float32 state): rounding of
// v (absolute, ~4e-6 mV near −65 mV) and of the propagator, amplified by 1/(1 − p_mm).
void check_trace(const Case& c, std::uint64_t seed, Precision precision = Precision::Double) {
  Network net;
  net.dt = c.dt;
  net.neurons.resize(2);
  auto& nt = net.neurons;
  nt.tau_m = {c.tau_m, 7.0};
  nt.v_rest = {-65.0, -40.0};  // rest above threshold: neuron 1 fires tonically
  nt.v_reset = {-65.0, -60.0};
  nt.v_th = {1e9, -50.0};
  nt.v_init = {-61.5, -60.0};
  nt.tau_ref = {0.0, 2.0};
  nt.tau_syn_e = {c.tau_e, 5.0};
  nt.tau_syn_i = {c.tau_i, 5.0};
  nt.excitatory = {1, 0};
  net.n_inputs = 3;
  net.synapses.add(1, 0, -2.5, 3);
  net.synapses.add(2, 0, 1.25, 0);
  net.synapses.add(3, 0, 0.75, 7);
  net.synapses.add(4, 0, 2.0, 1);

  const std::int64_t n_steps = 100000;
  Rng rng(seed);
  SpikeEvents in;
  in.n_sources = 3;
  for (std::int64_t s = 0; s < n_steps; ++s)
    for (std::uint32_t src = 0; src < 3; ++src)
      if (rng.uniform() < 0.02) in.push(s, src);

  Simulator sim(net, SimOptions{false, Pairing::Nearest, PlasticLayout::Auto, precision});
  SpikeRecorder rec;
  rec.neurons_probe = {0};
  sim.run(n_steps, &in, &rec);

  // Arrivals: (step delivered, weight, excitatory). A delivery in step a acts from t_{a+1}.
  struct Arrival { std::int64_t step; long double w; bool exc; };
  std::vector<Arrival> arrivals;
  for (std::size_t k = 0; k < rec.size(); ++k)
    if (rec.neuron[k] == 1) arrivals.push_back({rec.step[k] + 3, -2.5L, false});
  const double w_in[3] = {1.25, 0.75, 2.0};
  const int d_in[3] = {0, 7, 1};
  for (std::size_t k = 0; k < in.size(); ++k)
    arrivals.push_back({in.step[k] + d_in[in.source[k]], w_in[in.source[k]], true});
  ASSERT_GT(arrivals.size(), 1000u);

  double max_u = 0.0, max_err = 0.0;
  Rng pick(seed + 1);
  for (int sample = 0; sample < 400; ++sample) {
    const std::int64_t n = static_cast<std::int64_t>(pick.below(n_steps));
    const long double t = (n + 1) * static_cast<long double>(c.dt);  // v after step n is v(t_{n+1})
    long double u = (-61.5L + 65.0L) * std::exp(-t / c.tau_m);
    for (const Arrival& a : arrivals) {
      const long double t0 = (a.step + 1) * static_cast<long double>(c.dt);
      if (t0 > t) continue;
      u += a.w * kernel(t - t0, c.tau_m, a.exc ? c.tau_e : c.tau_i);
    }
    const double got = rec.v_samples[static_cast<std::size_t>(n)] + 65.0;
    max_u = std::max(max_u, std::abs(static_cast<double>(u)));
    max_err = std::max(max_err, std::abs(got - static_cast<double>(u)));
  }
  ASSERT_GT(max_u, 1e-4);  // tiny when τs ≪ dt: the charge w·τs is tiny
  const double tolerance = precision == Precision::Double ? 1e-9 : 1e-4;
  EXPECT_LE(max_err / max_u, tolerance) << "dt " << c.dt << " tau_m " << c.tau_m << " tau_e " << c.tau_e;
  if (precision == Precision::Single) EXPECT_GT(max_err / max_u, 1e-9) << "the float32 path should round";
}

TEST(SingleNeuron, TraceEqualsAnalyticSolutionDistinctTaus) { check_trace({0.1, 20.0, 5.0, 10.0}, 1); }
TEST(SingleNeuron, TraceEqualsAnalyticSolutionAtDt1) { check_trace({1.0, 13.0, 3.0, 8.0}, 2); }
TEST(SingleNeuron, TraceEqualsAnalyticSolutionTauMEqualsTauSyn) { check_trace({0.1, 10.0, 10.0, 10.0}, 3); }
TEST(SingleNeuron, TraceEqualsAnalyticSolutionTauNearlyEqual) {
  check_trace({0.1, 10.0, 10.0 * (1 + 1e-7), 10.0 * (1 - 3e-8)}, 4);
}
TEST(SingleNeuron, TraceEqualsAnalyticSolutionTauMuchSmallerThanDt) { check_trace({1.0, 20.0, 1e-3, 1e-4}, 5); }
TEST(SingleNeuron, TraceEqualsAnalyticSolutionTauMMuchSmallerThanDt) { check_trace({1.0, 1e-3, 5.0, 10.0}, 6); }
TEST(SingleNeuron, Float32TraceStaysCloseToTheAnalyticSolution) {
  check_trace({0.1, 20.0, 5.0, 10.0}, 1, Precision::Single);
  check_trace({1.0, 13.0, 3.0, 8.0}, 2, Precision::Single);
  check_trace({0.1, 10.0, 10.0, 10.0}, 3, Precision::Single);
}

}  // namespace
}  // namespace hrsnn::sim
