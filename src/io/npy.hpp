/// \file npy.hpp
/// \brief NumPy .npy output for large spike lists (numpy.load reads them directly).
///
/// Format 1.0 (numpy.lib.format): magic "\x93NUMPY", version 1.0, a little-endian uint16 header
/// length, a Python-literal dict padded with spaces to a multiple of 64 bytes, then the raw data.
#pragma once

#include <cstdint>
#include <filesystem>
#include <vector>

namespace hrsnn::io {

/// Writes spikes as a structured array with fields neuron (<u4) and step (<i8), in order.
void write_spikes_npy(const std::filesystem::path& file, const std::vector<std::int64_t>& steps,
                      const std::vector<std::uint32_t>& neurons);

}  // namespace hrsnn::io
