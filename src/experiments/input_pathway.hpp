/// \file input_pathway.hpp
/// \brief What a reservoir receives from a rate-coded input: spikes (Poisson or regular) or,
/// on the current pathway, a piecewise-constant drive D = s · G · W_inᵀ (sim/external_drive.hpp)
/// over the same sources, weights and tuning curves, with G = rates / r_max.
#pragma once

#include "core/spike_events.hpp"
#include "encode/rate_encoder.hpp"
#include "sim/external_drive.hpp"
#include "sim/network.hpp"

#include <Eigen/Dense>

#include <cstdint>
#include <optional>

namespace hrsnn::experiments {

/// One encoded input: spikes, or (current pathway) no spikes and a drive.
struct EncodedInput {
  SpikeEvents spikes;                       ///< input spikes (empty on the current pathway)
  std::optional<sim::ExternalDrive> drive;  ///< the drive (current pathway only)
  /// The drive for Simulator::run, or nullptr.
  const sim::ExternalDrive* drive_ptr() const { return drive ? &*drive : nullptr; }
};

/// Encodes x01 (windows × dims, in [0, 1]) for `net`'s input synapses with window i starting at
/// step 0; `seed` draws the spikes (unused on the current pathway, which is deterministic).
EncodedInput encode_input(const encode::RateEncoder& encoder, const Eigen::MatrixXd& x01, const sim::Network& net,
                          std::uint64_t seed);

}  // namespace hrsnn::experiments
