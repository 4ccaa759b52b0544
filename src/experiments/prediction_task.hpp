/// \file prediction_task.hpp
/// \brief Time-series prediction with a reservoir and a ridge readout (docs/model.md §4, §5, §7).
///
/// Each sample of the series (scaled to [0, 1] on the training part, later values clipped) is one
/// presentation window of the rate code. Protocol: STDP phase over the training windows, freeze,
/// one frozen run over train + test; the state after window t predicts x(t + h) for every
/// horizon h with a ridge readout (lambda per output by validation on the last 20 % of the fitted
/// windows), fitted on training windows washout ≤ t < train − max(h) (the same windows for every
/// horizon, so one fit serves them all), scored on the test windows. Reported beside persistence and a linear AR(lag) baseline on the same split.
#pragma once

#include "sim/simulator.hpp"

#include "encode/rate_encoder.hpp"
#include "experiments/baseline_cache.hpp"
#include "experiments/reservoir.hpp"
#include "experiments/task_result.hpp"
#include "sim/network_spec.hpp"

#include <Eigen/Dense>

#include <memory>
#include <vector>

namespace hrsnn::experiments {

/// Settings of a prediction task.
struct PredictionOptions {
  Eigen::Index train = 5000;           ///< training samples (first rows of the series)
  Eigen::Index test = 2000;            ///< test samples following them
  Eigen::Index washout = 100;          ///< first training windows not used to fit
  std::vector<int> horizons = {1, 10}; ///< samples ahead
  int ar_lag = 10;                     ///< lag of the linear AR baseline
  encode::RateCodeParams code;         ///< M = 20, 200 Hz, 20 ms windows
  FeatureSpec features;                ///< counts or traces (at one or more τ)
  bool readout_input = false;          ///< nrmse_h{h} from reservoir + input features (else reservoir only; configs default to true)
  bool stdp_phase = true;
  sim::SimOptions engine{true};  ///< pairing, plastic layout and precision (plastic is switched by the task)
  std::shared_ptr<BaselineCache> esn;  ///< the echo-state-network baseline, per seed (none: not run)
  bool keep_predictions = false;       ///< details get every horizon's full test forecast and target (hrsnn.predict)
};

/// Runs the task; per horizon: nrmse_h{h} (the configured readout), nrmse_res_h{h} (reservoir
/// features only), nrmse_resin_h{h} (reservoir + input), input_nrmse_h{h} (the same ridge on the
/// input alone), persistence_h{h}, ar_h{h}, esn_nrmse_h{h}; plus activity.
TaskResult run_prediction_task(const Eigen::MatrixXd& series, const sim::NetworkSpec& spec, std::uint64_t seed,
                               const PredictionOptions& options);

}  // namespace hrsnn::experiments
