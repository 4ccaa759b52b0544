// Sample moments against the laws' closed-form moments (truncated normal and uniform by erf and
// algebra, truncated gamma by a series for the incomplete gamma function written here).
#include "core/error.hpp"
#include "core/law.hpp"
#include "core/special_functions.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <numbers>

namespace hrsnn {
namespace {

// Regularised lower incomplete gamma P(a, x) by its power series (fine for x < a + 40).
double inc_gamma_p(double a, double x) {
  if (x <= 0) return 0.0;
  double sum = 1.0 / a, term = 1.0 / a;
  for (int n = 1; n < 2000; ++n) {
    term *= x / (a + n);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return std::exp(-x + a * std::log(x) - std::lgamma(a)) * sum;
}

struct Moments {
  double mean, var;
};

Moments sample_moments(const LawSampler& s, int n, std::uint64_t seed) {
  Rng rng(seed);
  double m = 0, m2 = 0;
  for (int i = 0; i < n; ++i) {
    const double x = s.sample(rng);
    m += x;
    m2 += x * x;
  }
  m /= n;
  return {m, m2 / n - m * m};
}

void expect_moments(const LawSampler& s, Moments want, int n = 400000) {
  const Moments got = sample_moments(s, n, 99);
  const double se = std::sqrt(want.var / n);
  EXPECT_NEAR(got.mean, want.mean, 5 * se) << s.law().describe();
  EXPECT_NEAR(got.var, want.var, 0.02 * want.var) << s.law().describe();
  EXPECT_NEAR(s.truncated_mean(), want.mean, 1e-8 * std::abs(want.mean)) << s.law().describe();
  EXPECT_NEAR(s.truncated_variance(), want.var, 1e-6 * want.var) << s.law().describe();
}

// Slow under the sanitizers (quadrature of four laws to 1e-15): runs with the `slow` label.
TEST(Law, SlowUntruncatedLawsHaveTheirMeanAndCv) {
  for (LawKind k : {LawKind::Gamma, LawKind::Normal, LawKind::LogNormal, LawKind::Uniform}) {
    const Law law{k, 20.0, 0.3};
    expect_moments(LawSampler(law, "test"), {20.0, 36.0});
  }
}

TEST(Law, PointLawIsExactlyItsValue) {
  LawSampler s(Law::point(3.25), "test");
  Rng rng(1);
  for (int i = 0; i < 100; ++i) EXPECT_EQ(s.sample(rng), 3.25);
}

TEST(Law, TruncatedNormalMatchesClosedForm) {
  Law law{LawKind::Normal, 10.0, 0.5, 6.0, 20.0};  // mean is the truncated mean
  const LawSampler s(law, "test");
  // Recover the base (μ, σ) the sampler solved for, via the closed-form truncated mean.
  auto phi = [](double z) { return std::exp(-0.5 * z * z) / std::sqrt(2 * std::numbers::pi); };
  auto cdf = [](double z) { return 0.5 * std::erfc(-z / std::sqrt(2.0)); };
  auto trunc = [&](double mu) {
    const double sd = 0.5 * mu, a = (6.0 - mu) / sd, b = (20.0 - mu) / sd, z = cdf(b) - cdf(a);
    const double mean = mu + sd * (phi(a) - phi(b)) / z;
    const double var = sd * sd * (1 + (a * phi(a) - b * phi(b)) / z - std::pow((phi(a) - phi(b)) / z, 2));
    return Moments{mean, var};
  };
  double lo = 1, hi = 20;
  for (int i = 0; i < 200; ++i) {
    const double mid = 0.5 * (lo + hi);
    (trunc(mid).mean < 10.0 ? lo : hi) = mid;
  }
  expect_moments(s, trunc(0.5 * (lo + hi)));
}

TEST(Law, TruncatedGammaMatchesIncompleteGammaForm) {
  const double shape = 3.0;
  Law law = Law::gamma_shape(20.0, shape);
  law.lo = 5.0;
  law.hi = 40.0;
  const LawSampler s(law, "test");
  auto trunc = [&](double theta) {
    const double a = law.lo / theta, b = law.hi / theta;
    const double z = inc_gamma_p(shape, b) - inc_gamma_p(shape, a);
    const double m1 = shape * theta * (inc_gamma_p(shape + 1, b) - inc_gamma_p(shape + 1, a)) / z;
    const double m2 = shape * (shape + 1) * theta * theta * (inc_gamma_p(shape + 2, b) - inc_gamma_p(shape + 2, a)) / z;
    return Moments{m1, m2 - m1 * m1};
  };
  double lo = 1, hi = 40;
  for (int i = 0; i < 200; ++i) {
    const double mid = 0.5 * (lo + hi);
    (trunc(mid).mean < 20.0 ? lo : hi) = mid;
  }
  expect_moments(s, trunc(0.5 * (lo + hi)));
}

TEST(Law, TruncatedUniformMatchesAlgebra) {
  // Base U[m − √3 s, m + √3 s] cut at lo: mean solved so the truncated mean is 10.
  Law law{LawKind::Uniform, 10.0, 0.4, 7.0, 1e9};
  const LawSampler s(law, "test");
  const Moments got = sample_moments(s, 400000, 5);
  EXPECT_NEAR(got.mean, 10.0, 0.02);
  Rng rng(3);
  for (int i = 0; i < 10000; ++i) EXPECT_GE(s.sample(rng), 7.0);
}

TEST(Law, ImpossibleParametersAreRejectedWithTheirName) {
  auto msg = [](const Law& l) {
    try {
      LawSampler s(l, "neurons.exc.tau_m");
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  EXPECT_NE(msg(Law{LawKind::Gamma, -1.0, 0.5}).find("neurons.exc.tau_m"), std::string::npos);
  EXPECT_NE(msg(Law{LawKind::Gamma, 10.0, -0.5}).find("cv"), std::string::npos);
  EXPECT_NE(msg(Law{LawKind::Normal, 10.0, 0.5, 20.0, 5.0}).find("bound"), std::string::npos);
  EXPECT_NE(msg(Law{LawKind::Normal, 10.0, 0.5, 11.0, 15.0}).find("inside"), std::string::npos);
  EXPECT_NE(msg(Law{LawKind::LogNormal, 0.0, 0.5}).find("mean > 0"), std::string::npos);
  EXPECT_NE(msg(Law{LawKind::Gamma, std::nan(""), 0.5}).find("finite"), std::string::npos);
  // An exponential kept on [0, 2·mean] with its mean: only a flat law has that mean there, so the
  // solved base law spreads until almost nothing is left inside; refused at construction.
  EXPECT_NE(msg(Law{LawKind::Gamma, 15.0, 1.0, 0.0, 30.0}).find("keep less than 1e-6"), std::string::npos);
  EXPECT_EQ(msg(Law{LawKind::Gamma, 15.0, 0.5, 0.0, 30.0}), "");  // the plastic weights' default: fine
}

}  // namespace
}  // namespace hrsnn

namespace hrsnn {
namespace {

// Exponential law (gamma, cv 1): Q(u) = −m ln(1 − u), and a stratum's mean in closed form.
TEST(LawQuantile, ExponentialQuantilesAndStratumMeansAreAnalytic) {
  const double m = 20.0;
  const LawSampler s(Law{LawKind::Gamma, m, 1.0}, "tau");
  for (double u : {1e-9, 0.01, 0.3, 0.5, 0.9, 0.999999})
    EXPECT_NEAR(s.quantile(u), -m * std::log1p(-u), 1e-11 * std::max(m, -m * std::log1p(-u))) << "u = " << u;  // relative near u = 1
  const int L = 256;
  const std::vector<double> t = s.level_table(L);
  ASSERT_EQ(t.size(), std::size_t(L));
  auto antiderivative = [](double u) { return u >= 1.0 ? 1.0 : (1 - u) * std::log1p(-u) + u; };
  for (int c = 0; c + 1 < L; ++c) {
    const double a = double(c) / L, b = double(c + 1) / L;
    EXPECT_NEAR(t[c], L * m * (antiderivative(b) - antiderivative(a)), 1e-9 * m) << "stratum " << c;
  }
  // The top stratum (log singularity at u = 1) comes from the mean: exact here too.
  EXPECT_NEAR(t[L - 1], L * m * (1.0 - antiderivative(double(L - 1) / L)), 1e-6 * m);
}

TEST(LawQuantile, TruncatedTablesKeepMeanOrderAndBounds) {
  for (const Law& law : {Law{LawKind::Gamma, 20.0, 0.8, 5.0, 60.0}, Law{LawKind::Normal, 0.01, 0.5, 0.0, 0.05},
                         Law{LawKind::LogNormal, 0.02, 1.0, 0.0, 0.1}, Law{LawKind::Uniform, 10.0, 0.3}}) {
    const LawSampler s(law, "p");
    EXPECT_NEAR(s.quantile(0.0), std::max(law.lo, s.quantile(1e-300)), 1e-12 * law.mean);
    const std::vector<double> t = s.level_table(256);
    double mean = 0.0;
    for (std::size_t c = 0; c < t.size(); ++c) {
      mean += t[c] / t.size();
      EXPECT_GE(t[c], law.lo);
      EXPECT_LE(t[c], law.hi);
      if (c) EXPECT_GE(t[c], t[c - 1]);
      // Each stratum mean lies between the stratum's quantile bounds.
      EXPECT_GE(t[c], s.quantile(double(c) / t.size()) - 1e-12);
      if (c + 1 < t.size()) EXPECT_LE(t[c], s.quantile(double(c + 1) / t.size()) + 1e-12);
    }
    EXPECT_NEAR(mean, law.mean, 1e-9 * law.mean) << law.describe();
  }
  EXPECT_EQ(LawSampler(Law::point(3.0), "p").level_table(256), std::vector<double>{3.0});
  EXPECT_THROW(LawSampler(Law{LawKind::Gamma, 1.0, 0.5}, "p").level_table(300), InputError);
}

}  // namespace
}  // namespace hrsnn

// Moved from tests/bo/law_test.cpp when bo/law.* merged into core: the CDF and quantile the BO
// distribution kernel relies on, and its closed-form solver against the builder's quadrature.
namespace hrsnn {
namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

Law law_of(LawKind k, double m, double cv, double lo = -kInfinity, double hi = kInfinity) { return Law{k, m, cv, lo, hi}; }

TEST(LawCdf, GammaCdfMatchesExponentialAndErlang) {
  // cv = 1: exponential; cv = 1/sqrt(2): Erlang-2. Both have elementary CDFs.
  const LawSampler exponential(law_of(LawKind::Gamma, 2.0, 1.0), "test");
  const LawSampler erlang(law_of(LawKind::Gamma, 2.0, std::sqrt(0.5)), "test");  // mean 2, shape 2 -> scale 1
  for (double x : {0.1, 1.0, 3.0, 10.0, 40.0}) {
    EXPECT_NEAR(exponential.base_cdf(x), 1.0 - std::exp(-x / 2.0), 1e-14);
    EXPECT_NEAR(erlang.base_cdf(x), 1.0 - std::exp(-x) * (1.0 + x), 1e-14);
  }
}

TEST(LawCdf, QuantileInvertsCdfIncludingTruncation) {
  for (const Law& l : {law_of(LawKind::Gamma, 10.0, 0.577), law_of(LawKind::Gamma, 3.0, 0.2, 1.0, 4.0),
                       law_of(LawKind::Normal, 5.0, 0.5, 0.0), law_of(LawKind::LogNormal, 2.0, 1.2),
                       law_of(LawKind::Uniform, 1.0, 0.3), law_of(LawKind::Gamma, 1.0, 3.0)}) {
    for (const LawSampler& s : {LawSampler(l, "test"), LawSampler::closed_form(l, "test")}) {
      const double flo = l.lo > -kInfinity ? s.base_cdf(l.lo) : 0.0, fhi = l.hi < kInfinity ? s.base_cdf(l.hi) : 1.0;
      for (double u : {1e-6, 0.01, 0.3, 0.5, 0.9, 0.999999}) {
        const double x = s.quantile(u);
        EXPECT_NEAR((s.base_cdf(x) - flo) / (fhi - flo), u, 1e-9 * std::max(1.0, 1.0 / u)) << l.describe() << " u=" << u;
        EXPECT_GE(x, l.lo);
        EXPECT_LE(x, l.hi);
      }
    }
  }
  EXPECT_NEAR(normal_quantile(0.975), 1.959963984540054, 1e-14);
}

// The two base-mean solvers (quadrature for the builder, closed form for BO) describe one law.
TEST(LawCdf, ClosedFormSolveAgreesWithQuadrature) {
  for (const Law& l : {law_of(LawKind::Normal, 10.0, 0.5, 8.0, 20.0), law_of(LawKind::Gamma, 20.0, 0.8, 2.0, 60.0),
                       law_of(LawKind::LogNormal, 3.0, 1.0, -kInfinity, 10.0), law_of(LawKind::Uniform, 5.0, 0.5, 4.0),
                       law_of(LawKind::Gamma, 20.0, 0.8, 5.0, 60.0), law_of(LawKind::Gamma, 10.0, 0.3)}) {
    const LawSampler quad(l, "test"), fast = LawSampler::closed_form(l, "test");
    EXPECT_NEAR(fast.truncated_mean_closed_form(), l.mean, 1e-12 * l.mean) << l.describe();
    EXPECT_NEAR(quad.truncated_mean_closed_form(), l.mean, 1e-9 * l.mean) << l.describe();
    EXPECT_NEAR(fast.truncated_mean(), l.mean, 1e-9 * l.mean) << l.describe();
    EXPECT_NEAR(fast.base_mean(), quad.base_mean(), 1e-12 * quad.base_mean()) << l.describe();  // measured: <= 6e-15
    for (double u : {0.01, 0.5, 0.99}) EXPECT_NEAR(fast.quantile(u), quad.quantile(u), 1e-11 * l.mean) << l.describe();
  }
  // Untruncated: nothing to solve, the two are the same law bit for bit.
  const Law g = law_of(LawKind::Gamma, 10.0, 0.3);
  EXPECT_EQ(LawSampler::closed_form(g, "t").quantile(0.3), LawSampler(g, "t").quantile(0.3));
}

TEST(LawCdf, ParsesEveryKindAndRejectsOthersNamingTheKey) {
  for (LawKind k : {LawKind::Point, LawKind::Gamma, LawKind::Normal, LawKind::LogNormal, LawKind::Uniform})
    EXPECT_EQ(parse_law_kind(law_kind_name(k), "k"), k);
  EXPECT_EQ(parse_law_kind("log-normal", "k"), LawKind::LogNormal);
  try {
    parse_law_kind("weibull", "[[bo.family]] law");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("[[bo.family]] law"), std::string::npos);
  }
}

}  // namespace
}  // namespace hrsnn
