/// \file esn_prediction.cpp
/// \brief h-step prediction with the ESN and a ridge readout (protocol in esn_tasks.hpp).
#include "baselines/esn_tasks.hpp"

#include "core/error.hpp"
#include "metrics/prediction.hpp"
#include "readout/ridge.hpp"
#include "readout/standardize.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <memory>

namespace hrsnn::baselines {
namespace {

Eigen::MatrixXd features(Eigen::MatrixXd states, const Eigen::MatrixXd& u, bool with_input) {
  if (!with_input) return states;
  Eigen::MatrixXd f(states.rows(), states.cols() + u.cols());
  f << states, u;
  return f;
}

}  // namespace

EsnPredictionResult esn_prediction(const Eigen::MatrixXd& series, Eigen::Index train_end, Eigen::Index test_end,
                                   const std::vector<int>& horizons, const EsnPredictionOptions& o) {
  const auto t0 = std::chrono::steady_clock::now();
  require(!horizons.empty(), "esn_prediction: no horizons given");
  const int max_h = *std::max_element(horizons.begin(), horizons.end());
  require(*std::min_element(horizons.begin(), horizons.end()) >= 1, "esn_prediction: horizons must be >= 1");
  require(test_end <= series.rows(), "esn_prediction: test_end " + std::to_string(test_end) + " exceeds the " +
                                         std::to_string(series.rows()) + " rows of the series");
  require(o.washout >= 0 && o.washout + 20 <= train_end - max_h,
          "esn_prediction: washout " + std::to_string(o.washout) + " + horizon " + std::to_string(max_h) +
              " leave fewer than 20 training rows of train_end " + std::to_string(train_end));
  require(test_end - max_h >= train_end + 2, "esn_prediction: fewer than 2 test input times after horizon " +
                                                 std::to_string(max_h));
  require(series.topRows(test_end).allFinite(), "esn_prediction: the series holds NaN or inf");
  const Eigen::MatrixXd x = series.topRows(test_end);
  const Eigen::MatrixXd u = readout::Standardizer::fit(x.topRows(train_end)).transform(x);
  const Esn drawn(o.base, x.cols());
  const std::vector<EsnSetting> settings = grid_settings(o.grid, o.base);

  std::vector<EsnForecast> best(horizons.size());
  std::vector<EsnSetting> best_setting(horizons.size());
  std::vector<std::shared_ptr<const Eigen::MatrixXd>> best_features(horizons.size());  // no rerun at the end
  for (auto& b : best) b.chosen.validation_score = std::numeric_limits<double>::infinity();
  // Validation: one ridge path per setting serves every horizon (targets side by side) on the
  // rows every horizon can use, [washout, train_end − max_h); the last share of them is held out.
  const Eigen::Index n_common = train_end - max_h - o.washout;
  const auto n_val = std::max<Eigen::Index>(
      2, static_cast<Eigen::Index>(std::lround(o.grid.validation_fraction * static_cast<double>(n_common))));
  const Eigen::Index n_a = n_common - n_val, d = x.cols();
  Eigen::MatrixXd y_fit(n_a, d * static_cast<Eigen::Index>(horizons.size())), y_val(n_val, y_fit.cols());
  for (std::size_t k = 0; k < horizons.size(); ++k) {
    y_fit.middleCols(static_cast<Eigen::Index>(k) * d, d) = x.middleRows(o.washout + horizons[k], n_a);
    y_val.middleCols(static_cast<Eigen::Index>(k) * d, d) = x.middleRows(o.washout + n_a + horizons[k], n_val);
  }
  const auto score = [&](const EsnSetting& s, Eigen::MatrixXd states) {
    const auto fp = std::make_shared<const Eigen::MatrixXd>(features(std::move(states), u, o.readout_input));
    const Eigen::MatrixXd& f = *fp;
    const readout::RidgePath path(f.middleRows(o.washout, n_a), y_fit);
    const Eigen::MatrixXd proj = path.project(f.middleRows(o.washout + n_a, n_val));
    for (double alpha : o.grid.ridge_alphas) {
      const Eigen::MatrixXd pred = path.predict_projected(proj, alpha);
      for (std::size_t k = 0; k < horizons.size(); ++k) {
        const auto cols = static_cast<Eigen::Index>(k) * d;
        const double e = metrics::nrmse(pred.middleCols(cols, d), y_val.middleCols(cols, d)).mean;
        if (e < best[k].chosen.validation_score) {  // NaN never wins
          best[k].chosen.validation_score = e;
          best[k].chosen.ridge_alpha = alpha;
          best_setting[k] = s;
          best_features[k] = fp;
        }
      }
    }
  };
  for (const auto& batch : setting_batches(settings, 16.0 * static_cast<double>(u.rows()) * o.base.n)) {
    std::vector<Eigen::MatrixXd> states = drawn.run_settings(u, batch);
    for (std::size_t b = 0; b < batch.size(); ++b) score(batch[b], std::move(states[b]));
  }
  EsnPredictionResult out;
  for (std::size_t k = 0; k < horizons.size(); ++k) {
    const int h = horizons[k];
    require(std::isfinite(best[k].chosen.validation_score), "esn_prediction: no setting gave a finite validation error");
    const EsnSetting& s = best_setting[k];
    const Esn esn = drawn.rescaled(s.leak, s.spectral_radius, s.input_scaling);
    const Eigen::MatrixXd& f = *best_features[k];
    const Eigen::Index n_fit = train_end - h - o.washout, n_test = test_end - h - train_end;
    const readout::RidgeModel m = readout::ridge_fit(f.middleRows(o.washout, n_fit), x.middleRows(o.washout + h, n_fit),
                                                     best[k].chosen.ridge_alpha);
    best[k].horizon = h;
    best[k].nrmse = metrics::nrmse(m.predict(f.middleRows(train_end, n_test)), x.middleRows(train_end + h, n_test)).mean;
    best[k].chosen.params = esn.params();
    best[k].chosen.settings_tried = static_cast<int>(settings.size());
    out.per_horizon.push_back(best[k]);
  }
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return out;
}

}  // namespace hrsnn::baselines
