/// \file esn.cpp
/// \brief Echo state network: draws, rescaling and the leaky-tanh update (equations in esn.hpp).
#include "baselines/esn.hpp"

#include "baselines/spectral_radius.hpp"
#include "core/error.hpp"
#include "core/rng.hpp"

#include <array>
#include <cmath>
#include <sstream>
#include <utility>
#include <vector>

namespace hrsnn::baselines {
namespace {

constexpr std::uint64_t kEsnStream = 0x65736E;  // "esn"

std::string num(double v) {
  std::ostringstream s;
  s << v;
  return s.str();
}

// acc(:, i) = Σ_k W̃(i, j_k) xs(:, j_k) over row i's non-zeros in storage order, for S settings
// side by side. S is a template parameter so the S running sums stay in registers; each lane
// adds in the same order whatever S is, hence the same bits as a run of its own.
template <int S>
void recurrent_sums(const Eigen::SparseMatrix<double, Eigen::RowMajor>& w, const double* xs, double* acc) {
  const int* outer = w.outerIndexPtr();
  const int* inner = w.innerIndexPtr();
  const double* value = w.valuePtr();
  for (Eigen::Index i = 0; i < w.rows(); ++i) {
    double a[S] = {};
    for (int k = outer[i]; k < outer[i + 1]; ++k) {
      const double v = value[k];
      const double* xj = xs + static_cast<std::ptrdiff_t>(S) * inner[k];
      for (int s = 0; s < S; ++s) a[s] += v * xj[s];
    }
    for (int s = 0; s < S; ++s) acc[S * i + s] = a[s];
  }
}

using RecurrentSums = void (*)(const Eigen::SparseMatrix<double, Eigen::RowMajor>&, const double*, double*);
template <std::size_t... I>
constexpr std::array<RecurrentSums, sizeof...(I)> make_sums(std::index_sequence<I...>) {
  return {&recurrent_sums<static_cast<int>(I) + 1>...};
}
constexpr auto kRecurrentSums = make_sums(std::make_index_sequence<kMaxSettingsPerRun>{});

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
  w_unit_.makeCompressed();
  drawn_radius_ = spectral_radius(w_unit_, derive_seed(params.seed, {kEsnStream, 4}));
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

std::vector<Eigen::MatrixXd> Esn::run_batch(const Eigen::MatrixXd& inputs, const std::vector<EsnSetting>& settings,
                                            const Eigen::VectorXd& x0) const {
  const Eigen::Index n = params_.n, d = w_in_unit_.cols();
  const auto S = static_cast<Eigen::Index>(settings.size());
  require(S >= 1 && S <= kMaxSettingsPerRun, "esn: run_settings takes 1 to " + std::to_string(kMaxSettingsPerRun) +
                                                 " settings, got " + std::to_string(S));
  require(inputs.cols() == d, "esn: inputs have " + std::to_string(inputs.cols()) +
                                  " columns, the network was built for " + std::to_string(d));
  require(x0.size() == n, "esn: x0 has size " + std::to_string(x0.size()) + ", expected n=" + std::to_string(n));
  require(inputs.allFinite(), "esn: inputs hold NaN or inf");
  std::vector<Eigen::MatrixXd> w_in(settings.size());
  for (std::size_t k = 0; k < settings.size(); ++k) {
    EsnParams p = params_;
    p.leak = settings[k].leak;
    p.spectral_radius = settings[k].spectral_radius;
    p.input_scaling = settings[k].input_scaling;
    p.validate();
    w_in[k] = p.input_scaling * w_in_unit_;  // as rescaled() builds W_in, so the products agree
  }
  // x of every setting side by side (column j = neuron j), so each non-zero of W̃ is loaded once
  // per step for all settings; every lane still sums in the order of its row's non-zeros.
  Eigen::MatrixXd xs = x0.transpose().replicate(S, 1), acc(S, n);
  std::vector<Eigen::MatrixXd> states_t(settings.size(), Eigen::MatrixXd(n, inputs.rows()));
  Eigen::VectorXd drive(n);
  for (Eigen::Index t = 0; t < inputs.rows(); ++t) {
    kRecurrentSums[S - 1](w_unit_, xs.data(), acc.data());
    for (Eigen::Index s = 0; s < S; ++s) {
      const double a = settings[static_cast<std::size_t>(s)].leak, rho = settings[static_cast<std::size_t>(s)].spectral_radius;
      drive.noalias() = w_in[static_cast<std::size_t>(s)] * inputs.row(t).transpose();
      auto col = states_t[static_cast<std::size_t>(s)].col(t);
      for (Eigen::Index i = 0; i < n; ++i) {
        // std::tanh, not Eigen's vectorised approximation: numpy's values to round-off.
        const double pre = (drive(i) + rho * acc(s, i)) + b_(i);
        col(i) = (1.0 - a) * xs(s, i) + a * std::tanh(pre);
      }
      xs.row(s) = col.transpose();
    }
  }
  std::vector<Eigen::MatrixXd> out(settings.size());
  for (std::size_t k = 0; k < settings.size(); ++k) out[k] = states_t[k].transpose();
  return out;
}

Eigen::MatrixXd Esn::run(const Eigen::MatrixXd& inputs, const Eigen::VectorXd& x0) const {
  return std::move(run_batch(inputs, {{params_.leak, params_.spectral_radius, params_.input_scaling}}, x0).front());
}

std::vector<Eigen::MatrixXd> Esn::run_settings(const Eigen::MatrixXd& inputs, const std::vector<EsnSetting>& settings) const {
  return run_batch(inputs, settings, Eigen::VectorXd::Zero(params_.n));
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
