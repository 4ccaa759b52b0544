/// \file shd.hpp
/// \brief Loader for Spiking Heidelberg Digits style HDF5 event files (direct spike input).
///
/// Layout (Cramer et al. 2020): /spikes/times (vlen float, seconds, one list per sample),
/// /spikes/units (vlen uint16, parallel to times), /labels (integer per sample).
#pragma once

#include "core/spike_events.hpp"

#include <cstdint>
#include <filesystem>
#include <vector>

namespace hrsnn::data {

/// Per-sample spike trains on the dt grid, with labels.
struct EventSet {
  std::vector<SpikeEvents> samples;     ///< one per sample, n_sources = n_units
  std::vector<int> labels;              ///< class label per sample
  std::vector<std::int64_t> n_steps;    ///< steps spanned by each sample (last spike step + 1)
  std::uint32_t n_units = 0;            ///< input channels
  double dt_ms = 0.0;                   ///< grid the steps refer to
  std::size_t merged_duplicates = 0;    ///< spikes of one unit falling on one step, kept once
};

/// Reads an SHD-layout HDF5 file and bins spike times to steps round(t / dt). A unit spikes
/// at most once per step (coincident spikes are merged and counted). `n_units` 0 infers
/// max(unit) + 1; otherwise units must be below it. Throws InputError naming the file and
/// dataset for a missing file/dataset, mismatched lengths or negative/non-finite times.
EventSet load_shd(const std::filesystem::path& file, double dt_ms, std::uint32_t n_units = 0);

}  // namespace hrsnn::data
