/// \file rate_encoder.hpp
/// \brief Rate codes of a series scaled to [0, 1]: population (Gaussian tuning) and one neuron per dimension.
///
/// Population code (docs/model.md §4): dimension k has M neurons with centres c_j = j / (M - 1)
/// and width sigma = 1 / (M - 1); neuron (k, j) is source k M + j and fires at
///   r_kj(x) = r_max exp(-(x_k - c_j)^2 / (2 sigma^2)).
/// Single-neuron code: source k fires at r_max x_k. Each sample is one window of window_ms;
/// spikes follow poisson_spikes.hpp (Poisson, or regular accumulator spikes).
#pragma once

#include "core/spike_events.hpp"

#include <Eigen/Dense>

#include <cstdint>
#include <string>

namespace hrsnn::encode {

/// Which sources code the input (`encoding.code`).
enum class CodeKind {
  Population,  ///< M Gaussian-tuned sources per dimension (docs/model.md §4)
  Single       ///< one source per dimension at rate r_max x
};

/// How rates become input (`encoding.kind`).
enum class InputKind {
  Poisson,  ///< per-step Bernoulli spikes (the paper's protocol)
  Regular,  ///< deterministic accumulator spikes at the same rates
  Current   ///< no spikes: a constant drive per window (built by the task from the rates)
};

/// Parses "population" or "single"; throws InputError naming `where`.
CodeKind parse_code_kind(const std::string& name, const std::string& where);
/// Parses "poisson", "regular" or "current"; throws InputError naming `where`.
InputKind parse_input_kind(const std::string& name, const std::string& where);

/// Settings of the rate code (defaults of docs/model.md §4).
struct RateCodeParams {
  int neurons_per_dim = 20;             ///< M (population code)
  double r_max_hz = 200.0;              ///< peak rate
  double window_ms = 20.0;              ///< T_s, presentation time of one sample
  CodeKind code = CodeKind::Population; ///< population or single
  InputKind kind = InputKind::Poisson;  ///< poisson, regular or current (the paper's Poisson here; configs default to current)
  double current_scale = 1.0;           ///< s of the current pathway: D = s · G · W_inᵀ
};

/// Rate code of `params.code` turned into spikes of `params.kind`.
class RateEncoder {
 public:
  /// An encoder for `dims`-dimensional input; M must be >= 2 for the population code.
  RateEncoder(Eigen::Index dims, RateCodeParams params = {});
  /// Number of input sources: dims x M (population) or dims (single).
  std::uint32_t n_sources() const;
  /// Rates (samples x sources, Hz) for x01 (samples x dims, values in [0, 1]).
  Eigen::MatrixXd rates(const Eigen::MatrixXd& x01) const;
  /// Spikes of x01, sample i in window i starting at first_step; deterministic in seed
  /// (Poisson or regular; InputError for the current pathway, which has no spikes).
  SpikeEvents encode(const Eigen::MatrixXd& x01, double dt_ms, std::uint64_t seed, std::int64_t first_step = 0) const;
  /// The settings.
  const RateCodeParams& params() const { return p_; }

 private:
  Eigen::Index dims_;
  RateCodeParams p_;
};

/// One Poisson neuron per dimension at rate r_max x.
class PoissonEncoder {
 public:
  /// An encoder for `dims`-dimensional input.
  PoissonEncoder(Eigen::Index dims, double r_max_hz = 200.0, double window_ms = 20.0);
  /// Number of input sources, = dims.
  std::uint32_t n_sources() const { return static_cast<std::uint32_t>(dims_); }
  /// Rates (samples x dims, Hz) for x01 in [0, 1].
  Eigen::MatrixXd rates(const Eigen::MatrixXd& x01) const;
  /// Spikes of x01, sample i in window i starting at first_step; deterministic in seed.
  SpikeEvents encode(const Eigen::MatrixXd& x01, double dt_ms, std::uint64_t seed, std::int64_t first_step = 0) const;

 private:
  Eigen::Index dims_;
  double r_max_hz_, window_ms_;
};

}  // namespace hrsnn::encode
