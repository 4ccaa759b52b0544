#include "encode/mel.hpp"

#include "core/error.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

namespace hrsnn::encode {
namespace {

std::vector<double> tone(double hz, int rate, std::size_t n) {
  std::vector<double> x(n);
  for (std::size_t i = 0; i < n; ++i) x[i] = 0.5 * std::sin(2 * std::numbers::pi * hz * static_cast<double>(i) / rate);
  return x;
}

TEST(Mel, HtkScaleAnchors) {
  EXPECT_NEAR(hz_to_mel(1000.0), 1000.0, 0.05);  // the HTK scale is built so 1 kHz ~ 1000 mel
  EXPECT_NEAR(hz_to_mel(700.0), 2595.0 * std::log10(2.0), 1e-12);
  for (double f : {0.0, 50.0, 1234.5, 4000.0}) EXPECT_NEAR(mel_to_hz(hz_to_mel(f)), f, 1e-9);
}

TEST(Mel, TrianglesAreAPartitionOfUnityBetweenFirstAndLastCentre) {
  const int n_mels = 32, n_fft = 512;
  const double sr = 8000, f0 = 50, f1 = 4000;
  const Eigen::MatrixXd bank = mel_filterbank(n_mels, n_fft, sr, f0, f1);
  ASSERT_EQ(bank.rows(), n_mels);
  ASSERT_EQ(bank.cols(), n_fft / 2 + 1);
  const double step = (hz_to_mel(f1) - hz_to_mel(f0)) / (n_mels + 1);
  const double c_first = mel_to_hz(hz_to_mel(f0) + step), c_last = mel_to_hz(hz_to_mel(f0) + n_mels * step);
  for (int k = 0; k < bank.cols(); ++k) {
    const double f = k * sr / n_fft;
    if (f >= c_first && f <= c_last) {
      EXPECT_NEAR(bank.col(k).sum(), 1.0, 1e-12) << f << " Hz";
    }
    if (f <= f0 || f >= f1) {
      EXPECT_EQ(bank.col(k).sum(), 0.0) << f << " Hz";
    }
  }
  // Each band peaks at the bin nearest its centre, and centres are equally spaced in mel.
  for (int b = 0; b < n_mels; ++b) {
    const double centre = mel_to_hz(hz_to_mel(f0) + (b + 1) * step);
    Eigen::Index peak;
    bank.row(b).maxCoeff(&peak);
    EXPECT_LE(std::abs(peak * sr / n_fft - centre), sr / n_fft) << "band " << b;
  }
}

TEST(MelFrontEnd, FrameCountFollowsTheFramingFormula) {
  const MelFrontEnd fe(8000);
  EXPECT_EQ(fe.frame_length(), 200);
  EXPECT_EQ(fe.hop_length(), 80);
  for (std::size_t n : {200u, 279u, 280u, 8000u, 4321u}) {
    const auto want = 1 + static_cast<std::int64_t>((n - 200) / 80);
    EXPECT_EQ(fe.frame_count(n), want);
    EXPECT_EQ(fe.log_mel(tone(440, 8000, n)).rows(), want);
  }
  EXPECT_EQ(fe.log_mel(std::vector<double>(50, 0.1)).rows(), 1);  // shorter than a frame: padded
  EXPECT_THROW(fe.log_mel({}), InputError);
  EXPECT_EQ(MelFrontEnd(44100).fft_size(), 2048);  // 1103-sample frames need a longer FFT
}

TEST(MelFrontEnd, PureToneEnergyPeaksInTheBandCentredNearest) {
  for (int rate : {8000, 16000}) {
    const MelFrontEnd fe(rate);
    for (double hz : {300.0, 1000.0, 2500.0}) {
      const Eigen::MatrixXd m = fe.log_mel(tone(hz, rate, static_cast<std::size_t>(rate) / 2));
      const double step = (hz_to_mel(rate / 2.0) - hz_to_mel(50.0)) / 33.0;
      int nearest = 0;
      for (int b = 1; b < 32; ++b)
        if (std::abs(mel_to_hz(hz_to_mel(50.0) + (b + 1) * step) - hz) <
            std::abs(mel_to_hz(hz_to_mel(50.0) + (nearest + 1) * step) - hz))
          nearest = b;
      for (Eigen::Index f = 0; f < m.rows(); ++f) {
        Eigen::Index peak;
        m.row(f).maxCoeff(&peak);
        ASSERT_EQ(peak, nearest) << rate << " Hz rate, " << hz << " Hz tone, frame " << f;
      }
    }
  }
}

TEST(MelFrontEnd, SilenceGivesTheLogFloor) {
  const Eigen::MatrixXd m = MelFrontEnd(8000).log_mel(std::vector<double>(800, 0.0));
  EXPECT_NEAR(m.maxCoeff(), std::log(1e-10), 1e-12);
}

TEST(BandNormalizer, TrainingBandsGetZeroMeanUnitStdAndSquashIntoUnitInterval) {
  Eigen::MatrixXd a = Eigen::MatrixXd::Random(30, 4), b = Eigen::MatrixXd::Random(20, 4) * 3.0;
  a.col(3).setConstant(2.0);
  b.col(3).setConstant(2.0);  // a constant band must not divide by zero
  BandNormalizer n;
  n.fit({a, b});
  Eigen::MatrixXd all(50, 4);
  all << n.transform(a), n.transform(b);
  for (int c = 0; c < 3; ++c) {
    EXPECT_NEAR(all.col(c).mean(), 0.0, 1e-12);
    EXPECT_NEAR(std::sqrt(all.col(c).array().square().mean()), 1.0, 1e-12);
  }
  EXPECT_EQ(all.col(3).cwiseAbs().maxCoeff(), 0.0);
  const Eigen::MatrixXd s = n.transform01(a);
  EXPECT_GT(s.minCoeff(), 0.0);
  EXPECT_LT(s.maxCoeff(), 1.0);
  EXPECT_DOUBLE_EQ(s(0, 3), 0.5);
}

}  // namespace
}  // namespace hrsnn::encode
