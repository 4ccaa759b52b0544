/// \file fast_exp.hpp
/// \brief e^x in plain double arithmetic that a compiler can vectorise (no libm call).
///
/// libm's exp is a function call, so a loop that needs one exp per element stays scalar; this
/// one is inline: x = k·ln 2 + r with |r| ≤ ln2/2 (Cody–Waite, ln 2 split in two parts), e^r by
/// its Taylor polynomial of degree 13 (truncation below 1e-17 relative), and 2^k put into the
/// exponent bits. Measured against std::exp over [−700, 700] (tests/core/fast_exp_test.cpp):
/// within 2 ulp. x is clamped to [−708, 709], so e^x never overflows or goes subnormal
/// (e^−708 ≈ 3e−308 stands for every smaller value). The same inputs give the same bits on any
/// thread; they may differ from std::exp's in the last bits, which is why the exact kernels
/// keep std::exp (docs/performance.md).
#pragma once

#include <algorithm>
#include <bit>
#include <cstdint>

namespace hrsnn {

/// e^x to within 2 ulp for x in [−708, 709] (clamped outside); vectorisable.
inline double fast_exp(double x) {
  x = std::min(std::max(x, -708.0), 709.0);
  constexpr double kLog2e = 1.4426950408889634;
  constexpr double kRound = 6755399441055744.0;  // 1.5·2^52: adding it rounds to an integer k in the low bits
  constexpr double kLn2Hi = 0.693147180369123816490;  // ln 2 with trailing zero bits: k·kLn2Hi exact for |k| ≤ 1024
  constexpr double kLn2Lo = 1.90821492927058770002e-10;
  const double t = x * kLog2e + kRound;
  const double k = t - kRound;
  const double r = (x - k * kLn2Hi) - k * kLn2Lo;
  double p = 1.0 / 6227020800.0;  // 1/13!
  p = p * r + 1.0 / 479001600.0;
  p = p * r + 1.0 / 39916800.0;
  p = p * r + 1.0 / 3628800.0;
  p = p * r + 1.0 / 362880.0;
  p = p * r + 1.0 / 40320.0;
  p = p * r + 1.0 / 5040.0;
  p = p * r + 1.0 / 720.0;
  p = p * r + 1.0 / 120.0;
  p = p * r + 1.0 / 24.0;
  p = p * r + 1.0 / 6.0;
  p = p * r + 0.5;
  p = p * r + 1.0;
  p = p * r + 1.0;
  // t's low mantissa bits hold k (two's complement); k + 1023 shifted into the exponent is 2^k.
  const std::uint64_t bits = std::bit_cast<std::uint64_t>(t);
  return p * std::bit_cast<double>((bits + 1023) << 52);
}

}  // namespace hrsnn
