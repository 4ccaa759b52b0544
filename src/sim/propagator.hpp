/// \file propagator.hpp
/// \brief Exact one-step propagator of the current-based LIF neuron (as NEST's iaf_psc_exp).
///
/// With u = v − v_rest, tau_m du/dt = −u + I_e + I_i and tau_s dI/dt = −I, one step of h gives
///   u(t+h) = u·e^{−h/τm} + Σ_s I_s(t)·P_s,   I_s(t+h) = I_s(t)·e^{−h/τs},
///   P_s = τs/(τs − τm)·(e^{−h/τs} − e^{−h/τm}).
/// P_s is 0/0 at τs = τm. Writing a = h(1/τm − 1/τs), P_s = (h/τm)·e^{−h/τm}·expm1(a)/a, which
/// is exact and finite for all a, tends to the limit (h/τ)·e^{−h/τ} at a = 0, and loses no
/// digits near it (Rotter & Diesmann 1999 give the matrix form; the expm1 trick avoids the
/// cancellation NEST guards against with a separate degenerate branch).
#pragma once

namespace hrsnn::sim {

/// Coefficient P_s of the synaptic current in the membrane update, stable at τs ≈ τm.
double psc_to_membrane(double h, double tau_m, double tau_s);

/// The coefficients of one exact step of h ms for one neuron.
struct LifPropagator {
  double p_mm;  ///< e^{−h/τm}: decay of v − v_rest
  double p_me;  ///< P_e: excitatory current into v
  double p_mi;  ///< P_i: inhibitory current into v
  double p_ee;  ///< e^{−h/τ_syn_e}
  double p_ii;  ///< e^{−h/τ_syn_i}
};

/// Builds the propagator of one neuron for a step of h ms.
LifPropagator lif_propagator(double h, double tau_m, double tau_syn_e, double tau_syn_i);

}  // namespace hrsnn::sim
