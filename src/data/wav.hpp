/// \file wav.hpp
/// \brief Reading PCM audio files (libsndfile) as mono samples at a chosen rate.
#pragma once

#include <filesystem>
#include <vector>

namespace hrsnn::data {

/// Reads a PCM audio file (8/16/24/32-bit integer samples) as doubles in [-1, 1], averages
/// the channels to mono, and resamples to `target_rate_hz` (resample.hpp). Throws InputError
/// naming the file if it cannot be opened, is not integer PCM (e.g. float WAV), is empty, is a
/// truncated WAV or has a sample rate outside 1000-192000 Hz.
std::vector<double> read_pcm_mono(const std::filesystem::path& file, int target_rate_hz = 8000);

}  // namespace hrsnn::data
