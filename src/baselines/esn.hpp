/// \file esn.hpp
/// \brief A leaky-tanh echo state network (Jaeger 2001; Jaeger, Lukoševičius, Popovici &
/// Siewert 2007), the analog reference beside every spiking reservoir result.
///
///     x(t+1) = (1 − a) x(t) + a tanh(W_in u(t) + W x(t) + b),   W = ρ W̃,  W_in = s W̃_in
/// with x(0) = 0 unless given. W̃ (N × N) is sparse: each entry is non-zero with probability
/// `density` and then standard normal, divided by the drawn matrix's own spectral radius
/// (spectral_radius.hpp: dense eigensolver up to N = 200, Arnoldi above). W̃_in (N × d) is
/// dense, uniform in [−1, 1]; b is uniform in [−bias_scaling, bias_scaling]. The recurrent term
/// is evaluated as ρ (W̃ x) so that one pass can advance several (a, ρ, s) settings on the same
/// draw (run_settings) with the same bits as separate runs. State row t is x(t+1), the state
/// after reading input row t. Draws come from hrsnn's Rng on streams derived from the seed (W̃,
/// W̃_in, b each its own), so the same seed gives bit-identical states, and a grid over (a, ρ, s)
/// reuses one draw and one eigensolve.
#pragma once

#include <Eigen/Dense>
#include <Eigen/SparseCore>

#include <cstdint>
#include <string>
#include <vector>

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

/// Most settings Esn::run_settings advances in one pass.
constexpr int kMaxSettingsPerRun = 12;

/// One (a, ρ, s) setting on a given draw.
struct EsnSetting {
  double leak, spectral_radius, input_scaling;
};

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
  /// States (T × N, from zero) of several settings in one pass over W̃, bit-identical to
  /// rescaled(a, ρ, s).run(inputs) for each (the sparse product is shared across settings);
  /// 1 to kMaxSettingsPerRun settings.
  std::vector<Eigen::MatrixXd> run_settings(const Eigen::MatrixXd& inputs, const std::vector<EsnSetting>& settings) const;

  const EsnParams& params() const { return params_; }                          ///< as used
  const Eigen::SparseMatrix<double, Eigen::RowMajor>& reservoir_weights() const { return w_; }  ///< W
  const Eigen::MatrixXd& input_weights() const { return w_in_; }                ///< W_in (N × d)
  const Eigen::VectorXd& bias() const { return b_; }                            ///< b
  /// The spectral radius of the drawn matrix before rescaling (diagnostic).
  double drawn_spectral_radius() const { return drawn_radius_; }

 private:
  Esn() = default;
  std::vector<Eigen::MatrixXd> run_batch(const Eigen::MatrixXd& inputs, const std::vector<EsnSetting>& settings,
                                         const Eigen::VectorXd& x0) const;
  EsnParams params_;
  Eigen::SparseMatrix<double, Eigen::RowMajor> w_unit_;  ///< radius 1
  Eigen::MatrixXd w_in_unit_;                            ///< U[−1, 1]
  Eigen::SparseMatrix<double, Eigen::RowMajor> w_;
  Eigen::MatrixXd w_in_;
  Eigen::VectorXd b_;
  double drawn_radius_ = 0.0;
};

}  // namespace hrsnn::baselines
