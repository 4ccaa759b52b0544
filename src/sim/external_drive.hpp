/// \file external_drive.hpp
/// \brief A piecewise-constant external drive of the membrane (issue 10, `encoding.kind = current`).
///
/// With the drive, neuron i in window k obeys
///   τ_m dv/dt = −(v − v_rest) + I_e + I_i + D_i(k)      (D in mV, like the currents),
/// and since D is constant over a step, one exact step of h gains the term D·(1 − e^{−h/τm})
/// (−expm1(−h/τm), no cancellation for h ≪ τm) beside propagator.hpp's terms; only the v row of
/// the propagator changes, for every τ_syn including τ_syn = τ_m. While refractory v is held, so
/// the drive is not applied (as Brian2's `(unless refractory)`).
///
/// The input-side form (issue 10): source j with activation g_j(x(k)) ∈ [0, 1] adds s·w_ij·g_j
/// to every neuron i it connects to, so D = s · G · W_inᵀ over the input synapses (pre ≥ N).
/// Synaptic delays do not apply to the drive: it is a current, not a spike.
#pragma once

#include "sim/network.hpp"

#include <Eigen/Dense>

#include <cstdint>
#include <vector>

namespace hrsnn::sim {

/// D in mV: one row per window, one column per reservoir neuron (rows are read one at a time).
using DriveMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

/// A drive constant over windows of steps_per_window steps, on a timeline of its own.
///
/// Step k of a Simulator::run (k = 0 its first step) uses window (k + offset_steps) /
/// steps_per_window, so a long drive can be run in pieces by advancing offset_steps by the
/// steps already run. The run must stay inside the drive: offset_steps + n_steps ≤
/// windows × steps_per_window (an InputError otherwise).
struct ExternalDrive {
  DriveMatrix d_mv;                    ///< windows × neurons, mV
  std::int64_t steps_per_window = 1;   ///< steps per window (≥ 1)
  std::int64_t offset_steps = 0;       ///< the run's step 0 is this step of the drive's timeline (≥ 0)

  /// Number of windows.
  std::int64_t windows() const { return d_mv.rows(); }
  /// Number of steps the drive covers.
  std::int64_t steps() const { return d_mv.rows() * steps_per_window; }
};

/// Checks `drive` for a run of n_steps of `n_neurons` neurons; throws InputError naming the field.
void validate_drive(const ExternalDrive& drive, std::uint32_t n_neurons, std::int64_t n_steps);

/// D = scale · G · W_inᵀ from the input synapses of `net` (pre ≥ N): for each input synapse
/// (pre = N + j, post = i, weight w), D(k, i) += (scale · w) · G(k, j), summed in synapse-table
/// order (so an independent implementation in that order gets the same bits). G is windows ×
/// sources (activations, e.g. rates / r_max); `weights`, when given, replaces the table's
/// weights (the order of Simulator::weights, e.g. after an STDP phase). Throws InputError naming
/// the argument for a shape mismatch, a negative or non-finite scale or a non-finite activation.
ExternalDrive drive_from_inputs(const Network& net, const Eigen::MatrixXd& activation, double scale,
                                std::int64_t steps_per_window, const std::vector<double>* weights = nullptr);

}  // namespace hrsnn::sim
