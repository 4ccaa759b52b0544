/// \file heterogeneity.cpp
/// \brief log det of the sample covariance with a singular flag (see heterogeneity.hpp).
#include "metrics/heterogeneity.hpp"

#include "core/error.hpp"

#include <cmath>
#include <string>

namespace hrsnn::metrics {

LogDetResult log_det_covariance(const Eigen::MatrixXd& samples) {
  require(samples.rows() >= 2 && samples.cols() >= 1, "log_det_covariance: need >= 2 rows and >= 1 column");
  require(samples.allFinite(), "log_det_covariance: values contain NaN or inf");
  LogDetResult r;
  const Eigen::MatrixXd c = samples.rowwise() - samples.colwise().mean();
  r.covariance = c.transpose() * c / static_cast<double>(samples.rows() - 1);
  for (Eigen::Index j = 0; j < samples.cols(); ++j) {
    // Relative to the column's magnitude: a point mass has zero spread up to round-off.
    const double scale = samples.col(j).cwiseAbs().maxCoeff();
    if (std::sqrt(r.covariance(j, j)) <= 1e-12 * scale || r.covariance(j, j) == 0.0) {
      r.singular = true;
      r.reason = "column " + std::to_string(j) + " is constant";
      return r;
    }
  }
  // Scale-free check: the correlation matrix must be well away from singular.
  const Eigen::VectorXd d = r.covariance.diagonal().cwiseSqrt().cwiseInverse();
  const Eigen::MatrixXd corr = d.asDiagonal() * r.covariance * d.asDiagonal();
  const Eigen::VectorXd ev = Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>(corr, Eigen::EigenvaluesOnly).eigenvalues();
  if (!(ev.minCoeff() > 1e-12 * static_cast<double>(samples.cols()))) {
    r.singular = true;
    r.reason = "covariance is singular (rank-deficient parameters)";
    return r;
  }
  // log det Sigma = log det R + sum_j log Sigma_jj, avoiding overflow for wide ranges.
  r.log_det = ev.array().log().sum() + r.covariance.diagonal().array().log().sum();
  return r;
}

}  // namespace hrsnn::metrics
