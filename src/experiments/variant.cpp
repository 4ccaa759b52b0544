#include "experiments/variant.hpp"

#include "core/error.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>

namespace hrsnn::experiments {
namespace {

// Gamma law with the given shape around the (point or not) law's mean; an infinite shape is the
// homogeneous limit, which must stay a point law (a gamma law with CV 0 is not one the samplers take).
Law gamma_around(const Law& law, double shape) {
  return std::isinf(shape) ? Law::point(law.mean) : Law::gamma_shape(law.mean, shape);
}

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

std::vector<std::string> stdp_family_names() { return {"tau_plus", "tau_minus", "eta_plus", "eta_minus"}; }

StdpFamilies parse_stdp_families(const std::vector<std::string>& names, const std::string& where) {
  StdpFamilies f{false, false, false, false};
  bool* flags[4] = {&f.tau_plus, &f.tau_minus, &f.eta_plus, &f.eta_minus};
  const std::vector<std::string> known = stdp_family_names();
  for (const std::string& name : names) {
    const auto it = std::find(known.begin(), known.end(), name);
    require(it != known.end(), where + ": unknown STDP family '" + name + "' (expected any of tau_plus, tau_minus, eta_plus, eta_minus)");
    bool* flag = flags[it - known.begin()];
    require(!*flag, where + ": '" + name + "' is listed twice");
    *flag = true;
  }
  return f;
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
    const StdpFamilies& f = shapes.stdp_families;
    if (f.tau_plus) s.stdp.tau_plus = gamma_around(s.stdp.tau_plus, shapes.stdp);
    if (f.tau_minus) s.stdp.tau_minus = gamma_around(s.stdp.tau_minus, shapes.stdp);
    if (f.eta_plus) s.stdp.eta_plus = gamma_around(s.stdp.eta_plus, shapes.stdp);
    if (f.eta_minus) s.stdp.eta_minus = gamma_around(s.stdp.eta_minus, shapes.stdp);
  }
  return s;
}

}  // namespace hrsnn::experiments
