/// \file network_spec.hpp
/// \brief What a generated reservoir looks like: sizes, laws, connectivity, weights, STDP.
///
/// One table of defaults (docs/model.md §2, §3). Neuron parameters and STDP parameters are Laws,
/// so MRSNN (every law a point), HeNHoS, HoNHeS and HeNHeS differ only in these fields; the
/// builder draws connectivity, weights, delays, labels and initial potentials from random
/// streams that do not depend on them, so variants built with one seed are paired.
#pragma once

#include "core/law.hpp"

#include <cstdint>
#include <string>

namespace hrsnn::sim {

/// Laws of one population's neuron parameters (ms, mV).
struct PopulationLaws {
  Law tau_m;          ///< membrane time constant
  Law v_th_above_rest = Law::point(15.0);  ///< v_th − v_rest
  Law tau_syn_e = Law::point(5.0);         ///< excitatory current decay
  Law tau_syn_i = Law::point(10.0);        ///< inhibitory current decay
  double tau_ref = 2.0;     ///< refractory period, a multiple of dt
  double v_rest = -65.0;    ///< resting potential
  double v_reset = -65.0;   ///< reset potential
  // Adaptive LIF only (NetworkSpec::adaptive; docs/model.md §2.1).
  Law tau_a = Law::point(200.0);     ///< adaptation current decay
  Law b_a = Law::point(0.0);         ///< adaptation current jump per spike (mV)
  Law tau_theta = Law::point(200.0); ///< threshold excess decay
  Law d_theta = Law::point(0.0);     ///< threshold jump per spike (mV)
};

/// Laws of the per-synapse STDP parameters of plastic classes.
struct StdpLaws {
  Law tau_plus = Law::point(20.0);
  Law tau_minus = Law::point(20.0);
  Law eta_plus = Law::point(0.01);
  Law eta_minus = Law::point(0.0105);
  double w_max_factor = 2.0;  ///< w_max = factor × the class's mean initial weight; w_min = 0
  /// Per-synapse draws take one of this many values per parameter (the law's equal-probability
  /// stratum means, LawSampler::level_table), so the simulator can keep them as 8-bit codes
  /// (16 B per plastic synapse); 0 draws from the continuous law.
  int levels = 256;
};

/// Connectivity rules (docs/model.md §3).
enum class Topology { MaassGrid, Random, SmallWorld };

/// Parses "maass", "random" or "small-world"; throws InputError naming `where`.
Topology parse_topology(const std::string& name, const std::string& where);

/// Parameters of the connectivity rules.
struct ConnectivitySpec {
  Topology topology = Topology::MaassGrid;
  double c_ee = 0.3, c_ei = 0.2, c_ie = 0.4, c_ii = 0.1;  ///< Maass: C per (pre, post) class
  double lambda = 2.0;    ///< Maass: length scale on the unit-spacing grid
  double p = 0.1;         ///< Random: connection probability
  int k = 10;             ///< SmallWorld: out-degree of the ring lattice (even)
  double beta = 0.1;      ///< SmallWorld: rewiring probability
  double p_in = 0.2;      ///< input source → reservoir neuron probability
};

/// Laws of the initial weights per class, in mV (inhibitory laws give magnitudes).
struct WeightSpec {
  // Calibrated on the MRSNN's rate only (tests/experiments/calibration_test.cpp): at N = 500
  // with Poisson input (the paper's protocol) it fires at about 5.9 Hz (E) and 25.9 Hz (I) with
  // ISI CV about 1.07 (docs/results.md); the current drive's scale is calibrated separately.
  Law in_e = Law{LawKind::Gamma, 20.0, 0.5};
  Law in_i = Law{LawKind::Gamma, 20.0, 0.5};
  Law ee = Law{LawKind::Gamma, 15.0, 0.5};
  Law ei = Law{LawKind::Gamma, 15.0, 0.5};
  Law ie = Law{LawKind::Gamma, 30.0, 0.5};
  Law ii = Law{LawKind::Gamma, 30.0, 0.5};
  /// Input weights of a d-dimensional rate code (d·M sources) are divided by d^exponent
  /// (0: off, the default; 1 keeps the mean drive, 0.5 its variance). FSDD instead has its own
  /// calibrated input weights (experiments/task_config.cpp).
  double input_dimension_exponent = 0.0;
};

/// Which synapse classes are plastic (docs/model.md §3 default: E→E and input→E).
struct PlasticClasses {
  bool in_e = true, in_i = false, ee = true, ei = false, ie = false, ii = false;
};

/// Everything needed to build a reservoir with its input connections.
struct NetworkSpec {
  std::uint32_t n = 500;           ///< reservoir neurons
  double frac_exc = 0.8;           ///< fraction of excitatory neurons
  std::uint32_t n_inputs = 20;     ///< input sources
  double dt = 1.0;                 ///< step (ms)
  PopulationLaws exc{Law::point(20.0), Law::point(15.0), Law::point(5.0), Law::point(10.0), 3.0};
  PopulationLaws inh{Law::point(10.0), Law::point(15.0), Law::point(5.0), Law::point(10.0), 2.0};
  ConnectivitySpec conn;
  WeightSpec weights;
  Law delay = Law::point(1.0);     ///< synaptic delay (ms), rounded to the dt grid
  StdpLaws stdp;
  PlasticClasses plastic;
  bool adaptive = false;           ///< neuron model: adaptive LIF (else the plain LIF)
};

}  // namespace hrsnn::sim
