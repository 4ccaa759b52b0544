#include "bo/kernel/w2_distribution.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <mutex>
#include <numbers>

#include "core/error.hpp"
#include "core/special_functions.hpp"

namespace hrsnn::bo::kernel {

namespace {

struct Rule {
  std::vector<double> u, w;
  Rule() {
    const std::vector<double> half = {0.0, 1e-14, 1e-12, 1e-10, 1e-8, 1e-6, 1e-5, 1e-4, 1e-3,
                                      0.01, 0.05, 0.15, 0.3, 0.5};
    std::vector<double> br = half;
    for (int i = static_cast<int>(half.size()) - 2; i >= 0; --i) br.push_back(1.0 - half[i]);
    std::vector<double> gx, gw;
    gauss_legendre(8, gx, gw);
    for (std::size_t s = 0; s + 1 < br.size(); ++s) {
      const double a = br[s], b = br[s + 1];
      for (std::size_t k = 0; k < gx.size(); ++k) {
        u.push_back(0.5 * (a + b) + 0.5 * (b - a) * gx[k]);
        w.push_back(0.5 * (b - a) * gw[k]);
      }
    }
  }
};

const Rule& rule() {
  static const Rule r;
  return r;
}

}  // namespace

const std::vector<double>& w2_nodes() { return rule().u; }
const std::vector<double>& w2_weights() { return rule().w; }

double w2_squared_quadrature(const Law& a0, const Law& b0) {
  // Solve truncated means once per law, not once per node.
  const LawSampler a = LawSampler::closed_form(a0, "w2"), b = LawSampler::closed_form(b0, "w2");
  const Rule& r = rule();
  double s = 0.0;
  for (std::size_t k = 0; k < r.u.size(); ++k) {
    const double d = a.quantile(r.u[k]) - b.quantile(r.u[k]);
    s += r.w[k] * d * d;
  }
  return s;
}

std::optional<double> w2_squared_closed_form(const Law& a, const Law& b) {
  if (a.truncated() || b.truncated()) {
    if (a.is_point() && b.is_point()) return (a.mean - b.mean) * (a.mean - b.mean);
    return std::nullopt;
  }
  const double sa = a.is_point() ? 0.0 : std::abs(a.mean) * a.cv;
  const double sb = b.is_point() ? 0.0 : std::abs(b.mean) * b.cv;
  if (a.is_point() || b.is_point()) {
    return sa * sa + sb * sb + (a.mean - b.mean) * (a.mean - b.mean);
  }
  if (a.kind != b.kind) return std::nullopt;
  if (a.kind == LawKind::Normal || a.kind == LawKind::Uniform)
    return (a.mean - b.mean) * (a.mean - b.mean) + (sa - sb) * (sa - sb);
  if ((a.kind == LawKind::Gamma || a.kind == LawKind::LogNormal) && a.cv == b.cv)
    return (a.mean - b.mean) * (a.mean - b.mean) * (1.0 + a.cv * a.cv);
  return std::nullopt;
}

double w2_squared(const Law& a, const Law& b) {
  if (auto c = w2_squared_closed_form(a, b)) return *c;
  return w2_squared_quadrature(a, b);
}

GammaQuantileTable::GammaQuantileTable(double cv_lo, double cv_hi, int points)
    : lo_(cv_lo), step_(points > 1 ? (cv_hi - cv_lo) / (points - 1) : 0.0), points_(points), nodes_(w2_nodes().size()) {
  require(cv_lo >= 0.0 && cv_hi >= cv_lo && points >= 2, "gamma quantile table: need 0 <= cv_lo <= cv_hi");
  const auto& u = w2_nodes();
  z_.resize(static_cast<std::size_t>(points) * nodes_);
  for (int g = 0; g < points; ++g) {
    const double cv = lo_ + g * step_;
    for (std::size_t k = 0; k < nodes_; ++k)
      z_[g * nodes_ + k] = cv == 0.0 ? 1.0 : cv * cv * gamma_quantile(1.0 / (cv * cv), u[k]);
  }
  // At cv = 0 the gamma law tends to the normal one (Q ≈ 1 + cv·z(u) + O(cv²)), so the exact
  // tangent there is step·z(u) rather than a one-sided difference.
  if (lo_ == 0.0)
    for (std::size_t k = 0; k < nodes_; ++k) tangent0_.push_back(step_ * normal_quantile(u[k]));
}

void GammaQuantileTable::quantiles(double cv, double* out) const {
  if (step_ == 0.0) {
    std::copy(z_.begin(), z_.begin() + static_cast<std::ptrdiff_t>(nodes_), out);
    return;
  }
  const double x = std::clamp((cv - lo_) / step_, 0.0, static_cast<double>(points_ - 1));
  const int g = std::min(static_cast<int>(x), points_ - 2);
  const double t = x - g, t2 = t * t, t3 = t2 * t;
  // Catmull–Rom: tangents from central differences (one-sided at the table's ends).
  const double* p0 = &z_[static_cast<std::size_t>(std::max(g - 1, 0)) * nodes_];
  const double* p1 = &z_[static_cast<std::size_t>(g) * nodes_];
  const double* p2 = &z_[static_cast<std::size_t>(g + 1) * nodes_];
  const double* p3 = &z_[static_cast<std::size_t>(std::min(g + 2, points_ - 1)) * nodes_];
  const double s0 = g > 0 ? 0.5 : 1.0, s1 = g + 2 < points_ ? 0.5 : 1.0;
  const double h00 = 2 * t3 - 3 * t2 + 1, h10 = t3 - 2 * t2 + t, h01 = -2 * t3 + 3 * t2, h11 = t3 - t2;
  const bool from_zero = g == 0 && !tangent0_.empty();
  for (std::size_t k = 0; k < nodes_; ++k) {
    const double m1 = from_zero ? tangent0_[k] : s0 * (p2[k] - p0[k]), m2 = s1 * (p3[k] - p1[k]);
    out[k] = h00 * p1[k] + h10 * m1 + h01 * p2[k] + h11 * m2;
  }
}

const GammaQuantileTable& GammaQuantileTable::shared(double cv_lo, double cv_hi) {
  static std::mutex mutex;
  static std::map<std::pair<double, double>, std::unique_ptr<GammaQuantileTable>> tables;
  const std::lock_guard<std::mutex> lock(mutex);
  auto& t = tables[{cv_lo, cv_hi}];
  if (!t) t = std::make_unique<GammaQuantileTable>(cv_lo, cv_hi);
  return *t;
}

W2Features::W2Features(const SearchSpace& space, std::vector<FamilySpec> families)
    : space_(space), families_(std::move(families)) {
  std::vector<bool> used(space.size(), false);
  for (const auto& f : families_) {
    if (!f.mean_param.empty()) used[space.index_of(f.mean_param)] = true;
    if (!f.cv_param.empty()) used[space.index_of(f.cv_param)] = true;
  }
  for (std::size_t i = 0; i < space.size(); ++i)
    if (!used[i]) free_dims_.push_back(i);
  // Scale each family by its W2 span across the space (mean range, then CV range), so the
  // length-scale bounds of the unit cube suit every family whatever its units.
  const ParamMap lo = space.from_unit(Eigen::VectorXd::Zero(space.size()));
  const ParamMap hi = space.from_unit(Eigen::VectorXd::Ones(space.size()));
  const ParamMap mid = space.from_unit(Eigen::VectorXd::Constant(space.size(), 0.5));
  for (std::size_t f = 0; f < families_.size(); ++f) {
    const std::string where = "distribution family '" + families_[f].name + "'";
    for (const ParamMap* p : {&lo, &hi, &mid}) LawSampler::closed_form(law(f, *p), where);  // validates, solves
    ParamMap a = mid, b = mid;
    if (!families_[f].mean_param.empty()) a[families_[f].mean_param] = lo.at(families_[f].mean_param),
                                          b[families_[f].mean_param] = hi.at(families_[f].mean_param);
    double span = std::sqrt(w2_squared(law(f, a), law(f, b)));
    a = mid, b = mid;
    if (!families_[f].cv_param.empty()) a[families_[f].cv_param] = lo.at(families_[f].cv_param),
                                        b[families_[f].cv_param] = hi.at(families_[f].cv_param);
    span = std::max(span, std::sqrt(w2_squared(law(f, a), law(f, b))));
    require(span > 0.0, where + ": neither its mean nor its CV varies over the search space");
    scale_.push_back(span);
    const FamilySpec& fs = families_[f];
    const GammaQuantileTable* table = nullptr;
    if (fs.kind == LawKind::Gamma && !fs.lo && !fs.hi) {
      const double cv_lo = fs.cv_param.empty() ? fs.cv_fixed : lo.at(fs.cv_param);
      const double cv_hi = fs.cv_param.empty() ? fs.cv_fixed : hi.at(fs.cv_param);
      table = &GammaQuantileTable::shared(std::min(cv_lo, cv_hi), std::max(cv_lo, cv_hi));
    }
    table_.push_back(table);
  }
  const int nq = static_cast<int>(w2_nodes().size());
  offsets_.push_back(0);
  for (std::size_t f = 0; f < families_.size(); ++f) offsets_.push_back(offsets_.back() + nq);
  for (std::size_t i = 0; i < free_dims_.size(); ++i) offsets_.push_back(offsets_.back() + 1);
}

Law FamilySpec::at(double mean, double cv) const {
  Law l{kind, mean, cv};
  if (lo) l.lo = *lo;
  if (hi) l.hi = *hi;
  return l;
}

Law W2Features::law(std::size_t f, const ParamMap& v) const {
  const FamilySpec& s = families_[f];
  return s.at(s.mean_param.empty() ? s.mean_fixed : v.at(s.mean_param), s.cv_param.empty() ? s.cv_fixed : v.at(s.cv_param));
}

Eigen::VectorXd W2Features::features(const Eigen::VectorXd& unit) const {
  const ParamMap v = space_.from_unit(unit);
  const auto& u = w2_nodes();
  const auto& w = w2_weights();
  Eigen::VectorXd out(offsets_.back());
  std::vector<double> q(u.size());
  for (std::size_t f = 0; f < families_.size(); ++f) {
    const Law l = law(f, v);
    if (table_[f] && !l.is_point()) {  // untruncated gamma: base mean = mean
      table_[f]->quantiles(l.cv, q.data());
      for (double& x : q) x *= l.mean;
    } else {
      const LawSampler sampler = LawSampler::closed_form(l, families_[f].name);
      for (std::size_t k = 0; k < u.size(); ++k) q[k] = sampler.quantile(u[k]);
    }
    for (std::size_t k = 0; k < u.size(); ++k) out(offsets_[f] + static_cast<int>(k)) = std::sqrt(w[k]) * q[k] / scale_[f];
  }
  for (std::size_t i = 0; i < free_dims_.size(); ++i)
    out(offsets_[families_.size() + i]) = std::clamp(unit(static_cast<Eigen::Index>(free_dims_[i])), 0.0, 1.0);
  return out;
}

}  // namespace hrsnn::bo::kernel
