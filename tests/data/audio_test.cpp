#include "data/fsdd.hpp"
#include "data/resample.hpp"
#include "data/wav.hpp"

#include "core/error.hpp"
#include "data/test_files.hpp"

#include <gtest/gtest.h>
#include <sndfile.h>

#include <cmath>
#include <map>
#include <numbers>
#include <set>

namespace hrsnn::data {
namespace {

using testing::error_of;
using testing::ScratchDir;

std::vector<double> tone(double freq, int rate, int n, double amp = 0.5) {
  std::vector<double> x(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) x[static_cast<std::size_t>(i)] = amp * std::sin(2 * std::numbers::pi * freq * i / rate);
  return x;
}

double rms(const std::vector<double>& x, std::size_t from, std::size_t to) {
  double s = 0;
  for (std::size_t i = from; i < to; ++i) s += x[i] * x[i];
  return std::sqrt(s / static_cast<double>(to - from));
}

// Writes interleaved frames with libsndfile in the given format.
void write_audio(const std::filesystem::path& p, int rate, int channels, int format, const std::vector<double>& inter) {
  SF_INFO info{};
  info.samplerate = rate;
  info.channels = channels;
  info.format = format;
  SNDFILE* f = sf_open(p.string().c_str(), SFM_WRITE, &info);
  ASSERT_NE(f, nullptr) << sf_strerror(nullptr);
  sf_writef_double(f, inter.data(), static_cast<sf_count_t>(inter.size() / static_cast<std::size_t>(channels)));
  sf_close(f);
}

TEST(Resample, BandLimitedToneSurvivesRateChangesExactly) {
  // A 440 Hz tone resampled from several rates to 8 kHz equals the tone sampled at 8 kHz
  // (away from the zero-padded ends).
  for (int rate_in : {16000, 44100, 11025, 4000}) {
    SCOPED_TRACE(rate_in);
    const auto y = resample(tone(440, rate_in, rate_in), rate_in, 8000);
    ASSERT_EQ(y.size(), 8000u);
    const auto want = tone(440, 8000, 8000);
    double err = 0;
    for (std::size_t i = 200; i < 7800; ++i) err = std::max(err, std::abs(y[i] - want[i]));
    EXPECT_LT(err, 2e-3);
  }
}

TEST(Resample, ToneAboveTheNewNyquistIsRemoved) {
  const auto y = resample(tone(6000, 16000, 16000), 16000, 8000);  // 6 kHz > 4 kHz Nyquist
  EXPECT_LT(rms(y, 200, 7800), 1e-3 * (0.5 / std::sqrt(2.0)));     // > 60 dB down
  EXPECT_EQ(resample({1.0, 2.0}, 8000, 8000), (std::vector<double>{1.0, 2.0}));
}

TEST(Wav, StereoAtSixteenKilohertzIsMixedAndResampled) {
  ScratchDir dir;
  const auto left = tone(300, 16000, 16000, 0.6), right = tone(300, 16000, 16000, 0.2);
  std::vector<double> inter;
  for (std::size_t i = 0; i < left.size(); ++i) inter.insert(inter.end(), {left[i], right[i]});
  write_audio(dir / "s.wav", 16000, 2, SF_FORMAT_WAV | SF_FORMAT_PCM_16, inter);
  const auto y = read_pcm_mono(dir / "s.wav", 8000);
  ASSERT_EQ(y.size(), 8000u);
  const auto want = tone(300, 8000, 8000, 0.4);  // mean of the two channels
  double err = 0;
  for (std::size_t i = 200; i < 7800; ++i) err = std::max(err, std::abs(y[i] - want[i]));
  EXPECT_LT(err, 2e-3);
}

TEST(Wav, NonPcmEmptyAndMissingFilesAreClearErrors) {
  ScratchDir dir;
  write_audio(dir / "float.wav", 8000, 1, SF_FORMAT_WAV | SF_FORMAT_FLOAT, tone(100, 8000, 800));
  write_audio(dir / "empty.wav", 8000, 1, SF_FORMAT_WAV | SF_FORMAT_PCM_16, {});
  std::string msg = error_of([&] { read_pcm_mono(dir / "float.wav"); });
  EXPECT_NE(msg.find("float.wav: not integer PCM"), std::string::npos) << msg;
  msg = error_of([&] { read_pcm_mono(dir / "empty.wav"); });
  EXPECT_NE(msg.find("empty.wav: empty audio file"), std::string::npos) << msg;
  msg = error_of([&] { read_pcm_mono(dir / "none.wav"); });
  EXPECT_NE(msg.find("none.wav: cannot read audio"), std::string::npos) << msg;
  dir.write("text.wav", "not audio");
  EXPECT_THROW(read_pcm_mono(dir / "text.wav"), InputError);
}

TEST(Fsdd, SyntheticFolderSplitsByIndexAndLimitsTraining) {
  ScratchDir dir;
  const auto pcm = SF_FORMAT_WAV | SF_FORMAT_PCM_16;
  for (int label : {0, 1})
    for (const char* spk : {"ann", "bob"})
      for (int idx : {0, 4, 5, 6, 7})
        write_audio(dir / (std::to_string(label) + "_" + spk + "_" + std::to_string(idx) + ".wav"), 8000, 1, pcm,
                    tone(200 + 100 * label, 8000, 400 + idx));
  dir.write("README.txt", "ignored");
  AudioSplit s = load_fsdd(dir.path());
  EXPECT_EQ(s.test.size(), 8u);
  EXPECT_EQ(s.train.size(), 12u);
  for (std::size_t i = 0; i < s.test.size(); ++i) EXPECT_LE(s.test.indices[i], 4);
  EXPECT_EQ(s.train.audio[0].size(), 405u);  // 0_ann_5 first: sorted by (label, speaker, index)
  EXPECT_EQ(s.train.speakers[0], "ann");
  FsddOptions o;
  o.max_train_per_label_speaker = 2;
  s = load_fsdd(dir.path(), o);
  EXPECT_EQ(s.train.size(), 8u);
  for (int idx : s.train.indices) EXPECT_LE(idx, 6);  // the lowest training indices are kept
  // Validation: the test recordings (0-4) are not read; 5..6 play the test split's part.
  FsddOptions v;
  v.min_index = 5;
  v.test_max_index = 6;
  s = load_fsdd(dir.path(), v);
  EXPECT_EQ(s.test.size(), 8u);
  EXPECT_EQ(s.train.size(), 4u);
  for (int idx : s.test.indices) EXPECT_TRUE(idx == 5 || idx == 6) << idx;
  for (int idx : s.train.indices) EXPECT_EQ(idx, 7);

  write_audio(dir / "1_bob_9.wav", 16000, 1, SF_FORMAT_WAV | SF_FORMAT_FLOAT, tone(100, 16000, 100));
  std::string msg = error_of([&] { load_fsdd(dir.path()); });
  EXPECT_NE(msg.find("1_bob_9.wav: not integer PCM"), std::string::npos) << msg;
  std::filesystem::remove(dir / "1_bob_9.wav");
  dir.write("oops.wav", "");
  msg = error_of([&] { load_fsdd(dir.path()); });
  EXPECT_NE(msg.find("oops.wav: file name does not follow"), std::string::npos) << msg;
  msg = error_of([&] { load_fsdd(dir / "absent"); });
  EXPECT_NE(msg.find("absent: recordings folder does not exist"), std::string::npos) << msg;
}

TEST(Fsdd, RealFolderHasTheStandardSplit) {
  const auto root = testing::shared_data_dir() / "fsdd";
  ASSERT_TRUE(std::filesystem::is_directory(root))
      << "FSDD not found at " << root << "; set HRSNN_DATA_DIR to the shared data folder";
  const AudioSplit s = load_fsdd(root);
  EXPECT_EQ(s.train.size(), 2700u);
  EXPECT_EQ(s.test.size(), 300u);
  std::map<int, int> per_label;
  std::set<std::string> speakers;
  for (std::size_t i = 0; i < s.train.size(); ++i) {
    ++per_label[s.train.labels[i]];
    speakers.insert(s.train.speakers[i]);
    ASSERT_FALSE(s.train.audio[i].empty());
  }
  EXPECT_EQ(per_label.size(), 10u);
  for (const auto& [label, n] : per_label) EXPECT_EQ(n, 270) << "digit " << label;
  EXPECT_EQ(speakers.size(), 6u);
}

}  // namespace
}  // namespace hrsnn::data
