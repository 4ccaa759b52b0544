#include "bo/law.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

#include "core/error.hpp"
#include "core/special_functions.hpp"

namespace hrsnn::bo {

namespace {

constexpr double kSqrt3 = 1.7320508075688772935;

struct Gamma {
  double k, theta;
};
Gamma gamma_params(const LawFamily& l) { return {1.0 / (l.cv * l.cv), l.mean * l.cv * l.cv}; }

void lognormal_params(const LawFamily& l, double& mu, double& sigma) {
  const double s2 = std::log1p(l.cv * l.cv);
  sigma = std::sqrt(s2);
  mu = std::log(l.mean) - 0.5 * s2;
}

// Inverse of the untruncated CDF at p (p strictly inside (0, 1)).
double base_quantile(const LawFamily& l, double p) {
  const double sd = std::abs(l.mean) * l.cv;
  switch (l.kind) {
    case LawKind::Normal: return l.mean + sd * normal_quantile(p);
    case LawKind::Uniform: return l.mean + sd * kSqrt3 * (2.0 * p - 1.0);
    case LawKind::LogNormal: {
      double mu, sigma;
      lognormal_params(l, mu, sigma);
      return std::exp(mu + sigma * normal_quantile(p));
    }
    case LawKind::Gamma: {
      const auto g = gamma_params(l);
      return g.theta * gamma_quantile(g.k, p);
    }
    case LawKind::Point: return l.mean;
  }
  return l.mean;
}

}  // namespace

LawKind parse_law_kind(const std::string& n) {
  if (n == "gamma") return LawKind::Gamma;
  if (n == "normal") return LawKind::Normal;
  if (n == "lognormal") return LawKind::LogNormal;
  if (n == "uniform") return LawKind::Uniform;
  if (n == "point") return LawKind::Point;
  throw InputError("unknown law '" + n + "' (expected gamma, normal, lognormal, uniform or point)");
}

std::string law_kind_name(LawKind k) {
  switch (k) {
    case LawKind::Gamma: return "gamma";
    case LawKind::Normal: return "normal";
    case LawKind::LogNormal: return "lognormal";
    case LawKind::Uniform: return "uniform";
    case LawKind::Point: return "point";
  }
  return "?";
}

bool is_point(const LawFamily& l) { return l.kind == LawKind::Point || l.cv == 0.0; }

namespace {
bool needs_base(const LawFamily& l) { return !l.mean_is_base && !is_point(l) && (l.lo || l.hi); }

// E[X 1{a < X < b}] of the untruncated law (closed forms; a, b may be infinite).
double partial_expectation(const LawFamily& l, double a, double b) {
  const double sd = std::abs(l.mean) * l.cv;
  switch (l.kind) {
    case LawKind::Normal: {
      const double al = (a - l.mean) / sd, be = (b - l.mean) / sd;
      const double phi_a = std::isfinite(al) ? std::exp(-0.5 * al * al) : 0.0;
      const double phi_b = std::isfinite(be) ? std::exp(-0.5 * be * be) : 0.0;
      return l.mean * (normal_cdf(be) - normal_cdf(al)) + sd * (phi_a - phi_b) / std::sqrt(2.0 * std::numbers::pi);
    }
    case LawKind::LogNormal: {
      double mu, sigma;
      lognormal_params(l, mu, sigma);
      auto z = [&](double x) { return x <= 0 ? -INFINITY : (std::log(x) - mu - sigma * sigma) / sigma; };
      return std::exp(mu + 0.5 * sigma * sigma) * (normal_cdf(z(b)) - normal_cdf(z(a)));
    }
    case LawKind::Gamma: {
      const auto g = gamma_params(l);
      auto P = [&](double x) { return x <= 0 ? 0.0 : (std::isfinite(x) ? gamma_p(g.k + 1.0, x / g.theta) : 1.0); };
      return l.mean * (P(b) - P(a));
    }
    case LawKind::Uniform: {
      const double c = std::max(a, l.mean - kSqrt3 * sd), d = std::min(b, l.mean + kSqrt3 * sd);
      return d > c ? 0.5 * (c + d) * (d - c) / (2.0 * kSqrt3 * sd) : 0.0;
    }
    case LawKind::Point: break;
  }
  return l.mean;
}
}  // namespace

double truncated_mean_of_base(const LawFamily& base) {
  if (is_point(base)) return base.mean;
  const double a = base.lo.value_or(-INFINITY), b = base.hi.value_or(INFINITY);
  const double mass = law_cdf(base, b) - law_cdf(base, a);
  if (!(mass > 1e-300)) return base.mean < a ? a : b;  // all mass beyond one bound
  return std::clamp(partial_expectation(base, a, b) / mass, std::isfinite(a) ? a : -INFINITY, std::isfinite(b) ? b : INFINITY);
}

LawFamily with_base_mean(const LawFamily& l) {
  LawFamily base = l;
  base.mean_is_base = true;
  if (!needs_base(l)) return base;
  // The truncated mean increases with the base mean (CV fixed): bracket, then bisect.
  const double target = l.mean, scale = std::max(std::abs(target), 1e-12);
  const bool positive = l.kind == LawKind::Gamma || l.kind == LawKind::LogNormal;
  auto f = [&](double m) {
    base.mean = m;
    return truncated_mean_of_base(base);
  };
  double a = target, b = target;
  for (int i = 0; i < 200 && f(a) > target; ++i) a = positive ? a / 2 : a - scale * std::pow(2.0, i);
  for (int i = 0; i < 200 && f(b) < target; ++i) b = positive ? b * 2 : b + scale * std::pow(2.0, i);
  require(f(a) <= target && f(b) >= target,
          "law " + law_kind_name(l.kind) + ": truncated mean " + std::to_string(target) + " is unreachable within the bounds");
  for (int i = 0; i < 200 && (b - a) > 1e-14 * scale; ++i) {
    const double m = 0.5 * (a + b);
    (f(m) < target ? a : b) = m;
  }
  base.mean = 0.5 * (a + b);
  return base;
}

double law_cdf(const LawFamily& law, double x) {
  const LawFamily l = needs_base(law) ? with_base_mean(law) : law;
  if (is_point(l)) return x < l.mean ? 0.0 : 1.0;
  const double sd = std::abs(l.mean) * l.cv;
  switch (l.kind) {
    case LawKind::Normal: return normal_cdf((x - l.mean) / sd);
    case LawKind::Uniform: return std::clamp((x - l.mean + kSqrt3 * sd) / (2.0 * kSqrt3 * sd), 0.0, 1.0);
    case LawKind::LogNormal: {
      if (x <= 0) return 0.0;
      double mu, sigma;
      lognormal_params(l, mu, sigma);
      return normal_cdf((std::log(x) - mu) / sigma);
    }
    case LawKind::Gamma: {
      const auto g = gamma_params(l);
      return gamma_p(g.k, x / g.theta);
    }
    case LawKind::Point: break;
  }
  return 0.0;
}

void validate_law(const LawFamily& l, const std::string& where) {
  require(std::isfinite(l.mean) && std::isfinite(l.cv) && l.cv >= 0.0, where + ": mean and cv must be finite, cv >= 0");
  if (l.kind == LawKind::Gamma || l.kind == LawKind::LogNormal)
    require(l.mean > 0.0 || is_point(l), where + ": " + law_kind_name(l.kind) + " needs mean > 0");
  if (l.lo && l.hi) require(*l.lo < *l.hi, where + ": truncation lo must be < hi");
  if (is_point(l)) {
    require((!l.lo || l.mean >= *l.lo) && (!l.hi || l.mean <= *l.hi), where + ": point value outside [lo, hi]");
    return;
  }
  require((!l.lo || l.mean > *l.lo) && (!l.hi || l.mean < *l.hi),
          where + ": mean " + std::to_string(l.mean) + " must lie strictly inside the truncation bounds");
  try {
    with_base_mean(l);
  } catch (const InputError& e) {
    throw InputError(where + ": " + e.what());
  }
}

double law_quantile(const LawFamily& law, double u) {
  if (is_point(law)) return law.mean;
  const LawFamily l = needs_base(law) ? with_base_mean(law) : law;
  const double flo = l.lo ? law_cdf(l, *l.lo) : 0.0, fhi = l.hi ? law_cdf(l, *l.hi) : 1.0;
  double x = base_quantile(l, flo + u * (fhi - flo));
  if (l.lo) x = std::max(x, *l.lo);
  if (l.hi) x = std::min(x, *l.hi);
  return x;
}

}  // namespace hrsnn::bo
