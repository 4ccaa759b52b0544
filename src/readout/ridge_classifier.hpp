/// \file ridge_classifier.hpp
/// \brief One-vs-rest ridge classifier: targets +1 for the true class and -1 otherwise,
/// fitted jointly by ridge (ridge.hpp); the predicted class is the argmax of the K outputs
/// (as scikit-learn's RidgeClassifier). One lambda for all classes, chosen on a validation
/// part by accuracy (ties: lower mean squared error of the +-1 targets, then larger lambda).
#pragma once

#include "readout/ridge.hpp"

#include <vector>

namespace hrsnn::readout {

/// A fitted one-vs-rest ridge classifier.
struct RidgeClassifier {
  RidgeModel ridge;   ///< p x K weights, one column per class
  int n_classes = 0;  ///< K; labels are 0..K-1

  /// Scores (n x K); the larger, the more likely the class.
  Eigen::MatrixXd decision_function(const Eigen::MatrixXd& X) const;
  /// Argmax of the scores per row (the lowest index wins a tie).
  std::vector<int> predict(const Eigen::MatrixXd& X) const;
};

/// Options of the classifier: lambda grid and validation split (interleaved by default
/// because labelled sets are often stored sorted by class).
struct RidgeClassifierOptions {
  std::vector<double> lambdas = log_grid(1e-6, 1e3, 10);  ///< candidate penalties
  double validation_fraction = 0.2;                        ///< share of rows held out
  ValidationSplit split = ValidationSplit::kInterleaved;   ///< which rows are held out
};

/// Maps labels 0..K-1 to the +-1 one-vs-rest target matrix (n x K).
Eigen::MatrixXd one_vs_rest_targets(const std::vector<int>& labels, int n_classes);

/// Fits with lambda chosen by validation accuracy, then refits on all rows.
RidgeClassifier ridge_classifier_fit(const Eigen::MatrixXd& X, const std::vector<int>& labels,
                                     int n_classes, const RidgeClassifierOptions& options = {});

/// Fits with a fixed lambda.
RidgeClassifier ridge_classifier_fit(const Eigen::MatrixXd& X, const std::vector<int>& labels,
                                     int n_classes, double lambda);

/// Row-wise argmax of a score matrix (lowest index wins ties).
std::vector<int> argmax_rows(const Eigen::MatrixXd& scores);

}  // namespace hrsnn::readout
