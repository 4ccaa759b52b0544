#include "core/law.hpp"

#include "core/error.hpp"
#include "core/format.hpp"
#include "core/special_functions.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <numbers>
#include <sstream>

namespace hrsnn {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// Marsaglia & Tsang (2000) for shape >= 1; the u^(1/k) boost for shape < 1.
double gamma_unit(Rng& rng, double k) {
  if (k < 1.0) return gamma_unit(rng, k + 1.0) * std::pow(rng.uniform_open0(), 1.0 / k);
  const double d = k - 1.0 / 3.0;
  const double c = 1.0 / std::sqrt(9.0 * d);
  for (;;) {
    const double x = rng.normal();
    double v = 1.0 + c * x;
    if (v <= 0.0) continue;
    v = v * v * v;
    const double u = rng.uniform_open0();
    if (u < 1.0 - 0.0331 * x * x * x * x) return d * v;
    if (std::log(u) < 0.5 * x * x + d * (1.0 - v + std::log(v))) return d * v;
  }
}

// Adaptive Simpson on one panel; the tolerance is absolute.
double simpson_rec(const std::function<double(double)>& f, double a, double b, double fa, double fm,
                   double fb, double whole, double eps, int depth) {
  const double m = 0.5 * (a + b);
  const double lm = 0.5 * (a + m), rm = 0.5 * (m + b);
  const double flm = f(lm), frm = f(rm);
  const double left = (m - a) / 6.0 * (fa + 4.0 * flm + fm);
  const double right = (b - m) / 6.0 * (fm + 4.0 * frm + fb);
  if (depth <= 0 || std::abs(left + right - whole) <= 15.0 * eps)
    return left + right + (left + right - whole) / 15.0;
  return simpson_rec(f, a, m, fa, flm, fm, left, eps / 2, depth - 1) +
         simpson_rec(f, m, b, fm, frm, fb, right, eps / 2, depth - 1);
}

// Integral over [a, b] split in panels first, so narrow peaks in wide ranges are not missed.
double integrate(const std::function<double(double)>& f, double a, double b) {
  const int panels = 256;
  const double h = (b - a) / panels;
  double total = 0.0;
  for (int i = 0; i < panels; ++i) {
    const double x0 = a + i * h, x1 = (i + 1 == panels) ? b : x0 + h;
    const double f0 = f(x0), f1 = f(x1), fm = f(0.5 * (x0 + x1));
    const double whole = (x1 - x0) / 6.0 * (f0 + 4.0 * fm + f1);
    total += simpson_rec(f, x0, x1, f0, fm, f1, whole, 1e-15, 30);
  }
  return total;
}

std::string num(double x) { return format_double(x); }

}  // namespace

LawKind parse_law_kind(const std::string& name, const std::string& where) {
  if (name == "point") return LawKind::Point;
  if (name == "gamma") return LawKind::Gamma;
  if (name == "normal") return LawKind::Normal;
  if (name == "lognormal" || name == "log-normal") return LawKind::LogNormal;
  if (name == "uniform") return LawKind::Uniform;
  throw InputError(where + ": unknown law '" + name + "' (expected point, gamma, normal, lognormal or uniform)");
}

std::string law_kind_name(LawKind kind) {
  switch (kind) {
    case LawKind::Point: return "point";
    case LawKind::Gamma: return "gamma";
    case LawKind::Normal: return "normal";
    case LawKind::LogNormal: return "lognormal";
    case LawKind::Uniform: return "uniform";
  }
  return "?";
}

std::string Law::describe() const {
  if (is_point()) return "point(" + num(mean) + ")";
  std::string s = law_kind_name(kind) + "(mean=" + num(mean) + ", cv=" + num(cv);
  if (truncated()) s += ", [" + num(lo) + ", " + num(hi) + "]";
  return s + ")";
}

void validate_law(const Law& law, const std::string& where) {
  require(std::isfinite(law.mean), where + ": mean must be finite, got " + num(law.mean));
  require(std::isfinite(law.cv) && law.cv >= 0.0, where + ": cv must be >= 0, got " + num(law.cv));
  require(!std::isnan(law.lo) && !std::isnan(law.hi), where + ": bounds must not be NaN");
  require(law.lo <= law.hi, where + ": lower bound " + num(law.lo) + " > upper bound " + num(law.hi));
  if (law.is_point()) {
    require(law.mean >= law.lo && law.mean <= law.hi,
            where + ": point value " + num(law.mean) + " outside bounds [" + num(law.lo) + ", " + num(law.hi) + "]");
    return;
  }
  require(law.mean > law.lo && law.mean < law.hi,
          where + ": mean " + num(law.mean) + " must lie strictly inside the bounds [" + num(law.lo) + ", " + num(law.hi) + "]");
  if (law.kind == LawKind::Gamma || law.kind == LawKind::LogNormal)
    require(law.mean > 0.0, where + ": a " + law_kind_name(law.kind) + " law needs mean > 0, got " + num(law.mean));
  if (law.kind == LawKind::Gamma)
    require(law.cv <= 10.0, where + ": gamma cv " + num(law.cv) + " means shape < 0.01; too skewed to sample");
}

LawSampler::LawSampler(const Law& law, const std::string& where) : LawSampler(law, where, Solver::Quadrature) {}

LawSampler LawSampler::closed_form(const Law& law, const std::string& where) {
  return LawSampler(law, where, Solver::ClosedForm);
}

LawSampler::LawSampler(const Law& law, const std::string& where, Solver solver) : law_(law), where_(where) {
  validate_law(law, where);
  if (law.is_point()) {
    law_.kind = LawKind::Point;
    law_.cv = 0.0;
    base_mean_ = law.mean;
    return;
  }
  set_base_mean(law.mean);
  if (!law.truncated()) return;
  // Solve base mean so the truncated mean equals law.mean; it increases with the base mean.
  const double target = law.mean;
  const double scale = std::max(std::abs(target), 1e-12);
  double a = target, b = target;
  auto f = [&](double bm) {
    set_base_mean(bm);
    return solver == Solver::Quadrature ? truncated_mean() : truncated_mean_closed_form();
  };
  const bool positive = law.kind == LawKind::Gamma || law.kind == LawKind::LogNormal;
  for (int i = 0; i < 200 && f(a) > target; ++i) a = positive ? a / 2 : a - scale * std::pow(2.0, i);
  for (int i = 0; i < 200 && f(b) < target; ++i) b = positive ? b * 2 : b + scale * std::pow(2.0, i);
  require(f(a) <= target && f(b) >= target, where_ + ": cannot reach truncated mean " + num(target) + " within bounds");
  for (int i = 0; i < 200 && (b - a) > 1e-14 * scale; ++i) {
    const double m = 0.5 * (a + b);
    (f(m) < target ? a : b) = m;
  }
  set_base_mean(0.5 * (a + b));
  // A mean only reachable by a base law spread far beyond the bounds (e.g. a gamma of cv 1 kept
  // on [0, 2·mean] with its mean: only a flat law has it) leaves almost no mass inside, and
  // sample() would give up mid-build; the builder's sampler refuses it here, where the law is
  // named. The BO kernel's closed form only takes quantiles, which such a law still has.
  if (solver == Solver::Quadrature) {
    const double kept = (law.hi < kInf ? base_cdf(law.hi) : 1.0) - (law.lo > -kInf ? base_cdf(law.lo) : 0.0);
    require(kept >= 1e-6, where_ + ": bounds of " + law_.describe() + " keep less than 1e-6 of the law; widen them");
  }
}

void LawSampler::set_base_mean(double bm) {
  base_mean_ = bm;
  const double c = law_.cv;
  switch (law_.kind) {
    case LawKind::Gamma: p1_ = 1.0 / (c * c); p2_ = bm / p1_; break;           // shape, scale
    case LawKind::Normal: p1_ = bm; p2_ = c * std::abs(bm); break;            // mu, sigma
    case LawKind::LogNormal: p2_ = std::sqrt(std::log1p(c * c)); p1_ = std::log(bm) - 0.5 * p2_ * p2_; break;
    case LawKind::Uniform: p1_ = bm - std::sqrt(3.0) * c * std::abs(bm); p2_ = bm + std::sqrt(3.0) * c * std::abs(bm); break;
    case LawKind::Point: p1_ = bm; p2_ = 0; break;
  }
}

double LawSampler::base_draw(Rng& rng) const {
  switch (law_.kind) {
    case LawKind::Point: return base_mean_;
    case LawKind::Gamma: return p2_ * gamma_unit(rng, p1_);
    case LawKind::Normal: return p1_ + p2_ * rng.normal();
    case LawKind::LogNormal: return std::exp(p1_ + p2_ * rng.normal());
    case LawKind::Uniform: return p1_ + (p2_ - p1_) * rng.uniform();
  }
  return base_mean_;
}

double LawSampler::sample(Rng& rng) const {
  if (law_.kind == LawKind::Point) return base_mean_;
  for (int attempt = 0; attempt < 1000000; ++attempt) {
    const double x = base_draw(rng);
    if (x >= law_.lo && x <= law_.hi) return x;
  }
  throw InputError(where_ + ": bounds of " + law_.describe() + " keep less than 1e-6 of the law; widen them");
}

double LawSampler::base_pdf(double x) const {
  switch (law_.kind) {
    case LawKind::Point: return x == base_mean_ ? kInf : 0.0;
    case LawKind::Gamma:
      if (x <= 0) return 0.0;
      return std::exp((p1_ - 1) * std::log(x / p2_) - x / p2_ - std::lgamma(p1_)) / p2_;
    case LawKind::Normal: {
      const double z = (x - p1_) / p2_;
      return std::exp(-0.5 * z * z) / (p2_ * std::sqrt(2 * std::numbers::pi));
    }
    case LawKind::LogNormal: {
      if (x <= 0) return 0.0;
      const double z = (std::log(x) - p1_) / p2_;
      return std::exp(-0.5 * z * z) / (x * p2_ * std::sqrt(2 * std::numbers::pi));
    }
    case LawKind::Uniform: return (x >= p1_ && x <= p2_) ? 1.0 / (p2_ - p1_) : 0.0;
  }
  return 0.0;
}

double LawSampler::moment(int k) const {
  if (law_.kind == LawKind::Point) return std::pow(base_mean_, k);
  if (law_.kind == LawKind::LogNormal) {
    // In log space (x = e^z, z ~ N(μ, σ²)), where the density is a narrow bell for any σ.
    const double a = std::max(p1_ - 40 * p2_, law_.lo > 0 ? std::log(law_.lo) : -kInf);
    const double b = std::min(p1_ + 40 * p2_, law_.hi < kInf ? std::log(law_.hi) : kInf);
    if (!(b > a)) return std::pow(std::clamp(base_mean_, law_.lo, law_.hi), k);
    auto phi = [&](double z) { const double u = (z - p1_) / p2_; return std::exp(-0.5 * u * u); };
    const double mass = integrate(phi, a, b);
    return integrate([&](double z) { return std::exp(k * z) * phi(z); }, a, b) / mass;
  }
  double a = -kInf, b = kInf;
  switch (law_.kind) {
    case LawKind::Gamma: a = 0; b = p2_ * (p1_ + 80 * std::sqrt(p1_) + 80); break;
    case LawKind::Normal: a = p1_ - 40 * p2_; b = p1_ + 40 * p2_; break;
    case LawKind::Uniform: a = p1_; b = p2_; break;
    default: break;
  }
  a = std::max(a, law_.lo);
  b = std::min(b, law_.hi);
  if (!(b > a)) return std::pow(std::clamp(base_mean_, law_.lo, law_.hi), k);
  const double mass = integrate([&](double x) { return base_pdf(x); }, a, b);
  return integrate([&](double x) { return std::pow(x, k) * base_pdf(x); }, a, b) / mass;
}

double LawSampler::truncated_mean() const { return law_.truncated() ? moment(1) : base_mean_; }

double LawSampler::truncated_variance() const {
  const double m = truncated_mean();
  return moment(2) - m * m;
}

}  // namespace hrsnn

namespace hrsnn {

double LawSampler::base_cdf(double x) const {
  switch (law_.kind) {
    case LawKind::Gamma: return gamma_p(p1_, x / p2_);
    case LawKind::Normal: return normal_cdf((x - p1_) / p2_);
    case LawKind::LogNormal: return x <= 0 ? 0.0 : normal_cdf((std::log(x) - p1_) / p2_);
    case LawKind::Uniform: return std::clamp((x - p1_) / (p2_ - p1_), 0.0, 1.0);
    case LawKind::Point: return x < p1_ ? 0.0 : 1.0;
  }
  return 0.0;
}

double LawSampler::truncated_mean_closed_form() const {
  if (law_.kind == LawKind::Point || !law_.truncated()) return base_mean_;
  const double a = law_.lo, b = law_.hi;
  // Infinite bounds by their limits: the incomplete gamma function is not defined at infinity.
  const double mass = (b < kInf ? base_cdf(b) : 1.0) - (a > -kInf ? base_cdf(a) : 0.0);
  if (!(mass > 1e-300)) return base_mean_ < a ? a : b;  // all mass beyond one bound
  // E[X; a < X < b] of the base law.
  double partial = 0.0;
  switch (law_.kind) {
    case LawKind::Normal: {
      const double al = (a - p1_) / p2_, be = (b - p1_) / p2_;
      const double phi_a = std::isfinite(al) ? std::exp(-0.5 * al * al) : 0.0;
      const double phi_b = std::isfinite(be) ? std::exp(-0.5 * be * be) : 0.0;
      partial = p1_ * (normal_cdf(be) - normal_cdf(al)) + p2_ * (phi_a - phi_b) / std::sqrt(2.0 * std::numbers::pi);
      break;
    }
    case LawKind::LogNormal: {
      // x·pdf(x) is e^(μ+σ²/2) times the log-normal density with μ + σ².
      auto z = [&](double x) { return x <= 0 ? -kInf : (std::log(x) - p1_ - p2_ * p2_) / p2_; };
      partial = std::exp(p1_ + 0.5 * p2_ * p2_) * (normal_cdf(z(b)) - normal_cdf(z(a)));
      break;
    }
    case LawKind::Gamma: {
      // x·pdf(x; k, θ) = kθ·pdf(x; k + 1, θ).
      auto P = [&](double x) { return x <= 0 ? 0.0 : (std::isfinite(x) ? gamma_p(p1_ + 1.0, x / p2_) : 1.0); };
      partial = base_mean_ * (P(b) - P(a));
      break;
    }
    case LawKind::Uniform: {
      const double c = std::max(a, p1_), d = std::min(b, p2_);
      partial = d > c ? 0.5 * (c + d) * (d - c) / (p2_ - p1_) : 0.0;
      break;
    }
    case LawKind::Point: break;
  }
  return std::clamp(partial / mass, a, b);
}

double LawSampler::quantile(double u) const {
  if (law_.is_point()) return law_.mean;
  const double flo = law_.lo > -kInf ? base_cdf(law_.lo) : 0.0, fhi = law_.hi < kInf ? base_cdf(law_.hi) : 1.0;
  const double p = flo + u * (fhi - flo);
  double x = 0.0;
  switch (law_.kind) {
    case LawKind::Gamma: x = p2_ * gamma_quantile(p1_, p); break;
    case LawKind::Normal: x = p1_ + p2_ * normal_quantile(p); break;
    case LawKind::LogNormal: x = std::exp(p1_ + p2_ * normal_quantile(p)); break;
    case LawKind::Uniform: x = p1_ + p * (p2_ - p1_); break;
    case LawKind::Point: x = p1_; break;
  }
  return std::clamp(x, law_.lo, law_.hi);
}

std::vector<double> LawSampler::level_table(int levels) const {
  require(levels >= 2 && levels <= 256, where_ + ": levels must be in [2, 256]");
  if (law_.is_point()) return {law_.mean};
  // Stratum c is u in [c/L, (c+1)/L); its mean is L ∫ Q(u) du over it (16-point Gauss–Legendre,
  // an open rule, so the unbounded ends of the quantile function are never evaluated). The top
  // stratum takes what is left of L·mean, so the table's mean is the law's mean.
  std::vector<double> gx, gw;
  gauss_legendre(16, gx, gw);
  std::vector<double> table(levels);
  double sum = 0.0;
  for (int c = 0; c < levels; ++c) {
    double m = 0.0;
    for (std::size_t k = 0; k < gx.size(); ++k) m += 0.5 * gw[k] * quantile((c + 0.5 + 0.5 * gx[k]) / levels);
    table[c] = m;
    if (c + 1 < levels) sum += m;
  }
  const double top = levels * law_.mean - sum;
  // Keep the order and the bounds; fall back to the quadrature value if rounding breaks them.
  if (top >= table[levels - 2] && top <= law_.hi) table[levels - 1] = top;
  return table;
}

}  // namespace hrsnn
