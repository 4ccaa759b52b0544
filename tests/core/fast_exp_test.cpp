// fast_exp against std::exp (itself within 1 ulp): within 2 ulp over the whole clamped range,
// exact at 0, monotone, and clamped rather than overflowing or going subnormal.
#include "core/fast_exp.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>

namespace hrsnn {
namespace {

TEST(FastExp, WithinTwoUlpOfStdExp) {
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> wide(-700.0, 700.0), narrow(-1.0, 1.0);
  double worst = 0;
  for (int k = 0; k < 200000; ++k) {
    const double x = k % 2 ? wide(rng) : narrow(rng) * std::pow(10.0, -(k % 17));
    const double e = std::exp(x), f = fast_exp(x);
    const double ulp = std::nextafter(e, std::numeric_limits<double>::infinity()) - e;
    worst = std::max(worst, std::fabs(f - e) / ulp);
  }
  EXPECT_LE(worst, 2.0);
  EXPECT_EQ(fast_exp(0.0), 1.0);
  EXPECT_NEAR(fast_exp(1.0), std::exp(1.0), 5e-16);  // one ulp at e
}

TEST(FastExp, MonotoneAcrossReductionBoundaries) {
  // Around x = (k + 1/2)·ln 2 the reduction switches k: no step backwards there.
  for (int k = -20; k < 20; ++k) {
    const double mid = (k + 0.5) * std::log(2.0);
    double prev = fast_exp(mid - 1e-9);
    for (int j = 1; j <= 100; ++j) {
      const double x = mid - 1e-9 + j * 2e-11;
      const double f = fast_exp(x);
      EXPECT_GE(f, prev) << "x " << x;
      prev = f;
    }
  }
}

TEST(FastExp, ClampsInsteadOfOverflowing) {
  EXPECT_EQ(fast_exp(-1e6), fast_exp(-708.0));
  EXPECT_GT(fast_exp(-1e6), 0.0);
  EXPECT_TRUE(std::isnormal(fast_exp(-1e6)));
  EXPECT_TRUE(std::isfinite(fast_exp(1e6)));
  EXPECT_EQ(fast_exp(1e6), fast_exp(709.0));
}

}  // namespace
}  // namespace hrsnn
