/// \file stdp_rule.hpp
/// \brief Pair-based STDP with soft bounds and per-synapse time constants (docs/model.md §3).
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

/// Soft bounds of a plastic synapse, shared through a small table (few distinct pairs).
struct WeightBounds {
  double w_min;  ///< lower bound (mV)
  double w_max;  ///< upper bound (mV)
};

/// Everything an STDP event touches, packed in one 64-byte cache line: an event on a random
/// synapse (LTP through the transposed index) then costs one memory access, not several.
struct alignas(64) PlasticSynapse {
  double w = 0.0;            ///< weight (mV)
  double x = 0.0;            ///< presynaptic trace at last_update
  double y = 0.0;            ///< postsynaptic trace at last_update
  double rate_plus = 0.0;    ///< dt / tau_plus: x decays by e^{−rate·steps}
  double rate_minus = 0.0;   ///< dt / tau_minus
  double eta_plus = 0.0;     ///< LTP learning rate
  double eta_minus = 0.0;    ///< LTD learning rate
  std::int32_t last_update = 0;  ///< step of the last event that touched the traces
  std::uint32_t bounds = 0;      ///< index into the WeightBounds table
};
static_assert(sizeof(PlasticSynapse) == 64, "one cache line per plastic synapse");

/// The LTD step of the rule, w − η₋ (w − w_min)·y clipped to the bounds: written once for the
/// wide and the compact (fixed-point) stores, which must agree bit for bit before encoding.
inline double depressed(double w, double eta_minus, double y, double w_min, double w_max) {
  return std::clamp(w - eta_minus * (w - w_min) * y, w_min, w_max);
}

/// The LTP step of the rule, w + η₊ (w_max − w)·x clipped to the bounds.
inline double potentiated(double w, double eta_plus, double x, double w_min, double w_max) {
  return std::clamp(w + eta_plus * (w_max - w) * x, w_min, w_max);
}

/// Presynaptic arrival at step n: LTD with y decayed to n, then the x update. With nearest
/// pairing x is set to 1, so its decay is skipped (Brian2 computes and overwrites it).
inline void on_arrival(PlasticSynapse& s, const WeightBounds& b, std::int32_t n, bool all_to_all) {
  const std::int32_t elapsed = n - s.last_update;
  if (elapsed != 0) {
    s.y *= std::exp(-elapsed * s.rate_minus);
    if (all_to_all) s.x *= std::exp(-elapsed * s.rate_plus);
  }
  s.w = depressed(s.w, s.eta_minus, s.y, b.w_min, b.w_max);
  s.x = all_to_all ? s.x + 1.0 : 1.0;
  s.last_update = n;
}

/// Postsynaptic spike at step n: the y update, then LTP with x decayed to n.
inline void on_post_spike(PlasticSynapse& s, const WeightBounds& b, std::int32_t n, bool all_to_all) {
  const std::int32_t elapsed = n - s.last_update;
  if (elapsed != 0) {
    s.x *= std::exp(-elapsed * s.rate_plus);
    if (all_to_all) s.y *= std::exp(-elapsed * s.rate_minus);
  }
  s.y = all_to_all ? s.y + 1.0 : 1.0;
  s.w = potentiated(s.w, s.eta_plus, s.x, b.w_min, b.w_max);
  s.last_update = n;
}

/// The weight change of one isolated pre/post pair with Δt = t_post − t_arrival (ms), from w:
/// the analytic STDP window the rule above produces.
inline double pair_window(const StdpParams& p, double w, double delta_t) {
  if (delta_t >= 0.0) return p.eta_plus * (p.w_max - w) * std::exp(-delta_t / p.tau_plus);
  return -p.eta_minus * (w - p.w_min) * std::exp(delta_t / p.tau_minus);
}

}  // namespace hrsnn::plasticity
