/// \file rng.hpp
/// \brief Counter-seeded random streams that give the same numbers on every platform.
///
/// The standard library's distributions are implementation-defined, so hrsnn draws every
/// random number from its own xoshiro256** generator and its own samplers. A stream is
/// identified by (seed, stream id...) through SplitMix64 mixing, so each population,
/// connection or input source can own an independent stream: results do not depend on the
/// order in which threads ask for numbers, hence not on the thread count.
#pragma once

#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <numbers>

namespace hrsnn {

__extension__ typedef unsigned __int128 uint128_t;  ///< for Lemire's multiply-shift

/// SplitMix64 finaliser (Steele et al. 2014): a bijective 64-bit mixer.
constexpr std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

/// Derives the seed of a named sub-stream from a root seed and a list of stream ids.
constexpr std::uint64_t derive_seed(std::uint64_t root, std::initializer_list<std::uint64_t> ids) {
  std::uint64_t s = splitmix64(root);
  for (std::uint64_t id : ids) s = splitmix64(s ^ splitmix64(id + 0x632BE59BD9B4E019ULL));
  return s;
}

/// xoshiro256** 1.0 (Blackman & Vigna 2018) with portable uniform, normal and exponential draws.
class Rng {
 public:
  /// Seeds the four state words from SplitMix64 of `seed`, as the authors recommend.
  explicit Rng(std::uint64_t seed = 0) {
    std::uint64_t x = seed;
    for (auto& w : s_) {
      w = splitmix64(x);
      x += 0x9E3779B97F4A7C15ULL;
    }
  }

  /// Next raw 64-bit output.
  std::uint64_t next() {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  /// Uniform double in [0, 1) with 53 random bits.
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

  /// Uniform double in (0, 1], safe as the argument of a logarithm.
  double uniform_open0() { return (static_cast<double>(next() >> 11) + 1.0) * 0x1.0p-53; }

  /// Uniform double in [a, b).
  double uniform(double a, double b) { return a + (b - a) * uniform(); }

  /// Uniform integer in [0, n) without modulo bias (Lemire's method with rejection).
  std::uint64_t below(std::uint64_t n) {
    if (n <= 1) return 0;
    const std::uint64_t threshold = (0 - n) % n;
    for (;;) {
      const std::uint64_t r = next();
      const uint128_t m = static_cast<uint128_t>(r) * n;
      if (static_cast<std::uint64_t>(m) >= threshold) return static_cast<std::uint64_t>(m >> 64);
    }
  }

  /// Standard normal draw (Marsaglia polar method; the spare value is kept for the next call).
  double normal() {
    if (has_spare_) {
      has_spare_ = false;
      return spare_;
    }
    for (;;) {
      const double u = 2.0 * uniform() - 1.0;
      const double v = 2.0 * uniform() - 1.0;
      const double s = u * u + v * v;
      if (s > 0.0 && s < 1.0) {
        const double f = std::sqrt(-2.0 * std::log(s) / s);
        spare_ = v * f;
        has_spare_ = true;
        return u * f;
      }
    }
  }

  /// Exponential draw with unit mean.
  double exponential() { return -std::log(uniform_open0()); }

 private:
  static constexpr std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::uint64_t s_[4]{};
  double spare_ = 0.0;
  bool has_spare_ = false;
};

}  // namespace hrsnn
