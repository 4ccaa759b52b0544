#include "core/rng.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace hrsnn {
namespace {

TEST(Rng, SameSeedSameStreamDifferentSeedDifferentStream) {
  Rng a(42), b(42), c(43);
  bool any_diff = false;
  for (int i = 0; i < 1000; ++i) {
    const auto x = a.next();
    EXPECT_EQ(x, b.next());
    any_diff |= (x != c.next());
  }
  EXPECT_TRUE(any_diff);
}

TEST(Rng, UniformAndNormalMomentsMatchTheirLaws) {
  Rng r(7);
  const int n = 400000;
  double su = 0, su2 = 0, sn = 0, sn2 = 0, se = 0;
  for (int i = 0; i < n; ++i) {
    const double u = r.uniform();
    ASSERT_GE(u, 0.0);
    ASSERT_LT(u, 1.0);
    su += u;
    su2 += u * u;
    const double z = r.normal();
    sn += z;
    sn2 += z * z;
    se += r.exponential();
  }
  EXPECT_NEAR(su / n, 0.5, 4 * std::sqrt(1.0 / 12 / n));
  EXPECT_NEAR(su2 / n - (su / n) * (su / n), 1.0 / 12, 2e-3);
  EXPECT_NEAR(sn / n, 0.0, 4 / std::sqrt(n));
  EXPECT_NEAR(sn2 / n, 1.0, 1e-2);
  EXPECT_NEAR(se / n, 1.0, 1e-2);
}

TEST(Rng, BelowIsUnbiasedOverSmallRange) {
  Rng r(3);
  std::vector<int> counts(7, 0);
  const int n = 70000;
  for (int i = 0; i < n; ++i) ++counts[r.below(7)];
  for (int c : counts) EXPECT_NEAR(c, n / 7.0, 5 * std::sqrt(n / 7.0));
}

TEST(Rng, DerivedSeedsDependOnEveryId) {
  EXPECT_NE(derive_seed(1, {2, 3}), derive_seed(1, {3, 2}));
  EXPECT_NE(derive_seed(1, {2}), derive_seed(2, {2}));
  EXPECT_EQ(derive_seed(5, {1, 2}), derive_seed(5, {1, 2}));
}

}  // namespace
}  // namespace hrsnn
