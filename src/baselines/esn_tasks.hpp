/// \file esn_tasks.hpp
/// \brief The echo state network on hrsnn's three task kinds, each in one call, with its
/// hyper-parameters chosen on a validation part of the training data (esn_grid.hpp).
///
/// - Prediction (docs/model.md §5): the series, z-scored on its training rows, drives the ESN from
///   x = 0 through train and test; a ridge readout on [x(t), u(t)] (or x(t)) predicts the raw
///   series at t + h. Fit on t in [washout, train_end − h); test t in [train_end, test_end − h),
///   as experiments/prediction_task.cpp. Selection: on t in [washout, train_end − max h), the
///   last share held out, one ridge path per setting for all horizons; chosen per horizon.
/// - Classification: each sequence, z-scored per dimension on the training rows, runs from
///   x = 0; features = the states at the ends of B equal bins (bin b ends at row
///   max(lo + 1, T (b + 1) / B) − 1, the bins of classification_task.cpp), standardised on the
///   training set; one-vs-rest ridge (α on the validation sequences, every k-th row) or
///   multinomial logistic (C on its own grid, as the task does; the ESN setting is still chosen
///   by the ridge readout, which is cheap).
/// - Memory capacity: u, z-scored on the washout + training windows, drives the ESN;
///   metrics::memory_capacity on the states with the task's options (same delays, split,
///   per-delay λ and shuffle correction). Setting chosen by raw capacity with the training
///   windows split into fit and validation (no shuffles).
#pragma once

#include "baselines/esn_grid.hpp"
#include "metrics/memory_capacity.hpp"

#include <Eigen/Dense>

#include <vector>

namespace hrsnn::baselines {

/// Options of esn_prediction.
struct EsnPredictionOptions {
  EsnParams base;             ///< n, density, bias, seed (and a, ρ, s where the grid is empty)
  EsnGrid grid;               ///< searched settings and α
  Eigen::Index washout = 100; ///< first input times never fitted
  bool readout_input = true;  ///< append u(t) (z-scored) to the readout's features
};

/// One horizon's test NRMSE (mean over dimensions) and its chosen setting.
struct EsnForecast {
  int horizon = 1;     ///< h
  double nrmse = 0.0;  ///< on the test input times
  EsnChoice chosen;    ///< chosen separately for each h
};

/// Result of esn_prediction.
struct EsnPredictionResult {
  std::vector<EsnForecast> per_horizon;  ///< in the order of the horizons given
  double seconds = 0.0;                  ///< wall time of the whole call
};

/// Predicts series (rows = time) h steps ahead for every h in horizons; rows [0, train_end)
/// train, input times [train_end, test_end − h) test (test_end <= rows).
EsnPredictionResult esn_prediction(const Eigen::MatrixXd& series, Eigen::Index train_end, Eigen::Index test_end,
                                   const std::vector<int>& horizons, const EsnPredictionOptions& options = {});

/// Options of esn_classification.
struct EsnClassificationOptions {
  EsnParams base;                 ///< n, density, bias, seed
  EsnGrid grid;                   ///< searched settings and α (validation: interleaved sequences)
  int bins = 5;                   ///< B
  std::string readout = "ridge";  ///< "ridge" (one-vs-rest) or "logistic"
  bool readout_input = false;     ///< append each dimension's mean in the B bins to the features
};

/// Result of esn_classification.
struct EsnClassificationResult {
  double accuracy = 0.0;       ///< on the test sequences
  std::vector<int> predicted;  ///< one label per test sequence
  EsnChoice chosen;            ///< chosen setting (validation accuracy, ties: ±1-target MSE)
  double seconds = 0.0;        ///< wall time of the whole call
};

/// Classifies whole sequences (rows = time, columns = dimensions) with labels 0..n_classes−1.
EsnClassificationResult esn_classification(const std::vector<Eigen::MatrixXd>& train, const std::vector<int>& train_labels,
                                           const std::vector<Eigen::MatrixXd>& test, const std::vector<int>& test_labels,
                                           int n_classes, const EsnClassificationOptions& options = {});

/// The states at the ends of the B bins of one run, concatenated (B·N; bins as above).
Eigen::RowVectorXd bin_end_states(const Eigen::MatrixXd& states, int bins);

/// Options of esn_memory_capacity.
struct EsnMemoryOptions {
  EsnParams base;  ///< n, density, bias, seed
  EsnGrid grid;    ///< searched settings; α comes from the capacity options' lambda grid
};

/// Result of esn_memory_capacity.
struct EsnMemoryResult {
  metrics::MemoryCapacityResult capacity;  ///< raw, corrected, per delay (as the spiking task)
  EsnChoice chosen;                        ///< chosen setting (validation raw capacity)
  double seconds = 0.0;                    ///< wall time of the whole call
};

/// Memory capacity of the ESN driven by u (one value per window, the task's input) on the
/// protocol of `mc` (delays, washout/train/test windows, λ grid, shuffles, seed).
EsnMemoryResult esn_memory_capacity(const Eigen::VectorXd& u, const metrics::MemoryCapacityOptions& mc,
                                    const EsnMemoryOptions& options = {});

}  // namespace hrsnn::baselines
