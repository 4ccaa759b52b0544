/// \file variant.hpp
/// \brief The network variants the paper compares, as edits of a homogeneous NetworkSpec.
///
/// docs/model.md §1: MRSNN has point laws everywhere; heterogeneous neurons (HeN) draw tau_m from
/// Gamma(shape 3) and v_th − v_rest from Gamma(shape 25) per neuron, with the MRSNN's values as
/// means; heterogeneous STDP (HeS) draws tau_plus, tau_minus, eta_plus, eta_minus from
/// Gamma(shape 3) per synapse around the MRSNN's values. Everything else (labels, connectivity,
/// weights, delays, input) comes from streams the variant does not touch, so variants built
/// with one seed are paired.
#pragma once

#include "sim/network_spec.hpp"

#include <string>
#include <vector>

namespace hrsnn::experiments {

/// The four hand-set variants of docs/model.md §1.
enum class Variant { MRSNN, HeNHoS, HoNHeS, HeNHeS };

/// Which STDP parameters a HeS variant draws per synapse; the others keep the MRSNN's point
/// value, so the effect of heterogeneous time constants and of heterogeneous rates can be told apart.
struct StdpFamilies {
  bool tau_plus = true;   ///< draw tau_plus per synapse
  bool tau_minus = true;  ///< draw tau_minus per synapse
  bool eta_plus = true;   ///< draw eta_plus per synapse
  bool eta_minus = true;  ///< draw eta_minus per synapse
};

/// The names heterogeneity.stdp_families accepts, in the order of StdpFamilies.
std::vector<std::string> stdp_family_names();
/// StdpFamilies from a list of names; an unknown or repeated name throws InputError naming `where`.
StdpFamilies parse_stdp_families(const std::vector<std::string>& names, const std::string& where);

/// Shapes of the hand-set heterogeneity (docs/model.md §1 defaults). A shape of +infinity is the
/// homogeneous limit (CV 0, written "point" in configs): the parameter stays a point law.
struct HeterogeneityShapes {
  double tau_m = 3.0;     ///< Gamma shape of tau_m (E and I)
  double v_th = 25.0;     ///< Gamma shape of v_th − v_rest
  double stdp = 3.0;      ///< Gamma shape of each heterogeneous STDP parameter
  StdpFamilies stdp_families;  ///< which STDP parameters are heterogeneous in HeS variants
};

/// "MRSNN", "HeNHoS", "HoNHeS", "HeNHeS".
std::string variant_name(Variant v);
/// Parses a variant name (case-insensitive); throws InputError naming `where`.
Variant parse_variant(const std::string& name, const std::string& where);
/// All four variants in the order above.
std::vector<Variant> all_variants();

/// The spec of variant `v` built from the homogeneous `base` (whose point values become means).
sim::NetworkSpec apply_variant(const sim::NetworkSpec& base, Variant v, const HeterogeneityShapes& shapes = {});

}  // namespace hrsnn::experiments
