/// \file wav.cpp
/// \brief PCM reader on libsndfile (rules in wav.hpp).
#include "data/wav.hpp"

#include "core/error.hpp"
#include "data/resample.hpp"

#include <sndfile.h>

#include <cstdio>
#include <memory>
#include <string>

namespace hrsnn::data {

std::vector<double> read_pcm_mono(const std::filesystem::path& file, int target_rate_hz) {
  const std::string name = file.string();
  require(target_rate_hz > 0, "target sample rate must be positive");
  SF_INFO info{};
  SNDFILE* raw = sf_open(name.c_str(), SFM_READ, &info);
  require(raw != nullptr, name + ": cannot read audio (" + std::string(sf_strerror(nullptr)) + ")");
  const std::unique_ptr<SNDFILE, int (*)(SNDFILE*)> sf(raw, sf_close);
  const int sub = info.format & SF_FORMAT_SUBMASK;
  const bool pcm = sub == SF_FORMAT_PCM_S8 || sub == SF_FORMAT_PCM_16 || sub == SF_FORMAT_PCM_24 ||
                   sub == SF_FORMAT_PCM_32 || sub == SF_FORMAT_PCM_U8;
  require(pcm, name + ": not integer PCM audio (sample format 0x" + [&] {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04x", sub);
    return std::string(buf);
  }() + "); only PCM files are supported");
  require(info.frames > 0 && info.channels > 0, name + ": empty audio file (no samples)");
  std::vector<double> inter(static_cast<std::size_t>(info.frames * info.channels));
  const sf_count_t got = sf_readf_double(sf.get(), inter.data(), info.frames);
  require(got == info.frames, name + ": read " + std::to_string(got) + " of " + std::to_string(info.frames) + " frames");
  std::vector<double> mono(static_cast<std::size_t>(info.frames));
  const auto ch = static_cast<std::size_t>(info.channels);
  for (std::size_t i = 0; i < mono.size(); ++i) {
    double s = 0.0;
    for (std::size_t c = 0; c < ch; ++c) s += inter[i * ch + c];
    mono[i] = s / static_cast<double>(ch);
  }
  return resample(mono, info.samplerate, target_rate_hz);
}

}  // namespace hrsnn::data
