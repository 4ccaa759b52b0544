#include "bo/law.hpp"

#include <cmath>

#include <gtest/gtest.h>

#include "bo/gp.hpp"
#include "bo/kernel/w2_distribution.hpp"
#include "core/law.hpp"
#include "core/error.hpp"
#include "core/rng.hpp"

using namespace hrsnn::bo;
using namespace hrsnn::bo::kernel;

namespace {
LawFamily L(LawKind k, double m, double cv, std::optional<double> lo = {}, std::optional<double> hi = {}) {
  return LawFamily{k, m, cv, lo, hi};
}

LawFamily random_law(hrsnn::Rng& rng) {
  const LawKind kinds[] = {LawKind::Gamma, LawKind::Normal, LawKind::LogNormal, LawKind::Uniform, LawKind::Point};
  LawFamily l = L(kinds[rng.below(5)], rng.uniform(5.0, 30.0), rng.uniform(0.05, 0.8));
  if (rng.uniform() < 0.5) {
    l.lo = rng.uniform(0.5, 4.0);
    l.hi = rng.uniform(40.0, 80.0);
  }
  return l;
}
}  // namespace

TEST(Law, GammaCdfMatchesExponentialAndErlang) {
  // cv = 1: exponential; cv = 1/sqrt(2): Erlang-2. Both have elementary CDFs.
  for (double x : {0.1, 1.0, 3.0, 10.0, 40.0}) {
    EXPECT_NEAR(law_cdf(L(LawKind::Gamma, 2.0, 1.0), x), 1.0 - std::exp(-x / 2.0), 1e-14);
    const double t = x / 1.0;  // mean 2, shape 2 -> scale 1
    EXPECT_NEAR(law_cdf(L(LawKind::Gamma, 2.0, std::sqrt(0.5)), x), 1.0 - std::exp(-t) * (1.0 + t), 1e-14);
  }
}

TEST(Law, QuantileInvertsCdfIncludingTruncation) {
  for (auto l : {L(LawKind::Gamma, 10.0, 0.577), L(LawKind::Gamma, 3.0, 0.2, 1.0, 4.0),
                 L(LawKind::Normal, 5.0, 0.5, 0.0, {}), L(LawKind::LogNormal, 2.0, 1.2),
                 L(LawKind::Uniform, 1.0, 0.3), L(LawKind::Gamma, 1.0, 3.0)}) {
    const double flo = l.lo ? law_cdf(l, *l.lo) : 0.0, fhi = l.hi ? law_cdf(l, *l.hi) : 1.0;
    for (double u : {1e-6, 0.01, 0.3, 0.5, 0.9, 0.999999}) {
      const double x = law_quantile(l, u);
      EXPECT_NEAR((law_cdf(l, x) - flo) / (fhi - flo), u, 1e-9 * std::max(1.0, 1.0 / u)) << law_kind_name(l.kind) << " u=" << u;
      if (l.lo) {
        EXPECT_GE(x, *l.lo);
      }
      if (l.hi) {
        EXPECT_LE(x, *l.hi);
      }
    }
  }
  EXPECT_NEAR(normal_quantile(0.975), 1.959963984540054, 1e-14);
}

TEST(W2, ClosedFormsAgreeWithQuadrature) {
  const std::pair<LawFamily, LawFamily> pairs[] = {
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
    ASSERT_TRUE(c.has_value()) << law_kind_name(a.kind) << "-" << law_kind_name(b.kind);
    EXPECT_NEAR(w2_squared_quadrature(a, b), *c, 1e-6 * *c) << law_kind_name(a.kind) << "-" << law_kind_name(b.kind);
  }
  EXPECT_FALSE(w2_squared_closed_form(L(LawKind::Gamma, 10, 0.3), L(LawKind::Normal, 10, 0.3)).has_value());
  EXPECT_FALSE(w2_squared_closed_form(L(LawKind::Normal, 10, 0.3, 5.0), L(LawKind::Normal, 10, 0.3)).has_value());
}

TEST(W2, TruncatedLawsAgreeWithTheSimulatorsSampler) {
  // The mean of a truncated law is the mean actually sampled (core/law.hpp's convention): check
  // ours against core's independent LawSampler (its quadrature moments and its redraw sampling).
  const std::pair<LawFamily, hrsnn::Law> cases[] = {
      {L(LawKind::Normal, 10.0, 0.5, 8.0, 20.0), hrsnn::Law{hrsnn::LawKind::Normal, 10.0, 0.5, 8.0, 20.0}},
      {L(LawKind::Gamma, 20.0, 0.8, 2.0, 60.0), hrsnn::Law{hrsnn::LawKind::Gamma, 20.0, 0.8, 2.0, 60.0}},
      {L(LawKind::LogNormal, 3.0, 1.0, {}, 10.0), hrsnn::Law{hrsnn::LawKind::LogNormal, 3.0, 1.0}},
      {L(LawKind::Uniform, 5.0, 0.5, 4.0, {}), hrsnn::Law{hrsnn::LawKind::Uniform, 5.0, 0.5, 4.0}},
  };
  for (const auto& [ours, core] : cases) {
    hrsnn::Law c = core;
    if (!ours.lo) c.lo = -INFINITY;
    if (ours.hi) c.hi = *ours.hi;
    const hrsnn::LawSampler sampler(c, "test");
    const auto& u = w2_nodes();
    const auto& w = w2_weights();
    double m = 0.0, m2 = 0.0;
    for (std::size_t k = 0; k < u.size(); ++k) {
      const double q = law_quantile(ours, u[k]);
      m += w[k] * q;
      m2 += w[k] * q * q;
    }
    EXPECT_NEAR(m, ours.mean, 1e-7 * ours.mean) << law_kind_name(ours.kind);
    EXPECT_NEAR(m2 - m * m, sampler.truncated_variance(), 1e-5 * sampler.truncated_variance()) << law_kind_name(ours.kind);
    // W2 to a point c is E[(X - c)^2] of the law actually sampled.
    hrsnn::Rng rng(7);
    double s = 0.0;
    const int n = 200000;
    for (int i = 0; i < n; ++i) s += std::pow(sampler.sample(rng) - 3.0, 2);
    EXPECT_NEAR(w2_squared(ours, L(LawKind::Point, 3.0, 0.0)), s / n, 0.02 * s / n) << law_kind_name(ours.kind);
  }
}

TEST(W2, MetricAxiomsOnRandomLaws) {
  hrsnn::Rng rng(11);
  for (int trial = 0; trial < 60; ++trial) {
    const LawFamily a = random_law(rng), b = random_law(rng), c = random_law(rng);
    EXPECT_NEAR(w2_squared(a, a), 0.0, 1e-20);
    EXPECT_NEAR(w2_squared(a, b), w2_squared(b, a), 1e-9 * (1.0 + w2_squared(a, b)));
    const double ab = std::sqrt(w2_squared(a, b)), bc = std::sqrt(w2_squared(b, c)), ac = std::sqrt(w2_squared(a, c));
    EXPECT_LE(ac, ab + bc + 1e-9);
  }
}

TEST(W2, KernelMatrixPositiveDefiniteOnRandomSets) {
  SearchSpace s;
  s.add({"tau_mean", 5.0, 50.0, Scale::Log});
  s.add({"tau_cv", 0.0, 1.0});
  s.add({"vth_mean", 10.0, 30.0});
  s.add({"vth_cv", 0.01, 0.5, Scale::Log});
  s.add({"gain", 0.0, 1.0});
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
  EXPECT_THROW(parse_law_kind("weibull"), hrsnn::InputError);
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
    LawFamily l;
    l.kind = LawKind::Gamma;
    l.mean = 1.0;
    l.cv = cv;
    for (std::size_t k = 0; k < u.size(); ++k) {
      const double exact = law_quantile(l, u[k]);
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
