#include "bo/init/sobol.hpp"

#include <array>
#include <bit>
#include <vector>

#include "core/error.hpp"
#include "core/rng.hpp"

namespace hrsnn::bo {

namespace {

constexpr int kBits = 32;

struct Direction {
  unsigned poly;  // primitive polynomial incl. leading and trailing 1 bits
  int degree;
  std::array<unsigned, 7> m;  // initial odd direction integers m_1..m_degree
};

// Joe & Kuo new-joe-kuo-6.21201, dimensions 1..21 (dimension 1 is the van der Corput sequence).
constexpr std::array<Direction, kSobolMaxDim> kTable{{
    {1, 0, {1}}, {3, 1, {1}}, {7, 2, {1, 3}}, {11, 3, {1, 3, 1}}, {13, 3, {1, 1, 1}},
    {19, 4, {1, 1, 3, 3}}, {25, 4, {1, 3, 5, 13}}, {37, 5, {1, 1, 5, 5, 17}},
    {41, 5, {1, 1, 5, 5, 5}}, {47, 5, {1, 1, 7, 11, 19}}, {55, 5, {1, 1, 5, 1, 1}},
    {59, 5, {1, 1, 1, 3, 11}}, {61, 5, {1, 3, 5, 5, 31}}, {67, 6, {1, 3, 3, 9, 7, 49}},
    {91, 6, {1, 1, 1, 15, 21, 21}}, {97, 6, {1, 3, 1, 13, 27, 49}}, {103, 6, {1, 1, 1, 15, 7, 5}},
    {109, 6, {1, 3, 1, 15, 13, 25}}, {115, 6, {1, 1, 5, 5, 19, 61}},
    {131, 7, {1, 3, 7, 11, 23, 15, 103}}, {137, 7, {1, 3, 7, 13, 13, 15, 69}},
}};

// Direction integers v_k (k = 0..kBits-1), digit 1 of the point in the top bit.
std::array<std::uint32_t, kBits> directions(int dim) {
  std::array<std::uint32_t, kBits> v{};
  std::array<std::uint64_t, kBits> m{};
  const Direction& t = kTable[dim];
  if (t.degree == 0) {
    m.fill(1);
  } else {
    const int s = t.degree;
    for (int k = 0; k < s; ++k) m[k] = t.m[k];
    // m_k = 2 a_1 m_{k-1} ^ 4 a_2 m_{k-2} ^ ... ^ 2^{s-1} a_{s-1} m_{k-s+1} ^ 2^s m_{k-s} ^ m_{k-s}
    for (int k = s; k < kBits; ++k) {
      std::uint64_t x = m[k - s] ^ (m[k - s] << s);
      for (int i = 1; i < s; ++i)
        if ((t.poly >> (s - i)) & 1U) x ^= m[k - i] << i;
      m[k] = x;
    }
  }
  for (int k = 0; k < kBits; ++k) v[k] = static_cast<std::uint32_t>(m[k] << (kBits - 1 - k));
  return v;
}

// Random lower-triangular (unit diagonal) binary matrix applied to each direction integer.
void linear_scramble(std::array<std::uint32_t, kBits>& v, Rng& rng) {
  std::array<std::uint32_t, kBits> rows{};  // rows[k]: digits l <= k feeding output digit k
  for (int k = 0; k < kBits; ++k) {
    const std::uint32_t below = k == 0 ? 0U : static_cast<std::uint32_t>(rng.next() >> 32) & ~(0xFFFFFFFFU >> k);
    rows[k] = below | (1U << (kBits - 1 - k));
  }
  for (auto& vk : v) {
    std::uint32_t out = 0;
    for (int k = 0; k < kBits; ++k)
      if (std::popcount(vk & rows[k]) & 1) out |= 1U << (kBits - 1 - k);
    vk = out;
  }
}

}  // namespace

Eigen::MatrixXd sobol_points(int n, int d, bool scramble, std::uint64_t seed) {
  require(d >= 1 && d <= kSobolMaxDim, "Sobol design supports 1.." + std::to_string(kSobolMaxDim) +
                                           " dimensions, got " + std::to_string(d) + " (use LHS)");
  Eigen::MatrixXd P(n, d);
  for (int j = 0; j < d; ++j) {
    auto v = directions(j);
    std::uint32_t shift = 0;
    if (scramble) {
      Rng rng(derive_seed(seed, {0x736f626f6cULL, std::uint64_t(j)}));
      linear_scramble(v, rng);
      shift = static_cast<std::uint32_t>(rng.next() >> 32);
    }
    std::uint32_t x = shift;
    for (int i = 0; i < n; ++i) {
      P(i, j) = (static_cast<double>(x) + 0.5 * scramble) * 0x1.0p-32;
      // Gray code: the next point flips the direction of the lowest zero bit of i.
      x ^= v[std::countr_one(static_cast<unsigned>(i))];
    }
  }
  return P;
}

Eigen::MatrixXd latin_hypercube(int n, int d, std::uint64_t seed) {
  Eigen::MatrixXd P(n, d);
  for (int j = 0; j < d; ++j) {
    Rng rng(derive_seed(seed, {0x6c6873ULL, std::uint64_t(j)}));
    std::vector<int> perm(n);
    for (int i = 0; i < n; ++i) perm[i] = i;
    for (int i = n - 1; i > 0; --i) std::swap(perm[i], perm[rng.below(std::uint64_t(i) + 1)]);
    for (int i = 0; i < n; ++i) P(i, j) = (perm[i] + rng.uniform()) / n;
  }
  return P;
}

}  // namespace hrsnn::bo
