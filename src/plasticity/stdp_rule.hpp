/// \file stdp_rule.hpp
/// \brief Pair-based STDP with soft bounds and per-synapse time constants (MODEL.md §3).
///
/// For a synapse i→j with arrival a = t_pre + delay and Δt = t_post − a:
///   LTP (postsynaptic spike):  w ← w + η₊ (w_max − w) · x,   x decays with τ₊
///   LTD (presynaptic arrival): w ← w − η₋ (w − w_min) · y,   y decays with τ₋
/// x is set to 1 (nearest) or increased by 1 (all-to-all) at each arrival, after LTD; y the
/// same at each postsynaptic spike, before LTP. Traces are decayed lazily to the event time,
/// as Brian2 does for event-driven variables (one `last_update` per synapse), so the two agree
/// to rounding. The result is clipped to [w_min, w_max] (a no-op for η ≤ 1, kept for safety).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace hrsnn::plasticity {

/// The fixed parameters of one plastic synapse.
struct StdpParams {
  double tau_plus;   ///< LTP trace decay (ms)
  double tau_minus;  ///< LTD trace decay (ms)
  double eta_plus;   ///< LTP learning rate
  double eta_minus;  ///< LTD learning rate
  double w_min;      ///< soft lower bound (mV)
  double w_max;      ///< soft upper bound (mV)
};

/// The evolving state of one plastic synapse.
struct StdpState {
  double w = 0.0;                ///< weight (mV)
  double x = 0.0;                ///< presynaptic trace at last_update
  double y = 0.0;                ///< postsynaptic trace at last_update
  std::int64_t last_update = 0;  ///< step of the last event that touched the traces
};

/// Decays both traces from s.last_update to step n (dt in ms).
inline void decay_traces(StdpState& s, const StdpParams& p, std::int64_t n, double dt) {
  const double elapsed = static_cast<double>(n - s.last_update) * dt;
  if (elapsed != 0.0) {
    s.x *= std::exp(-elapsed / p.tau_plus);
    s.y *= std::exp(-elapsed / p.tau_minus);
  }
  s.last_update = n;
}

/// Presynaptic arrival at step n: LTD with the decayed y, then the x update.
inline void on_arrival(StdpState& s, const StdpParams& p, std::int64_t n, double dt, bool all_to_all) {
  decay_traces(s, p, n, dt);
  s.w = std::clamp(s.w - p.eta_minus * (s.w - p.w_min) * s.y, p.w_min, p.w_max);
  s.x = all_to_all ? s.x + 1.0 : 1.0;
}

/// Postsynaptic spike at step n: the y update, then LTP with the decayed x.
inline void on_post_spike(StdpState& s, const StdpParams& p, std::int64_t n, double dt, bool all_to_all) {
  decay_traces(s, p, n, dt);
  s.y = all_to_all ? s.y + 1.0 : 1.0;
  s.w = std::clamp(s.w + p.eta_plus * (p.w_max - s.w) * s.x, p.w_min, p.w_max);
}

/// The weight change of one isolated pre/post pair with Δt = t_post − t_arrival (ms), from w:
/// the analytic STDP window the rule above produces.
inline double pair_window(const StdpParams& p, double w, double delta_t) {
  if (delta_t >= 0.0) return p.eta_plus * (p.w_max - w) * std::exp(-delta_t / p.tau_plus);
  return -p.eta_minus * (w - p.w_min) * std::exp(delta_t / p.tau_minus);
}

}  // namespace hrsnn::plasticity
