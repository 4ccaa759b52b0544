/// \file connectivity.hpp
/// \brief The connectivity rules of docs/model.md §3, each drawing from its own random streams.
///
/// (a) Maass liquid: neurons on a bounded 3-D grid of unit spacing,
///     P(i→j) = C_{type(i),type(j)} · exp(−(D(i,j)/λ)²), no self-connections. Pairs farther
///     than λ·√ln(10¹²) are skipped (their probability is below 10⁻¹²·C).
/// (b) Random (Erdős–Rényi): every ordered pair i ≠ j with probability p, by geometric skips.
/// (c) Small world (Watts & Strogatz 1998), directed: each neuron projects to its k nearest
///     ring successors/predecessors (k/2 each side); each edge is rewired with probability β
///     to a uniformly chosen target that is neither itself nor an existing target.
/// Streams are per postsynaptic (a, b) or presynaptic (c) neuron, so the result does not
/// depend on evaluation order.
#pragma once

#include "sim/network_spec.hpp"

#include <array>
#include <cstdint>
#include <vector>

namespace hrsnn::sim {

/// A list of (pre, post) pairs.
struct Edges {
  std::vector<std::uint32_t> pre;   ///< presynaptic neuron or input index
  std::vector<std::uint32_t> post;  ///< postsynaptic neuron
};

/// Recurrent edges among n neurons with the given E/I labels.
Edges recurrent_edges(const ConnectivitySpec& spec, const std::vector<std::uint8_t>& excitatory,
                      const std::array<int, 3>& grid, std::uint64_t seed);

/// Input edges: each of m sources to each of n neurons with probability p_in (pre = source index).
Edges input_edges(std::uint32_t m, std::uint32_t n, double p_in, std::uint64_t seed);

}  // namespace hrsnn::sim
