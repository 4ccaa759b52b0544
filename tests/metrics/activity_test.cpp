#include "metrics/activity.hpp"

#include "core/error.hpp"
#include "core/rng.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace hrsnn::metrics {
namespace {

TEST(Activity, SpikesPerNeuronPerWindowAndRate) {
  const SpikingActivity a = spiking_activity(600, 10, 30, 20.0);
  EXPECT_DOUBLE_EQ(a.spikes_per_neuron_per_window, 2.0);
  EXPECT_DOUBLE_EQ(a.rate_hz, 100.0);  // 2 spikes per 20 ms
  Eigen::MatrixXd counts = Eigen::MatrixXd::Constant(30, 10, 2.0);
  EXPECT_DOUBLE_EQ(spiking_activity(counts, 20.0).spikes_per_neuron_per_window, 2.0);
  EXPECT_THROW(spiking_activity(1, 0, 1, 20.0), InputError);
}

TEST(Activity, EfficiencyBothWaysAndNullOnZero) {
  const SpikeEfficiency e = spike_efficiency(12.0, 0.5);
  EXPECT_DOUBLE_EQ(*e.c_over_s, 24.0);
  EXPECT_DOUBLE_EQ(*e.s_over_c, 0.5 / 12.0);
  EXPECT_FALSE(spike_efficiency(3.0, 0.0).c_over_s.has_value());
  EXPECT_FALSE(spike_efficiency(0.0, 1.0).s_over_c.has_value());
}

TEST(Activity, CountsAndRatesRespectTheStepRange) {
  const std::vector<std::uint32_t> n{0, 1, 0, 2, 0};
  const std::vector<std::int64_t> s{0, 5, 10, 10, 20};
  const auto c = spike_counts(n, s, 3, 5, 20);
  EXPECT_EQ(c, (std::vector<std::int64_t>{1, 1, 1}));
  const Eigen::VectorXd r = firing_rates_hz(n, s, 3, 0, 100, 1.0);  // 100 ms
  EXPECT_DOUBLE_EQ(r(0), 30.0);
  const std::vector<std::uint32_t> bad{3};
  const std::vector<std::int64_t> one{0};
  EXPECT_THROW(spike_counts(bad, one, 3, 0, 1), InputError);
}

TEST(Activity, IsiCvIsZeroForRegularHalfForAlternatingAndOneForPoisson) {
  std::vector<std::uint32_t> n;
  std::vector<std::int64_t> s;
  for (int i = 0; i < 50; ++i) n.push_back(0), s.push_back(10 * i);           // regular
  std::int64_t t = 0;
  for (int i = 0; i < 51; ++i) n.push_back(1), s.push_back(t), t += i % 2 ? 3 : 1;  // ISIs 1,3,1,3: CV 1/2
  Rng r(3);
  double tp = 0.0;
  for (int i = 0; i < 40000; ++i) n.push_back(2), tp += 1000.0 * r.exponential(), s.push_back(std::llround(tp));
  n.push_back(3), s.push_back(7);  // one spike: no interval
  const IsiCvResult cv = isi_cv(n, s, 4);
  EXPECT_NEAR(cv.per_neuron(0), 0.0, 1e-15);
  EXPECT_NEAR(cv.per_neuron(1), 0.5, 1e-15);
  EXPECT_NEAR(cv.per_neuron(2), 1.0, 0.02);
  EXPECT_TRUE(std::isnan(cv.per_neuron(3)));
  EXPECT_EQ(cv.n_valid, 3);
  EXPECT_NEAR(cv.population_mean, (0.0 + 0.5 + cv.per_neuron(2)) / 3.0, 1e-15);
  EXPECT_NEAR(nan_mean(cv.per_neuron.segment(1, 3)), (0.5 + cv.per_neuron(2)) / 2.0, 1e-15);
  EXPECT_TRUE(std::isnan(nan_mean(cv.per_neuron.tail(1))));
}

TEST(Activity, RateSummaryQuantilesAndSilentFraction) {
  Eigen::VectorXd r(5);
  r << 0.0, 10.0, 20.0, 30.0, 40.0;
  const RateSummary s = summarize_rates(r);
  EXPECT_DOUBLE_EQ(s.mean, 20.0);
  EXPECT_DOUBLE_EQ(s.median, 20.0);
  EXPECT_DOUBLE_EQ(s.q25, 10.0);
  EXPECT_DOUBLE_EQ(s.max, 40.0);
  EXPECT_DOUBLE_EQ(s.fraction_silent, 0.2);
  EXPECT_NEAR(s.std, std::sqrt(200.0), 1e-12);
}

}  // namespace
}  // namespace hrsnn::metrics
