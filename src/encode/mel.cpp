/// \file mel.cpp
/// \brief Log mel front end and band normalisation (equations in mel.hpp).
#include "encode/mel.hpp"

#include "core/error.hpp"

#include <fftw3.h>

#include <cmath>
#include <mutex>
#include <numbers>
#include <string>

namespace hrsnn::encode {
namespace {

std::mutex& planner_mutex() {  // FFTW's planner is not thread-safe; execution with new arrays is
  static std::mutex m;
  return m;
}

}  // namespace

double hz_to_mel(double hz) { return 2595.0 * std::log10(1.0 + hz / 700.0); }
double mel_to_hz(double mel) { return 700.0 * (std::pow(10.0, mel / 2595.0) - 1.0); }

Eigen::MatrixXd mel_filterbank(int n_mels, int fft_size, double sr, double f_min, double f_max) {
  require(n_mels >= 1 && fft_size >= 2, "mel_filterbank: need n_mels >= 1 and fft_size >= 2");
  require(0.0 <= f_min && f_min < f_max && f_max <= sr / 2.0 + 1e-9,
          "mel_filterbank: need 0 <= f_min < f_max <= Nyquist (f_min " + std::to_string(f_min) + ", f_max " +
              std::to_string(f_max) + ")");
  const double m0 = hz_to_mel(f_min), m1 = hz_to_mel(f_max);
  std::vector<double> edge(static_cast<std::size_t>(n_mels + 2));
  for (int i = 0; i < n_mels + 2; ++i) edge[static_cast<std::size_t>(i)] = mel_to_hz(m0 + (m1 - m0) * i / (n_mels + 1));
  const int bins = fft_size / 2 + 1;
  Eigen::MatrixXd bank = Eigen::MatrixXd::Zero(n_mels, bins);
  for (int b = 0; b < n_mels; ++b) {
    const double lo = edge[static_cast<std::size_t>(b)], mid = edge[static_cast<std::size_t>(b + 1)],
                 hi = edge[static_cast<std::size_t>(b + 2)];
    for (int k = 0; k < bins; ++k) {
      const double f = k * sr / fft_size;
      if (f > lo && f <= mid) bank(b, k) = (f - lo) / (mid - lo);
      else if (f > mid && f < hi) bank(b, k) = (hi - f) / (hi - mid);
    }
  }
  return bank;
}

MelFrontEnd::MelFrontEnd(int sample_rate_hz, AudioFrontEndParams params) : rate_(sample_rate_hz), p_(params) {
  require(rate_ > 0, "MelFrontEnd: sample rate must be positive");
  frame_len_ = static_cast<int>(std::lround(p_.frame_ms * rate_ / 1000.0));
  hop_ = static_cast<int>(std::lround(p_.hop_ms * rate_ / 1000.0));
  require(frame_len_ >= 2 && hop_ >= 1, "MelFrontEnd: frame_ms and hop_ms too short for the sample rate");
  n_fft_ = p_.fft_size;
  if (n_fft_ <= 0) {
    n_fft_ = 512;
    while (n_fft_ < frame_len_) n_fft_ *= 2;
  }
  require(n_fft_ >= frame_len_, "MelFrontEnd: fft_size " + std::to_string(n_fft_) + " is shorter than the frame (" +
                                    std::to_string(frame_len_) + " samples)");
  const double f_max = p_.f_max_hz > 0.0 ? p_.f_max_hz : rate_ / 2.0;
  bank_ = mel_filterbank(p_.n_mels, n_fft_, rate_, p_.f_min_hz, f_max);
  for (Eigen::Index b = 0; b < bank_.rows(); ++b)
    require(bank_.row(b).maxCoeff() > 0.0, "MelFrontEnd: mel band " + std::to_string(b) +
                                               " contains no FFT bin; raise fft_size or f_min_hz");
  window_.resize(static_cast<std::size_t>(frame_len_));
  for (int i = 0; i < frame_len_; ++i)
    window_[static_cast<std::size_t>(i)] = 0.5 - 0.5 * std::cos(2.0 * std::numbers::pi * i / (frame_len_ - 1));
  std::lock_guard lock(planner_mutex());
  double* in = fftw_alloc_real(static_cast<std::size_t>(n_fft_));
  fftw_complex* out = fftw_alloc_complex(static_cast<std::size_t>(n_fft_ / 2 + 1));
  // FFTW_ESTIMATE: the plan (and so the rounding) does not depend on timing measurements.
  plan_ = fftw_plan_dft_r2c_1d(n_fft_, in, out, FFTW_ESTIMATE);
  fftw_free(in);
  fftw_free(out);
}

MelFrontEnd::~MelFrontEnd() {
  std::lock_guard lock(planner_mutex());
  fftw_destroy_plan(static_cast<fftw_plan>(plan_));
}

std::int64_t MelFrontEnd::frame_count(std::size_t n) const {
  if (n == 0) return 0;
  if (n < static_cast<std::size_t>(frame_len_)) return 1;
  return 1 + static_cast<std::int64_t>((n - static_cast<std::size_t>(frame_len_)) / static_cast<std::size_t>(hop_));
}

Eigen::MatrixXd MelFrontEnd::log_mel(const std::vector<double>& audio) const {
  require(!audio.empty(), "MelFrontEnd: empty recording");
  const std::int64_t frames = frame_count(audio.size());
  const int bins = n_fft_ / 2 + 1;
  double* in = fftw_alloc_real(static_cast<std::size_t>(n_fft_));
  fftw_complex* out = fftw_alloc_complex(static_cast<std::size_t>(bins));
  Eigen::VectorXd power(bins);
  Eigen::MatrixXd result(frames, p_.n_mels);
  for (std::int64_t f = 0; f < frames; ++f) {
    const std::size_t start = static_cast<std::size_t>(f) * static_cast<std::size_t>(hop_);
    for (int i = 0; i < n_fft_; ++i) {
      const std::size_t k = start + static_cast<std::size_t>(i);
      in[i] = (i < frame_len_ && k < audio.size()) ? audio[k] * window_[static_cast<std::size_t>(i)] : 0.0;
    }
    fftw_execute_dft_r2c(static_cast<fftw_plan>(plan_), in, out);
    for (int k = 0; k < bins; ++k) power[k] = out[k][0] * out[k][0] + out[k][1] * out[k][1];
    result.row(f) = ((bank_ * power).array() + 1e-10).log().transpose();
  }
  fftw_free(in);
  fftw_free(out);
  return result;
}

void BandNormalizer::fit(const std::vector<Eigen::MatrixXd>& train) {
  require(!train.empty(), "BandNormalizer: no training data");
  const Eigen::Index d = train.front().cols();
  Eigen::RowVectorXd sum = Eigen::RowVectorXd::Zero(d), sq = Eigen::RowVectorXd::Zero(d);
  double n = 0.0;
  for (const auto& m : train) {
    require(m.cols() == d, "BandNormalizer: training features have different numbers of bands");
    sum += m.colwise().sum();
    n += static_cast<double>(m.rows());
  }
  require(n > 0.0, "BandNormalizer: no training frames");
  mean_ = sum / n;
  for (const auto& m : train) sq += (m.rowwise() - mean_).array().square().matrix().colwise().sum();
  std_ = (sq / n).cwiseSqrt();
  for (Eigen::Index c = 0; c < d; ++c)
    if (std_[c] < 1e-12) std_[c] = 1.0;  // a silent band stays at z = 0 instead of dividing by 0
}

Eigen::MatrixXd BandNormalizer::transform(const Eigen::MatrixXd& x) const {
  require(mean_.size() > 0, "BandNormalizer: transform before fit");
  require(x.cols() == mean_.size(), "BandNormalizer: fitted on " + std::to_string(mean_.size()) + " bands, given " +
                                        std::to_string(x.cols()));
  return ((x.rowwise() - mean_).array().rowwise() / std_.array()).matrix();
}

Eigen::MatrixXd BandNormalizer::transform01(const Eigen::MatrixXd& x) const {
  return (1.0 / (1.0 + (-transform(x).array()).exp())).matrix();
}

}  // namespace hrsnn::encode
