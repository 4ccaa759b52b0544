#include "experiments/variant.hpp"

#include "core/error.hpp"

#include <algorithm>
#include <cctype>

namespace hrsnn::experiments {
namespace {

// Gamma law with the given shape around the (point or not) law's mean.
Law gamma_around(const Law& law, double shape) { return Law::gamma_shape(law.mean, shape); }

}  // namespace

std::string variant_name(Variant v) {
  switch (v) {
    case Variant::MRSNN: return "MRSNN";
    case Variant::HeNHoS: return "HeNHoS";
    case Variant::HoNHeS: return "HoNHeS";
    case Variant::HeNHeS: return "HeNHeS";
  }
  return "?";
}

Variant parse_variant(const std::string& name, const std::string& where) {
  std::string lower = name;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  for (Variant v : all_variants()) {
    std::string n = variant_name(v);
    std::transform(n.begin(), n.end(), n.begin(), [](unsigned char c) { return std::tolower(c); });
    if (n == lower) return v;
  }
  throw InputError(where + ": unknown variant '" + name + "' (expected MRSNN, HeNHoS, HoNHeS or HeNHeS)");
}

std::vector<Variant> all_variants() { return {Variant::MRSNN, Variant::HeNHoS, Variant::HoNHeS, Variant::HeNHeS}; }

sim::NetworkSpec apply_variant(const sim::NetworkSpec& base, Variant v, const HeterogeneityShapes& shapes) {
  sim::NetworkSpec s = base;
  const bool het_neurons = v == Variant::HeNHoS || v == Variant::HeNHeS;
  const bool het_stdp = v == Variant::HoNHeS || v == Variant::HeNHeS;
  if (het_neurons) {
    for (sim::PopulationLaws* p : {&s.exc, &s.inh}) {
      p->tau_m = gamma_around(p->tau_m, shapes.tau_m);
      p->v_th_above_rest = gamma_around(p->v_th_above_rest, shapes.v_th);
    }
  }
  if (het_stdp) {
    s.stdp.tau_plus = gamma_around(s.stdp.tau_plus, shapes.stdp);
    s.stdp.tau_minus = gamma_around(s.stdp.tau_minus, shapes.stdp);
    s.stdp.eta_plus = gamma_around(s.stdp.eta_plus, shapes.stdp);
    s.stdp.eta_minus = gamma_around(s.stdp.eta_minus, shapes.stdp);
  }
  return s;
}

}  // namespace hrsnn::experiments
