/// \file heterogeneity.hpp
/// \brief Heterogeneity measure of docs/model.md §2: log det of the sample covariance
///     Sigma = 1/(n-1) sum_i (x_i - xbar)(x_i - xbar)^T
/// of per-neuron (tau_m, v_th) or per-synapse (tau_plus, tau_minus, eta_plus, eta_minus)
/// vectors (rows = units, columns = parameters, in ms / mV / dimensionless). log det is the
/// differential-entropy term of a Gaussian fit (Cover & Thomas, Elements of Information
/// Theory, eq. 8.34). It is null with a "singular" flag when a column is constant (a point
/// mass) or Sigma is numerically singular.
#pragma once

#include <Eigen/Dense>

#include <optional>
#include <string>

namespace hrsnn::metrics {

/// log det of a sample covariance, or null with the reason it is singular.
struct LogDetResult {
  std::optional<double> log_det;  ///< null when singular
  bool singular = false;          ///< a constant column or a rank-deficient covariance
  std::string reason;             ///< why it is singular (empty otherwise)
  Eigen::MatrixXd covariance;     ///< the sample covariance (n - 1 denominator)
};

/// Computes the measure; throws InputError when there are fewer than 2 rows or values are
/// not finite.
LogDetResult log_det_covariance(const Eigen::MatrixXd& samples);

}  // namespace hrsnn::metrics
