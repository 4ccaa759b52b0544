/// \file dimensionality.hpp
/// \brief Effective dimensionality of a state matrix (rows = windows, columns = neurons):
/// with the PCA variances l_1 >= l_2 >= ... of the centred states,
///     D_90 = min { k : sum_{i<=k} l_i >= 0.9 sum_i l_i }        (docs/model.md §5)
/// and, beside it, the participation ratio PR = (sum l_i)^2 / sum l_i^2
/// (Gao et al. 2017, "A theory of multineuronal dimensionality").
#pragma once

#include <Eigen/Dense>

namespace hrsnn::metrics {

/// Principal-component counts of a state matrix.
struct DimensionalityResult {
  int n_components = 0;               ///< D_fraction (0 when the states are constant)
  double participation_ratio = 0.0;   ///< PR (0 when the states are constant)
  Eigen::VectorXd explained_variance_ratio;  ///< l_i / sum l, descending
};

/// Computes D for the given variance fraction (default 0.9) from the smaller Gram matrix.
DimensionalityResult effective_dimensionality(const Eigen::MatrixXd& states, double fraction = 0.9);

}  // namespace hrsnn::metrics
