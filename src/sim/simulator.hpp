/// \file simulator.hpp
/// \brief The step loop: exact LIF integration, delayed delivery, STDP (docs/model.md §8).
///
/// Step n (t_n = n·dt), in the order of Brian2 2.5's default schedule so the two agree:
///  1. refractory ⇔ n − last_spike < floor(tau_ref/dt + 0.001); integrate exactly from t_n to
///     t_{n+1}, holding v while refractory (currents always evolve);
///  2. spike ⇔ v ≥ v_th and not refractory;
///  3. deliver every spike whose arrival step is n (delay 0 included): add the pre-update weight
///     to the target's current, apply LTD, update x; then for this step's spikes update y and
///     apply LTP to their incoming plastic synapses;
///  4. reset v to v_reset for this step's spikes.
/// An optional ExternalDrive (sim/external_drive.hpp) adds a constant D_i·(1 − e^{−dt/τm}) per
/// window to step 1's integration; without one the loop is the same code as before it existed.
/// Layout (Auryn-like): neuron state in flat arrays with precomputed propagators; static
/// synapses in CSR by presynaptic index, cut into equal-delay segments that a spike queues in
/// the slot of their arrival step (slot = arrival step mod D, as NEST's ring buffers); plastic
/// synapses in their own CSR, queued per arrival slot so LTD sees the weight at arrival, and a
/// transposed index for LTP.
#pragma once

#include "core/spike_events.hpp"
#include "plasticity/stdp_rule.hpp"
#include "sim/compact_plastic.hpp"
#include "sim/network.hpp"
#include "sim/propagator.hpp"
#include "sim/recorder.hpp"
#include "sim/thread_team.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <type_traits>
#include <vector>

namespace hrsnn::sim {

struct ExternalDrive;

/// How plastic synapses are stored (docs/performance.md).
enum class PlasticLayout {
  Auto,     ///< compact when eligible (nearest pairing, <= 256 values per STDP parameter and group), else wide
  Wide,     ///< one 64-byte line per synapse: double weight and traces, free parameters
  Compact,  ///< 16 B per synapse (sim/compact_plastic.hpp); an InputError when not eligible
};

/// Parses "auto", "wide" or "compact"; throws InputError naming `where`.
PlasticLayout parse_plastic_layout(const std::string& name, const std::string& where);

/// Floating-point type of the neuron state (v, I_e, I_i) and its propagator constants.
enum class Precision {
  Double,  ///< float64: the Brian2 reference path (identical spikes)
  Single,  ///< float32: half the memory traffic per neuron and step, twice the SIMD width;
           ///< trajectories drift from double's by rounding (statistics agree, docs/performance.md)
};

/// Parses "double" or "single"; throws InputError naming `where`.
Precision parse_precision(const std::string& name, const std::string& where);

/// Which arithmetic the neuron kernels use (docs/performance.md).
enum class Kernel {
  Exact,  ///< the reference path: Brian2's expressions and libm's exp (identical spikes)
  Fast,   ///< conductance model: reciprocals instead of divisions and an inline, vectorised exp
          ///< (within 2 ulp); spikes follow the exact path's statistically, not bit for bit.
          ///< The current-based models have no faster form: they run the exact kernel.
};

/// Parses "exact" or "fast"; throws InputError naming `where`.
Kernel parse_kernel(const std::string& name, const std::string& where);

/// Run-time switches of a simulation.
struct SimOptions {
  bool plastic = false;             ///< apply STDP to synapses with eta > 0 (else all frozen)
  Pairing pairing = Pairing::Nearest;  ///< trace update at each spike
  PlasticLayout layout = PlasticLayout::Auto;  ///< storage of plastic synapses
  Precision precision = Precision::Double;     ///< neuron state precision
  Kernel kernel = Kernel::Exact;               ///< neuron arithmetic (exact or fast)
  int threads = 1;  ///< threads sharing each step (neurons and static deliveries); bits do not depend on it
};

/// Bytes per synapse each layout accounts for.
struct SynapseBytes {
  double static_synapse;   ///< target + float weight
  double plastic_wide;     ///< the 64-byte line, indices and the transposed entry
  double plastic_compact;  ///< target + fixed-point weight + codes + transposed entry
};

/// Simulates one Network; state persists across run() calls.
class Simulator {
 public:
  /// Validates and compiles `net` (throws InputError on bad parameters).
  Simulator(const Network& net, const SimOptions& options);

  /// Advances n_steps steps. `input` spikes are in steps relative to the current step and
  /// must be sorted with no source twice in a step; spikes at or beyond n_steps are an error.
  /// `drive`, when given, adds its piecewise-constant D to the membrane equation (its step 0 is
  /// this run's step 0 plus drive->offset_steps; it must cover the run).
  void run(std::int64_t n_steps, const SpikeEvents* input, SpikeRecorder* recorder,
           const ExternalDrive* drive = nullptr);

  /// Turns STDP on or off (the STDP phase, then frozen weights for features).
  void set_plastic(bool on) { plastic_ = on && has_plastic_; }
  /// Whether STDP is currently applied.
  bool plastic() const { return plastic_; }
  /// Puts v back to v_init, currents, traces and pending deliveries to 0; weights are kept.
  void reset_state();

  /// The current step (number of steps simulated so far).
  std::int64_t step() const { return step_; }
  /// Current weights in the order of `net`'s synapse table (`net` is the one simulated;
  /// static weights are read from it, which spares 8 B per static synapse).
  std::vector<double> weights(const Network& net) const;
  /// Membrane potentials (mV).
  std::vector<double> v() const;
  /// Bytes per synapse the layouts account for.
  static SynapseBytes bytes_per_synapse();
  /// Whether plastic synapses use the compact layout.
  bool compact() const { return compact_ != nullptr; }

 private:
  /// Neuron state and propagator constants in one precision. The refractory end is a step
  /// count as wide as Real, so every lane of the vectorised update has one width (measured
  /// no slower than 32-bit steps with doubles, and simpler code for the compiler).
  template <class Real>
  struct NeuronArrays {
    using Step = std::conditional_t<sizeof(Real) == 8, std::int64_t, std::int32_t>;
    std::vector<Real> v, ie, ii, rest, reset, th, init, pmm, pme, pmi, pee, pii;
    std::vector<Real> drive;  ///< D·(1 − e^{−dt/τm}) of the current window (only with a drive)
    // Adaptive LIF only (empty otherwise): state a, θ; propagators a → v, a → a, θ → θ; jumps.
    std::vector<Real> a, theta, pma, paa, ptt, ba, dth;
    // Conductance-based LIF only (empty otherwise), in Brian2's units of time (s) so its
    // exponential-Euler step rounds as Brian2's does: g_L·τ_m, 1/τ_m, v_rest/τ_m, E_e, E_i.
    std::vector<Real> glt, invt, vrt, ee, ei;
    std::vector<Real> inv_glt;  ///< 1/(g_L·τ_m), the fast kernel's multiplier
    std::vector<Real> tmp1, tmp2;  ///< per-step scratch of the exact conductance kernel
    std::vector<Step> until;  ///< refractory while the step is below this (read-only per step)
  };
  template <bool Driven, class Real>
  void integrate(NeuronArrays<Real>& a, std::int32_t n, std::uint32_t begin, std::uint32_t end);
  template <bool Uniform, class Real>
  void integrate_conductance(NeuronArrays<Real>& a, std::int32_t n, std::uint32_t begin, std::uint32_t end);
  int team_size() const { return team_ ? team_->size() : 1; }
  void gather_spikes(std::uint32_t begin, std::uint32_t end, std::vector<std::uint32_t>& out) const;
  std::vector<std::vector<std::uint32_t>> member_spikes_;  // threads > 1: each member's spikes of the step
  void split_segments_by_target();
  std::unique_ptr<ThreadTeam> team_;          // threads > 1: the members sharing each step
  std::vector<std::uint64_t> s_seg_span_;     // threads > 1: per segment, threads + 1 bounds by target block
  static constexpr std::uint64_t kSpanOffset = ~(std::uint64_t{1} << 63);  // the offset bits of a span entry
  bool fast_ = false;  // Kernel::Fast for the conductance model in double precision
  bool adaptive_ = false;  // the adaptive LIF kernel (NeuronTable::adaptive)
  bool conductance_ = false;  // the conductance-based kernel (NeuronTable::conductance)
  double dt_s_ = 0.0;         // dt in seconds, as Brian2 holds it (dt·0.001)
  void load_drive_window(const ExternalDrive& drive, std::int64_t window);
  template <class W, class Real>
  void deliver_static(const std::vector<std::uint32_t>& segments, const W* weights, Real* ie, Real* ii);
  void add_current(std::uint32_t pre, std::uint32_t post, double w) {
    if (single_) (pre_excitatory_[pre] ? nf_.ie : nf_.ii)[post] += static_cast<float>(w);
    else (pre_excitatory_[pre] ? nd_.ie : nd_.ii)[post] += w;
  }
  void integrate_and_threshold(std::int64_t n, bool driven);
  void emit(std::uint32_t pre, std::int64_t n);
  void deliver(std::int64_t n);
  void apply_ltp();

  double dt_;
  std::uint32_t n_;       // reservoir neurons
  std::uint32_t n_pre_;   // neurons + input sources
  std::int64_t step_ = 0;
  bool has_plastic_ = false;
  bool plastic_ = false;
  bool all_to_all_ = false;

  // Neuron state and constants: one of the two is used.
  bool single_ = false;
  NeuronArrays<double> nd_;
  NeuronArrays<float> nf_;
  std::vector<std::int32_t> ref_steps_;
  std::vector<double> drive_gain_;  // per neuron: 1 − e^{−dt/τm}, the exact step's weight of D
  std::vector<std::uint8_t> pre_excitatory_;  // per presynaptic index: adds to I_e (1) or I_i (0)
  std::vector<std::uint32_t> spiked_;          // this step's spiking neurons
  std::vector<std::uint8_t> flag_;             // per neuron: spiked this step
  bool uniform_ = false;                       // every neuron constant equal: scalar kernel

  // Static synapses: CSR by presynaptic index. Each row is sorted by delay and cut into
  // segments of equal delay, so a synapse stores only its target and weight (float when every
  // static weight converts losslessly). A spike queues its segments in the slot of their
  // arrival step; delivery walks them, so the neuron pass reads no dense ring buffer.
  std::vector<std::size_t> s_seg_row_;       // per presynaptic index: its segments
  std::vector<std::int16_t> s_seg_delay_;    // per segment: delay in steps
  std::vector<std::size_t> s_seg_end_;       // per segment: one past its last synapse
  std::vector<std::uint32_t> s_post_;
  std::vector<double> s_weight_;             // used when some weight is not a float
  std::vector<float> s_weight_f_;            // used when all are
  std::vector<std::uint32_t> s_seg_pre_;     // per segment: its presynaptic index
  std::int32_t slots_ = 1;
  std::vector<std::vector<std::uint32_t>> static_arrivals_;  // per slot: static segments arriving

  // Plastic synapses: CSR by presynaptic index, per-slot arrival queues, transposed index.
  std::vector<std::size_t> p_row_;
  std::vector<std::uint32_t> p_post_;
  std::vector<std::uint32_t> p_pre_;
  std::vector<std::int16_t> p_delay_;
  std::vector<plasticity::PlasticSynapse> p_syn_;     // hot state + parameters, one cache line each
  std::vector<plasticity::WeightBounds> p_bounds_;    // distinct (w_min, w_max) pairs
  std::vector<std::size_t> p_origin_;
  std::vector<std::vector<std::uint32_t>> arrivals_;  // per slot: plastic synapses arriving
  std::vector<std::size_t> in_row_;
  std::vector<std::uint32_t> in_syn_;

  // Or the compact store (then the wide arrays above stay empty).
  std::unique_ptr<CompactPlastic> compact_;
  std::vector<std::vector<std::uint32_t>> compact_arrivals_;  // per slot: compact segments arriving
};

}  // namespace hrsnn::sim
