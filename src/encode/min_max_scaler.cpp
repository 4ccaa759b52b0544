/// \file min_max_scaler.cpp
/// \brief Min-max scaling with clipping (equation in min_max_scaler.hpp).
#include "encode/min_max_scaler.hpp"

#include "core/error.hpp"

#include <limits>
#include <string>

namespace hrsnn::encode {

void MinMaxScaler::fit(const Eigen::MatrixXd& train, const std::string& source) {
  fit(std::vector<Eigen::MatrixXd>{train}, source);
}

void MinMaxScaler::fit(const std::vector<Eigen::MatrixXd>& train, const std::string& source) {
  require(!train.empty(), source + ": no training data");
  const Eigen::Index d = train.front().cols();
  min_ = Eigen::RowVectorXd::Constant(d, std::numeric_limits<double>::infinity());
  max_ = Eigen::RowVectorXd::Constant(d, -std::numeric_limits<double>::infinity());
  for (const auto& m : train) {
    require(m.cols() == d, source + ": training sequences have different numbers of dimensions");
    if (m.rows() == 0) continue;
    min_ = min_.cwiseMin(m.colwise().minCoeff());
    max_ = max_.cwiseMax(m.colwise().maxCoeff());
  }
  for (Eigen::Index c = 0; c < d; ++c)
    require(max_[c] > min_[c], source + ": dimension " + std::to_string(c + 1) +
                                   " is constant (or empty) on the training split and cannot be scaled to [0, 1]");
}

Eigen::MatrixXd MinMaxScaler::transform(const Eigen::MatrixXd& x) const {
  require(min_.size() > 0, "MinMaxScaler: transform before fit");
  require(x.cols() == min_.size(), "MinMaxScaler: fitted on " + std::to_string(min_.size()) +
                                       " dimensions, given " + std::to_string(x.cols()));
  const Eigen::RowVectorXd span = max_ - min_;
  Eigen::MatrixXd y = (x.rowwise() - min_).array().rowwise() / span.array();
  return y.cwiseMax(0.0).cwiseMin(1.0);
}

}  // namespace hrsnn::encode
