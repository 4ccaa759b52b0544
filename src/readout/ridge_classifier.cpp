/// \file ridge_classifier.cpp
/// \brief One-vs-rest ridge classifier (see ridge_classifier.hpp).
#include "readout/ridge_classifier.hpp"

#include "core/error.hpp"

#include <algorithm>
#include <string>

namespace hrsnn::readout {

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
  const Eigen::MatrixXd T = one_vs_rest_targets(labels, n_classes);
  std::vector<double> grid = options.lambdas;
  std::sort(grid.begin(), grid.end());
  const RowSplit s = make_validation_split(X.rows(), options.validation_fraction, options.split);
  const RidgePath path(take_rows(X, s.fit), take_rows(T, s.fit));
  const Eigen::MatrixXd A = path.project(take_rows(X, s.validation));
  const Eigen::MatrixXd Tv = take_rows(T, s.validation);
  double best_acc = -1.0, best_mse = 0.0, best_lambda = grid.back();
  for (auto it = grid.rbegin(); it != grid.rend(); ++it) {  // largest first: ties keep it
    const Eigen::MatrixXd pred = path.predict_projected(A, *it);
    const std::vector<int> cls = argmax_rows(pred);
    std::size_t correct = 0;
    for (std::size_t i = 0; i < cls.size(); ++i) correct += cls[i] == labels[static_cast<std::size_t>(s.validation[i])];
    const double acc = static_cast<double>(correct) / static_cast<double>(cls.size());
    const double mse = (pred - Tv).squaredNorm() / static_cast<double>(Tv.size());
    if (acc > best_acc || (acc == best_acc && mse < best_mse)) {
      best_acc = acc;
      best_mse = mse;
      best_lambda = *it;
    }
  }
  RidgeClassifier c;
  c.ridge = ridge_fit(X, T, best_lambda);
  c.n_classes = n_classes;
  return c;
}

}  // namespace hrsnn::readout
