/// \file mel.hpp
/// \brief Audio front end: framed log mel energies, and their per-band normalisation.
///
/// Frames of frame_ms every hop_ms (1 + floor((n - frame) / hop) frames; a recording
/// shorter than one frame gives one zero-padded frame), Hann window
/// w[i] = 0.5 - 0.5 cos(2 pi i / (L - 1)), real FFT of fft_size points (zero-padded), power
/// |X_k|^2, n_mels triangular filters on the HTK mel scale mel(f) = 2595 log10(1 + f / 700)
/// (Young et al., The HTK Book, §5.4): band b rises linearly from edge b to centre b + 1 and
/// falls to edge b + 2 of n_mels + 2 points equally spaced in mel between f_min and f_max,
/// with peak weight 1. Output log(E_b + 1e-10). docs/model.md §4: 25 ms / 10 ms, 32 bands,
/// 50 Hz to Nyquist.
#pragma once

#include <Eigen/Dense>

#include <cstdint>
#include <vector>

namespace hrsnn::encode {

/// HTK mel of a frequency in Hz.
double hz_to_mel(double hz);
/// Inverse of hz_to_mel.
double mel_to_hz(double mel);

/// Triangular mel filterbank, n_mels x (fft_size / 2 + 1), bin k at k sample_rate / fft_size Hz.
Eigen::MatrixXd mel_filterbank(int n_mels, int fft_size, double sample_rate_hz, double f_min_hz, double f_max_hz);

/// Settings of the audio front end (defaults of docs/model.md §4).
struct AudioFrontEndParams {
  double frame_ms = 25.0;   ///< analysis frame length
  double hop_ms = 10.0;     ///< frame step (= presentation window of one frame)
  int n_mels = 32;          ///< mel bands
  double f_min_hz = 50.0;   ///< lowest band edge
  double f_max_hz = 0.0;    ///< highest band edge; 0 = Nyquist
  int fft_size = 0;         ///< FFT points (>= frame length, zero-padded); 0 = max(512, next power of 2 >= frame), 512 at 8 kHz keeps the lowest bands non-empty
};

/// Log mel energies of recordings at one sample rate (FFTW real FFT, thread-safe to call).
class MelFrontEnd {
 public:
  /// Prepares the window, filterbank and FFT plan; throws InputError on impossible settings.
  MelFrontEnd(int sample_rate_hz, AudioFrontEndParams params = {});
  ~MelFrontEnd();
  MelFrontEnd(const MelFrontEnd&) = delete;
  MelFrontEnd& operator=(const MelFrontEnd&) = delete;

  /// frames x n_mels log energies of `audio`; empty audio is an InputError.
  Eigen::MatrixXd log_mel(const std::vector<double>& audio) const;
  /// Frames produced for a recording of n_samples samples.
  std::int64_t frame_count(std::size_t n_samples) const;
  /// Frame length in samples.
  int frame_length() const { return frame_len_; }
  /// Hop in samples.
  int hop_length() const { return hop_; }
  /// FFT points actually used.
  int fft_size() const { return n_fft_; }
  /// The filterbank (n_mels x fft_size/2+1).
  const Eigen::MatrixXd& filterbank() const { return bank_; }

 private:
  int rate_, frame_len_, hop_, n_fft_;
  AudioFrontEndParams p_;
  Eigen::MatrixXd bank_;
  std::vector<double> window_;
  void* plan_ = nullptr;  // fftw_plan, kept opaque so the header does not need fftw3.h
};

/// Per-band z-scoring fitted on training features: z = (x - mean_train) / std_train.
class BandNormalizer {
 public:
  /// Fits mean and std of each column over all rows of all training matrices.
  void fit(const std::vector<Eigen::MatrixXd>& train);
  /// z-scores of x.
  Eigen::MatrixXd transform(const Eigen::MatrixXd& x) const;
  /// Logistic squash 1 / (1 + e^-z) of the z-scores: values in (0, 1) for the rate code.
  Eigen::MatrixXd transform01(const Eigen::MatrixXd& x) const;
  /// Per-band training mean.
  const Eigen::RowVectorXd& mean() const { return mean_; }
  /// Per-band training std (bands with std < 1e-12 use 1).
  const Eigen::RowVectorXd& stddev() const { return std_; }

 private:
  Eigen::RowVectorXd mean_, std_;
};

}  // namespace hrsnn::encode
