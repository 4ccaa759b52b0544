/// \file rate_encoder.cpp
/// \brief Population and single-neuron rate codes (equations in rate_encoder.hpp).
#include "encode/rate_encoder.hpp"

#include "core/error.hpp"
#include "encode/poisson_spikes.hpp"
#include "encode/window_schedule.hpp"

#include <cmath>
#include <string>

namespace hrsnn::encode {
namespace {

void check_input(const Eigen::MatrixXd& x01, Eigen::Index dims, const char* who) {
  require(x01.cols() == dims, std::string(who) + ": expected " + std::to_string(dims) + " dimensions, given " +
                                  std::to_string(x01.cols()));
  require(x01.size() == 0 || (x01.minCoeff() >= 0.0 && x01.maxCoeff() <= 1.0),
          std::string(who) + ": input must be scaled to [0, 1] first (MinMaxScaler)");
}

}  // namespace

CodeKind parse_code_kind(const std::string& name, const std::string& where) {
  if (name == "population") return CodeKind::Population;
  if (name == "single") return CodeKind::Single;
  throw InputError(where + ": unknown code '" + name + "' (expected population or single)");
}

InputKind parse_input_kind(const std::string& name, const std::string& where) {
  if (name == "poisson") return InputKind::Poisson;
  if (name == "regular") return InputKind::Regular;
  if (name == "current") return InputKind::Current;
  throw InputError(where + ": unknown input kind '" + name + "' (expected poisson, regular or current)");
}

RateEncoder::RateEncoder(Eigen::Index dims, RateCodeParams params) : dims_(dims), p_(params) {
  require(dims >= 1, "RateEncoder: need at least one dimension");
  require(p_.code == CodeKind::Single || p_.neurons_per_dim >= 2,
          "RateEncoder: neurons_per_dim must be >= 2, got " + std::to_string(p_.neurons_per_dim));
  require(p_.r_max_hz >= 0.0, "RateEncoder: r_max_hz must be >= 0");
}

std::uint32_t RateEncoder::n_sources() const {
  return static_cast<std::uint32_t>(p_.code == CodeKind::Single ? dims_ : dims_ * p_.neurons_per_dim);
}

Eigen::MatrixXd RateEncoder::rates(const Eigen::MatrixXd& x01) const {
  check_input(x01, dims_, "RateEncoder");
  if (p_.code == CodeKind::Single) return p_.r_max_hz * x01;
  const int m = p_.neurons_per_dim;
  const double sigma = 1.0 / (m - 1);
  Eigen::MatrixXd r(x01.rows(), dims_ * m);
  for (Eigen::Index i = 0; i < x01.rows(); ++i)
    for (Eigen::Index k = 0; k < dims_; ++k)
      for (int j = 0; j < m; ++j) {
        const double z = (x01(i, k) - j * sigma) / sigma;
        r(i, k * m + j) = p_.r_max_hz * std::exp(-0.5 * z * z);
      }
  return r;
}

SpikeEvents RateEncoder::encode(const Eigen::MatrixXd& x01, double dt_ms, std::uint64_t seed, std::int64_t first_step) const {
  require(p_.kind != InputKind::Current, "RateEncoder: the current pathway has no input spikes");
  if (p_.kind == InputKind::Regular)
    return regular_spikes_from_rates(rates(x01), steps_per_window(p_.window_ms, dt_ms), dt_ms, seed, first_step);
  return spikes_from_rates(rates(x01), steps_per_window(p_.window_ms, dt_ms), dt_ms, seed, first_step);
}

PoissonEncoder::PoissonEncoder(Eigen::Index dims, double r_max_hz, double window_ms)
    : dims_(dims), r_max_hz_(r_max_hz), window_ms_(window_ms) {
  require(dims >= 1, "PoissonEncoder: need at least one dimension");
  require(r_max_hz >= 0.0, "PoissonEncoder: r_max_hz must be >= 0");
}

Eigen::MatrixXd PoissonEncoder::rates(const Eigen::MatrixXd& x01) const {
  check_input(x01, dims_, "PoissonEncoder");
  return r_max_hz_ * x01;
}

SpikeEvents PoissonEncoder::encode(const Eigen::MatrixXd& x01, double dt_ms, std::uint64_t seed, std::int64_t first_step) const {
  return spikes_from_rates(rates(x01), steps_per_window(window_ms_, dt_ms), dt_ms, seed, first_step);
}

}  // namespace hrsnn::encode
