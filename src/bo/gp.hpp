/// \file gp.hpp
/// \brief Gaussian-process regression with a Matérn-5/2 kernel on grouped feature distances.
///
/// Model (Rasmussen & Williams 2006, alg. 2.1): y = f + eps, f ~ GP(0, k), eps ~ N(0, sn2).
///   L = chol(K + sn2 I),  alpha = L^T \ (L \ y)
///   mean(x*) = k*^T alpha,  var(x*) = k(x*, x*) - ||L \ k*||^2   (latent f, without noise)
///   ln p(y) = -1/2 y^T alpha - sum_i ln L_ii - n/2 ln(2 pi)
/// Gradient (eq. 5.9): d ln p / d theta = 1/2 tr((alpha alpha^T - (K + sn2 I)^-1) dK/d theta).
/// Outputs are optionally standardised (zero mean, unit variance) before fitting; mean and
/// variance are returned in the original units. Jitter is added to the diagonal only when the
/// Cholesky factorisation fails.
#pragma once

#include <cstdint>
#include <vector>

#include <Eigen/Cholesky>
#include <Eigen/Core>

namespace hrsnn::bo {

/// Kernel hyperparameters, all on the natural-log scale.
struct GpHyper {
  Eigen::VectorXd log_lengthscale;  ///< one per feature group
  double log_signal_var = 0.0;      ///< ln s2
  double log_noise_var = -9.0;      ///< ln sn2 (the alpha of scikit-learn)
};

/// Bounds and effort of the maximum-marginal-likelihood fit.
struct GpFitOptions {
  double log_lengthscale_min = -4.6;  ///< ln 0.01
  double log_lengthscale_max = 3.0;   ///< ln 20
  double log_signal_min = -3.0;       ///< ln 0.05 (standardised outputs)
  double log_signal_max = 3.0;        ///< ln 20
  double log_noise_min = -13.8;       ///< ln 1e-6
  double log_noise_max = 0.0;         ///< ln 1
  int restarts = 3;                   ///< random starts in addition to the previous optimum
  int max_evals = 200;                ///< NLopt evaluations per start
};

/// A GP on fixed training features; refit hyperparameters with fit().
class GaussianProcess {
 public:
  /// `group_offsets` as in kernel::FeatureMap (start column of each group, then the end).
  explicit GaussianProcess(std::vector<int> group_offsets);
  /// Sets training features (n x p rows) and targets; standardises y when asked.
  void set_data(const Eigen::MatrixXd& features, const Eigen::VectorXd& y, bool standardize);
  /// Sets hyperparameters and factorises K + sn2 I.
  void set_hyper(const GpHyper& h);
  /// Maximises the log marginal likelihood by L-BFGS from the current and `restarts` random
  /// starts (seeded); ends with set_hyper(best).
  void fit(const GpFitOptions& opt, std::uint64_t seed);
  /// Adds one training point with target y (original units) keeping hyperparameters and
  /// standardisation constants (Kriging believer).
  void add_point(const Eigen::VectorXd& feature, double y);
  /// Posterior mean and latent variance at a feature vector, in original units.
  void predict(const Eigen::VectorXd& feature, double& mean, double& var) const;
  /// Log marginal likelihood of the (standardised) targets at the current hyperparameters.
  double log_marginal_likelihood() const { return lml_; }
  /// ln p(y | theta) and its gradient for theta = (ln l_1..ln l_F, ln s2, ln sn2).
  double lml_and_gradient(const Eigen::VectorXd& theta, Eigen::VectorXd* grad) const;
  /// Current hyperparameters.
  const GpHyper& hyper() const { return hyper_; }
  /// Diagonal jitter the last factorisation needed (0 when none).
  double jitter() const { return jitter_; }
  /// Number of training points.
  int size() const { return static_cast<int>(y_.size()); }
  /// Number of feature groups (length-scales).
  int groups() const { return static_cast<int>(offsets_.size()) - 1; }

 private:
  void pairwise_distances();
  double scaled_r(const double* d_groups, const Eigen::VectorXd& inv_l2) const;
  bool factorise(const Eigen::MatrixXd& K, Eigen::LLT<Eigen::MatrixXd>& llt, double* jitter) const;
  void group_sq_dist(const Eigen::VectorXd& a, const Eigen::VectorXd& b, double* out) const;

  std::vector<int> offsets_;
  Eigen::MatrixXd X_;               // training features, one row per point
  Eigen::VectorXd y_;               // standardised targets
  double y_mean_ = 0.0, y_sd_ = 1.0;
  std::vector<double> D_;           // [i*n + j]*G + f : group squared distances
  GpHyper hyper_;
  Eigen::LLT<Eigen::MatrixXd> llt_;
  Eigen::VectorXd alpha_;
  double lml_ = 0.0;
  double jitter_ = 0.0;
};

}  // namespace hrsnn::bo
