/// \file wav.cpp
/// \brief PCM reader on libsndfile (rules in wav.hpp).
#include "data/wav.hpp"

#include "core/error.hpp"
#include "data/resample.hpp"

#include <sndfile.h>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <memory>
#include <string>

namespace hrsnn::data {
namespace {

constexpr int kMinRateHz = 1000, kMaxRateHz = 192000;

std::uint32_t le32(const unsigned char* p) {
  return static_cast<std::uint32_t>(p[0]) | static_cast<std::uint32_t>(p[1]) << 8 | static_cast<std::uint32_t>(p[2]) << 16 |
         static_cast<std::uint32_t>(p[3]) << 24;
}

// libsndfile shortens a RIFF data chunk cut off by the end of the file to the bytes present
// and reads on without a word; a truncated recording must be an error instead. Other
// containers (and WAVs whose writer left the size open: 0 or 0xFFFFFFFF) are left to libsndfile.
void require_complete_wav(const std::string& name) {
  std::ifstream in(name, std::ios::binary);
  unsigned char head[12];
  if (!in.read(reinterpret_cast<char*>(head), sizeof head) || std::memcmp(head, "RIFF", 4) != 0 ||
      std::memcmp(head + 8, "WAVE", 4) != 0)
    return;
  std::error_code ec;
  const std::uint64_t size = std::filesystem::file_size(name, ec);
  if (ec) return;
  for (std::uint64_t pos = 12; pos + 8 <= size;) {
    unsigned char chunk[8];
    in.seekg(static_cast<std::streamoff>(pos));
    if (!in.read(reinterpret_cast<char*>(chunk), sizeof chunk)) return;
    const std::uint64_t declared = le32(chunk + 4);
    if (std::memcmp(chunk, "data", 4) == 0) {
      if (declared == 0 || declared == 0xFFFFFFFFu) return;
      require(pos + 8 + declared <= size, name + ": truncated WAV file: its data chunk declares " + std::to_string(declared) +
                                              " bytes of samples but the file ends after " + std::to_string(size - pos - 8));
      return;
    }
    pos += 8 + declared + (declared & 1);  // chunks are padded to even sizes
  }
}

}  // namespace

std::vector<double> read_pcm_mono(const std::filesystem::path& file, int target_rate_hz) {
  const std::string name = file.string();
  require(target_rate_hz > 0, "target sample rate must be positive");
  require_complete_wav(name);
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
  // The header's rate sets the resampler's filter table (phases × taps): a rate of 2^31 - 1 Hz
  // would ask for hundreds of GB; real recordings lie well inside these bounds.
  require(info.samplerate >= kMinRateHz && info.samplerate <= kMaxRateHz,
          name + ": sample rate " + std::to_string(info.samplerate) + " Hz outside the supported " +
              std::to_string(kMinRateHz) + "-" + std::to_string(kMaxRateHz) + " Hz (resample the file first)");
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
