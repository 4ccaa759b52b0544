/// \file logistic.cpp
/// \brief Multinomial logistic regression by L-BFGS (equations in logistic.hpp).
#include "readout/logistic.hpp"

#include "core/error.hpp"
#include "readout/ridge.hpp"
#include "readout/ridge_classifier.hpp"

#include <nlopt.hpp>

#include <cmath>
#include <string>

namespace hrsnn::readout {
namespace {

/// Data and preallocated buffers of one objective evaluation (no allocation per call).
struct Problem {
  const Eigen::MatrixXd* X = nullptr;
  const Eigen::MatrixXd* Y = nullptr;  // one-hot n x K
  double inv_C = 1.0;
  Eigen::MatrixXd Z;   // n x K logits, then probabilities minus one-hot
  Eigen::MatrixXd gW;  // p x K
  int evaluations = 0;
};

/// Mean cross-entropy plus penalty/(n): the scikit-learn objective divided by n (same argmin,
/// gradients of order one whatever n is).
double objective(const std::vector<double>& x, std::vector<double>& grad, void* data) {
  auto& P = *static_cast<Problem*>(data);
  const Eigen::MatrixXd& X = *P.X;
  const Eigen::Index n = X.rows(), p = X.cols(), K = P.Y->cols();
  const Eigen::Map<const Eigen::MatrixXd> W(x.data(), p, K);
  const Eigen::Map<const Eigen::RowVectorXd> b(x.data() + p * K, K);
  P.Z.noalias() = X * W;
  P.Z.rowwise() += b;
  double loss = 0.0;
  for (Eigen::Index i = 0; i < n; ++i) {
    const double zy = P.Z.row(i).dot(P.Y->row(i));  // logit of the true class
    const double m = P.Z.row(i).maxCoeff();           // log-sum-exp shift against overflow
    P.Z.row(i).array() = (P.Z.row(i).array() - m).exp();
    const double s = P.Z.row(i).sum();
    P.Z.row(i) /= s;
    loss += m + std::log(s) - zy;
  }
  const double inv_n = 1.0 / static_cast<double>(n);
  loss = loss * inv_n + 0.5 * P.inv_C * inv_n * W.squaredNorm();
  ++P.evaluations;
  if (!grad.empty()) {
    P.Z -= *P.Y;
    Eigen::Map<Eigen::MatrixXd> gW(grad.data(), p, K);
    Eigen::Map<Eigen::RowVectorXd> gb(grad.data() + p * K, K);
    gW.noalias() = X.transpose() * P.Z;
    gW = (gW + P.inv_C * W) * inv_n;
    gb = P.Z.colwise().sum() * inv_n;
  }
  return loss;
}

LogisticModel fit_one(const Eigen::MatrixXd& X, const Eigen::MatrixXd& Y, double C,
                      const LogisticOptions& o) {
  require(std::isfinite(C) && C > 0.0, "logistic: C must be finite and > 0");
  const Eigen::Index p = X.cols(), K = Y.cols();
  Problem P;
  P.X = &X;
  P.Y = &Y;
  P.inv_C = 1.0 / C;
  P.Z.resize(X.rows(), K);
  nlopt::opt opt(nlopt::LD_LBFGS, static_cast<unsigned>(p * K + K));
  opt.set_min_objective(objective, &P);
  opt.set_ftol_rel(o.ftol_rel);
  opt.set_maxeval(o.max_evaluations);
  std::vector<double> x(static_cast<std::size_t>(p * K + K), 0.0);
  double f = 0.0;
  try {
    opt.optimize(x, f);
  } catch (const nlopt::roundoff_limited&) {
    // Converged as far as double precision allows; x holds the best point found.
  }
  LogisticModel m;
  m.weights = Eigen::Map<const Eigen::MatrixXd>(x.data(), p, K);
  m.intercept = Eigen::Map<const Eigen::RowVectorXd>(x.data() + p * K, K);
  m.intercept.array() -= m.intercept.mean();
  m.C = C;
  m.iterations = P.evaluations;
  return m;
}

}  // namespace

Eigen::MatrixXd LogisticModel::predict_proba(const Eigen::MatrixXd& X) const {
  require(X.cols() == weights.rows(), "logistic predict: wrong number of features");
  Eigen::MatrixXd Z = X * weights;
  Z.rowwise() += intercept;
  for (Eigen::Index i = 0; i < Z.rows(); ++i) {
    Z.row(i).array() = (Z.row(i).array() - Z.row(i).maxCoeff()).exp();
    Z.row(i) /= Z.row(i).sum();
  }
  return Z;
}

std::vector<int> LogisticModel::predict(const Eigen::MatrixXd& X) const {
  return argmax_rows(predict_proba(X));
}

LogisticModel logistic_fit(const Eigen::MatrixXd& X, const std::vector<int>& labels,
                           int n_classes, const LogisticOptions& options) {
  require(X.rows() > 0 && X.cols() > 0, "logistic_fit: empty design matrix");
  require(X.allFinite(), "logistic_fit: X contains NaN or inf");
  require(static_cast<Eigen::Index>(labels.size()) == X.rows(),
          "logistic_fit: " + std::to_string(labels.size()) + " labels for " + std::to_string(X.rows()) + " rows");
  const Eigen::MatrixXd Y = (one_vs_rest_targets(labels, n_classes).array() + 1.0) * 0.5;
  if (options.C_grid.empty()) return fit_one(X, Y, options.C, options);
  const RowSplit s = make_validation_split(X.rows(), options.validation_fraction, ValidationSplit::kInterleaved);
  const Eigen::MatrixXd Xf = take_rows(X, s.fit), Yf = take_rows(Y, s.fit), Xv = take_rows(X, s.validation);
  double best_acc = -1.0, best_C = options.C_grid.front();
  for (double C : options.C_grid) {
    const std::vector<int> pred = fit_one(Xf, Yf, C, options).predict(Xv);
    std::size_t ok = 0;
    for (std::size_t i = 0; i < pred.size(); ++i) ok += pred[i] == labels[static_cast<std::size_t>(s.validation[i])];
    const double acc = static_cast<double>(ok) / static_cast<double>(pred.size());
    if (acc > best_acc) {
      best_acc = acc;
      best_C = C;
    }
  }
  return fit_one(X, Y, best_C, options);
}

}  // namespace hrsnn::readout
