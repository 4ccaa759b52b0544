/// \file ridge.cpp
/// \brief Ridge regression: direct solve, eigen-path over lambdas, and lambda by validation.
/// Equations and sources are in ridge.hpp.
#include "readout/ridge.hpp"

#include "core/error.hpp"

#include <Eigen/Eigenvalues>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

namespace hrsnn::readout {
namespace {

void check_design(const Eigen::MatrixXd& X, const Eigen::MatrixXd& Y, const char* who) {
  const std::string w(who);
  require(X.rows() > 0 && X.cols() > 0, w + ": empty design matrix");
  require(Y.cols() > 0, w + ": no target columns");
  require(X.rows() == Y.rows(), w + ": X has " + std::to_string(X.rows()) + " rows but Y has " +
                                    std::to_string(Y.rows()));
  require(X.allFinite(), w + ": X contains NaN or inf");
  require(Y.allFinite(), w + ": Y contains NaN or inf");
}

void check_lambda(double lambda) {
  require(std::isfinite(lambda) && lambda > 0.0,
          "ridge: lambda must be finite and > 0, got " + std::to_string(lambda));
}

}  // namespace

Eigen::MatrixXd RidgeModel::predict(const Eigen::MatrixXd& X) const {
  require(X.cols() == weights.rows(), "ridge predict: X has " + std::to_string(X.cols()) +
                                          " columns, model expects " + std::to_string(weights.rows()));
  Eigen::MatrixXd out = X * weights;
  out.rowwise() += intercept;
  return out;
}

RidgeModel ridge_fit(const Eigen::MatrixXd& X, const Eigen::MatrixXd& Y, double lambda) {
  check_lambda(lambda);
  return ridge_fit(X, Y, Eigen::VectorXd::Constant(Y.cols(), lambda));
}

CentredGram centred_gram(const Eigen::MatrixXd& X, const Eigen::MatrixXd& Y) {
  check_design(X, Y, "centred_gram");
  CentredGram g;
  g.mean_x = X.colwise().mean();
  g.mean_y = Y.colwise().mean();
  const Eigen::MatrixXd Xc = X.rowwise() - g.mean_x;
  g.gram = Eigen::MatrixXd::Zero(X.cols(), X.cols());
  g.gram.selfadjointView<Eigen::Lower>().rankUpdate(Xc.transpose());
  g.cross.noalias() = Xc.transpose() * (Y.rowwise() - g.mean_y);
  g.rows = X.rows();
  return g;
}

CentredGram pool_grams(const CentredGram& a, const CentredGram& b) {
  require(a.gram.rows() == b.gram.rows() && a.cross.cols() == b.cross.cols() && a.rows > 0 && b.rows > 0,
          "pool_grams: the two parts have different shapes");
  CentredGram g;
  g.rows = a.rows + b.rows;
  const double na = static_cast<double>(a.rows), nb = static_cast<double>(b.rows), n = na + nb;
  g.mean_x = (na * a.mean_x + nb * b.mean_x) / n;
  g.mean_y = (na * a.mean_y + nb * b.mean_y) / n;
  const Eigen::RowVectorXd dxa = a.mean_x - g.mean_x, dxb = b.mean_x - g.mean_x;
  const Eigen::RowVectorXd dya = a.mean_y - g.mean_y, dyb = b.mean_y - g.mean_y;
  g.gram = a.gram + b.gram;
  g.gram.selfadjointView<Eigen::Lower>().rankUpdate(dxa.transpose(), na);
  g.gram.selfadjointView<Eigen::Lower>().rankUpdate(dxb.transpose(), nb);
  g.cross = a.cross + b.cross;
  g.cross.noalias() += na * dxa.transpose() * dya;
  g.cross.noalias() += nb * dxb.transpose() * dyb;
  return g;
}

namespace {

/// Solves (G + lambda_j I) W_j = rhs_j, one Cholesky factorisation per distinct lambda.
Eigen::MatrixXd solve_per_lambda(const Eigen::MatrixXd& G, const Eigen::MatrixXd& rhs,
                                 const Eigen::VectorXd& lambda_per_output, const char* who) {
  Eigen::MatrixXd sol(rhs.rows(), rhs.cols());
  std::vector<bool> done(static_cast<std::size_t>(rhs.cols()), false);
  for (Eigen::Index j = 0; j < rhs.cols(); ++j) {
    if (done[static_cast<std::size_t>(j)]) continue;
    const double lambda = lambda_per_output(j);
    std::vector<Eigen::Index> cols;
    for (Eigen::Index c = j; c < rhs.cols(); ++c)
      if (lambda_per_output(c) == lambda) cols.push_back(c), done[static_cast<std::size_t>(c)] = true;
    Eigen::MatrixXd A = G;
    A.diagonal().array() += lambda;
    // G + lambda I is symmetric positive definite for lambda > 0: blocked Cholesky.
    const Eigen::LLT<Eigen::MatrixXd, Eigen::Lower> llt(A);  // reads the lower triangle only
    require(llt.info() == Eigen::Success,
            std::string(who) + ": normal equations not positive definite (lambda too small?)");
    const Eigen::MatrixXd part = llt.solve(Eigen::MatrixXd(rhs(Eigen::all, cols)));
    sol(Eigen::all, cols) = part;
  }
  return sol;
}

}  // namespace

RidgeModel ridge_fit(const CentredGram& g, const Eigen::VectorXd& lambda_per_output) {
  require(lambda_per_output.size() == g.cross.cols(), "ridge_fit: need one lambda per output column");
  for (Eigen::Index j = 0; j < g.cross.cols(); ++j) check_lambda(lambda_per_output(j));
  RidgeModel m;
  m.weights = solve_per_lambda(g.gram, g.cross, lambda_per_output, "ridge_fit");
  m.intercept = g.mean_y - g.mean_x * m.weights;
  m.lambdas = lambda_per_output;
  return m;
}

RidgeModel ridge_fit(const Eigen::MatrixXd& X, const Eigen::MatrixXd& Y, const Eigen::VectorXd& lambda_per_output) {
  check_design(X, Y, "ridge_fit");
  require(lambda_per_output.size() == Y.cols(), "ridge_fit: need one lambda per output column");
  for (Eigen::Index j = 0; j < Y.cols(); ++j) check_lambda(lambda_per_output(j));
  if (X.cols() <= X.rows()) return ridge_fit(centred_gram(X, Y), lambda_per_output);
  // Kernel form (n < p): W = Xc^T (Xc Xc^T + lambda I)^-1 Yc, the n x n system.
  const Eigen::RowVectorXd mx = X.colwise().mean();
  const Eigen::RowVectorXd my = Y.colwise().mean();
  const Eigen::MatrixXd Xc = X.rowwise() - mx;
  Eigen::MatrixXd K = Eigen::MatrixXd::Zero(X.rows(), X.rows());
  K.selfadjointView<Eigen::Lower>().rankUpdate(Xc);
  const Eigen::MatrixXd sol = solve_per_lambda(K, Eigen::MatrixXd(Y.rowwise() - my), lambda_per_output, "ridge_fit");
  RidgeModel m;
  m.weights = Xc.transpose() * sol;
  m.intercept = my - mx * m.weights;
  m.lambdas = lambda_per_output;
  return m;
}

std::vector<double> log_grid(double lo, double hi, int n) {
  require(n >= 1 && lo > 0.0 && hi >= lo, "log_grid: need n >= 1 and 0 < lo <= hi");
  std::vector<double> g(static_cast<std::size_t>(n));
  const double a = std::log10(lo), b = std::log10(hi);
  for (int i = 0; i < n; ++i) g[i] = n == 1 ? lo : std::pow(10.0, a + (b - a) * i / (n - 1));
  return g;
}

RidgePath::RidgePath(const Eigen::MatrixXd& X, const Eigen::MatrixXd& Y) {
  check_design(X, Y, "RidgePath");
  mean_x_ = X.colwise().mean();
  mean_y_ = Y.colwise().mean();
  const Eigen::MatrixXd Xc = X.rowwise() - mean_x_;
  if (X.cols() <= X.rows()) {
    Eigen::MatrixXd G(X.cols(), X.cols());
    G.setZero();
    G.selfadjointView<Eigen::Lower>().rankUpdate(Xc.transpose());
    Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(G);
    basis_ = es.eigenvectors();
    eig_ = es.eigenvalues().cwiseMax(0.0);
    proj_ = basis_.transpose() * (Xc.transpose() * (Y.rowwise() - mean_y_));
  } else {
    Eigen::MatrixXd K(X.rows(), X.rows());
    K.setZero();
    K.selfadjointView<Eigen::Lower>().rankUpdate(Xc);
    Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(K);
    basis_ = Xc.transpose() * es.eigenvectors();
    eig_ = es.eigenvalues().cwiseMax(0.0);
    proj_ = es.eigenvectors().transpose() * (Y.rowwise() - mean_y_);
  }
}

Eigen::MatrixXd RidgePath::coefficients(const Eigen::VectorXd& lambda_per_output) const {
  require(lambda_per_output.size() == n_outputs(), "RidgePath: need one lambda per output");
  Eigen::MatrixXd c(proj_.rows(), proj_.cols());
  for (Eigen::Index j = 0; j < proj_.cols(); ++j) {
    check_lambda(lambda_per_output(j));
    c.col(j) = proj_.col(j).array() / (eig_.array() + lambda_per_output(j));
  }
  return c;
}

Eigen::MatrixXd RidgePath::weights(const Eigen::VectorXd& lambda_per_output) const {
  return basis_ * coefficients(lambda_per_output);
}

Eigen::MatrixXd RidgePath::project(const Eigen::MatrixXd& Xnew) const {
  require(Xnew.cols() == n_features(), "RidgePath: new rows have the wrong number of columns");
  return (Xnew.rowwise() - mean_x_) * basis_;
}

Eigen::MatrixXd RidgePath::predict_projected(const Eigen::MatrixXd& projected,
                                             const Eigen::VectorXd& lambda_per_output) const {
  Eigen::MatrixXd out = projected * coefficients(lambda_per_output);
  out.rowwise() += mean_y_;
  return out;
}

Eigen::MatrixXd RidgePath::predict_projected(const Eigen::MatrixXd& projected, double lambda) const {
  return predict_projected(projected, Eigen::VectorXd::Constant(n_outputs(), lambda));
}

RidgeModel RidgePath::model(const Eigen::VectorXd& lambda_per_output) const {
  RidgeModel m;
  m.weights = weights(lambda_per_output);
  m.intercept = mean_y_ - mean_x_ * m.weights;
  m.lambdas = lambda_per_output;
  return m;
}

RowSplit make_validation_split(Eigen::Index n, double fraction, ValidationSplit split) {
  require(fraction > 0.0 && fraction < 1.0,
          "validation_fraction must be in (0, 1), got " + std::to_string(fraction));
  RowSplit s;
  if (split == ValidationSplit::kLastFraction) {
    const auto n_val = static_cast<Eigen::Index>(std::llround(fraction * static_cast<double>(n)));
    for (Eigen::Index i = 0; i < n; ++i) (i < n - n_val ? s.fit : s.validation).push_back(i);
  } else {
    const auto k = std::max<long long>(2, std::llround(1.0 / fraction));
    for (Eigen::Index i = 0; i < n; ++i) (i % k == k - 1 ? s.validation : s.fit).push_back(i);
  }
  require(!s.fit.empty() && !s.validation.empty(),
          "lambda validation: " + std::to_string(n) + " training rows are too few to split");
  return s;
}

Eigen::MatrixXd take_rows(const Eigen::MatrixXd& M, const std::vector<Eigen::Index>& rows) {
  return M(rows, Eigen::all);
}

Eigen::MatrixXd validation_mse(const RidgePath& path, const Eigen::MatrixXd& X_val,
                               const Eigen::MatrixXd& Y_val, const std::vector<double>& lambdas) {
  const Eigen::MatrixXd A = path.project(X_val);
  Eigen::MatrixXd mse(static_cast<Eigen::Index>(lambdas.size()), Y_val.cols());
  for (std::size_t l = 0; l < lambdas.size(); ++l) {
    const Eigen::MatrixXd pred = path.predict_projected(A, lambdas[l]);
    mse.row(static_cast<Eigen::Index>(l)) = (pred - Y_val).colwise().squaredNorm() / Y_val.rows();
  }
  return mse;
}

namespace {

/// Solves (T + lambda I) Z = B for a symmetric tridiagonal T (diagonal d, subdiagonal e) by its
/// LDL^T factorisation, in place on Bt = B^T (m x p) so each row operation is a contiguous column.
/// Returns false when a pivot is not positive (T + lambda I not numerically positive definite).
bool solve_tridiagonal(const Eigen::VectorXd& d, const Eigen::VectorXd& e, double lambda, Eigen::MatrixXd& Bt) {
  const Eigen::Index p = d.size();
  Eigen::VectorXd pivot(p), mult(p);
  // A pivot this small against the diagonal's scale is round-off, as LLT's failure would be.
  const double tiny = 1e-14 * std::max(d.cwiseAbs().maxCoeff() + lambda, std::numeric_limits<double>::min());
  pivot(0) = d(0) + lambda;
  if (!(pivot(0) > tiny)) return false;
  for (Eigen::Index i = 1; i < p; ++i) {
    mult(i) = e(i - 1) / pivot(i - 1);
    pivot(i) = d(i) + lambda - mult(i) * e(i - 1);
    if (!(pivot(i) > tiny)) return false;
    Bt.col(i) -= mult(i) * Bt.col(i - 1);
  }
  Bt.col(p - 1) /= pivot(p - 1);
  for (Eigen::Index i = p - 2; i >= 0; --i) Bt.col(i) = Bt.col(i) / pivot(i) - mult(i + 1) * Bt.col(i + 1);
  return true;
}

/// Cost, in Cholesky-speed flops, of validation_mse_direct's three routes. Eigen's
/// tridiagonalisation and eigensolver are unblocked: measured at p = 1500 against a blocked
/// Cholesky (p^3 / 3 flops), they take as long as ~2.5 p^3 and ~12 p^3 flops would.
struct RouteCosts {
  double cholesky, tridiagonal, eigen;
};

RouteCosts route_costs(double n, double p, double m, double n_val, double n_lambdas) {
  RouteCosts c;
  const double rhs = std::min(n_val, m);
  c.cholesky = n_lambdas * (p * p * p / 3.0 + 2.0 * p * p * rhs + 2.0 * n_val * p * m);
  c.tridiagonal = 2.5 * p * p * p + 2.0 * p * p * (n_val + m) + n_lambdas * (2.0 * n_val * p * m + 8.0 * p * m);
  const double r = std::min(n, p);
  c.eigen = 12.0 * r * r * r + 2.0 * n * p * r + n_lambdas * 2.0 * n_val * r * m;
  return c;
}

}  // namespace

Eigen::MatrixXd validation_mse_tridiagonal(const CentredGram& fit, const Eigen::MatrixXd& X_val,
                                           const Eigen::MatrixXd& Y_val, const std::vector<double>& lambdas) {
  const Eigen::Index p = fit.gram.rows(), n_val = X_val.rows(), m = fit.cross.cols();
  require(X_val.cols() == p && Y_val.cols() == m && X_val.rows() == Y_val.rows() && n_val > 0,
          "validation_mse: validation rows do not match the fitted design");
  const Eigen::Tridiagonalization<Eigen::MatrixXd> tri(fit.gram);  // reads the lower triangle only
  // Q^T applied once to [Xv^T | Xc^T Yc]: the validation rows and the cross products in T's basis.
  Eigen::MatrixXd B(p, n_val + m);
  B.leftCols(n_val) = (X_val.rowwise() - fit.mean_x).transpose();
  B.rightCols(m) = fit.cross;
  tri.matrixQ().transpose().applyThisOnTheLeft(B);
  const Eigen::MatrixXd A = B.leftCols(n_val).transpose();  // n_val x p
  const Eigen::MatrixXd Pt = B.rightCols(m).transpose();    // m x p
  const Eigen::VectorXd d = tri.diagonal(), e = tri.subDiagonal();
  const Eigen::MatrixXd Yv = Y_val.rowwise() - fit.mean_y;
  Eigen::MatrixXd mse(static_cast<Eigen::Index>(lambdas.size()), m);
  for (std::size_t l = 0; l < lambdas.size(); ++l) {
    check_lambda(lambdas[l]);
    Eigen::MatrixXd Zt = Pt;
    if (!solve_tridiagonal(d, e, lambdas[l], Zt)) {
      mse.row(static_cast<Eigen::Index>(l)).setConstant(std::numeric_limits<double>::infinity());
      continue;
    }
    Eigen::MatrixXd resid = Yv;
    resid.noalias() -= A * Zt.transpose();
    mse.row(static_cast<Eigen::Index>(l)) = resid.colwise().squaredNorm() / static_cast<double>(n_val);
  }
  return mse;
}

Eigen::MatrixXd validation_mse_tridiagonal(const Eigen::MatrixXd& X_fit, const Eigen::MatrixXd& Y_fit,
                                           const Eigen::MatrixXd& X_val, const Eigen::MatrixXd& Y_val,
                                           const std::vector<double>& lambdas) {
  check_design(X_fit, Y_fit, "validation_mse");
  return validation_mse_tridiagonal(centred_gram(X_fit, Y_fit), X_val, Y_val, lambdas);
}

namespace {

/// Validation errors from the fitting part's normal equations, one Cholesky solve per lambda.
Eigen::MatrixXd validation_mse_cholesky(const CentredGram& fit, const Eigen::MatrixXd& X_val,
                                        const Eigen::MatrixXd& Y_val, const std::vector<double>& lambdas) {
  const Eigen::MatrixXd Xv = X_val.rowwise() - fit.mean_x;
  const Eigen::MatrixXd Yv = Y_val.rowwise() - fit.mean_y;
  // Fewer validation rows than targets: solve for Xv^T and multiply by the cross products after.
  const bool solve_rows = Xv.rows() < fit.cross.cols();
  const Eigen::MatrixXd XvT = solve_rows ? Eigen::MatrixXd(Xv.transpose()) : Eigen::MatrixXd();
  Eigen::MatrixXd mse(static_cast<Eigen::Index>(lambdas.size()), fit.cross.cols());
  for (std::size_t l = 0; l < lambdas.size(); ++l) {
    check_lambda(lambdas[l]);
    Eigen::MatrixXd A = fit.gram;
    A.diagonal().array() += lambdas[l];
    const Eigen::LLT<Eigen::MatrixXd, Eigen::Lower> llt(A);
    if (llt.info() != Eigen::Success) {
      mse.row(static_cast<Eigen::Index>(l)).setConstant(std::numeric_limits<double>::infinity());
      continue;
    }
    const Eigen::MatrixXd pred = solve_rows ? Eigen::MatrixXd(llt.solve(XvT).transpose() * fit.cross)
                                            : Eigen::MatrixXd(Xv * llt.solve(fit.cross));
    mse.row(static_cast<Eigen::Index>(l)) = (pred - Yv).colwise().squaredNorm() / static_cast<double>(Y_val.rows());
  }
  return mse;
}

RouteCosts costs_of(const Eigen::MatrixXd& X_fit, const Eigen::MatrixXd& Y_fit, const Eigen::MatrixXd& X_val,
                    std::size_t n_lambdas) {
  return route_costs(static_cast<double>(X_fit.rows()), static_cast<double>(X_fit.cols()),
                     static_cast<double>(Y_fit.cols()), static_cast<double>(X_val.rows()),
                     static_cast<double>(n_lambdas));
}

/// Validation errors from precomputed normal equations by the cheaper of the two Gram routes.
Eigen::MatrixXd validation_mse_gram(const CentredGram& fit, const RouteCosts& cost, const Eigen::MatrixXd& X_val,
                                    const Eigen::MatrixXd& Y_val, const std::vector<double>& lambdas) {
  require(X_val.cols() == fit.gram.rows() && Y_val.cols() == fit.cross.cols() && X_val.rows() == Y_val.rows(),
          "validation_mse: validation rows do not match the fitted design");
  return cost.tridiagonal < cost.cholesky ? validation_mse_tridiagonal(fit, X_val, Y_val, lambdas)
                                          : validation_mse_cholesky(fit, X_val, Y_val, lambdas);
}

}  // namespace

Eigen::MatrixXd validation_mse_direct(const Eigen::MatrixXd& X_fit, const Eigen::MatrixXd& Y_fit,
                                      const Eigen::MatrixXd& X_val, const Eigen::MatrixXd& Y_val,
                                      const std::vector<double>& lambdas) {
  check_design(X_fit, Y_fit, "validation_mse");
  require(X_val.cols() == X_fit.cols() && Y_val.cols() == Y_fit.cols() && X_val.rows() == Y_val.rows(),
          "validation_mse: validation rows do not match the fitted design");
  const RouteCosts cost = costs_of(X_fit, Y_fit, X_val, lambdas.size());
  if (cost.eigen < std::min(cost.cholesky, cost.tridiagonal))
    return validation_mse(RidgePath(X_fit, Y_fit), X_val, Y_val, lambdas);
  return validation_mse_gram(centred_gram(X_fit, Y_fit), cost, X_val, Y_val, lambdas);
}

ValidatedRidge ridge_fit_validated(const Eigen::MatrixXd& X_fit, const Eigen::MatrixXd& Y_fit,
                                   const Eigen::MatrixXd& X_val, const Eigen::MatrixXd& Y_val,
                                   const std::vector<double>& lambdas, bool per_output_lambda) {
  check_design(X_fit, Y_fit, "ridge_fit_validated");
  check_design(X_val, Y_val, "ridge_fit_validated");
  require(X_val.cols() == X_fit.cols() && Y_val.cols() == Y_fit.cols(),
          "ridge_fit_validated: validation rows do not match the fitted design");
  const RouteCosts cost = costs_of(X_fit, Y_fit, X_val, lambdas.size());
  const bool gram_route = X_fit.cols() <= X_fit.rows() && !(cost.eigen < std::min(cost.cholesky, cost.tridiagonal));
  ValidatedRidge r;
  CentredGram fit;
  if (gram_route) {
    fit = centred_gram(X_fit, Y_fit);
    r.validation_mse = validation_mse_gram(fit, cost, X_val, Y_val, lambdas);
  } else {
    r.validation_mse = validation_mse_direct(X_fit, Y_fit, X_val, Y_val, lambdas);
  }
  if (!per_output_lambda) r.validation_mse = r.validation_mse.rowwise().sum().eval();
  const std::vector<int> best = argmin_per_column(r.validation_mse, lambdas);
  Eigen::VectorXd chosen(Y_fit.cols());
  for (Eigen::Index j = 0; j < Y_fit.cols(); ++j)
    chosen(j) = lambdas[static_cast<std::size_t>(best[per_output_lambda ? static_cast<std::size_t>(j) : 0])];
  if (gram_route) {
    // The refit's normal equations are the fitting part's plus the validation part's.
    r.model = ridge_fit(pool_grams(fit, centred_gram(X_val, Y_val)), chosen);
  } else {
    Eigen::MatrixXd X(X_fit.rows() + X_val.rows(), X_fit.cols()), Y(X.rows(), Y_fit.cols());
    X << X_fit, X_val;
    Y << Y_fit, Y_val;
    r.model = ridge_fit(X, Y, chosen);
  }
  return r;
}

std::vector<int> argmin_per_column(const Eigen::MatrixXd& errors, const std::vector<double>& lambdas) {
  std::vector<int> best(static_cast<std::size_t>(errors.cols()), 0);
  for (Eigen::Index j = 0; j < errors.cols(); ++j) {
    double best_err = std::numeric_limits<double>::infinity();
    int best_l = 0;
    // Scan from the largest lambda so that a tie keeps the more regularised model.
    for (int l = static_cast<int>(lambdas.size()) - 1; l >= 0; --l) {
      if (errors(l, j) < best_err) {
        best_err = errors(l, j);
        best_l = l;
      }
    }
    best[static_cast<std::size_t>(j)] = best_l;
  }
  return best;
}

RidgeCvResult ridge_fit_cv(const Eigen::MatrixXd& X, const Eigen::MatrixXd& Y,
                           const RidgeCvOptions& options) {
  check_design(X, Y, "ridge_fit_cv");
  require(!options.lambdas.empty(), "ridge_fit_cv: empty lambda grid");
  RidgeCvResult r;
  r.lambdas = options.lambdas;
  std::sort(r.lambdas.begin(), r.lambdas.end());
  for (double l : r.lambdas) check_lambda(l);
  const RowSplit s = make_validation_split(X.rows(), options.validation_fraction, options.split);
  // The refit on all rows is the same whichever order the rows come in (sums of products).
  ValidatedRidge v = ridge_fit_validated(take_rows(X, s.fit), take_rows(Y, s.fit), take_rows(X, s.validation),
                                         take_rows(Y, s.validation), r.lambdas, options.per_output_lambda);
  r.model = std::move(v.model);
  r.validation_mse = std::move(v.validation_mse);
  return r;
}

}  // namespace hrsnn::readout
