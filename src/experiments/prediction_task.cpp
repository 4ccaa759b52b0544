#include "experiments/prediction_task.hpp"

#include "baselines/esn_tasks.hpp"
#include "core/error.hpp"
#include "core/rng.hpp"
#include "encode/min_max_scaler.hpp"
#include "experiments/activity_report.hpp"
#include "experiments/input_pathway.hpp"
#include "metrics/prediction.hpp"
#include "readout/ridge.hpp"
#include "sim/network.hpp"

#include <algorithm>

namespace hrsnn::experiments {

TaskResult run_prediction_task(const Eigen::MatrixXd& series, const sim::NetworkSpec& base, std::uint64_t seed,
                               const PredictionOptions& o) {
  const Eigen::Index total = o.train + o.test;
  require(series.rows() >= total, "prediction: the series has " + std::to_string(series.rows()) + " samples, fewer than train + test = " + std::to_string(total));
  require(series.allFinite(), "prediction: the series holds NaN or inf values");
  const int max_h = *std::max_element(o.horizons.begin(), o.horizons.end());
  require(o.washout + 10 < o.train - max_h, "prediction: washout + horizon leave too few training windows");
  const Eigen::MatrixXd x = series.topRows(total);

  encode::MinMaxScaler scaler;
  scaler.fit(x.topRows(o.train));
  const Eigen::MatrixXd x01 = scaler.transform(x);
  const encode::RateEncoder encoder(x.cols(), o.code);
  const sim::NetworkSpec spec = with_inputs(base, encoder.n_sources(), x.cols());
  const std::int64_t w = sim::to_steps(o.code.window_ms, spec.dt, "encoding.window_ms");

  Reservoir reservoir(spec, seed, o.engine);
  if (o.stdp_phase) {
    const EncodedInput train = encode_input(encoder, x01.topRows(o.train), reservoir.network(), derive_seed(seed, {0x7072, 1}));
    reservoir.stdp_phase(train.spikes, o.train * w, train.drive_ptr());
  }
  const EncodedInput input = encode_input(encoder, x01, reservoir.network(), derive_seed(seed, {0x7072, 2}));
  const WindowRun run = reservoir.run_windows(input.spikes, total, w, o.features, input.drive_ptr());

  // The input's own features at window t: the scaled sample itself (the usual input-to-readout
  // connection of reservoir computing).
  Eigen::MatrixXd with_input(run.features.rows(), run.features.cols() + x01.cols());
  with_input << run.features, x01;
  // Every horizon is fitted on the same windows t in [washout, train − max_h) (targets stay in
  // the training part), so one ridge per feature set serves all horizons: its Gram matrix and
  // eigendecomposition dominate the task's time when trace features make the design wide.
  const Eigen::Index n_fit = o.train - max_h - o.washout;
  const Eigen::Index d = x.cols();
  const auto n_h = static_cast<Eigen::Index>(o.horizons.size());
  Eigen::MatrixXd Y(n_fit, d * n_h);
  for (Eigen::Index k = 0; k < n_h; ++k) Y.middleCols(k * d, d) = x.middleRows(o.washout + o.horizons[k], n_fit);
  auto fit_predict = [&](const Eigen::MatrixXd& f) {
    const readout::RidgeCvResult fit = readout::ridge_fit_cv(f.middleRows(o.washout, n_fit), Y);
    return Eigen::MatrixXd(fit.model.predict(f.middleRows(o.train, o.test)));
  };
  const Eigen::MatrixXd all_res = fit_predict(run.features);
  const Eigen::MatrixXd all_resin = fit_predict(with_input);
  const Eigen::MatrixXd all_input = fit_predict(x01);
  TaskResult out;
  for (Eigen::Index k = 0; k < n_h; ++k) {
    const int h = o.horizons[k];
    // The prediction made at test window t targets x(t + h): the last h windows have no target.
    const Eigen::Index n_test = o.test - h;
    const Eigen::MatrixXd truth = x.middleRows(o.train + h, n_test);
    auto score = [&](const Eigen::MatrixXd& all) { return metrics::nrmse(all.block(0, k * d, n_test, d), truth).mean; };
    const std::string key = "_h" + std::to_string(h);
    out.scalars["nrmse_res" + key] = score(all_res);
    out.scalars["nrmse_resin" + key] = score(all_resin);
    out.scalars["input_nrmse" + key] = score(all_input);
    out.scalars["nrmse" + key] = out.scalars["nrmse" + std::string(o.readout_input ? "_resin" : "_res") + key];
    const Eigen::MatrixXd pred = (o.readout_input ? all_resin : all_res).block(0, k * d, n_test, d);
    metrics::ForecastSplit split;
    split.train_end = o.train;
    split.test_begin = o.train;
    split.test_end = o.train + n_test;
    split.horizon = h;
    out.scalars["persistence" + key] = metrics::persistence_nrmse(x, split).mean;
    out.scalars["ar" + key] = metrics::ar_baseline(x, split, o.ar_lag).nrmse.mean;
    if (o.keep_predictions) {
      // Rows are test input times t, columns the series' dimensions; x(t + h) is the target.
      auto rows_of = [&](const Eigen::MatrixXd& m) {
        nlohmann::json rows = nlohmann::json::array();
        for (Eigen::Index t = 0; t < m.rows(); ++t) {
          const Eigen::RowVectorXd row = m.row(t);
          rows.push_back(std::vector<double>(row.data(), row.data() + d));
        }
        return rows;
      };
      out.details["forecast" + key] = rows_of(pred);
      out.details["target" + key] = rows_of(truth);
    }
    if (k == 0) {
      const Eigen::Index show = std::min<Eigen::Index>(n_test, 500);
      out.details["prediction" + key] = std::vector<double>(pred.data(), pred.data() + show);  // first column
      out.details["truth" + key] = std::vector<double>(truth.data(), truth.data() + show);
    }
  }
  if (o.esn) {
    // An echo state network of the same size on the same split: what the spiking reservoir adds.
    const BaselineScalars esn = o.esn->get(seed, [&] {
      baselines::EsnPredictionOptions eo;
      eo.base.n = static_cast<int>(base.n);
      eo.base.seed = derive_seed(seed, {0x65736E});
      eo.washout = o.washout;
      const baselines::EsnPredictionResult r = baselines::esn_prediction(x, o.train, o.train + o.test, o.horizons, eo);
      BaselineScalars v;
      for (const auto& f : r.per_horizon) v["esn_nrmse_h" + std::to_string(f.horizon)] = f.nrmse;
      v["esn_seconds"] = r.seconds;
      return v;
    });
    add_baseline(esn, out);
  }
  const std::int64_t test_begin = run.first_step + o.train * w;
  report_activity(reservoir.network(), run.spikes, test_begin, test_begin + o.test * w, o.test, o.code.window_ms,
                  run.features.bottomRows(o.test), out);
  report_heterogeneity(reservoir.network(), out);
  report_plastic_weights(reservoir.network(), reservoir.simulator().weights(reservoir.network()), out);
  return out;
}

}  // namespace hrsnn::experiments
