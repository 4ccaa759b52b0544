/// \file standardize.cpp
/// \brief Standardizer implementation (see standardize.hpp).
#include "readout/standardize.hpp"

#include "core/error.hpp"

#include <string>

namespace hrsnn::readout {

Standardizer Standardizer::fit(const Eigen::MatrixXd& X) {
  require(X.rows() > 0 && X.cols() > 0, "Standardizer: empty matrix");
  require(X.allFinite(), "Standardizer: matrix contains NaN or inf");
  Standardizer s;
  s.mean = X.colwise().mean();
  s.scale = ((X.rowwise() - s.mean).colwise().squaredNorm() / static_cast<double>(X.rows()))
                .cwiseSqrt();
  // Relative threshold: a feature whose spread is round-off of its mean counts as constant.
  for (Eigen::Index j = 0; j < s.scale.size(); ++j)
    if (!(s.scale(j) > 1e-12 * (1.0 + std::abs(s.mean(j))))) s.scale(j) = 1.0;
  return s;
}

Eigen::MatrixXd Standardizer::transform(const Eigen::MatrixXd& X) const {
  Eigen::MatrixXd out = X;
  transform_inplace(out);
  return out;
}

void Standardizer::transform_inplace(Eigen::MatrixXd& X) const {
  require(X.cols() == mean.size(), "Standardizer: matrix has " + std::to_string(X.cols()) +
                                       " columns, fitted on " + std::to_string(mean.size()));
  X = (X.rowwise() - mean).array().rowwise() / scale.array();
}

}  // namespace hrsnn::readout
