/// \file compact_plastic.hpp
/// \brief Plastic synapses in 16 bytes: nearest-spike STDP from spike times, 8-bit parameter codes.
///
/// With nearest-spike pairing a synapse's traces are functions of two spike times (docs/model.md §3):
///   x_ij(n) = exp(−(n − a_ij)·dt/τ₊,ij), a_ij = the last arrival at or before step n
///             (the last spike s of i with s + d_ij ≤ n), 0 before the first arrival;
///   y_ij(n) = exp(−(n − t_j)·dt/τ₋,ij), t_j = the last spike of j before step n, 0 before it.
/// So no per-synapse trace is kept: each presynaptic index keeps its last spikes in a small ring
/// (as many as fit in the longest plastic delay) and each neuron its last spike. The four STDP
/// parameters of a synapse are 8-bit codes into per-group tables (a group = one (w_min, w_max)
/// pair, e.g. one plastic class), which holds whenever every group has at most 256 distinct
/// values of each parameter: homogeneous STDP, or laws drawn with `stdp.levels` (the builder's
/// default). The weight is a 32-bit fixed-point fraction of [w_min, w_max] (resolution
/// 2.3e-10 of the range, rounded at every update), so it never leaves the bounds.
///
/// Per synapse: target (4 B) + weight (4 B) + codes (4 B) + transposed-index entry (4 B) = 16 B.
/// Synapses are sorted by (pre, delay, group) and cut into segments; a spike queues its
/// segments, and the transposed walk finds a synapse's segment (hence pre, delay and group)
/// through a table of one segment index per 16 synapses.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/network.hpp"

namespace hrsnn::sim {

/// The compact store of a network's plastic synapses (nearest-spike pairing only).
class CompactPlastic {
 public:
  /// Empty when synapses `ids` of `st` fit the layout, else the reason they do not.
  static std::string ineligible(const SynapseTable& st, const std::vector<std::size_t>& ids);
  /// The storage order of synapses `ids`: by (pre, delay, group), table order within.
  static std::vector<std::uint32_t> storage_order(const SynapseTable& st, const std::vector<std::size_t>& ids);

  /// Compiles synapses `ids` of `st` (check ineligible() first) for `n_pre` presynaptic
  /// indices, `n_post` neurons and step `dt` (ms).
  /// `ids` is taken by value and released early, to keep the construction peak low.
  CompactPlastic(const SynapseTable& st, std::vector<std::size_t> ids, std::uint32_t n_pre, std::uint32_t n_post,
                 double dt);

  /// Queues pre's segments in the slot of their arrival (slot = now + delay mod slots).
  void emit(std::uint32_t pre, std::int32_t now_slot, std::int32_t slots,
            std::vector<std::vector<std::uint32_t>>& arrivals) const;
  /// Remembers a presynaptic spike at step n (only while STDP is on, as traces freeze with it).
  void record_pre(std::uint32_t pre, std::int32_t n);
  /// Delivers queued segments at step n: each synapse adds its weight (before the update) to
  /// its target's current (ie from excitatory presynaptic indices, else ii), then LTD if `plastic`.
  template <class Real>
  void deliver(const std::vector<std::uint32_t>& segments, std::int32_t n, Real* ie, Real* ii,
               const std::uint8_t* pre_excitatory, bool plastic);
  /// LTP on the incoming synapses of this step's spiking neurons, then remembers their spikes.
  void potentiate(const std::vector<std::uint32_t>& spiked, std::int32_t n);
  /// Forgets every spike (traces back to 0); weights are kept.
  void reset();
  /// Writes the current weights into `w` (indexed like the SynapseTable) for synapses `ids`.
  void weights_into(const SynapseTable& st, const std::vector<std::size_t>& ids, std::vector<double>& w) const;
  /// Bytes per synapse the layout accounts for (segment and block tables excluded: they are
  /// per 16 synapses and per run of equal (pre, delay, group)).
  static double bytes_per_synapse();

 private:
  struct Synapse {
    std::uint32_t post;
    std::uint32_t w;                 // fixed point: w_min + w·step
    std::array<std::uint8_t, 4> code;  // tau_plus, tau_minus, eta_plus, eta_minus
  };
  struct Segment {
    std::uint32_t pre;
    std::uint32_t end;  // one past its last synapse
    std::int16_t delay;
    std::uint16_t group;
  };
  struct Group {
    double w_min = 0, w_max = 0, step = 0, inv_step = 0;
    std::array<double, 256> rate_plus{}, rate_minus{}, eta_plus{}, eta_minus{};  // rate = dt/τ
  };
  static constexpr int kBlockShift = 4;
  static constexpr std::int32_t kNever = INT32_MIN;

  double decode(std::uint32_t u, const Group& g) const;
  std::uint32_t encode(double w, const Group& g) const;
  std::uint32_t segment_of(std::uint32_t k) const;
  std::int32_t last_arrival(std::uint32_t pre, std::int32_t delay, std::int32_t n) const;

  std::vector<Synapse> syn_;
  std::vector<Segment> seg_;
  std::vector<std::size_t> seg_row_;         // per presynaptic index: its first segment
  std::vector<std::uint32_t> seg_of_block_;  // per 16 synapses: the segment holding the first
  std::vector<std::size_t> in_row_;          // transposed index: per neuron, its incoming synapses
  std::vector<std::uint32_t> in_syn_;
  std::vector<Group> groups_;
  std::uint32_t ring_ = 1;                   // spikes kept per presynaptic index (power of two)
  std::vector<std::int32_t> pre_spikes_;     // ring_ per presynaptic index
  std::vector<std::uint32_t> pre_count_;
  std::vector<std::int32_t> last_post_;
};

}  // namespace hrsnn::sim
