#include "bo/init/sobol.hpp"

#include <set>

#include <gtest/gtest.h>

#include "bo/test_functions.hpp"
#include "core/error.hpp"

using namespace hrsnn::bo;

TEST(Sobol, ScrambledBlocksStratifyEveryCoordinate) {
  // (t, m, s)-net property kept by scrambling: 2^m points, one per 1/2^m interval per coordinate.
  for (std::uint64_t seed : {1ULL, 2ULL}) {
    const Eigen::MatrixXd P = sobol_points(64, 12, true, seed);
    for (int j = 0; j < 12; ++j) {
      std::set<int> cells;
      for (int i = 0; i < 64; ++i) {
        ASSERT_GT(P(i, j), 0.0);
        ASSERT_LT(P(i, j), 1.0);
        cells.insert(static_cast<int>(P(i, j) * 64));
      }
      EXPECT_EQ(cells.size(), 64u) << "dim " << j;
    }
  }
  EXPECT_NE(sobol_points(8, 3, true, 1), sobol_points(8, 3, true, 2));
  EXPECT_EQ(sobol_points(8, 3, true, 1), sobol_points(8, 3, true, 1));
  EXPECT_THROW(sobol_points(4, 22, false, 0), hrsnn::InputError);
}

TEST(Lhs, OnePointPerStratum) {
  const Eigen::MatrixXd P = latin_hypercube(10, 4, 3);
  for (int j = 0; j < 4; ++j) {
    std::set<int> cells;
    for (int i = 0; i < 10; ++i) cells.insert(static_cast<int>(P(i, j) * 10));
    EXPECT_EQ(cells.size(), 10u);
  }
}

TEST(TestFunctions, KnownMinimaAtKnownMinimisers) {
  const auto br = make_test_function("branin");
  EXPECT_NEAR(br.f({std::numbers::pi, 2.275}), br.f_min, 1e-6);
  EXPECT_NEAR(br.f({-std::numbers::pi, 12.275}), br.f_min, 1e-6);
  const auto h6 = make_test_function("hartmann6");
  EXPECT_NEAR(h6.f({0.20169, 0.150011, 0.476874, 0.275332, 0.311652, 0.6573}), h6.f_min, 1e-5);
  const auto ak = make_test_function("ackley5");
  EXPECT_NEAR(ak.f(std::vector<double>(5, 0.0)), 0.0, 1e-12);
  // Shifted boxes still contain a minimiser.
  for (std::uint64_t s = 0; s < 20; ++s) {
    const auto b = shifted(br, s);
    EXPECT_TRUE(b.low[0] <= std::numbers::pi && std::numbers::pi <= b.high[0] && b.low[1] <= 2.275 && 2.275 <= b.high[1]);
    const auto a = shifted(ak, s);
    for (int i = 0; i < 5; ++i) EXPECT_TRUE(a.low[i] < 0 && 0 < a.high[i]);
  }
  EXPECT_THROW(make_test_function("rosenbrock"), hrsnn::InputError);
}
