/// \file ridge.cpp
/// \brief Ridge regression: direct solve, eigen-path over lambdas, and lambda by validation.
/// Equations and sources are in ridge.hpp.
#include "readout/ridge.hpp"

#include "core/error.hpp"

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

RidgeModel ridge_fit(const Eigen::MatrixXd& X, const Eigen::MatrixXd& Y, const Eigen::VectorXd& lambda_per_output) {
  check_design(X, Y, "ridge_fit");
  require(lambda_per_output.size() == Y.cols(), "ridge_fit: need one lambda per output column");
  for (Eigen::Index j = 0; j < Y.cols(); ++j) check_lambda(lambda_per_output(j));
  const Eigen::RowVectorXd mx = X.colwise().mean();
  const Eigen::RowVectorXd my = Y.colwise().mean();
  const Eigen::MatrixXd Xc = X.rowwise() - mx;
  const bool primal = X.cols() <= X.rows();
  // Gram matrix of the smaller side, formed once and shared by every distinct lambda.
  Eigen::MatrixXd G = Eigen::MatrixXd::Zero(primal ? X.cols() : X.rows(), primal ? X.cols() : X.rows());
  if (primal)
    G.selfadjointView<Eigen::Lower>().rankUpdate(Xc.transpose());
  else
    G.selfadjointView<Eigen::Lower>().rankUpdate(Xc);
  const Eigen::MatrixXd rhs = primal ? Eigen::MatrixXd(Xc.transpose() * (Y.rowwise() - my)) : Eigen::MatrixXd(Y.rowwise() - my);
  Eigen::MatrixXd sol(rhs.rows(), rhs.cols());
  std::vector<bool> done(static_cast<std::size_t>(Y.cols()), false);
  for (Eigen::Index j = 0; j < Y.cols(); ++j) {
    if (done[static_cast<std::size_t>(j)]) continue;
    const double lambda = lambda_per_output(j);
    std::vector<Eigen::Index> cols;
    for (Eigen::Index c = j; c < Y.cols(); ++c)
      if (lambda_per_output(c) == lambda) cols.push_back(c), done[static_cast<std::size_t>(c)] = true;
    Eigen::MatrixXd A = G;
    A.diagonal().array() += lambda;
    // G + lambda I is symmetric positive definite for lambda > 0: blocked Cholesky.
    const Eigen::LLT<Eigen::MatrixXd, Eigen::Lower> llt(A);  // reads the lower triangle only
    require(llt.info() == Eigen::Success, "ridge_fit: normal equations not positive definite (lambda too small?)");
    const Eigen::MatrixXd part = llt.solve(Eigen::MatrixXd(rhs(Eigen::all, cols)));
    sol(Eigen::all, cols) = part;
  }
  RidgeModel m;
  m.weights = primal ? sol : Eigen::MatrixXd(Xc.transpose() * sol);
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

Eigen::MatrixXd validation_mse_direct(const Eigen::MatrixXd& X_fit, const Eigen::MatrixXd& Y_fit,
                                      const Eigen::MatrixXd& X_val, const Eigen::MatrixXd& Y_val,
                                      const std::vector<double>& lambdas) {
  check_design(X_fit, Y_fit, "validation_mse");
  require(X_val.cols() == X_fit.cols() && Y_val.cols() == Y_fit.cols() && X_val.rows() == Y_val.rows(),
          "validation_mse: validation rows do not match the fitted design");
  const double p = static_cast<double>(X_fit.cols()), m = static_cast<double>(Y_fit.cols());
  const double per_lambda = p * p * p / 3.0 + 2.0 * p * p * m + 2.0 * static_cast<double>(X_val.rows()) * p * m;
  const bool direct = X_fit.cols() <= X_fit.rows() &&
                      static_cast<double>(lambdas.size()) * per_lambda < 9.0 * p * p * p + 2.0 * p * p * m;
  if (!direct) return validation_mse(RidgePath(X_fit, Y_fit), X_val, Y_val, lambdas);
  const Eigen::RowVectorXd mx = X_fit.colwise().mean(), my = Y_fit.colwise().mean();
  const Eigen::MatrixXd Xc = X_fit.rowwise() - mx;
  Eigen::MatrixXd G = Eigen::MatrixXd::Zero(X_fit.cols(), X_fit.cols());
  G.selfadjointView<Eigen::Lower>().rankUpdate(Xc.transpose());
  const Eigen::MatrixXd rhs = Xc.transpose() * (Y_fit.rowwise() - my);
  const Eigen::MatrixXd Xv = X_val.rowwise() - mx;
  const Eigen::MatrixXd Yv = Y_val.rowwise() - my;
  Eigen::MatrixXd mse(static_cast<Eigen::Index>(lambdas.size()), Y_fit.cols());
  for (std::size_t l = 0; l < lambdas.size(); ++l) {
    check_lambda(lambdas[l]);
    Eigen::MatrixXd A = G;
    A.diagonal().array() += lambdas[l];
    const Eigen::LLT<Eigen::MatrixXd, Eigen::Lower> llt(A);
    if (llt.info() != Eigen::Success) {
      mse.row(static_cast<Eigen::Index>(l)).setConstant(std::numeric_limits<double>::infinity());
      continue;
    }
    const Eigen::MatrixXd W = llt.solve(rhs);
    mse.row(static_cast<Eigen::Index>(l)) = (Xv * W - Yv).colwise().squaredNorm() / static_cast<double>(Y_val.rows());
  }
  return mse;
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
  const Eigen::MatrixXd Yv = take_rows(Y, s.validation);
  Eigen::MatrixXd mse = validation_mse_direct(take_rows(X, s.fit), take_rows(Y, s.fit), take_rows(X, s.validation), Yv, r.lambdas);
  if (!options.per_output_lambda) mse = mse.rowwise().sum().eval();
  r.validation_mse = mse;
  const std::vector<int> best = argmin_per_column(mse, r.lambdas);
  Eigen::VectorXd chosen(Y.cols());
  for (Eigen::Index j = 0; j < Y.cols(); ++j)
    chosen(j) = r.lambdas[static_cast<std::size_t>(best[options.per_output_lambda ? j : 0])];
  r.model = ridge_fit(X, Y, chosen);
  return r;
}

}  // namespace hrsnn::readout
