// Float32 neuron state against float64 on a recurrent heterogeneous network: trajectories drift
// apart by rounding (the network is chaotic), but rates and irregularity must agree.
#include "core/error.hpp"
#include "encode/poisson_spikes.hpp"
#include "sim/build_network.hpp"
#include "sim/simulator.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace hrsnn::sim {
namespace {

struct Stats {
  double rate_e = 0, rate_i = 0, isi_cv_e = 0;
  std::size_t spikes = 0;
};

Stats run(const Network& net, const SpikeEvents& in, std::int64_t steps, Precision p) {
  Simulator sim(net, SimOptions{true, Pairing::Nearest, PlasticLayout::Auto, p});
  SpikeRecorder rec;
  sim.run(steps, &in, &rec);
  std::vector<std::vector<std::int64_t>> train(net.n_neurons());
  for (std::size_t k = 0; k < rec.size(); ++k) train[rec.neuron[k]].push_back(rec.step[k]);
  Stats s;
  s.spikes = rec.size();
  double n_e = 0, n_i = 0, cv_sum = 0, cv_n = 0;
  for (std::uint32_t i = 0; i < net.n_neurons(); ++i) {
    const bool e = net.neurons.excitatory[i];
    (e ? s.rate_e : s.rate_i) += static_cast<double>(train[i].size());
    (e ? n_e : n_i) += 1;
    if (!e || train[i].size() < 5) continue;
    double m = 0, m2 = 0;
    for (std::size_t k = 1; k < train[i].size(); ++k) {
      const double d = static_cast<double>(train[i][k] - train[i][k - 1]);
      m += d;
      m2 += d * d;
    }
    const double c = static_cast<double>(train[i].size() - 1);
    m /= c;
    cv_sum += std::sqrt(std::max(0.0, m2 / c - m * m)) / m;
    cv_n += 1;
  }
  const double seconds = steps * net.dt * 1e-3;
  s.rate_e /= n_e * seconds;
  s.rate_i /= n_i * seconds;
  s.isi_cv_e = cv_sum / cv_n;
  return s;
}

TEST(Precision, Float32StateKeepsTheNetworksStatistics) {
  NetworkSpec spec;
  spec.n = 1000;
  spec.dt = 0.1;
  spec.exc.tau_m = Law::gamma_shape(20.0, 3.0);
  spec.stdp.tau_plus = Law::gamma_shape(20.0, 3.0);
  const Network net = build_network(spec, 4);
  const std::int64_t steps = 30000;  // 3 s
  const SpikeEvents in = encode::spikes_from_rates(Eigen::MatrixXd::Constant(1, spec.n_inputs, 20.0), steps, spec.dt, 8);
  const Stats d = run(net, in, steps, Precision::Double), f = run(net, in, steps, Precision::Single);
  ASSERT_GT(d.spikes, 5000u);
  EXPECT_NEAR(f.rate_e, d.rate_e, 0.03 * d.rate_e);
  EXPECT_NEAR(f.rate_i, d.rate_i, 0.03 * d.rate_i);
  EXPECT_NEAR(f.isi_cv_e, d.isi_cv_e, 0.03 * d.isi_cv_e);
  EXPECT_NE(f.spikes, 0u);
  EXPECT_THROW(parse_precision("half", "x"), InputError);
}

}  // namespace
}  // namespace hrsnn::sim
