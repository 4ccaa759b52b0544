/// \file esn.cpp
/// \brief Echo state network: draws, rescaling and the leaky-tanh update (equations in esn.hpp).
#include "baselines/esn.hpp"

#include "core/error.hpp"
#include "core/rng.hpp"

#include <Eigen/Eigenvalues>

#include <cmath>
#include <sstream>
#include <vector>

namespace hrsnn::baselines {
namespace {

constexpr std::uint64_t kEsnStream = 0x65736E;  // "esn"

std::string num(double v) {
  std::ostringstream s;
  s << v;
  return s.str();
}

}  // namespace

void EsnParams::validate() const {
  require(n >= 1, "esn: n must be >= 1, got " + std::to_string(n));
  require(leak > 0.0 && leak <= 1.0, "esn: leak must lie in (0, 1], got " + num(leak));
  require(spectral_radius >= 0.0 && std::isfinite(spectral_radius),
          "esn: spectral_radius must be finite and >= 0, got " + num(spectral_radius));
  require(input_scaling >= 0.0 && std::isfinite(input_scaling),
          "esn: input_scaling must be finite and >= 0, got " + num(input_scaling));
  require(density > 0.0 && density <= 1.0, "esn: density must lie in (0, 1], got " + num(density));
  require(bias_scaling >= 0.0 && std::isfinite(bias_scaling),
          "esn: bias_scaling must be finite and >= 0, got " + num(bias_scaling));
}

std::string EsnParams::describe() const {
  return "n=" + std::to_string(n) + " leak=" + num(leak) + " rho=" + num(spectral_radius) +
         " input_scaling=" + num(input_scaling) + " density=" + num(density) + " bias_scaling=" +
         num(bias_scaling) + " seed=" + std::to_string(seed);
}

double spectral_radius(const Eigen::MatrixXd& m) {
  require(m.rows() == m.cols() && m.rows() > 0, "spectral_radius: need a non-empty square matrix");
  if (m.rows() == 1) return std::abs(m(0, 0));
  const Eigen::EigenSolver<Eigen::MatrixXd> es(m, /*computeEigenvectors=*/false);
  require(es.info() == Eigen::Success, "spectral_radius: the eigenvalue iteration did not converge");
  return es.eigenvalues().cwiseAbs().maxCoeff();
}

Esn::Esn(const EsnParams& params, Eigen::Index input_dims) {
  params.validate();
  require(input_dims >= 1, "esn: input_dims must be >= 1, got " + std::to_string(input_dims));
  const Eigen::Index n = params.n;
  // Row by row, one Bernoulli then (if kept) one normal per entry: the draw depends only on N,
  // density and the seed, never on ρ, a or s.
  Rng rw(derive_seed(params.seed, {kEsnStream, 1}));
  std::vector<Eigen::Triplet<double>> entries;
  entries.reserve(static_cast<std::size_t>(static_cast<double>(n * n) * params.density * 1.1) + 16);
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = 0; j < n; ++j)
      if (rw.uniform() < params.density) entries.emplace_back(i, j, rw.normal());
  w_unit_.resize(n, n);
  w_unit_.setFromTriplets(entries.begin(), entries.end());
  drawn_radius_ = spectral_radius(Eigen::MatrixXd(w_unit_));
  require(drawn_radius_ > 0.0, "esn: the drawn W (n=" + std::to_string(n) + ", density=" + num(params.density) +
                                   ") is nilpotent (spectral radius 0); raise n or density");
  w_unit_ /= drawn_radius_;

  Rng ri(derive_seed(params.seed, {kEsnStream, 2}));
  w_in_unit_.resize(n, input_dims);
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = 0; j < input_dims; ++j) w_in_unit_(i, j) = ri.uniform(-1.0, 1.0);
  Rng rb(derive_seed(params.seed, {kEsnStream, 3}));
  b_.resize(n);
  for (Eigen::Index i = 0; i < n; ++i) b_(i) = params.bias_scaling * rb.uniform(-1.0, 1.0);

  params_ = params;
  w_ = params.spectral_radius * w_unit_;
  w_in_ = params.input_scaling * w_in_unit_;
}

Esn Esn::rescaled(double leak, double rho, double input_scaling) const {
  Esn out = *this;
  out.params_.leak = leak;
  out.params_.spectral_radius = rho;
  out.params_.input_scaling = input_scaling;
  out.params_.validate();
  out.w_ = rho * w_unit_;
  out.w_in_ = input_scaling * w_in_unit_;
  return out;
}

Eigen::MatrixXd Esn::run(const Eigen::MatrixXd& inputs, const Eigen::VectorXd& x0) const {
  const Eigen::Index n = params_.n;
  require(inputs.cols() == w_in_.cols(), "esn: inputs have " + std::to_string(inputs.cols()) +
                                             " columns, the network was built for " + std::to_string(w_in_.cols()));
  require(x0.size() == n, "esn: x0 has size " + std::to_string(x0.size()) + ", expected n=" + std::to_string(n));
  require(inputs.allFinite(), "esn: inputs hold NaN or inf");
  // The input drive of every step in one product (N × T, a column per step).
  Eigen::MatrixXd drive = w_in_ * inputs.transpose();
  drive.colwise() += b_;
  const double a = params_.leak;
  Eigen::MatrixXd states(inputs.rows(), n);
  Eigen::VectorXd x = x0, pre(n);
  for (Eigen::Index t = 0; t < inputs.rows(); ++t) {
    pre.noalias() = w_ * x;
    pre += drive.col(t);
    // std::tanh, not Eigen's vectorised approximation: the same values as numpy's tanh.
    for (Eigen::Index i = 0; i < n; ++i) x(i) = (1.0 - a) * x(i) + a * std::tanh(pre(i));
    states.row(t) = x.transpose();
  }
  return states;
}

Eigen::MatrixXd Esn::run(const Eigen::MatrixXd& inputs) const {
  return run(inputs, Eigen::VectorXd::Zero(params_.n));
}

Eigen::MatrixXd Esn::collect_states(const Eigen::MatrixXd& inputs, Eigen::Index washout) const {
  require(washout >= 0 && washout < inputs.rows(), "esn: washout " + std::to_string(washout) +
                                                       " must lie in [0, T) with T = " + std::to_string(inputs.rows()));
  return run(inputs).bottomRows(inputs.rows() - washout);
}

}  // namespace hrsnn::baselines
