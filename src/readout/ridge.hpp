/// \file ridge.hpp
/// \brief Closed-form ridge regression with an unpenalised intercept, and lambda by validation.
///
/// Model (the same objective as scikit-learn's Ridge with fit_intercept=True):
///     min_{W,b} || Y - X W - 1 b^T ||_F^2 + lambda || W ||_F^2
/// Centring X and Y on their training means removes b; then
///     W = (Xc^T Xc + lambda I)^-1 Xc^T Yc,   b = mean(Y) - mean(X) W
/// (Hoerl & Kennard 1970; Hastie, Tibshirani & Friedman, ESL 2nd ed. §3.4.1).
///
/// Many lambdas / many targets: with the eigendecomposition Xc^T Xc = V diag(s) V^T (p <= n)
///     W(lambda) = V diag(1 / (s + lambda)) V^T Xc^T Yc
/// and with Xc Xc^T = U diag(s) U^T (n < p, the kernel form W = Xc^T (Xc Xc^T + lambda I)^-1 Yc)
///     W(lambda) = (Xc^T U) diag(1 / (s + lambda)) U^T Yc.
/// Both read W(lambda) = B diag(1 / (s + lambda)) C, so one factorisation serves every lambda
/// and every target column (RidgePath).
///
/// Cost: a Cholesky factorisation of Xc^T Xc + lambda I is p^3 / 3 flops (blocked, fast); Eigen's
/// eigensolver takes as long as ~12 p^3 such flops and its tridiagonalisation Xc^T Xc = Q T Q^T
/// ~2.5 p^3 (both unblocked; measured at p = 1500). With few lambdas one Cholesky per lambda is cheapest; with many lambdas and targets
/// (memory capacity: 10 lambdas x 1100 targets at p = 1500) one tridiagonalisation is, since
/// (T + lambda I)^-1 costs O(p) per column; validation_mse_direct picks by that count.
#pragma once

#include <Eigen/Dense>

#include <vector>

namespace hrsnn::readout {

/// A fitted linear map Y ~ X W + b (one column of W and one entry of b per output).
struct RidgeModel {
  Eigen::MatrixXd weights;       ///< p x m
  Eigen::RowVectorXd intercept;  ///< 1 x m
  Eigen::VectorXd lambdas;       ///< the ridge penalty used for each output (size m)

  /// Predictions X W + b for rows of X (n x p) -> n x m.
  Eigen::MatrixXd predict(const Eigen::MatrixXd& X) const;
};

/// Fits ridge with one lambda for all outputs by a Cholesky solve of the normal equations
/// (or of the kernel system when n < p). Throws InputError on empty/mismatched/non-finite input.
RidgeModel ridge_fit(const Eigen::MatrixXd& X, const Eigen::MatrixXd& Y, double lambda);

/// Fits ridge with lambda_per_output(j) for column j: the Gram matrix is formed once and one
/// Cholesky factorisation is made per distinct lambda, shared by all columns that use it.
RidgeModel ridge_fit(const Eigen::MatrixXd& X, const Eigen::MatrixXd& Y, const Eigen::VectorXd& lambda_per_output);

/// The centred normal equations of a design: Gram matrix Xc^T Xc (lower triangle only), cross
/// products Xc^T Yc and the means they are centred on. Two parts of one design pool exactly
/// (pool_grams), so a fit on all training rows reuses the products of its fitting part.
struct CentredGram {
  Eigen::RowVectorXd mean_x;  ///< 1 x p
  Eigen::RowVectorXd mean_y;  ///< 1 x m
  Eigen::MatrixXd gram;       ///< p x p, lower triangle valid
  Eigen::MatrixXd cross;      ///< p x m
  Eigen::Index rows = 0;      ///< rows the products sum over
};

/// Forms the centred Gram matrix and cross products of (X, Y).
CentredGram centred_gram(const Eigen::MatrixXd& X, const Eigen::MatrixXd& Y);

/// The products of the rows of a and b together, centred on the pooled means: each part's
/// products plus rows * (part mean - pooled mean) outer products, a sum of positive terms (no
/// cancellation, unlike subtracting n mean mean^T from raw products).
CentredGram pool_grams(const CentredGram& a, const CentredGram& b);

/// Ridge from precomputed normal equations, lambda_per_output(j) for column j: one Cholesky
/// factorisation per distinct lambda, shared by all columns that use it.
RidgeModel ridge_fit(const CentredGram& g, const Eigen::VectorXd& lambda_per_output);

/// n log-spaced values from lo to hi inclusive (n >= 1; n == 1 gives {lo}).
std::vector<double> log_grid(double lo, double hi, int n);

/// One factorisation of the centred training design reused for any lambda and target column.
class RidgePath {
 public:
  /// Centres X, Y and eigendecomposes the smaller Gram matrix (p x p or n x n).
  RidgePath(const Eigen::MatrixXd& X, const Eigen::MatrixXd& Y);

  /// Weights (p x m) with lambda_per_output(j) used for output column j.
  Eigen::MatrixXd weights(const Eigen::VectorXd& lambda_per_output) const;
  /// Projects new rows onto the path's basis: (Xnew - mean_x) B, an n_new x r matrix that
  /// predict_projected can reuse for every lambda.
  Eigen::MatrixXd project(const Eigen::MatrixXd& Xnew) const;
  /// Predictions (n_new x m) from projected rows with one lambda per output column.
  Eigen::MatrixXd predict_projected(const Eigen::MatrixXd& projected,
                                    const Eigen::VectorXd& lambda_per_output) const;
  /// Predictions (n_new x m) from projected rows, the same lambda for every output.
  Eigen::MatrixXd predict_projected(const Eigen::MatrixXd& projected, double lambda) const;
  /// The full model for the given per-output lambdas.
  RidgeModel model(const Eigen::VectorXd& lambda_per_output) const;

  Eigen::Index n_features() const { return mean_x_.size(); }  ///< p
  Eigen::Index n_outputs() const { return mean_y_.size(); }   ///< m

 private:
  Eigen::MatrixXd coefficients(const Eigen::VectorXd& lambda_per_output) const;
  Eigen::RowVectorXd mean_x_, mean_y_;
  Eigen::MatrixXd basis_;  ///< p x r  (V, or Xc^T U in kernel form)
  Eigen::VectorXd eig_;    ///< r eigenvalues of the Gram matrix, clamped at >= 0
  Eigen::MatrixXd proj_;   ///< r x m  (V^T Xc^T Yc, or U^T Yc)
};

/// How the training rows are split into a fitting and a validation part.
enum class ValidationSplit {
  kLastFraction,  ///< the last fraction of rows (time-ordered series; no shuffle)
  kInterleaved,   ///< every k-th row, k = round(1 / fraction) (sets sorted by class)
};

/// Settings of lambda selection by validation.
struct RidgeCvOptions {
  std::vector<double> lambdas = log_grid(1e-6, 1e3, 10);  ///< candidate penalties
  double validation_fraction = 0.2;                        ///< share of training rows held out
  ValidationSplit split = ValidationSplit::kLastFraction;  ///< which rows are held out
  bool per_output_lambda = true;  ///< one lambda per output column, else one shared lambda
};

/// Row indices of the fitting part and of the validation part of n training rows.
struct RowSplit {
  std::vector<Eigen::Index> fit;         ///< rows the candidate models are fitted on
  std::vector<Eigen::Index> validation;  ///< rows they are scored on
};

/// Splits n rows as the options say; both parts are non-empty or InputError is thrown.
RowSplit make_validation_split(Eigen::Index n, double fraction, ValidationSplit split);

/// Mean squared validation error for every candidate lambda (rows) and output (columns).
Eigen::MatrixXd validation_mse(const RidgePath& path, const Eigen::MatrixXd& X_val,
                               const Eigen::MatrixXd& Y_val, const std::vector<double>& lambdas);

/// validation_mse for a fit on (X_fit, Y_fit) by the cheapest of three exact routes: one Cholesky
/// solve per lambda (few lambdas), validation_mse_tridiagonal (many lambdas, p <= rows) or
/// RidgePath's eigendecomposition of the kernel matrix (p > rows).
/// A lambda whose normal equations are not numerically positive definite scores +inf.
Eigen::MatrixXd validation_mse_direct(const Eigen::MatrixXd& X_fit, const Eigen::MatrixXd& Y_fit,
                                      const Eigen::MatrixXd& X_val, const Eigen::MatrixXd& Y_val,
                                      const std::vector<double>& lambdas);

/// validation_mse for a fit on (X_fit, Y_fit) through one tridiagonalisation of the centred Gram
/// matrix G = Q T Q^T (p <= rows): (G + lambda I)^-1 = Q (T + lambda I)^-1 Q^T, so each further
/// lambda costs an O(p m) tridiagonal solve and one (rows_val x p x m) product, not a factorisation.
/// A lambda whose T + lambda I is not numerically positive definite scores +inf.
Eigen::MatrixXd validation_mse_tridiagonal(const Eigen::MatrixXd& X_fit, const Eigen::MatrixXd& Y_fit,
                                           const Eigen::MatrixXd& X_val, const Eigen::MatrixXd& Y_val,
                                           const std::vector<double>& lambdas);

/// validation_mse_tridiagonal from the fitting part's precomputed normal equations.
Eigen::MatrixXd validation_mse_tridiagonal(const CentredGram& fit, const Eigen::MatrixXd& X_val,
                                           const Eigen::MatrixXd& Y_val, const std::vector<double>& lambdas);

/// Index of the best lambda per column of an error table (ties go to the larger lambda).
std::vector<int> argmin_per_column(const Eigen::MatrixXd& errors, const std::vector<double>& lambdas);

/// A ridge model whose lambdas were chosen on a validation part, and the errors that chose them.
struct ValidatedRidge {
  RidgeModel model;                ///< refitted on the fitting and validation rows together
  Eigen::MatrixXd validation_mse;  ///< n_lambdas x m (or n_lambdas x 1 when shared)
};

/// Scores every lambda on (X_val, Y_val) after a fit on (X_fit, Y_fit), picks the best per output
/// column (or one shared, summed over columns) and refits on both parts; when p <= fit rows the
/// refit pools the fitting part's normal equations with the validation part's instead of
/// forming them again from all rows.
ValidatedRidge ridge_fit_validated(const Eigen::MatrixXd& X_fit, const Eigen::MatrixXd& Y_fit,
                                   const Eigen::MatrixXd& X_val, const Eigen::MatrixXd& Y_val,
                                   const std::vector<double>& lambdas, bool per_output_lambda = true);

/// Result of ridge_fit_cv: the refitted model and the evidence for its lambdas.
struct RidgeCvResult {
  RidgeModel model;                ///< refitted on all training rows
  Eigen::MatrixXd validation_mse;  ///< n_lambdas x m (or n_lambdas x 1 when shared)
  std::vector<double> lambdas;     ///< the candidate grid, ascending
};

/// Chooses lambda on the validation part, then refits on all rows with the chosen lambda(s).
RidgeCvResult ridge_fit_cv(const Eigen::MatrixXd& X, const Eigen::MatrixXd& Y,
                           const RidgeCvOptions& options = {});

/// Copies the given rows of M into a new matrix.
Eigen::MatrixXd take_rows(const Eigen::MatrixXd& M, const std::vector<Eigen::Index>& rows);

}  // namespace hrsnn::readout
