#include "tasks/flows.hpp"
#include "tasks/mackey_glass.hpp"
#include "tasks/narma.hpp"
#include "tasks/ode.hpp"

#include "core/error.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace hrsnn::tasks {
namespace {

TEST(Rk4, HarmonicOscillatorIsFourthOrder) {
  // x'' = -x from (1, 0): exact (cos t, -sin t). Halving h must cut the error ~16x.
  auto f = [](const std::array<double, 2>& s, std::array<double, 2>& d) {
    d[0] = s[1];
    d[1] = -s[0];
  };
  auto error_at_1 = [&](int n) {
    std::array<double, 2> x{1.0, 0.0};
    for (int i = 0; i < n; ++i) rk4_step(x, 1.0 / n, f);
    return std::hypot(x[0] - std::cos(1.0), x[1] + std::sin(1.0));
  };
  const double ratio = error_at_1(20) / error_at_1(40);
  EXPECT_NEAR(ratio, 16.0, 1.0);
}

TEST(Generators, SameSeedSameSeriesDifferentSeedDifferentSeries) {
  EXPECT_TRUE(lorenz63(200, 5).values.isApprox(lorenz63(200, 5).values, 0.0));
  EXPECT_FALSE(lorenz63(200, 5).values.isApprox(lorenz63(200, 6).values, 1e-3));
  EXPECT_TRUE(mackey_glass(200, 5).values.isApprox(mackey_glass(200, 5).values, 0.0));
  EXPECT_FALSE(mackey_glass(200, 5).values.isApprox(mackey_glass(200, 6).values, 1e-3));
  EXPECT_TRUE(rossler(200, 5).values.isApprox(rossler(200, 5).values, 0.0));
  EXPECT_FALSE(rossler(200, 5).values.isApprox(rossler(200, 6).values, 1e-3));
  EXPECT_TRUE(narma10(200, 5).target.values.isApprox(narma10(200, 5).target.values, 0.0));
  EXPECT_FALSE(narma10(200, 5).input.values.isApprox(narma10(200, 6).input.values, 1e-3));
}

TEST(Generators, ShapesNamesAndSampling) {
  const Series l = lorenz63(10, 1);
  EXPECT_EQ(l.values.rows(), 10);
  EXPECT_EQ(l.values.cols(), 3);
  EXPECT_EQ(l.names, (std::vector<std::string>{"x", "y", "z"}));
  EXPECT_DOUBLE_EQ(l.dt_units, 0.02);
  EXPECT_DOUBLE_EQ(mackey_glass(3, 1).dt_units, 1.0);
  Lorenz63Params bad;
  bad.sampling.sample_every = 0.015;  // not on the 0.01 RK4 grid
  EXPECT_THROW(lorenz63(10, 1, bad), InputError);
}

TEST(Generators, DiscardDropsTheTransientExactly) {
  // A run with no transient, sampled from its 1000th sample (= 20 time units), is the default run.
  Lorenz63Params p;
  p.initial_state = std::array<double, 3>{1.0, 2.0, 3.0};
  const Series with = lorenz63(50, 0, p);
  p.sampling.discard = 0.0;
  const Series without = lorenz63(1050, 0, p);
  EXPECT_TRUE(with.values.isApprox(without.values.bottomRows(50), 1e-12));
}

// Well-known Lorenz-63 attractor moments (e.g. Sprott 2003; confirmed by the scipy reference
// test ref_lorenz_scipy): mean z = 23.55, std x = 7.92, mean x = 0 by symmetry. The tolerances
// cover the run-to-run spread of 2,000 time units (batch-means standard error x 4, measured).
TEST(Lorenz63, AttractorMomentsMatchKnownValues) {
  const Series s = lorenz63(100000, 11);
  const Eigen::VectorXd x = s.values.col(0), z = s.values.col(2);
  const double mx = x.mean(), mz = z.mean();
  const double sx = std::sqrt((x.array() - mx).square().mean());
  EXPECT_NEAR(mz, 23.55, 0.15);
  EXPECT_NEAR(sx, 7.92, 0.1);
  EXPECT_NEAR(mx, 0.0, 1.2);
}

// Mackey-Glass tau = 17 long-run statistics: mean 0.930, std 0.226 (half-step Python reference
// ref_mackey_glass_python gives 0.9301 / 0.2263); tolerances are 4 batch-means standard errors.
TEST(MackeyGlass, LongRunMeanAndStdMatchReference) {
  const Series s = mackey_glass(20000, 4);
  const Eigen::VectorXd x = s.values.col(0);
  const double m = x.mean();
  const double sd = std::sqrt((x.array() - m).square().mean());
  EXPECT_NEAR(m, 0.930, 0.004);
  EXPECT_NEAR(sd, 0.226, 0.003);
  EXPECT_GT(x.minCoeff(), 0.0);
}

TEST(Rossler, StaysOnTheBoundedAttractor) {
  const Series s = rossler(5000, 2);
  EXPECT_LT(s.values.cwiseAbs().maxCoeff(), 30.0);
  EXPECT_GT(s.values.col(0).maxCoeff() - s.values.col(0).minCoeff(), 10.0);  // chaotic band, not a fixed point
}

TEST(Narma10, TargetSatisfiesTheRecurrence) {
  const InputTarget d = narma10(3000, 9);
  const Eigen::VectorXd u = d.input.values.col(0), y = d.target.values.col(0);  // y[r] = y(t+1)
  EXPECT_GE(u.minCoeff(), 0.0);
  EXPECT_LT(u.maxCoeff(), 0.5);
  for (Eigen::Index r = 10; r < u.size(); ++r) {
    const double yt = y[r - 1];
    double sum = 0.0;
    for (int i = 0; i < 10; ++i) sum += y[r - 1 - i];
    const double expected = 0.3 * yt + 0.05 * yt * sum + 1.5 * u[r - 9] * u[r] + 0.1;
    ASSERT_NEAR(y[r], expected, 1e-12) << "row " << r;
  }
}

TEST(Narma10, StartsFromRestWithoutDiscard) {
  NarmaParams p;
  p.discard = 0;
  const InputTarget d = narma10(12, 3, p);
  // y(1) = 0.1 + 1.5 u(-9) u(0) with u(-9) = 0 and y(0) = 0.
  EXPECT_DOUBLE_EQ(d.target.values(0, 0), 0.1);
}

}  // namespace
}  // namespace hrsnn::tasks
