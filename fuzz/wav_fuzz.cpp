/// \file wav_fuzz.cpp
/// \brief Fuzzes the audio reader (libsndfile plus hrsnn's checks and resampling to 8 kHz).
#include "data/wav.hpp"
#include "fuzz_util.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace hrsnn;
  const auto file = fuzz::scratch() / "a.wav";
  fuzz::write_file(file, std::string_view(reinterpret_cast<const char*>(data), size));
  fuzz::expect_only_input_errors([&] { data::read_pcm_mono(file, 8000); });
  return 0;
}
