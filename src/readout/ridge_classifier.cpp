/// \file ridge_classifier.cpp
/// \brief One-vs-rest ridge classifier (see ridge_classifier.hpp).
#include "readout/ridge_classifier.hpp"

#include "core/error.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>

namespace hrsnn::readout {
namespace detail {
// Joint choice of lambda and the second block's scale (ridge_classifier.hpp).
RidgeClassifier block_ridge_classifier_fit(const Eigen::MatrixXd& X, const std::vector<int>& labels, int n_classes,
                                           const RidgeClassifierOptions& options);
}  // namespace detail
namespace {

// Validation accuracy of scores against the labels of the held-out rows, and the mean squared
// error of the ±1 targets (the tie-breaker: accuracy on a few hundred rows ties often).
std::pair<double, double> score_validation(const Eigen::MatrixXd& pred, const Eigen::MatrixXd& Tv,
                                           const std::vector<int>& labels, const std::vector<Eigen::Index>& rows) {
  const std::vector<int> cls = argmax_rows(pred);
  std::size_t correct = 0;
  for (std::size_t i = 0; i < cls.size(); ++i) correct += cls[i] == labels[static_cast<std::size_t>(rows[i])];
  return {static_cast<double>(correct) / static_cast<double>(cls.size()), (pred - Tv).squaredNorm() / static_cast<double>(Tv.size())};
}

}  // namespace

RidgeClassifierOptions with_input_block(Eigen::Index first_input_column) {
  RidgeClassifierOptions o;
  o.scaled_from = first_input_column;
  // Powers of 2 up to 16: on FSDD the validation accuracy peaks at 8 and falls to the input
  // alone's by 100 (docs/results.md); past 16 the reservoir block is all but switched off.
  o.block_scales = {1.0, 2.0, 4.0, 8.0, 16.0};
  return o;
}

Eigen::MatrixXd one_vs_rest_targets(const std::vector<int>& labels, int n_classes) {
  require(n_classes >= 2, "classifier: need at least 2 classes, got " + std::to_string(n_classes));
  Eigen::MatrixXd T = Eigen::MatrixXd::Constant(static_cast<Eigen::Index>(labels.size()), n_classes, -1.0);
  for (std::size_t i = 0; i < labels.size(); ++i) {
    require(labels[i] >= 0 && labels[i] < n_classes,
            "classifier: label " + std::to_string(labels[i]) + " at row " + std::to_string(i) +
                " outside 0.." + std::to_string(n_classes - 1));
    T(static_cast<Eigen::Index>(i), labels[i]) = 1.0;
  }
  return T;
}

std::vector<int> argmax_rows(const Eigen::MatrixXd& scores) {
  std::vector<int> out(static_cast<std::size_t>(scores.rows()));
  for (Eigen::Index i = 0; i < scores.rows(); ++i) {
    Eigen::Index k = 0;
    scores.row(i).maxCoeff(&k);
    out[static_cast<std::size_t>(i)] = static_cast<int>(k);
  }
  return out;
}

Eigen::MatrixXd RidgeClassifier::decision_function(const Eigen::MatrixXd& X) const {
  return ridge.predict(X);
}

std::vector<int> RidgeClassifier::predict(const Eigen::MatrixXd& X) const {
  return argmax_rows(decision_function(X));
}

RidgeClassifier ridge_classifier_fit(const Eigen::MatrixXd& X, const std::vector<int>& labels,
                                     int n_classes, double lambda) {
  require(static_cast<Eigen::Index>(labels.size()) == X.rows(),
          "classifier: " + std::to_string(labels.size()) + " labels for " + std::to_string(X.rows()) + " rows");
  RidgeClassifier c;
  c.ridge = ridge_fit(X, one_vs_rest_targets(labels, n_classes), lambda);
  c.n_classes = n_classes;
  return c;
}

RidgeClassifier ridge_classifier_fit(const Eigen::MatrixXd& X, const std::vector<int>& labels,
                                     int n_classes, const RidgeClassifierOptions& options) {
  require(static_cast<Eigen::Index>(labels.size()) == X.rows(),
          "classifier: " + std::to_string(labels.size()) + " labels for " + std::to_string(X.rows()) + " rows");
  require(!options.lambdas.empty(), "classifier: empty lambda grid");
  if (options.scaled_from >= 0) return detail::block_ridge_classifier_fit(X, labels, n_classes, options);
  const Eigen::MatrixXd T = one_vs_rest_targets(labels, n_classes);
  std::vector<double> grid = options.lambdas;
  std::sort(grid.begin(), grid.end());
  const RowSplit s = make_validation_split(X.rows(), options.validation_fraction, options.split);
  const RidgePath path(take_rows(X, s.fit), take_rows(T, s.fit));
  const Eigen::MatrixXd A = path.project(take_rows(X, s.validation));
  const Eigen::MatrixXd Tv = take_rows(T, s.validation);
  double best_acc = -1.0, best_mse = 0.0, best_lambda = grid.back();
  for (auto it = grid.rbegin(); it != grid.rend(); ++it) {  // largest first: ties keep it
    const auto [acc, mse] = score_validation(path.predict_projected(A, *it), Tv, labels, s.validation);
    if (acc > best_acc || (acc == best_acc && mse < best_mse)) {
      best_acc = acc;
      best_mse = mse;
      best_lambda = *it;
    }
  }
  RidgeClassifier c;
  c.ridge = ridge_fit(X, T, best_lambda);
  c.n_classes = n_classes;
  c.validation_accuracy = best_acc;
  return c;
}

namespace detail {

RidgeClassifier block_ridge_classifier_fit(const Eigen::MatrixXd& X, const std::vector<int>& labels, int n_classes,
                                           const RidgeClassifierOptions& o) {
  require(o.scaled_from >= 0 && o.scaled_from < X.cols(), "classifier: scaled_from " + std::to_string(o.scaled_from) +
                                                             " outside the " + std::to_string(X.cols()) + " columns");
  require(!o.block_scales.empty(), "classifier: empty block_scales");
  for (double c : o.block_scales) require(std::isfinite(c) && c > 0, "classifier: block scales must be finite and > 0");
  require(X.allFinite(), "classifier: X contains NaN or inf");
  const Eigen::MatrixXd T = one_vs_rest_targets(labels, n_classes);
  const RowSplit s = make_validation_split(X.rows(), o.validation_fraction, o.split);
  const Eigen::MatrixXd Xf = take_rows(X, s.fit), Tf = take_rows(T, s.fit);
  const Eigen::RowVectorXd mx = Xf.colwise().mean(), mt = Tf.colwise().mean();
  const Eigen::MatrixXd Xc = Xf.rowwise() - mx, Tc = Tf.rowwise() - mt;
  const Eigen::MatrixXd Xv = take_rows(X, s.validation).rowwise() - mx;
  const Eigen::MatrixXd Tv = take_rows(T, s.validation);
  const Eigen::Index a = o.scaled_from, b = X.cols() - o.scaled_from;
  // A scale c changes the Gram matrix only blockwise, so the pieces are formed once: in the
  // primal form G(c) = D G D with D = diag(1, c); in the dual form K(c) = K_a + c^2 K_b.
  const bool primal = X.cols() <= Xf.rows();
  Eigen::MatrixXd G, Ka, Kb, Va, Vb;
  if (primal) {
    G = Xc.transpose() * Xc;
  } else {
    Ka = Xc.leftCols(a) * Xc.leftCols(a).transpose();
    Kb = Xc.rightCols(b) * Xc.rightCols(b).transpose();
    Va = Xv.leftCols(a) * Xc.leftCols(a).transpose();
    Vb = Xv.rightCols(b) * Xc.rightCols(b).transpose();
  }
  std::vector<double> grid = o.lambdas;
  std::sort(grid.begin(), grid.end());
  double best_acc = -1.0, best_mse = 0.0, best_lambda = grid.back(), best_scale = o.block_scales.front();
  for (double c : o.block_scales) {
    Eigen::MatrixXd base;
    Eigen::VectorXd d = Eigen::VectorXd::Ones(X.cols());
    d.tail(b).setConstant(c);
    if (primal) base = d.asDiagonal() * G * d.asDiagonal();
    else base = Ka + c * c * Kb;
    for (auto it = grid.rbegin(); it != grid.rend(); ++it) {  // largest lambda first: ties keep it
      Eigen::MatrixXd A = base;
      A.diagonal().array() += *it;
      const Eigen::LLT<Eigen::MatrixXd> llt(A);
      if (llt.info() != Eigen::Success) continue;  // numerically singular: not a usable candidate
      Eigen::MatrixXd pred;
      if (primal) pred = (Xv * d.asDiagonal()) * llt.solve(d.asDiagonal() * (Xc.transpose() * Tc));
      else pred = (Va + c * c * Vb) * llt.solve(Tc);
      pred.rowwise() += mt;
      const auto [acc, mse] = score_validation(pred, Tv, labels, s.validation);
      if (acc > best_acc || (acc == best_acc && mse < best_mse)) {
        best_acc = acc, best_mse = mse, best_lambda = *it, best_scale = c;
      }
    }
  }
  require(best_acc >= 0.0, "classifier: no penalty in the grid gives positive definite normal equations");
  Eigen::MatrixXd Xs = X;
  Xs.rightCols(b) *= best_scale;
  RidgeClassifier out;
  out.ridge = ridge_fit(Xs, T, best_lambda);
  out.ridge.weights.bottomRows(b) *= best_scale;  // so the model takes unscaled features
  out.n_classes = n_classes;
  out.block_scale = best_scale;
  out.validation_accuracy = best_acc;
  return out;
}

}  // namespace detail
}  // namespace hrsnn::readout
