/// \file resample.cpp
/// \brief Polyphase windowed-sinc resampler (equation in resample.hpp).
#include "data/resample.hpp"

#include "core/error.hpp"
#include "core/memory_budget.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <numeric>

namespace hrsnn::data {
namespace {

double bessel_i0(double x) {  // power series; converges fast for the betas used here
  double sum = 1.0, term = 1.0;
  for (int k = 1; k < 64; ++k) {
    term *= (x / (2.0 * k)) * (x / (2.0 * k));
    sum += term;
    if (term < 1e-17 * sum) break;
  }
  return sum;
}

}  // namespace

std::vector<double> resample(const std::vector<double>& x, int rate_in, int rate_out, const ResampleOptions& o) {
  require(rate_in > 0 && rate_out > 0, "resample: sample rates must be positive");
  if (rate_in == rate_out) return x;
  const long g = std::gcd(rate_in, rate_out);
  const long up = rate_out / g, down = rate_in / g;
  const double fc = 0.5 * o.rolloff * std::min(1.0, static_cast<double>(up) / static_cast<double>(down));
  const double half_width = o.zero_crossings / (2.0 * fc);  // in input samples
  const long k_lo = -static_cast<long>(std::floor(half_width)), k_hi = static_cast<long>(std::ceil(half_width));
  const long taps = k_hi - k_lo + 1;
  const long n_in = static_cast<long>(x.size());
  const long n_out = (n_in * up + down - 1) / down;
  // Coprime rates make the table large (up phases × taps): size it before allocating.
  check_memory(8.0 * (static_cast<double>(up) * static_cast<double>(taps) + static_cast<double>(n_out)),
               "resampling " + std::to_string(n_in) + " samples from " + std::to_string(rate_in) + " Hz to " +
                   std::to_string(rate_out) + " Hz");
  // Table of taps per phase p = 0..up-1 (one row per fractional offset p/up).
  std::vector<double> table(static_cast<std::size_t>(up * taps));
  const double i0b = bessel_i0(o.kaiser_beta);
  for (long p = 0; p < up; ++p) {
    double sum = 0.0;
    for (long j = 0; j < taps; ++j) {
      const double t = static_cast<double>(k_lo + j) - static_cast<double>(p) / static_cast<double>(up);
      double h = 0.0;
      if (std::abs(t) < half_width) {
        const double a = 2.0 * fc * t;
        const double sinc = a == 0.0 ? 1.0 : std::sin(std::numbers::pi * a) / (std::numbers::pi * a);
        const double r = t / half_width;
        h = 2.0 * fc * sinc * bessel_i0(o.kaiser_beta * std::sqrt(1.0 - r * r)) / i0b;
      }
      table[static_cast<std::size_t>(p * taps + j)] = h;
      sum += h;
    }
    for (long j = 0; j < taps; ++j) table[static_cast<std::size_t>(p * taps + j)] /= sum;
  }
  std::vector<double> y(static_cast<std::size_t>(n_out));
  for (long n = 0; n < n_out; ++n) {
    const long pos = n * down;
    const long i = pos / up, p = pos % up;
    const double* h = &table[static_cast<std::size_t>(p * taps)];
    double acc = 0.0;
    const long j0 = std::max(0L, -(i + k_lo)), j1 = std::min(taps, n_in - (i + k_lo));
    for (long j = j0; j < j1; ++j) acc += x[static_cast<std::size_t>(i + k_lo + j)] * h[j];
    y[static_cast<std::size_t>(n)] = acc;
  }
  return y;
}

}  // namespace hrsnn::data
