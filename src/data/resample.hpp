/// \file resample.hpp
/// \brief Band-limited sample-rate conversion by a Kaiser-windowed sinc, polyphase form.
///
/// For a rational ratio L/M = rate_out/rate_in (reduced by the gcd), output sample n sits at
/// input position n M / L = i + p/L, and
///   y[n] = sum_k x[i + k] h_p(k),   h_p(k) = 2 f_c sinc(2 f_c (k - p/L)) w(k - p/L),
/// with cutoff f_c = 0.5 rolloff min(1, L/M) cycles per input sample (anti-aliasing when
/// downsampling), w a Kaiser window (beta) of half-width zero_crossings / (2 f_c) samples,
/// and each phase's taps normalised to sum 1 so DC passes exactly (Smith, "Digital Audio
/// Resampling Home Page", ccrma.stanford.edu/~jos/resample). Samples beyond the ends are 0.
#pragma once

#include <vector>

namespace hrsnn::data {

/// Resampler settings.
struct ResampleOptions {
  int zero_crossings = 16;   ///< sinc lobes on each side of the centre
  double rolloff = 0.95;     ///< cutoff as a fraction of the lower Nyquist frequency
  double kaiser_beta = 8.6;  ///< Kaiser window shape (about 80 dB stop band)
};

/// x sampled at rate_in -> ceil(len * rate_out / rate_in) samples at rate_out; a copy if equal.
std::vector<double> resample(const std::vector<double>& x, int rate_in, int rate_out, const ResampleOptions& options = {});

}  // namespace hrsnn::data
