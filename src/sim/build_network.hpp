/// \file build_network.hpp
/// \brief Draws a Network from a NetworkSpec with independent, named random streams.
#pragma once

#include "sim/network.hpp"
#include "sim/network_spec.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace hrsnn::sim {

/// Builds the network of `spec` for `seed`; throws InputError on impossible parameters or when
/// the expected size does not fit in memory (checked before allocating).
Network build_network(const NetworkSpec& spec, std::uint64_t seed);

/// A law of a NetworkSpec that no draw can satisfy: its config key and why.
struct LawProblem {
  std::string key;     ///< the config key, e.g. "neurons.exc.tau_m", "weights.ee", "network.delay"
  std::string reason;  ///< the sampler's explanation (bounds keeping almost none of it, ...)
};

/// Constructs every law sampler build_network would draw from and returns the first law no
/// draw can satisfy (an unreachable truncated mean, bounds keeping almost none of it), so it is
/// refused before any network is built; nullopt when every law can be drawn.
std::optional<LawProblem> impossible_law(const NetworkSpec& spec);

/// Grid shape for n neurons: the near-cubic a ≤ b ≤ c with a·b·c = n when one exists with
/// c ≤ 4a (e.g. 10×10×20 for 2000), else the smallest near-cube holding n positions.
std::array<int, 3> grid_shape(std::uint32_t n);

/// Expected number of synapses of `spec` (for the memory check and reports).
double expected_synapses(const NetworkSpec& spec);

}  // namespace hrsnn::sim
