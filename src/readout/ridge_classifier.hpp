/// \file ridge_classifier.hpp
/// \brief One-vs-rest ridge classifier: targets +1 for the true class and -1 otherwise,
/// fitted jointly by ridge (ridge.hpp); the predicted class is the argmax of the K outputs
/// (as scikit-learn's RidgeClassifier). One lambda for all classes, chosen on a validation
/// part by accuracy (ties: lower mean squared error of the +-1 targets, then larger lambda).
///
/// Two feature blocks (a reservoir's features and the input's own, say) of very different sizes
/// share one penalty badly: the larger block's many columns set lambda, and the smaller block,
/// however informative, is shrunk with them. With `block_scales` the columns from `scaled_from`
/// on are multiplied by each candidate c before fitting (a penalty lambda / c^2 on that block:
/// group ridge) and c is chosen with lambda on the same validation part; the model returned
/// takes unscaled features.
#pragma once

#include "readout/ridge.hpp"

#include <vector>

namespace hrsnn::readout {

/// A fitted one-vs-rest ridge classifier.
struct RidgeClassifier {
  RidgeModel ridge;   ///< p x K weights, one column per class
  int n_classes = 0;  ///< K; labels are 0..K-1
  double block_scale = 1.0;          ///< the chosen scale of the second block (1 without blocks)
  double validation_accuracy = 0.0;  ///< accuracy of the chosen (lambda, scale) on the validation part

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
  std::vector<double> block_scales = {1.0};  ///< candidate scales of the second block (all > 0)
  Eigen::Index scaled_from = -1;             ///< first column of the second block (-1: none)
};

/// Options for a readout of [features | input]: the input block, from `first_input_column`
/// on, scaled by 1, 2, 4, 8 or 16 (chosen with lambda on the validation part).
RidgeClassifierOptions with_input_block(Eigen::Index first_input_column);

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
