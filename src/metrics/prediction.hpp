/// \file prediction.hpp
/// \brief Forecast error and the two baselines every forecast is reported beside.
///
/// NRMSE_j = sqrt(mean_t (yhat_j(t) - y_j(t))^2) / std_t(y_j(t))   (std with ddof 0, over the
/// evaluated targets), and its mean over output dimensions (docs/model.md §5; Jaeger & Haas 2004).
/// Persistence: yhat(t + h) = x(t). Linear AR baseline of lag L: ridge (lambda by validation on
/// the last 20 % of the training samples) on [x(t), x(t-1), ..., x(t-L+1)] -> x(t + h).
/// Samples: t is an input time; training uses t in [L-1, train_end - h) so every target lies
/// in the training part; testing uses t in [test_begin, test_end) with t + h < T.
#pragma once

#include "readout/ridge.hpp"

#include <Eigen/Dense>

namespace hrsnn::metrics {

/// NRMSE per output dimension and its mean.
struct NrmseResult {
  Eigen::VectorXd per_dim;  ///< one entry per output column
  double mean = 0.0;        ///< average over columns
};

/// NRMSE of predictions against targets (same shape, >= 2 rows); a constant target column
/// throws InputError (its NRMSE is undefined).
NrmseResult nrmse(const Eigen::MatrixXd& prediction, const Eigen::MatrixXd& target);

/// Which input times t of a series (rows = time, columns = dimensions) are evaluated.
struct ForecastSplit {
  Eigen::Index train_end = 0;    ///< first row not in the training part
  Eigen::Index test_begin = -1;  ///< first evaluated input time (-1: train_end)
  Eigen::Index test_end = -1;    ///< one past the last evaluated input time (-1: T - horizon)
  int horizon = 1;               ///< h >= 1 samples ahead
};

/// Persistence forecast x(t) for x(t + h) on the test input times.
NrmseResult persistence_nrmse(const Eigen::MatrixXd& series, const ForecastSplit& split);

/// Rows [x(t), x(t-1), ..., x(t-lag+1)] for t in [begin, end) (needs begin >= lag - 1).
Eigen::MatrixXd lagged_features(const Eigen::MatrixXd& series, Eigen::Index begin, Eigen::Index end, int lag);

/// Result of the linear autoregressive baseline.
struct ArBaselineResult {
  NrmseResult nrmse;             ///< on the test input times
  readout::RidgeModel model;     ///< fitted on the training input times
  Eigen::MatrixXd prediction;    ///< test predictions (rows = test input times)
};

/// Fits and evaluates the linear AR(lag) baseline on the same split.
ArBaselineResult ar_baseline(const Eigen::MatrixXd& series, const ForecastSplit& split, int lag,
                             const readout::RidgeCvOptions& options = {});

}  // namespace hrsnn::metrics
