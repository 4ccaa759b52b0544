// Inputs the readers used to misread or report badly (issue 9): a UTF-8 byte-order mark before
// the header, a truncated WAV, FSDD file names whose numbers do not fit.
#include "data/csv.hpp"
#include "data/fsdd.hpp"
#include "data/ts_format.hpp"
#include "data/wav.hpp"

#include "core/error.hpp"
#include "data/test_files.hpp"

#include <gtest/gtest.h>
#include <sndfile.h>

#include <fstream>
#include <iterator>

namespace hrsnn::data {
namespace {

using testing::error_of;
using testing::ScratchDir;

const std::string kBom = "\xEF\xBB\xBF";

TEST(ByteOrderMark, CsvSeriesHeaderIsReadWithoutTheMark) {
  ScratchDir dir;
  const tasks::Series s = read_csv_series(dir.write("s.csv", kBom + "price,volume\n1,2\n3,5\n"));
  EXPECT_EQ(s.names, (std::vector<std::string>{"price", "volume"}));
  // Without a header the first number must still parse.
  EXPECT_EQ(read_csv_series(dir.write("n.csv", kBom + "1\n2\n")).values(0, 0), 1.0);
}

TEST(ByteOrderMark, TsHeaderLineIsReadWithoutTheMark) {
  ScratchDir dir;
  const LabelledSet set = read_ts(dir.write("a.ts", kBom + "@problemName A\n@classLabel true x y\n@data\n1,2,3:x\n3,2,1:y\n"));
  EXPECT_EQ(set.problem_name, "A");
  EXPECT_EQ(set.series.size(), 2u);
}

// A 16-bit mono WAV of `frames` samples written by libsndfile, returned as bytes.
std::string wav_bytes(const std::filesystem::path& p, int frames) {
  SF_INFO info{};
  info.samplerate = 8000;
  info.channels = 1;
  info.format = SF_FORMAT_WAV | SF_FORMAT_PCM_16;
  SNDFILE* f = sf_open(p.string().c_str(), SFM_WRITE, &info);
  std::vector<double> x(static_cast<std::size_t>(frames), 0.25);
  sf_writef_double(f, x.data(), frames);
  sf_close(f);
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

TEST(Wav, TruncatedFileIsAnErrorNamingTheFile) {
  ScratchDir dir;
  const std::string whole = wav_bytes(dir / "whole.wav", 800);
  EXPECT_EQ(read_pcm_mono(dir / "whole.wav").size(), 800u);
  // Cut in the middle of the samples: libsndfile alone would return the first 400 frames.
  std::ofstream(dir / "cut.wav", std::ios::binary) << whole.substr(0, whole.size() - 800);
  const std::string msg = error_of([&] { read_pcm_mono(dir / "cut.wav"); });
  EXPECT_NE(msg.find("cut.wav: truncated WAV file: its data chunk declares 1600 bytes of samples but the file ends after 800"),
            std::string::npos)
      << msg;
  // Cut inside the header: libsndfile refuses it, still naming the file.
  std::ofstream(dir / "head.wav", std::ios::binary) << whole.substr(0, 20);
  EXPECT_NE(error_of([&] { read_pcm_mono(dir / "head.wav"); }).find("head.wav"), std::string::npos);
  EXPECT_THROW(read_pcm_mono(dir / "head.wav"), InputError);
}

TEST(Wav, SampleRateOutsideTheSupportedRangeIsRefusedBeforeResampling) {
  ScratchDir dir;
  std::string bytes = wav_bytes(dir / "ok.wav", 100);
  // The fmt chunk's rate field sits at byte 24 of a canonical 44-byte header (libsndfile's).
  auto with_rate = [&](std::uint32_t rate) {
    std::string b = bytes;
    for (int k = 0; k < 4; ++k) b[24 + k] = static_cast<char>((rate >> (8 * k)) & 0xFF);
    return b;
  };
  std::ofstream(dir / "huge.wav", std::ios::binary) << with_rate(2147483647u);  // a 600 GB filter table
  std::string msg = error_of([&] { read_pcm_mono(dir / "huge.wav"); });
  EXPECT_NE(msg.find("huge.wav: sample rate 2147483647 Hz outside the supported 1000-192000 Hz"), std::string::npos) << msg;
  std::ofstream(dir / "slow.wav", std::ios::binary) << with_rate(500u);
  msg = error_of([&] { read_pcm_mono(dir / "slow.wav"); });
  EXPECT_NE(msg.find("slow.wav: sample rate 500 Hz"), std::string::npos) << msg;
}

TEST(Fsdd, LabelOrIndexThatDoesNotFitIsAnInputErrorNamingTheFile) {
  ScratchDir dir;
  wav_bytes(dir / "12_ann_5.wav", 100);
  std::string msg = error_of([&] { load_fsdd(dir.path()); });
  EXPECT_NE(msg.find("12_ann_5.wav: label '12' is not a digit 0-9"), std::string::npos) << msg;
  std::filesystem::remove(dir / "12_ann_5.wav");
  wav_bytes(dir / "1_ann_99999999999999999999.wav", 100);  // std::stoi threw out_of_range here
  msg = error_of([&] { load_fsdd(dir.path()); });
  EXPECT_NE(msg.find("index '99999999999999999999' is too large"), std::string::npos) << msg;
  EXPECT_THROW(load_fsdd(dir.path()), InputError);
}

}  // namespace
}  // namespace hrsnn::data
