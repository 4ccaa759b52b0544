// Regular (deterministic accumulator) spikes and the single-source code.
#include "core/error.hpp"
#include "encode/poisson_spikes.hpp"
#include "encode/rate_encoder.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace hrsnn::encode {
namespace {

std::vector<int> counts_per_window(const SpikeEvents& e, std::uint32_t source, std::int64_t spw, int windows) {
  std::vector<int> c(static_cast<std::size_t>(windows), 0);
  for (std::size_t k = 0; k < e.size(); ++k)
    if (e.source[k] == source) ++c[static_cast<std::size_t>(e.step[k] / spw)];
  return c;
}

TEST(RegularSpikes, EveryWindowHoldsRateTimesLengthToWithinOne) {
  // 3 sources at 37, 150 and 500 Hz, 20 ms windows of 200 steps at dt 0.1 ms.
  Eigen::MatrixXd rates(50, 3);
  rates.col(0).setConstant(37.0);
  rates.col(1).setConstant(150.0);
  rates.col(2).setConstant(500.0);
  const SpikeEvents e = regular_spikes_from_rates(rates, 200, 0.1, 9);
  for (std::uint32_t j = 0; j < 3; ++j) {
    const double expected = rates(0, j) * 0.020;
    for (int c : counts_per_window(e, j, 200, 50)) EXPECT_LE(std::abs(c - expected), 1.0) << "source " << j;
  }
  // Sorted by (step, source), one spike per source and step at most.
  for (std::size_t i = 1; i < e.size(); ++i)
    EXPECT_TRUE(e.step[i] > e.step[i - 1] || (e.step[i] == e.step[i - 1] && e.source[i] > e.source[i - 1]));
}

TEST(RegularSpikes, IntervalsAreRegularAndThePhaseComesFromTheSeed) {
  Eigen::MatrixXd rates = Eigen::MatrixXd::Constant(10, 1, 100.0);  // p = 0.01 per step: every 100 steps
  const SpikeEvents a = regular_spikes_from_rates(rates, 200, 0.1, 1);
  ASSERT_GE(a.size(), 19u);
  for (std::size_t k = 1; k < a.size(); ++k) EXPECT_NEAR(static_cast<double>(a.step[k] - a.step[k - 1]), 100.0, 1.0);
  const SpikeEvents again = regular_spikes_from_rates(rates, 200, 0.1, 1);
  EXPECT_EQ(a.step, again.step);
  const SpikeEvents other = regular_spikes_from_rates(rates, 200, 0.1, 2);
  EXPECT_NE(a.step.front(), other.step.front());  // another seed, another phase
}

TEST(RegularSpikes, RateChangesTakeEffectAtTheWindowBoundary) {
  Eigen::MatrixXd rates(2, 1);
  rates << 0.0, 1000.0;  // silent, then every step at dt 1 ms
  const SpikeEvents e = regular_spikes_from_rates(rates, 10, 1.0, 3);
  ASSERT_EQ(e.size(), 10u);
  EXPECT_EQ(e.step.front(), 10);
  EXPECT_EQ(e.step.back(), 19);
  EXPECT_THROW(regular_spikes_from_rates(Eigen::MatrixXd::Constant(1, 1, 2000.0), 10, 1.0, 3), InputError);
}

TEST(RateEncoderKinds, SingleCodeHasOneSourcePerDimensionAtRmaxTimesX) {
  RateCodeParams p;
  p.code = CodeKind::Single;
  const RateEncoder enc(3, p);
  EXPECT_EQ(enc.n_sources(), 3u);
  Eigen::MatrixXd x(1, 3);
  x << 0.0, 0.5, 1.0;
  const Eigen::MatrixXd r = enc.rates(x);
  EXPECT_DOUBLE_EQ(r(0, 1), 100.0);
  EXPECT_DOUBLE_EQ(r(0, 2), 200.0);
}

TEST(RateEncoderKinds, RegularKindEncodesTheSameRatesWithoutCountNoise) {
  RateCodeParams p;
  p.kind = InputKind::Regular;
  const RateEncoder enc(1, p);
  const Eigen::MatrixXd x = Eigen::MatrixXd::Constant(100, 1, 0.5);
  const SpikeEvents e = enc.encode(x, 0.1, 4);
  const Eigen::MatrixXd r = enc.rates(x);
  for (std::uint32_t j = 0; j < enc.n_sources(); ++j)
    for (int c : counts_per_window(e, j, 200, 100)) EXPECT_LE(std::abs(c - r(0, j) * 0.020), 1.0);
  p.kind = InputKind::Current;
  EXPECT_THROW(RateEncoder(1, p).encode(x, 0.1, 4), InputError);
  EXPECT_THROW(parse_input_kind("burst", "run.toml:3: key 'encoding.kind'"), InputError);
  EXPECT_THROW(parse_code_kind("sparse", "run.toml:3: key 'encoding.code'"), InputError);
}

}  // namespace
}  // namespace hrsnn::encode
