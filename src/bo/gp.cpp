#include "bo/gp.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

#include <nlopt.hpp>

#include "bo/kernel/matern52.hpp"
#include "core/rng.hpp"

namespace hrsnn::bo {

using kernel::matern52;
using kernel::matern52_dlog_factor;

GaussianProcess::GaussianProcess(std::vector<int> group_offsets) : offsets_(std::move(group_offsets)) {
  hyper_.log_lengthscale = Eigen::VectorXd::Constant(groups(), std::log(0.5));
}

void GaussianProcess::group_sq_dist(const Eigen::VectorXd& a, const Eigen::VectorXd& b, double* out) const {
  for (int f = 0; f < groups(); ++f) {
    const int s = offsets_[f], len = offsets_[f + 1] - s;
    out[f] = (a.segment(s, len) - b.segment(s, len)).squaredNorm();
  }
}

double GaussianProcess::scaled_r(const double* d, const Eigen::VectorXd& inv_l2) const {
  double r2 = 0.0;
  for (int f = 0; f < groups(); ++f) r2 += d[f] * inv_l2(f);
  return std::sqrt(r2);
}

void GaussianProcess::set_data(const Eigen::MatrixXd& features, const Eigen::VectorXd& y, bool standardize) {
  X_ = features;
  y_mean_ = 0.0;
  y_sd_ = 1.0;
  if (standardize && y.size() > 0) {
    y_mean_ = y.mean();
    const double var = y.size() > 1 ? (y.array() - y_mean_).square().sum() / double(y.size()) : 0.0;
    y_sd_ = var > 0.0 ? std::sqrt(var) : 1.0;
  }
  y_ = (y.array() - y_mean_) / y_sd_;
  pairwise_distances();
}

void GaussianProcess::pairwise_distances() {
  const int n = size(), G = groups();
  D_.assign(std::size_t(n) * n * G, 0.0);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < i; ++j) {
      group_sq_dist(X_.row(i).transpose(), X_.row(j).transpose(), &D_[(std::size_t(i) * n + j) * G]);
      for (int f = 0; f < G; ++f) D_[(std::size_t(j) * n + i) * G + f] = D_[(std::size_t(i) * n + j) * G + f];
    }
}

bool GaussianProcess::factorise(const Eigen::MatrixXd& K, Eigen::LLT<Eigen::MatrixXd>& llt, double* jitter) const {
  *jitter = 0.0;
  llt.compute(K);
  if (llt.info() == Eigen::Success) return true;
  // Only when K + sn2 I is numerically singular: grow a diagonal jitter by decades.
  const double scale = K.diagonal().mean();
  for (double j = 1e-10; j <= 1e-2; j *= 10.0) {
    Eigen::MatrixXd Kj = K;
    Kj.diagonal().array() += j * scale;
    llt.compute(Kj);
    if (llt.info() == Eigen::Success) {
      *jitter = j * scale;
      return true;
    }
  }
  return false;
}

double GaussianProcess::lml_and_gradient(const Eigen::VectorXd& theta, Eigen::VectorXd* grad) const {
  const int n = size(), G = groups();
  const Eigen::VectorXd inv_l2 = (-2.0 * theta.head(G)).array().exp();
  const double s2 = std::exp(theta(G)), sn2 = std::exp(theta(G + 1));
  Eigen::MatrixXd K(n, n);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j <= i; ++j) K(i, j) = K(j, i) = s2 * matern52(scaled_r(&D_[(std::size_t(i) * n + j) * G], inv_l2));
  const Eigen::MatrixXd Kf = K;
  K.diagonal().array() += sn2;
  Eigen::LLT<Eigen::MatrixXd> llt;
  double jit = 0.0;
  if (!factorise(K, llt, &jit)) {
    if (grad) grad->setZero(G + 2);
    return -std::numeric_limits<double>::infinity();
  }
  const Eigen::VectorXd alpha = llt.solve(y_);
  const double logdet_half = llt.matrixLLT().diagonal().array().log().sum();
  const double lml = -0.5 * y_.dot(alpha) - logdet_half - 0.5 * n * std::log(2.0 * std::numbers::pi);
  if (grad) {
    grad->setZero(G + 2);
    const Eigen::MatrixXd W = alpha * alpha.transpose() - llt.solve(Eigen::MatrixXd::Identity(n, n));
    for (int i = 0; i < n; ++i)
      for (int j = 0; j < n; ++j) {
        if (i == j) continue;
        const double* d = &D_[(std::size_t(i) * n + j) * G];
        const double fac = s2 * matern52_dlog_factor(scaled_r(d, inv_l2)) * W(i, j);
        for (int f = 0; f < G; ++f) (*grad)(f) += 0.5 * fac * d[f] * inv_l2(f);
      }
    (*grad)(G) = 0.5 * (W.array() * Kf.array()).sum();
    (*grad)(G + 1) = 0.5 * sn2 * W.trace();
  }
  return lml;
}

void GaussianProcess::set_hyper(const GpHyper& h) {
  hyper_ = h;
  const int n = size(), G = groups();
  const Eigen::VectorXd inv_l2 = (-2.0 * h.log_lengthscale).array().exp();
  const double s2 = std::exp(h.log_signal_var);
  Eigen::MatrixXd K(n, n);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j <= i; ++j) K(i, j) = K(j, i) = s2 * matern52(scaled_r(&D_[(std::size_t(i) * n + j) * G], inv_l2));
  K.diagonal().array() += std::exp(h.log_noise_var);
  if (!factorise(K, llt_, &jitter_)) throw std::runtime_error("GP: covariance matrix is not positive definite");
  alpha_ = llt_.solve(y_);
  lml_ = -0.5 * y_.dot(alpha_) - llt_.matrixLLT().diagonal().array().log().sum() -
         0.5 * n * std::log(2.0 * std::numbers::pi);
}

namespace {
struct FitContext {
  const GaussianProcess* gp;
  double best = -std::numeric_limits<double>::infinity();
  std::vector<double> best_x;
};

double nlopt_lml(unsigned n, const double* x, double* g, void* data) {
  auto* ctx = static_cast<FitContext*>(data);
  Eigen::VectorXd theta = Eigen::Map<const Eigen::VectorXd>(x, n), grad;
  const double v = ctx->gp->lml_and_gradient(theta, g ? &grad : nullptr);
  if (g) for (unsigned i = 0; i < n; ++i) g[i] = std::isfinite(v) ? grad(i) : 0.0;
  if (std::isfinite(v) && v > ctx->best) {
    ctx->best = v;
    ctx->best_x.assign(x, x + n);
  }
  return std::isfinite(v) ? v : -1e300;
}
}  // namespace

void GaussianProcess::fit(const GpFitOptions& opt, std::uint64_t seed) {
  const int G = groups(), dim = G + 2;
  std::vector<double> lo(dim), hi(dim);
  for (int f = 0; f < G; ++f) {
    lo[f] = opt.log_lengthscale_min;
    hi[f] = opt.log_lengthscale_max;
  }
  lo[G] = opt.log_signal_min, hi[G] = opt.log_signal_max;
  lo[G + 1] = opt.log_noise_min, hi[G + 1] = opt.log_noise_max;
  // The fixed first start (not the previous fit) keeps the result a function of the data only.
  std::vector<double> start(dim);
  for (int f = 0; f < G; ++f) start[f] = std::clamp(std::log(0.5), lo[f], hi[f]);
  start[G] = std::clamp(0.0, lo[G], hi[G]);
  start[G + 1] = std::clamp(std::log(1e-3), lo[G + 1], hi[G + 1]);
  FitContext ctx{this, -std::numeric_limits<double>::infinity(), start};
  Rng rng(derive_seed(seed, {0x6770666974ULL}));
  for (int r = 0; r <= opt.restarts; ++r) {
    std::vector<double> x = start;
    if (r > 0)
      for (int i = 0; i < dim; ++i) x[i] = rng.uniform(lo[i], hi[i]);
    nlopt::opt o(nlopt::LD_LBFGS, dim);
    o.set_lower_bounds(lo);
    o.set_upper_bounds(hi);
    o.set_max_objective(nlopt_lml, &ctx);
    o.set_maxeval(opt.max_evals);
    o.set_ftol_rel(1e-10);
    o.set_xtol_rel(1e-8);
    double f = 0.0;
    try {
      o.optimize(x, f);
    } catch (const std::exception&) {
      // roundoff/forced stops keep the best point seen in ctx
    }
  }
  GpHyper h;
  h.log_lengthscale = Eigen::Map<const Eigen::VectorXd>(ctx.best_x.data(), G);
  h.log_signal_var = ctx.best_x[G];
  h.log_noise_var = ctx.best_x[G + 1];
  set_hyper(h);
}

void GaussianProcess::add_point(const Eigen::VectorXd& feature, double y) {
  const int n = size();
  X_.conservativeResize(n + 1, feature.size());
  X_.row(n) = feature.transpose();
  y_.conservativeResize(n + 1);
  y_(n) = (y - y_mean_) / y_sd_;
  pairwise_distances();
  set_hyper(hyper_);
}

void GaussianProcess::predict(const Eigen::VectorXd& feature, double& mean, double& var) const {
  const int n = size(), G = groups();
  const double s2 = std::exp(hyper_.log_signal_var);
  if (n == 0) {
    mean = y_mean_;
    var = s2 * y_sd_ * y_sd_;
    return;
  }
  const Eigen::VectorXd inv_l2 = (-2.0 * hyper_.log_lengthscale).array().exp();
  Eigen::VectorXd ks(n);
  double d[64];
  std::vector<double> dv(G > 64 ? G : 0);
  double* dp = G > 64 ? dv.data() : d;
  for (int i = 0; i < n; ++i) {
    group_sq_dist(feature, X_.row(i).transpose(), dp);
    ks(i) = s2 * matern52(scaled_r(dp, inv_l2));
  }
  const Eigen::VectorXd v = llt_.matrixL().solve(ks);
  mean = ks.dot(alpha_) * y_sd_ + y_mean_;
  var = std::max(s2 - v.squaredNorm(), 0.0) * y_sd_ * y_sd_;
}

}  // namespace hrsnn::bo
