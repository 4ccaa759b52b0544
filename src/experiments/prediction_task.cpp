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
  TaskResult out;
  for (int h : o.horizons) {
    // Fit on t in [washout, train − h): targets stay in the training part.
    const Eigen::Index n_fit = o.train - h - o.washout;
    const Eigen::Index n_test = o.test - h;
    const Eigen::MatrixXd Y = x.middleRows(o.washout + h, n_fit);
    const Eigen::MatrixXd truth = x.middleRows(o.train + h, n_test);
    auto score = [&](const Eigen::MatrixXd& f, Eigen::MatrixXd* pred_out) {
      const readout::RidgeCvResult fit = readout::ridge_fit_cv(f.middleRows(o.washout, n_fit), Y);
      Eigen::MatrixXd pred = fit.model.predict(f.middleRows(o.train, n_test));
      const double e = metrics::nrmse(pred, truth).mean;
      if (pred_out) *pred_out = std::move(pred);
      return e;
    };
    Eigen::MatrixXd pred_res, pred_resin;
    const std::string k = "_h" + std::to_string(h);
    out.scalars["nrmse_res" + k] = score(run.features, &pred_res);
    out.scalars["nrmse_resin" + k] = score(with_input, &pred_resin);
    out.scalars["input_nrmse" + k] = score(x01, nullptr);
    out.scalars["nrmse" + k] = out.scalars["nrmse" + std::string(o.readout_input ? "_resin" : "_res") + k];
    const Eigen::MatrixXd& pred = o.readout_input ? pred_resin : pred_res;
    metrics::ForecastSplit split;
    split.train_end = o.train;
    split.test_begin = o.train;
    split.test_end = o.train + n_test;
    split.horizon = h;
    out.scalars["persistence" + k] = metrics::persistence_nrmse(x, split).mean;
    out.scalars["ar" + k] = metrics::ar_baseline(x, split, o.ar_lag).nrmse.mean;
    if (h == o.horizons.front()) {
      const Eigen::Index show = std::min<Eigen::Index>(n_test, 500);
      out.details["prediction" + k] = std::vector<double>(pred.data(), pred.data() + show);  // first column
      out.details["truth" + k] = std::vector<double>(truth.data(), truth.data() + show);
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
  return out;
}

}  // namespace hrsnn::experiments
