/// \file dimensionality.cpp
/// \brief PCA-based effective dimensionality (see dimensionality.hpp).
#include "metrics/dimensionality.hpp"

#include "core/error.hpp"

namespace hrsnn::metrics {

DimensionalityResult effective_dimensionality(const Eigen::MatrixXd& states, double fraction) {
  require(states.rows() >= 2 && states.cols() >= 1, "effective_dimensionality: need >= 2 rows");
  require(states.allFinite(), "effective_dimensionality: states contain NaN or inf");
  require(fraction > 0.0 && fraction <= 1.0, "effective_dimensionality: fraction must be in (0, 1]");
  const Eigen::MatrixXd c = states.rowwise() - states.colwise().mean();
  // The non-zero spectra of c^T c and c c^T agree; decompose the smaller one.
  const Eigen::MatrixXd G = c.cols() <= c.rows() ? Eigen::MatrixXd(c.transpose() * c) : Eigen::MatrixXd(c * c.transpose());
  Eigen::VectorXd l = Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>(G, Eigen::EigenvaluesOnly).eigenvalues();
  l = l.reverse().cwiseMax(0.0).eval();
  DimensionalityResult r;
  const double total = l.sum();
  if (!(total > 0.0)) {
    r.explained_variance_ratio = Eigen::VectorXd::Zero(l.size());
    return r;
  }
  r.explained_variance_ratio = l / total;
  r.participation_ratio = total * total / l.squaredNorm();
  double cum = 0.0;
  for (Eigen::Index k = 0; k < l.size(); ++k) {
    cum += r.explained_variance_ratio(k);
    // The tolerance keeps an exact 90 % split (e.g. equal variances) from failing on round-off.
    if (cum >= fraction - 1e-12) {
      r.n_components = static_cast<int>(k + 1);
      break;
    }
  }
  return r;
}

}  // namespace hrsnn::metrics
