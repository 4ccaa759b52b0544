/// \file network_config.hpp
/// \brief The [network], [neurons], [weights] and [stdp] sections of a config, and their defaults.
///
/// Keys (all optional; defaults are docs/model.md's, see docs/configuration.md):
///   dt, seed
///   network.{n, frac_exc, n_inputs, topology, delay}
///   network.connectivity.{c_ee, c_ei, c_ie, c_ii, lambda, p, k, beta, p_in}
///   neurons.{exc,inh}.{tau_m, v_th, tau_syn_e, tau_syn_i, tau_ref, v_rest, v_reset}
///     (v_th is the law of v_th − v_rest; any of tau_m, v_th, tau_syn_* may be a law table)
///   weights.{in_e, in_i, ee, ei, ie, ii}      (laws of magnitudes, mV)
///   stdp.{tau_plus, tau_minus, eta_plus, eta_minus, w_max_factor, levels, pairing}
///   stdp.plastic.{in_e, in_i, ee, ei, ie, ii}
#pragma once

#include "io/config.hpp"
#include "sim/network.hpp"
#include "sim/network_spec.hpp"

namespace hrsnn::io {

/// Reads the network description from `cfg` over `defaults`, validating every value.
sim::NetworkSpec read_network_spec(Config& cfg, const sim::NetworkSpec& defaults = {});

/// Reads stdp.pairing ("nearest" or "all").
sim::Pairing read_pairing(Config& cfg);

}  // namespace hrsnn::io
