// Tonic firing with rest above threshold: interspike intervals against the discrete formula
// of the step order (docs/model.md §8) and against the continuous LIF f–I curve.
#include "sim/simulator.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace hrsnn::sim {
namespace {

Network tonic_neuron(double dt, double tau_m, double v_rest, double tau_ref) {
  Network net;
  net.dt = dt;
  net.neurons.resize(1);
  auto& nt = net.neurons;
  nt.tau_m = {tau_m};
  nt.v_rest = {v_rest};
  nt.v_reset = {-65.0};
  nt.v_th = {-50.0};
  nt.v_init = {-65.0};
  nt.tau_ref = {tau_ref};
  nt.tau_syn_e = {5.0};
  nt.tau_syn_i = {10.0};
  nt.excitatory = {1};
  return net;
}

std::vector<std::int64_t> spike_steps(const Network& net, std::int64_t n_steps) {
  Simulator sim(net, SimOptions{});
  SpikeRecorder rec;
  sim.run(n_steps, nullptr, &rec);
  return rec.step;
}

// After a reset, v − v_rest = (v_reset − v_rest)·e^{−k dt/τm} after k free integrations; the
// spike comes at the first k with v ≥ v_th. Steps n+1 .. n+R−1 are refractory (R ≥ 1), so the
// interval is max(R, 1) − 1 + k*.
std::int64_t discrete_isi(double dt, double tau_m, double v_rest, double tau_ref) {
  const double x = tau_m / dt * std::log((v_rest + 65.0) / (v_rest + 50.0));
  EXPECT_GT(std::abs(x - std::round(x)), 1e-6) << "parameters sit on a rounding boundary";
  const auto k = static_cast<std::int64_t>(std::ceil(x));
  const auto r = static_cast<std::int64_t>(std::floor(tau_ref / dt + 0.001));
  return std::max<std::int64_t>(r, 1) - 1 + k;
}

TEST(FICurve, IntervalsEqualTheDiscreteFormula) {
  for (double dt : {1.0, 0.1})
    for (double v_rest : {-49.0, -45.0, -30.0, 0.0})
      for (double tau_ref : {0.0, 2.0, 3.0})
        for (double tau_m : {7.3, 20.0}) {
          const auto steps = spike_steps(tonic_neuron(dt, tau_m, v_rest, tau_ref), static_cast<std::int64_t>(2000 / dt));
          ASSERT_GE(steps.size(), 3u);
          const std::int64_t want = discrete_isi(dt, tau_m, v_rest, tau_ref);
          for (std::size_t k = 1; k < steps.size(); ++k)
            ASSERT_EQ(steps[k] - steps[k - 1], want) << "dt " << dt << " v_rest " << v_rest << " tau_ref " << tau_ref;
        }
}

TEST(FICurve, RatesMatchTheContinuousCurveAtFineStep) {
  const double dt = 0.01;
  for (double v_rest : {-48.0, -40.0, -20.0})
    for (double tau_ref : {0.0, 2.0}) {
      const double tau_m = 20.0;
      const auto steps = spike_steps(tonic_neuron(dt, tau_m, v_rest, tau_ref), 200000);
      ASSERT_GE(steps.size(), 3u);
      const double rate = 1000.0 * (steps.size() - 1) / ((steps.back() - steps.front()) * dt);
      const double theory = 1000.0 / (tau_ref + tau_m * std::log((v_rest + 65.0) / (v_rest + 50.0)));
      EXPECT_NEAR(rate, theory, 0.01 * theory) << "v_rest " << v_rest << " tau_ref " << tau_ref;
    }
}

TEST(FICurve, BelowRheobaseNeverFires) {
  EXPECT_TRUE(spike_steps(tonic_neuron(0.1, 20.0, -50.5, 2.0), 100000).empty());
}

}  // namespace
}  // namespace hrsnn::sim
