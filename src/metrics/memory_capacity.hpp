/// \file memory_capacity.hpp
/// \brief Short-term memory capacity of a state sequence (Jaeger 2001, GMD Report 152).
///
/// For delays k = 1..K a ridge readout y_k(t) = x(t) w_k + b_k is fitted on the training
/// windows to reproduce u(t-k), its lambda chosen on the last part of the training windows
/// (readout/ridge.hpp); on the test windows
///     C(k) = corr^2(u(t-k), y_k(t)),   C_raw = sum_k C(k).
/// Noise correction (docs/model.md §5): the same statistic is computed with time-shuffled targets
/// (R random permutations per delay of u(t-k) over the train+test windows, each with its own
/// lambda selection); its 99th percentile over all K*R shuffles, which are exchangeable under
/// the null, is the threshold theta, and
///     C_corrected = sum_k C(k) [C(k) > theta].
/// Cost (readout::ridge_fit_validated): one tridiagonalisation of the fit part's Gram matrix
/// serves every delay, shuffle and lambda of the validation step; the refit on all training
/// windows pools the fit part's normal equations with the validation part's and makes one
/// Cholesky factorisation per distinct chosen lambda.
#pragma once

#include "readout/ridge.hpp"

#include <Eigen/Dense>

#include <cstdint>
#include <vector>

namespace hrsnn::metrics {

/// Layout of the run and settings of the estimator (defaults: docs/model.md §5).
struct MemoryCapacityOptions {
  int max_delay = 100;            ///< K
  Eigen::Index washout = 200;     ///< first windows skipped (must be >= max_delay)
  Eigen::Index train = 2000;      ///< training windows after the washout
  Eigen::Index test = 1000;       ///< test windows after the training windows
  std::vector<double> lambdas = readout::log_grid(1e-6, 1e3, 10);  ///< ridge grid
  double validation_fraction = 0.2;  ///< last share of training windows used to pick lambda
  int shuffles_per_delay = 10;       ///< R; 0 disables the correction (corrected = raw)
  double null_quantile = 0.99;       ///< quantile of the shuffled statistic used as threshold
  std::uint64_t seed = 0;            ///< shuffle k, r uses Rng(derive_seed(seed, {k, r}))
};

/// Memory capacity, raw and noise-corrected, with its per-delay curve.
struct MemoryCapacityResult {
  double capacity_raw = 0.0;        ///< sum_k C(k)
  double capacity_corrected = 0.0;  ///< sum of the C(k) above the null threshold
  Eigen::VectorXd per_delay;        ///< C(k) at index k-1
  Eigen::VectorXd per_delay_corrected;  ///< C(k) where counted, else 0
  Eigen::VectorXd lambda_per_delay;     ///< chosen ridge lambda per delay
  Eigen::VectorXd null_samples;     ///< the K*R shuffled statistics (empty if R = 0)
  double null_threshold = 0.0;      ///< their null_quantile (0 if R = 0)
};

/// Computes memory capacity from states (rows = windows, columns = features) and the input u
/// (one value per window, same length). Throws InputError if the layout does not fit.
MemoryCapacityResult memory_capacity(const Eigen::MatrixXd& states, const Eigen::VectorXd& u,
                                     const MemoryCapacityOptions& options = {});

/// Squared Pearson correlation of two equal-length vectors (0 when either is constant).
double squared_correlation(const Eigen::Ref<const Eigen::VectorXd>& a,
                           const Eigen::Ref<const Eigen::VectorXd>& b);

/// Quantile with linear interpolation between order statistics (numpy's default method).
double quantile(Eigen::VectorXd values, double q);

}  // namespace hrsnn::metrics
