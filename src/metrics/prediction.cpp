/// \file prediction.cpp
/// \brief NRMSE, persistence and linear AR baselines (formulas in prediction.hpp).
#include "metrics/prediction.hpp"

#include "core/error.hpp"

#include <cmath>
#include <string>

namespace hrsnn::metrics {
namespace {

struct Range {
  Eigen::Index begin, end;
};

Range test_range(const Eigen::MatrixXd& series, const ForecastSplit& s) {
  require(s.horizon >= 1, "forecast: horizon must be >= 1");
  require(series.rows() > 0 && series.cols() > 0 && series.allFinite(), "forecast: series empty or not finite");
  require(s.train_end > 0 && s.train_end < series.rows(), "forecast: train_end outside the series");
  const Eigen::Index last = series.rows() - s.horizon;
  const Range r{s.test_begin < 0 ? s.train_end : s.test_begin, s.test_end < 0 ? last : s.test_end};
  require(r.begin >= 0 && r.end <= last && r.end - r.begin >= 2,
          "forecast: test input times [" + std::to_string(r.begin) + ", " + std::to_string(r.end) +
              ") need >= 2 samples with targets inside the series");
  return r;
}

}  // namespace

NrmseResult nrmse(const Eigen::MatrixXd& prediction, const Eigen::MatrixXd& target) {
  require(prediction.rows() == target.rows() && prediction.cols() == target.cols() && target.rows() >= 2,
          "nrmse: prediction and target must have the same shape and >= 2 rows");
  NrmseResult r;
  r.per_dim.resize(target.cols());
  for (Eigen::Index j = 0; j < target.cols(); ++j) {
    const double sd = std::sqrt((target.col(j).array() - target.col(j).mean()).square().mean());
    require(sd > 0.0, "nrmse: target column " + std::to_string(j) + " is constant");
    r.per_dim(j) = std::sqrt((prediction.col(j) - target.col(j)).squaredNorm() / target.rows()) / sd;
  }
  r.mean = r.per_dim.mean();
  return r;
}

NrmseResult persistence_nrmse(const Eigen::MatrixXd& series, const ForecastSplit& split) {
  const Range r = test_range(series, split);
  return nrmse(series.middleRows(r.begin, r.end - r.begin),
               series.middleRows(r.begin + split.horizon, r.end - r.begin));
}

Eigen::MatrixXd lagged_features(const Eigen::MatrixXd& series, Eigen::Index begin, Eigen::Index end, int lag) {
  require(lag >= 1 && begin >= lag - 1 && end <= series.rows() && end > begin,
          "lagged_features: need lag >= 1 and lag - 1 <= begin < end <= T");
  const Eigen::Index d = series.cols();
  Eigen::MatrixXd F(end - begin, d * lag);
  for (int l = 0; l < lag; ++l) F.middleCols(l * d, d) = series.middleRows(begin - l, end - begin);
  return F;
}

ArBaselineResult ar_baseline(const Eigen::MatrixXd& series, const ForecastSplit& split, int lag,
                             const readout::RidgeCvOptions& options) {
  const Range te = test_range(series, split);
  require(lag >= 1, "ar_baseline: lag must be >= 1");
  require(te.begin >= lag - 1, "ar_baseline: the first test time lacks " + std::to_string(lag) + " lags");
  const Eigen::Index tr_begin = lag - 1, tr_end = split.train_end - split.horizon;
  require(tr_end - tr_begin >= 10, "ar_baseline: too few training samples for lag " + std::to_string(lag));
  ArBaselineResult out;
  out.model = readout::ridge_fit_cv(lagged_features(series, tr_begin, tr_end, lag),
                                    series.middleRows(tr_begin + split.horizon, tr_end - tr_begin), options)
                  .model;
  out.prediction = out.model.predict(lagged_features(series, te.begin, te.end, lag));
  out.nrmse = nrmse(out.prediction, series.middleRows(te.begin + split.horizon, te.end - te.begin));
  return out;
}

}  // namespace hrsnn::metrics
