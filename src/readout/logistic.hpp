/// \file logistic.hpp
/// \brief Multinomial logistic regression with an L2 penalty, fitted by L-BFGS (NLopt LD_LBFGS).
///
///     p(k | x) = exp(x w_k + b_k) / sum_j exp(x w_j + b_j)
///     min_{W,b}  sum_i -log p(y_i | x_i) + 1/(2C) ||W||_F^2      (b unpenalised)
/// the objective of scikit-learn's LogisticRegression(multi_class="multinomial", penalty="l2")
/// (Bishop, PRML 2006, §4.3.4). Intercepts are only defined up to a common shift; the fit
/// starts from zero, where the gradient keeps sum_k b_k = 0, and the result is re-centred to
/// sum_k b_k = 0 (the same convention as scikit-learn's lbfgs solution). Deterministic: fixed
/// start, no randomness.
#pragma once

#include <Eigen/Dense>

#include <vector>

namespace hrsnn::readout {

/// A fitted multinomial logistic model.
struct LogisticModel {
  Eigen::MatrixXd weights;       ///< p x K
  Eigen::RowVectorXd intercept;  ///< 1 x K, summing to zero
  double C = 1.0;                ///< inverse penalty used
  int iterations = 0;            ///< objective evaluations the solver used

  /// Class probabilities (n x K).
  Eigen::MatrixXd predict_proba(const Eigen::MatrixXd& X) const;
  /// Most probable class per row.
  std::vector<int> predict(const Eigen::MatrixXd& X) const;
};

/// Solver and selection settings.
struct LogisticOptions {
  double C = 1.0;             ///< inverse L2 strength (scikit-learn's C), used if C_grid is empty
  std::vector<double> C_grid; ///< if non-empty, C is chosen on a validation part by accuracy
  double validation_fraction = 0.2;  ///< held-out share for C selection (interleaved rows)
  int max_evaluations = 5000;        ///< cap on objective/gradient evaluations
  double ftol_rel = 1e-13;           ///< relative objective tolerance of L-BFGS
};

/// Fits the model; labels are 0..K-1 with K = n_classes >= 2.
LogisticModel logistic_fit(const Eigen::MatrixXd& X, const std::vector<int>& labels,
                           int n_classes, const LogisticOptions& options = {});

}  // namespace hrsnn::readout
