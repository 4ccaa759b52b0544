/// \file spectral_radius.cpp
/// \brief Dense and Arnoldi spectral radius (method and sources in spectral_radius.hpp).
#include "baselines/spectral_radius.hpp"

#include "core/error.hpp"
#include "core/rng.hpp"

#include <Eigen/Eigenvalues>

#include <cmath>
#include <complex>
#include <limits>
#include <string>

namespace hrsnn::baselines {

double spectral_radius(const Eigen::MatrixXd& m) {
  require(m.rows() == m.cols() && m.rows() > 0, "spectral_radius: need a non-empty square matrix");
  if (m.rows() == 1) return std::abs(m(0, 0));
  const Eigen::EigenSolver<Eigen::MatrixXd> es(m, /*computeEigenvectors=*/false);
  require(es.info() == Eigen::Success, "spectral_radius: the eigenvalue iteration did not converge");
  return es.eigenvalues().cwiseAbs().maxCoeff();
}

ArnoldiResult spectral_radius_arnoldi(const Eigen::SparseMatrix<double, Eigen::RowMajor>& w, const ArnoldiOptions& o) {
  const Eigen::Index n = w.rows();
  require(n == w.cols() && n > 0, "spectral_radius_arnoldi: need a non-empty square matrix");
  require(o.krylov_dim >= 2 && o.max_restarts >= 1 && o.tol > 0.0,
          "spectral_radius_arnoldi: krylov_dim >= 2, max_restarts >= 1 and tol > 0 are required");
  const Eigen::Index m = std::min<Eigen::Index>(o.krylov_dim, n);
  Rng rng(o.seed);
  Eigen::VectorXd v(n);
  for (Eigen::Index i = 0; i < n; ++i) v(i) = rng.normal();
  Eigen::MatrixXd V(n, m + 1), H(m + 1, m);
  ArnoldiResult best;
  best.residual = std::numeric_limits<double>::infinity();
  for (int restart = 0; restart < o.max_restarts; ++restart) {
    H.setZero();
    V.col(0) = v / v.norm();
    Eigen::Index steps = m;
    bool invariant = false;
    for (Eigen::Index j = 0; j < m; ++j) {
      Eigen::VectorXd x = w * V.col(j);
      const double scale = x.norm();
      for (int pass = 0; pass < 2; ++pass) {  // classical Gram–Schmidt twice ("twice is enough")
        const Eigen::VectorXd h = V.leftCols(j + 1).transpose() * x;
        x.noalias() -= V.leftCols(j + 1) * h;
        H.col(j).head(j + 1) += h;
      }
      H(j + 1, j) = x.norm();
      if (H(j + 1, j) <= 1e-14 * std::max(scale, 1e-300)) {  // the Krylov space is invariant
        steps = j + 1;
        invariant = true;
        break;
      }
      V.col(j + 1) = x / H(j + 1, j);
    }
    const Eigen::EigenSolver<Eigen::MatrixXd> es(H.topLeftCorner(steps, steps), true);
    require(es.info() == Eigen::Success, "spectral_radius_arnoldi: the Hessenberg eigensolve did not converge");
    Eigen::Index k = 0;
    es.eigenvalues().cwiseAbs().maxCoeff(&k);
    const double theta = std::abs(es.eigenvalues()(k));
    const Eigen::VectorXcd y = es.eigenvectors().col(k).normalized();
    const double residual = invariant || theta == 0.0 ? 0.0 : H(steps, steps - 1) * std::abs(y(steps - 1)) / theta;
    if (residual < best.residual) {
      best.radius = theta;
      best.residual = residual;
    }
    best.restarts = restart + 1;
    if (residual <= o.tol) {
      best.converged = true;
      return best;
    }
    const Eigen::VectorXcd x = V.leftCols(steps).cast<std::complex<double>>() * y;
    v = x.real() + x.imag();
  }
  return best;
}

double spectral_radius(const Eigen::SparseMatrix<double, Eigen::RowMajor>& w, std::uint64_t seed) {
  if (w.rows() <= kDenseLimit) return spectral_radius(Eigen::MatrixXd(w));
  ArnoldiOptions o;
  o.seed = seed;
  o.krylov_dim = static_cast<int>(100 + w.rows() / 20);
  const ArnoldiResult r = spectral_radius_arnoldi(w, o);
  require(r.residual <= 1e-8, "spectral_radius: Arnoldi reached only a relative residual of " +
                                  std::to_string(r.residual) + " after " + std::to_string(r.restarts) +
                                  " restarts (N = " + std::to_string(w.rows()) + ")");
  return r.radius;
}

}  // namespace hrsnn::baselines
