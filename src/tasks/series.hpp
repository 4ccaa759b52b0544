/// \file series.hpp
/// \brief A sampled multivariate time series, the common currency of generators and loaders.
#pragma once

#include <Eigen/Dense>

#include <string>
#include <vector>

namespace hrsnn::tasks {

/// A time series: one row per sample, one column per dimension.
struct Series {
  Eigen::MatrixXd values;          ///< samples x dimensions
  std::vector<std::string> names;  ///< one name per column
  double dt_units = 1.0;           ///< time between rows, in the system's own time units

  /// Number of samples (rows).
  Eigen::Index length() const { return values.rows(); }
  /// Number of dimensions (columns).
  Eigen::Index dims() const { return values.cols(); }
};

}  // namespace hrsnn::tasks
