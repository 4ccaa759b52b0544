#include "sim/propagator.hpp"

#include <cmath>

namespace hrsnn::sim {

double psc_to_membrane(double h, double tau_m, double tau_s) {
  const double a = h / tau_m - h / tau_s;
  if (std::abs(a) > 1.0) {
    // Well separated time constants: the direct difference has no cancellation, and the
    // expm1 form could overflow for τm ≪ τs.
    return tau_s / (tau_s - tau_m) * (std::exp(-h / tau_s) - std::exp(-h / tau_m));
  }
  const double ratio = (a == 0.0) ? 1.0 : std::expm1(a) / a;  // (e^a − 1)/a, → 1 at a = 0
  return (h / tau_m) * std::exp(-h / tau_m) * ratio;
}

LifPropagator lif_propagator(double h, double tau_m, double tau_syn_e, double tau_syn_i) {
  return LifPropagator{std::exp(-h / tau_m), psc_to_membrane(h, tau_m, tau_syn_e),
                       psc_to_membrane(h, tau_m, tau_syn_i), std::exp(-h / tau_syn_e),
                       std::exp(-h / tau_syn_i)};
}

}  // namespace hrsnn::sim
