#include "sim/propagator.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace hrsnn::sim {
namespace {

TEST(Propagator, DegenerateLimitIsTheAlphaKernel) {
  for (double h : {0.1, 1.0, 7.0})
    for (double tau : {0.5, 10.0, 20.0})
      EXPECT_NEAR(psc_to_membrane(h, tau, tau), h / tau * std::exp(-h / tau), 1e-16);
}

TEST(Propagator, ContinuousAcrossTheDegeneratePoint) {
  const double h = 0.1, tau = 10.0;
  const double at = psc_to_membrane(h, tau, tau);
  for (double rel : {1e-12, 1e-9, 1e-7, 1e-5, 1e-3}) {
    const double up = psc_to_membrane(h, tau, tau * (1 + rel));
    const double dn = psc_to_membrane(h, tau, tau * (1 - rel));
    EXPECT_TRUE(std::isfinite(up) && std::isfinite(dn));
    // dP/dτs at the degenerate point is bounded, so the change is O(rel).
    EXPECT_NEAR(up, at, 10 * rel * at + 1e-17);
    EXPECT_NEAR(dn, at, 10 * rel * at + 1e-17);
    EXPECT_GT(up, at);  // a slower current transfers more charge in one step
    EXPECT_LT(dn, at);
  }
}

TEST(Propagator, FiniteForTimeConstantsFarBelowTheStep) {
  for (double tm : {1e-6, 1e-3, 1.0, 20.0})
    for (double ts : {1e-6, 1e-3, 1.0, 20.0}) {
      const double p = psc_to_membrane(1.0, tm, ts);
      EXPECT_TRUE(std::isfinite(p)) << tm << " " << ts;
      EXPECT_GE(p, 0.0);
      EXPECT_LE(p, 1.0);
    }
}

}  // namespace
}  // namespace hrsnn::sim
