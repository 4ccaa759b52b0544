/// \file standardize.hpp
/// \brief Per-feature standardisation z = (x - mean) / std, fitted on the training split only.
///
/// std is the population standard deviation (ddof = 0, as scikit-learn's StandardScaler);
/// a constant feature gets scale 1 so it maps to 0 instead of dividing by zero.
#pragma once

#include <Eigen/Dense>

namespace hrsnn::readout {

/// Feature means and scales learned on training rows, applied unchanged to any split.
struct Standardizer {
  Eigen::RowVectorXd mean;   ///< per-feature training mean
  Eigen::RowVectorXd scale;  ///< per-feature training std (1 where the feature is constant)

  /// Learns mean and scale from the rows of X (throws InputError when X is empty or non-finite).
  static Standardizer fit(const Eigen::MatrixXd& X);
  /// Returns (X - mean) / scale.
  Eigen::MatrixXd transform(const Eigen::MatrixXd& X) const;
  /// Applies (X - mean) / scale in place.
  void transform_inplace(Eigen::MatrixXd& X) const;
};

}  // namespace hrsnn::readout
