/// \file esn.hpp
/// \brief A leaky-tanh echo state network (Jaeger 2001; Jaeger, Lukoševičius, Popovici &
/// Siewert 2007), the analog reference beside every spiking reservoir result.
///
///     x(t+1) = (1 − a) x(t) + a tanh(W_in u(t) + W x(t) + b)
/// with x(0) = 0 unless given. W (N × N) is sparse: each entry is non-zero with probability
/// `density` and then standard normal; the drawn matrix is divided by its own spectral radius
/// (all eigenvalues by Eigen's EigenSolver, eigenvalues only: exact to round-off; O(N³), about
/// 0.3 s at N = 500 and a few seconds at N = 2000, paid once per seed because ρ only rescales
/// it) and multiplied by ρ. W_in (N × d) is dense, uniform in [−s, s]; b is uniform in
/// [−bias_scaling, bias_scaling]. State row t is x(t+1), the state after reading input row t.
/// Draws come from hrsnn's Rng on streams derived from the seed (W, W_in, b each its own),
/// so the same seed gives bit-identical states and a grid over (a, ρ, s) reuses one draw.
#pragma once

#include <Eigen/Dense>
#include <Eigen/SparseCore>

#include <cstdint>
#include <string>

namespace hrsnn::baselines {

/// Settings of one echo state network (defaults: docs/baselines.md).
struct EsnParams {
  int n = 500;                   ///< N, reservoir size
  double leak = 0.5;             ///< a in (0, 1]
  double spectral_radius = 0.9;  ///< ρ >= 0 of W
  double input_scaling = 1.0;    ///< s >= 0: W_in ~ U[−s, s]
  double density = 0.1;          ///< share of non-zero entries of W, in (0, 1]
  double bias_scaling = 0.1;     ///< b ~ U[−bias_scaling, bias_scaling]
  std::uint64_t seed = 0;        ///< root of every draw

  /// Throws InputError naming the first parameter outside its range.
  void validate() const;
  /// "n=500 leak=0.5 rho=0.9 ..." for logs and reports.
  std::string describe() const;
};

/// Spectral radius max |λ_i| of a square matrix, from all its eigenvalues (EigenSolver).
double spectral_radius(const Eigen::MatrixXd& m);

/// The network's fixed weights and its state update.
class Esn {
 public:
  /// Draws W, W_in and b for inputs of `input_dims` columns (throws InputError on bad params).
  Esn(const EsnParams& params, Eigen::Index input_dims);

  /// The same draws with another leak, spectral radius and input scaling (no new eigensolve).
  Esn rescaled(double leak, double spectral_radius, double input_scaling) const;

  /// States (T × N) for inputs (T × d), starting from x0 (size N).
  Eigen::MatrixXd run(const Eigen::MatrixXd& inputs, const Eigen::VectorXd& x0) const;
  /// States (T × N) for inputs (T × d), starting from zero.
  Eigen::MatrixXd run(const Eigen::MatrixXd& inputs) const;
  /// States after the first `washout` rows: (T − washout) × N, starting from zero.
  Eigen::MatrixXd collect_states(const Eigen::MatrixXd& inputs, Eigen::Index washout) const;

  const EsnParams& params() const { return params_; }                          ///< as used
  const Eigen::SparseMatrix<double, Eigen::RowMajor>& reservoir_weights() const { return w_; }  ///< W
  const Eigen::MatrixXd& input_weights() const { return w_in_; }                ///< W_in (N × d)
  const Eigen::VectorXd& bias() const { return b_; }                            ///< b
  /// The spectral radius of the drawn matrix before rescaling (diagnostic).
  double drawn_spectral_radius() const { return drawn_radius_; }

 private:
  Esn() = default;
  EsnParams params_;
  Eigen::SparseMatrix<double, Eigen::RowMajor> w_unit_;  ///< radius 1
  Eigen::MatrixXd w_in_unit_;                            ///< U[−1, 1]
  Eigen::SparseMatrix<double, Eigen::RowMajor> w_;
  Eigen::MatrixXd w_in_;
  Eigen::VectorXd b_;
  double drawn_radius_ = 0.0;
};

}  // namespace hrsnn::baselines
