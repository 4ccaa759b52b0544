/// \file network.hpp
/// \brief The plain description of a network: neurons, synapses and input sources.
///
/// A Network is data only (what `hrsnn simulate --network DIR` reads and what the builders
/// produce); the Simulator compiles it into its own fast layout. Presynaptic indices share
/// one space: reservoir neurons are 0..N-1, input sources N..N+M-1 (inputs are excitatory).
/// Times are in ms, potentials and weights in mV (a weight is the jump of a synaptic current).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace hrsnn::sim {

/// Largest synaptic delay in steps: the simulator keeps delays in 16-bit fields.
inline constexpr std::int64_t kMaxDelaySteps = 32767;

/// Per-neuron parameters, structure of arrays (docs/model.md §2, §9 neurons.csv).
struct NeuronTable {
  std::vector<double> tau_m;      ///< membrane time constant (ms)
  std::vector<double> v_rest;     ///< resting potential (mV)
  std::vector<double> v_reset;    ///< reset potential (mV)
  std::vector<double> v_th;       ///< threshold (mV)
  std::vector<double> v_init;     ///< initial potential (mV)
  std::vector<double> tau_ref;    ///< refractory period (ms), a multiple of dt
  std::vector<double> tau_syn_e;  ///< excitatory current decay (ms)
  std::vector<double> tau_syn_i;  ///< inhibitory current decay (ms)
  std::vector<std::uint8_t> excitatory;  ///< 1 for E, 0 for I
  // Adaptive LIF (docs/model.md §2.1): empty for the plain LIF, else one value per neuron.
  //   τ_m dv/dt = −(v − v_rest) + I_e + I_i − a,  τ_a da/dt = −a,  τ_θ dθ/dt = −θ,
  //   spike when v ≥ v_th + θ; then v = v_reset, a += b_a, θ += d_theta.
  std::vector<double> tau_a;      ///< adaptation current decay (ms)
  std::vector<double> b_a;        ///< adaptation current jump per spike (mV, ≥ 0)
  std::vector<double> tau_theta;  ///< threshold excess decay (ms)
  std::vector<double> d_theta;    ///< threshold jump per spike (mV, ≥ 0)
  // Conductance-based LIF (docs/model.md §2.2): empty for the current-based models, else one
  // value per neuron (and then for every neuron: weights are conductances, not currents).
  //   τ_m dv/dt = (v_rest − v) + [g_e (E_e − v) + g_i (E_i − v)] / g_L,  τ_e dg_e/dt = −g_e,
  //   τ_i dg_i/dt = −g_i; a spike of a synapse of weight w adds |w| nS to g_e (w ≥ 0) or g_i (w ≤ 0).
  std::vector<double> g_l;        ///< leak conductance (nS, > 0)
  std::vector<double> e_e;        ///< excitatory reversal potential (mV, above v_th)
  std::vector<double> e_i;        ///< inhibitory reversal potential (mV, below v_th)

  /// Number of neurons.
  std::size_t size() const { return tau_m.size(); }
  /// Resizes every column to n (the adaptation columns only when present).
  void resize(std::size_t n);
  /// True when the adaptation columns are present (the adaptive LIF model).
  bool adaptive() const { return !tau_a.empty(); }
  /// Adds the adaptation columns with values that leave the plain LIF's dynamics (b_a = d_theta = 0).
  void make_adaptive();
  /// True when the conductance columns are present (the conductance-based LIF).
  bool conductance() const { return !g_l.empty(); }
  /// Adds the conductance columns (g_L 10 nS, E_e 0 mV, E_i −80 mV: Brette et al. 2007's values).
  void make_conductance();
};

/// Per-synapse STDP parameters; a synapse is plastic when eta_plus or eta_minus is > 0.
struct StdpColumns {
  std::vector<double> tau_plus, tau_minus, eta_plus, eta_minus, w_min, w_max;
  /// True when the columns are present (all six have one value per synapse).
  bool present() const { return !tau_plus.empty(); }
  /// True when synapse s has a positive learning rate.
  bool plastic(std::size_t s) const { return present() && (eta_plus[s] > 0.0 || eta_minus[s] > 0.0); }
};

/// All synapses, recurrent and from inputs, in one table (file order is kept for output).
struct SynapseTable {
  std::vector<std::uint32_t> pre;   ///< presynaptic index: neuron (< N) or N + input source
  std::vector<std::uint32_t> post;  ///< postsynaptic neuron
  std::vector<double> weight;       ///< initial weight (mV); >= 0 from E and inputs, <= 0 from I
  std::vector<std::int32_t> delay;  ///< delay in steps (>= 0)
  StdpColumns stdp;                 ///< empty, or one value per synapse in each column

  /// Number of synapses.
  std::size_t size() const { return pre.size(); }
  /// Appends a static synapse.
  void add(std::uint32_t p, std::uint32_t q, double w, std::int32_t d) {
    pre.push_back(p);
    post.push_back(q);
    weight.push_back(w);
    delay.push_back(d);
  }
};

/// A complete network ready to simulate at step dt.
struct Network {
  double dt = 1.0;             ///< step (ms)
  NeuronTable neurons;         ///< reservoir neurons
  std::uint32_t n_inputs = 0;  ///< number of input sources
  SynapseTable synapses;       ///< recurrent synapses then input synapses, in any order
  std::size_t n_input_synapses = 0;  ///< how many of the table's last rows are input synapses (for file output)

  /// Number of reservoir neurons.
  std::uint32_t n_neurons() const { return static_cast<std::uint32_t>(neurons.size()); }
};

/// STDP pairing scheme (docs/model.md §3): traces set to 1 or increased by 1 at each spike.
enum class Pairing { Nearest, AllToAll };

/// Parses "nearest" or "all"; throws InputError naming `where`.
Pairing parse_pairing(const std::string& name, const std::string& where);

/// Converts a time in ms to steps, or throws InputError when it is off the dt grid by more
/// than 1e-9·dt (docs/model.md §3); `what` names the value in the message.
std::int64_t to_steps(double time_ms, double dt, const std::string& what);

/// A delay in ms as steps on the dt grid in [0, kMaxDelaySteps], range-checked before any
/// narrowing; errors read "`where`: delay 4294967301 ms is 4294967301 steps at dt = 1 ms, above
/// the supported 32767" (`where` names the file:line or the key).
std::int32_t delay_to_steps(double delay_ms, double dt, const std::string& where);

/// The message for a delay of `delay_ms` that is `steps` steps at `dt`, above kMaxDelaySteps.
std::string delay_too_long(const std::string& where, double delay_ms, double steps, double dt);

/// Checks every invariant of docs/model.md §2/§3/§9 (positive time constants, signs of weights,
/// delays and refractory periods on the grid, indices in range); throws InputError naming
/// `where` and the offending neuron or synapse.
void validate(const Network& net, const std::string& where);

}  // namespace hrsnn::sim
