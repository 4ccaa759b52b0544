// The W2 distribution kernel on core's laws (the CDF/quantile tests of the former bo/law.hpp
// now live in tests/core/law_test.cpp).
#include "bo/kernel/w2_distribution.hpp"

#include <cmath>
#include <limits>

#include <gtest/gtest.h>

#include "bo/gp.hpp"
#include "core/error.hpp"
#include "core/law.hpp"
#include "core/rng.hpp"

using namespace hrsnn::bo;
using namespace hrsnn::bo::kernel;
using hrsnn::Law;
using hrsnn::LawKind;
using hrsnn::LawSampler;

namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();

Law L(LawKind k, double m, double cv, double lo = -kInf, double hi = kInf) { return Law{k, m, cv, lo, hi}; }

// Two law families (one log-scaled mean, one log-scaled CV) and a parameter outside any family.
SearchSpace mixed_space() {
  SearchSpace s;
  s.add({"tau_mean", 5.0, 50.0, Scale::Log});
  s.add({"tau_cv", 0.0, 1.0});
  s.add({"vth_mean", 10.0, 30.0});
  s.add({"vth_cv", 0.01, 0.5, Scale::Log});
  s.add({"gain", 0.0, 1.0});
  return s;
}

Law random_law(hrsnn::Rng& rng) {
  const LawKind kinds[] = {LawKind::Gamma, LawKind::Normal, LawKind::LogNormal, LawKind::Uniform, LawKind::Point};
  Law l = L(kinds[rng.below(5)], rng.uniform(5.0, 30.0), rng.uniform(0.05, 0.8));
  if (rng.uniform() < 0.5) {
    l.lo = rng.uniform(0.5, 4.0);
    l.hi = rng.uniform(40.0, 80.0);
  }
  return l;
}
}  // namespace

TEST(W2, ClosedFormsAgreeWithQuadrature) {
  const std::pair<Law, Law> pairs[] = {
      {L(LawKind::Normal, 10.0, 0.2), L(LawKind::Normal, 12.0, 0.5)},
      {L(LawKind::Uniform, 10.0, 0.2), L(LawKind::Uniform, 7.0, 0.4)},
      {L(LawKind::Gamma, 10.0, 0.577), L(LawKind::Gamma, 14.0, 0.577)},
      {L(LawKind::LogNormal, 3.0, 0.8), L(LawKind::LogNormal, 5.0, 0.8)},
      {L(LawKind::Point, 4.0, 0.0), L(LawKind::Gamma, 10.0, 0.3)},
      {L(LawKind::Normal, 4.0, 0.5), L(LawKind::Point, 1.0, 0.0)},
      {L(LawKind::Point, 4.0, 0.0), L(LawKind::Point, 1.0, 0.0, 0.0, 5.0)},
  };
  for (const auto& [a, b] : pairs) {
    const auto c = w2_squared_closed_form(a, b);
    ASSERT_TRUE(c.has_value()) << a.describe() << " - " << b.describe();
    EXPECT_NEAR(w2_squared_quadrature(a, b), *c, 1e-6 * *c) << a.describe() << " - " << b.describe();
  }
  EXPECT_FALSE(w2_squared_closed_form(L(LawKind::Gamma, 10, 0.3), L(LawKind::Normal, 10, 0.3)).has_value());
  EXPECT_FALSE(w2_squared_closed_form(L(LawKind::Normal, 10, 0.3, 5.0), L(LawKind::Normal, 10, 0.3)).has_value());
}

TEST(W2, TruncatedLawsAgreeWithTheSimulatorsSampler) {
  // The kernel's quantiles (closed-form solve) against the builder's sampler of the same Law
  // (quadrature solve, quadrature moments, redraw sampling): one law, two independent routes.
  for (const Law& law : {L(LawKind::Normal, 10.0, 0.5, 8.0, 20.0), L(LawKind::Gamma, 20.0, 0.8, 2.0, 60.0),
                         L(LawKind::LogNormal, 3.0, 1.0, -kInf, 10.0), L(LawKind::Uniform, 5.0, 0.5, 4.0)}) {
    const LawSampler sampler(law, "test"), fast = LawSampler::closed_form(law, "test");
    const auto& u = w2_nodes();
    const auto& w = w2_weights();
    double m = 0.0, m2 = 0.0;
    for (std::size_t k = 0; k < u.size(); ++k) {
      const double q = fast.quantile(u[k]);
      m += w[k] * q;
      m2 += w[k] * q * q;
    }
    EXPECT_NEAR(m, law.mean, 1e-7 * law.mean) << law.describe();
    EXPECT_NEAR(m2 - m * m, sampler.truncated_variance(), 1e-5 * sampler.truncated_variance()) << law.describe();
    // W2 to a point c is E[(X - c)^2] of the law actually sampled.
    hrsnn::Rng rng(7);
    double s = 0.0;
    const int n = 200000;
    for (int i = 0; i < n; ++i) s += std::pow(sampler.sample(rng) - 3.0, 2);
    EXPECT_NEAR(w2_squared(law, L(LawKind::Point, 3.0, 0.0)), s / n, 0.02 * s / n) << law.describe();
  }
}

TEST(W2, MetricAxiomsOnRandomLaws) {
  hrsnn::Rng rng(11);
  for (int trial = 0; trial < 60; ++trial) {
    const Law a = random_law(rng), b = random_law(rng), c = random_law(rng);
    EXPECT_NEAR(w2_squared(a, a), 0.0, 1e-20);
    EXPECT_NEAR(w2_squared(a, b), w2_squared(b, a), 1e-9 * (1.0 + w2_squared(a, b)));
    const double ab = std::sqrt(w2_squared(a, b)), bc = std::sqrt(w2_squared(b, c)), ac = std::sqrt(w2_squared(a, c));
    EXPECT_LE(ac, ab + bc + 1e-9);
  }
}

TEST(W2, KernelMatrixPositiveDefiniteOnRandomSets) {
  const SearchSpace s = mixed_space();
  const W2Features fm(s, {{"tau", LawKind::Gamma, "tau_mean", 0, "tau_cv", 0, 1.0, 200.0},
                          {"vth", LawKind::Normal, "vth_mean", 0, "vth_cv", 0, 0.0, {}}});
  EXPECT_EQ(fm.groups(), 3);
  hrsnn::Rng rng(3);
  for (int set = 0; set < 5; ++set) {
    const int n = 25;
    Eigen::MatrixXd F(n, fm.group_offsets().back());
    for (int i = 0; i < n; ++i) {
      Eigen::VectorXd u(5);
      for (int k = 0; k < 5; ++k) u(k) = rng.uniform();
      F.row(i) = fm.features(u).transpose();
    }
    GaussianProcess gp(fm.group_offsets());
    gp.set_data(F, Eigen::VectorXd::Zero(n), false);
    GpHyper h;
    h.log_lengthscale = Eigen::VectorXd::Constant(3, std::log(0.3 + 0.3 * set));
    h.log_noise_var = -40.0;  // essentially no noise: PD must come from the kernel itself
    gp.set_hyper(h);
    EXPECT_EQ(gp.jitter(), 0.0);
  }
  // D_f from the features is W2^2 (quadrature) over one fixed scale^2: the ratio is pair-independent.
  const int e0 = fm.group_offsets()[1];
  double ratio[2];
  for (int pair = 0; pair < 2; ++pair) {
    const Eigen::VectorXd u0 = Eigen::VectorXd::Constant(5, 0.1 + 0.3 * pair), u1 = Eigen::VectorXd::Constant(5, 0.8 - 0.1 * pair);
    const double d = (fm.features(u0).head(e0) - fm.features(u1).head(e0)).squaredNorm();
    ratio[pair] = w2_squared_quadrature(fm.law(0, s.from_unit(u0)), fm.law(0, s.from_unit(u1))) / d;
  }
  EXPECT_NEAR(ratio[0], ratio[1], 1e-9 * ratio[0]);

}

TEST(W2, RejectsImpossibleFamilies) {
  SearchSpace s;
  s.add({"m", -5.0, 5.0});
  EXPECT_THROW(W2Features(s, {{"x", LawKind::Gamma, "m", 0, "", 0.3, {}, {}}}), hrsnn::InputError);
  EXPECT_THROW(W2Features(s, {{"x", LawKind::Normal, "unknown", 0, "", 0.3, {}, {}}}), hrsnn::InputError);
  EXPECT_THROW(W2Features(s, {{"x", LawKind::Normal, "m", 0, "", 0.3, 1.0, 0.5}}), hrsnn::InputError);  // lo > hi
}

namespace hrsnn::bo::kernel {
namespace {

// The tabulated gamma quantiles against exact ones (Newton on the incomplete gamma function),
// over the whole cv range, including cv between grid points and near 0, as the kernel uses
// them: weighted by the square root of the node's quadrature weight (the W2 embedding). Nodes
// within 1e-14 of 0 or 1 carry weights ~1e-15, where P(k, x) itself has no digits left.
TEST(W2, TabulatedGammaQuantilesMatchExactOnes) {
  const GammaQuantileTable& t = GammaQuantileTable::shared(0.0, 1.0);
  EXPECT_EQ(&t, &GammaQuantileTable::shared(0.0, 1.0));  // built once
  const auto& u = w2_nodes();
  const auto& w = w2_weights();
  std::vector<double> q(u.size());
  double worst = 0.0;
  for (double cv : {0.0, 0.0013, 0.01, 0.0537, 0.1, 0.333, 0.5, 0.7071, 0.9999, 1.0}) {
    t.quantiles(cv, q.data());
    const LawSampler l(Law{LawKind::Gamma, 1.0, cv}, "test");
    for (std::size_t k = 0; k < u.size(); ++k) {
      const double exact = l.quantile(u[k]);
      worst = std::max(worst, std::sqrt(w[k]) * std::abs(q[k] - exact));  // in units of the mean
    }
  }
  EXPECT_LT(worst, 1e-7);  // W2 distances then to ~1e-6 of the mean; length scales are >= 1e-2 of the span
  // And the feature map built on it equals the exact W2 quadrature.
  SearchSpace s;
  s.add({"m", 5.0, 50.0, Scale::Log});
  s.add({"c", 0.0, 1.0});
  const W2Features fm(s, {{"f", LawKind::Gamma, "m", 0, "c", 0, {}, {}}});
  Eigen::VectorXd a(2), b(2);
  a << 0.2, 0.37;
  b << 0.9, 0.81;
  const double d = (fm.features(a) - fm.features(b)).squaredNorm();
  const double ref = w2_squared_quadrature(fm.law(0, s.from_unit(a)), fm.law(0, s.from_unit(b)));
  const double d2 = (fm.features(a) - fm.features(Eigen::VectorXd::Constant(2, 0.5))).squaredNorm();
  const double ref2 = w2_squared_quadrature(fm.law(0, s.from_unit(a)), fm.law(0, s.from_unit(Eigen::VectorXd::Constant(2, 0.5))));
  EXPECT_NEAR(ref / d, ref2 / d2, 1e-5 * ref / d);  // one common scale: features embed W2
}

}  // namespace
}  // namespace hrsnn::bo::kernel

namespace {

// Analytic values the kernel must reproduce whatever law code sits underneath.
TEST(W2, AnalyticDistances) {
  // Two point laws: |m1 - m2|, bounds or not, by the closed form and by quadrature.
  EXPECT_NEAR(std::sqrt(w2_squared(L(LawKind::Point, 4.0, 0.0), L(LawKind::Point, 1.5, 0.0))), 2.5, 1e-12);
  EXPECT_NEAR(std::sqrt(w2_squared_quadrature(L(LawKind::Point, 4.0, 0.0), L(LawKind::Gamma, 1.5, 0.0, 1.0, 9.0))), 2.5, 1e-12);
  // Two untruncated normals: sqrt((m1 - m2)^2 + (s1 - s2)^2).
  const Law a = L(LawKind::Normal, 10.0, 0.2), b = L(LawKind::Normal, 13.0, 0.5);  // sd 2 and 6.5
  EXPECT_NEAR(std::sqrt(w2_squared(a, b)), std::sqrt(9.0 + 4.5 * 4.5), 1e-12);
  EXPECT_NEAR(std::sqrt(w2_squared_quadrature(a, b)), std::sqrt(9.0 + 4.5 * 4.5), 1e-6);
  // Symmetric and zero on the diagonal, truncated laws included (quadrature path).
  const Law t1 = L(LawKind::Gamma, 20.0, 0.8, 2.0, 60.0), t2 = L(LawKind::LogNormal, 8.0, 0.6, 1.0, 30.0);
  EXPECT_EQ(w2_squared(t1, t2), w2_squared(t2, t1));
  EXPECT_EQ(w2_squared(t1, t1), 0.0);
  EXPECT_EQ(w2_squared(t2, t2), 0.0);
}

// Regression against the pre-unification code: these numbers were printed (%.17g) by a throwaway
// program linked against commit 6f2dd49's src/bo/law.cpp (LawFamily, with_base_mean, law_quantile)
// and its w2_distribution.cpp, on the same pairs and feature points as below.
TEST(W2, ValuesUnchangedByTheLawUnification) {
  const std::pair<Law, Law> pairs[] = {
      {L(LawKind::Gamma, 20.0, 0.8, 2.0, 60.0), L(LawKind::Normal, 10.0, 0.5, 8.0, 20.0)},
      {L(LawKind::LogNormal, 3.0, 1.0, -kInf, 10.0), L(LawKind::Uniform, 5.0, 0.5, 4.0)},
      {L(LawKind::Gamma, 10.0, 0.3), L(LawKind::Normal, 10.0, 0.3)},
      {L(LawKind::Gamma, 10.0, 0.577, 1.0, 200.0), L(LawKind::Gamma, 14.0, 0.2, 1.0, 200.0)},
      {L(LawKind::LogNormal, 2.0, 1.2), L(LawKind::Gamma, 1.0, 3.0)},
      {L(LawKind::Normal, 5.0, 0.5, 0.0), L(LawKind::Point, 3.0, 0.0)},
      {L(LawKind::Uniform, 10.0, 0.4, 7.0, 1e9), L(LawKind::LogNormal, 8.0, 0.6, 1.0, 30.0)},
  };
  const double before[] = {237.69915725973658, 6.4863670923243992, 0.17817759204606659, 25.113956828812665,
                           1.9867377552899073, 9.2464649109468358, 13.019975582419043};
  for (std::size_t i = 0; i < std::size(pairs); ++i)
    EXPECT_NEAR(w2_squared(pairs[i].first, pairs[i].second), before[i], 1e-12 * before[i]) << "pair " << i;
  const SearchSpace s = mixed_space();
  const W2Features fm(s, {{"tau", LawKind::Gamma, "tau_mean", 0, "tau_cv", 0, 1.0, 200.0},
                          {"vth", LawKind::Normal, "vth_mean", 0, "vth_cv", 0, 0.0, {}},
                          {"g", LawKind::Gamma, "vth_mean", 0, "tau_cv", 0, {}, {}}});
  Eigen::VectorXd a(5), b(5), c(5);
  a << 0.1, 0.2, 0.3, 0.4, 0.5;
  b << 0.9, 0.7, 0.05, 0.6, 0.1;
  c << 0.5, 0.0, 1.0, 0.95, 0.5;
  EXPECT_NEAR((fm.features(a) - fm.features(b)).squaredNorm(), 1.0308537432385538, 1e-12);
  EXPECT_NEAR((fm.features(a) - fm.features(c)).squaredNorm(), 1.2456257501929748, 1e-12);
  EXPECT_NEAR((fm.features(b) - fm.features(c)).squaredNorm(), 2.7126435974452519, 1e-12);
}

}  // namespace
