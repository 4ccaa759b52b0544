/// \file min_max_scaler.hpp
/// \brief Per-dimension scaling to [0, 1] fitted on the training split (docs/model.md §4).
///
///   x' = clip((x - min_train) / (max_train - min_train), 0, 1)
#pragma once

#include <Eigen/Dense>

#include <string>
#include <vector>

namespace hrsnn::encode {

/// Learns each column's range on training data and maps any data into [0, 1] (values outside clipped).
class MinMaxScaler {
 public:
  /// Fits on one matrix (rows = samples, cols = dimensions); a constant column is an InputError
  /// naming `source` (the file the data came from) and the 1-based dimension.
  void fit(const Eigen::MatrixXd& train, const std::string& source = "MinMaxScaler");
  /// Fits on the rows of several matrices with equal column counts (e.g. every training sequence).
  void fit(const std::vector<Eigen::MatrixXd>& train, const std::string& source = "MinMaxScaler");
  /// Scales and clips `x` (same number of columns as the fit).
  Eigen::MatrixXd transform(const Eigen::MatrixXd& x) const;
  /// Per-column training minimum.
  const Eigen::RowVectorXd& min() const { return min_; }
  /// Per-column training maximum.
  const Eigen::RowVectorXd& max() const { return max_; }

 private:
  Eigen::RowVectorXd min_, max_;
};

}  // namespace hrsnn::encode
