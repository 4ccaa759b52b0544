#include "encode/min_max_scaler.hpp"
#include "encode/poisson_spikes.hpp"
#include "encode/rate_encoder.hpp"
#include "encode/window_schedule.hpp"

#include "core/error.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace hrsnn::encode {
namespace {

bool sorted_and_unique(const SpikeEvents& e) {
  for (std::size_t i = 1; i < e.size(); ++i) {
    if (e.step[i] < e.step[i - 1]) return false;
    if (e.step[i] == e.step[i - 1] && e.source[i] <= e.source[i - 1]) return false;
  }
  return true;
}

TEST(WindowSchedule, ContiguousWindowsOfTheRightLength) {
  const auto w = window_schedule(3, 200, 50);
  ASSERT_EQ(w.size(), 3u);
  EXPECT_EQ(w[0].begin, 50);
  EXPECT_EQ(w[2].end, 650);
  for (std::size_t i = 1; i < w.size(); ++i) EXPECT_EQ(w[i].begin, w[i - 1].end);
  EXPECT_EQ(steps_per_window(20.0, 0.1), 200);
  EXPECT_EQ(steps_per_window(10.0, 0.5), 20);
  EXPECT_THROW(steps_per_window(20.0, 0.3), InputError);
}

TEST(MinMaxScaler, MapsTrainingRangeToUnitIntervalAndClips) {
  Eigen::MatrixXd train(3, 2), test(2, 2);
  train << 1, 10, 3, 20, 2, 30;
  test << 0, 25, 4, 40;
  MinMaxScaler s;
  s.fit(train);
  const Eigen::MatrixXd y = s.transform(train);
  EXPECT_DOUBLE_EQ(y(0, 0), 0.0);
  EXPECT_DOUBLE_EQ(y(2, 0), 0.5);
  EXPECT_DOUBLE_EQ(y(1, 1), 0.5);
  const Eigen::MatrixXd z = s.transform(test);
  EXPECT_DOUBLE_EQ(z(0, 0), 0.0);  // clipped below
  EXPECT_DOUBLE_EQ(z(1, 0), 1.0);  // clipped above
  EXPECT_DOUBLE_EQ(z(0, 1), 0.75);
  Eigen::MatrixXd constant = Eigen::MatrixXd::Ones(4, 1);
  EXPECT_THROW(s.fit(constant), InputError);
}

// Empirical rate of every population neuron over many windows of one constant input is
// within 3 standard errors of r_max exp(-(x - c_j)^2 / (2 sigma^2)); the count of a source
// is Binomial(steps, p) under the per-step Bernoulli law.
TEST(RateEncoder, EmpiricalRatesFollowTheTuningCurves) {
  const double dt = 0.1, x = 0.37;
  const int windows = 2000;
  RateEncoder enc(1);
  const Eigen::MatrixXd in = Eigen::MatrixXd::Constant(windows, 1, x);
  const SpikeEvents e = enc.encode(in, dt, 12345);
  EXPECT_EQ(e.n_sources, 20u);
  EXPECT_TRUE(sorted_and_unique(e));
  std::vector<double> count(20, 0.0);
  for (auto s : e.source) count[s] += 1;
  const double steps = windows * 200.0, seconds = steps * dt / 1000.0;
  for (int j = 0; j < 20; ++j) {
    const double c = j / 19.0, sigma = 1.0 / 19.0;
    const double rate = 200.0 * std::exp(-(x - c) * (x - c) / (2 * sigma * sigma));
    const double p = rate * dt / 1000.0;
    const double se_rate = std::sqrt(steps * p * (1 - p)) / seconds;
    EXPECT_NEAR(count[static_cast<std::size_t>(j)] / seconds, rate, 3 * se_rate + 1e-9) << "neuron " << j;
  }
  ASSERT_FALSE(e.step.empty());
  EXPECT_LT(e.step.back(), windows * 200);
}

TEST(RateEncoder, WindowsCarryTheirOwnSample) {
  // Sample 0 = 0 excites neuron 0 only in window 0, sample 1 = 1 excites neuron 19 in window 1.
  Eigen::MatrixXd in(2, 1);
  in << 0.0, 1.0;
  RateEncoder enc(1, {20, 1000.0, 50.0});
  const SpikeEvents e = enc.encode(in, 1.0, 3, 100);
  int early_high = 0, late_low = 0;
  for (std::size_t i = 0; i < e.size(); ++i) {
    ASSERT_GE(e.step[i], 100);
    ASSERT_LT(e.step[i], 200);
    if (e.step[i] < 150 && e.source[i] >= 10) ++early_high;
    if (e.step[i] >= 150 && e.source[i] < 10) ++late_low;
  }
  EXPECT_EQ(early_high, 0);  // rates there are below 1e-10 Hz
  EXPECT_EQ(late_low, 0);
  EXPECT_GT(e.size(), 40u);
}

TEST(RateEncoder, DeterministicBySeedAndPerSourceStreams) {
  Eigen::MatrixXd in = Eigen::MatrixXd::Random(50, 3).cwiseAbs();
  RateEncoder enc(3);
  const SpikeEvents a = enc.encode(in, 0.1, 7), b = enc.encode(in, 0.1, 7), c = enc.encode(in, 0.1, 8);
  EXPECT_EQ(a.step, b.step);
  EXPECT_EQ(a.source, b.source);
  EXPECT_NE(a.step, c.step);
  // Source j's train depends only on (seed, j): two of three dims encode the same first 2 trains.
  PoissonEncoder p3(3, 150.0), p2(2, 150.0);
  const SpikeEvents e3 = p3.encode(in, 0.1, 9), e2 = p2.encode(in.leftCols(2), 0.1, 9);
  SpikeEvents e3_first2;
  for (std::size_t i = 0; i < e3.size(); ++i)
    if (e3.source[i] < 2) e3_first2.push(e3.step[i], e3.source[i]);
  EXPECT_EQ(e3_first2.step, e2.step);
  EXPECT_EQ(e3_first2.source, e2.source);
}

TEST(PoissonEncoder, RateIsProportionalToInput) {
  const int windows = 1000;
  Eigen::MatrixXd in(windows, 2);
  in.col(0).setConstant(0.25);
  in.col(1).setConstant(1.0);
  const SpikeEvents e = PoissonEncoder(2, 200.0, 20.0).encode(in, 0.5, 4);
  double n[2] = {0, 0};
  for (auto s : e.source) n[s] += 1;
  const double steps = windows * 40.0, seconds = windows * 0.02;
  for (int k = 0; k < 2; ++k) {
    const double rate = 200.0 * in(0, k), p = rate * 0.5 / 1000.0;
    EXPECT_NEAR(n[k] / seconds, rate, 3 * std::sqrt(steps * p * (1 - p)) / seconds);
  }
}

TEST(PoissonSpikes, CertainSpikesAndBadRates) {
  Eigen::MatrixXd r(1, 1);
  r << 1000.0;  // p = 1 at dt = 1 ms: every step
  const SpikeEvents e = spikes_from_rates(r, 5, 1.0, 1);
  EXPECT_EQ(e.step, (std::vector<std::int64_t>{0, 1, 2, 3, 4}));
  r << 2000.0;
  EXPECT_THROW(spikes_from_rates(r, 5, 1.0, 1), InputError);
  Eigen::MatrixXd bad(1, 1);
  bad << 2.0;
  EXPECT_THROW(RateEncoder(1).rates(bad), InputError);  // not scaled to [0, 1]
}

}  // namespace
}  // namespace hrsnn::encode
