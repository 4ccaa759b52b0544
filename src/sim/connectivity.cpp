#include "sim/connectivity.hpp"

#include "core/error.hpp"
#include "core/rng.hpp"

#include <algorithm>
#include <cmath>

namespace hrsnn::sim {
namespace {

// Index of the next success after `from` in Bernoulli(p) trials: a geometric skip.
std::int64_t next_success(Rng& rng, std::int64_t from, double p) {
  if (p >= 1.0) return from + 1;
  return from + 1 + static_cast<std::int64_t>(std::floor(std::log(rng.uniform_open0()) / std::log1p(-p)));
}

void maass(const ConnectivitySpec& c, const std::vector<std::uint8_t>& exc, const std::array<int, 3>& g,
           std::uint64_t seed, Edges& e) {
  const auto n = static_cast<std::int64_t>(exc.size());
  const double cutoff2 = c.lambda * c.lambda * std::log(1e12);
  const int r = static_cast<int>(std::ceil(std::sqrt(cutoff2)));
  auto pos = [&](std::int64_t i, int d) {  // x fastest, then y, then z
    return d == 0 ? static_cast<int>(i % g[0]) : d == 1 ? static_cast<int>((i / g[0]) % g[1]) : static_cast<int>(i / (g[0] * g[1]));
  };
  for (std::int64_t j = 0; j < n; ++j) {
    Rng rng(derive_seed(seed, {static_cast<std::uint64_t>(j)}));
    const int xj = pos(j, 0), yj = pos(j, 1), zj = pos(j, 2);
    for (int z = std::max(0, zj - r); z <= std::min(g[2] - 1, zj + r); ++z)
      for (int y = std::max(0, yj - r); y <= std::min(g[1] - 1, yj + r); ++y)
        for (int x = std::max(0, xj - r); x <= std::min(g[0] - 1, xj + r); ++x) {
          const std::int64_t i = x + static_cast<std::int64_t>(g[0]) * (y + static_cast<std::int64_t>(g[1]) * z);
          if (i == j || i >= n) continue;
          const double d2 = double(x - xj) * (x - xj) + double(y - yj) * (y - yj) + double(z - zj) * (z - zj);
          if (d2 > cutoff2) continue;
          const double cc = exc[i] ? (exc[j] ? c.c_ee : c.c_ei) : (exc[j] ? c.c_ie : c.c_ii);
          if (rng.uniform() < cc * std::exp(-d2 / (c.lambda * c.lambda))) {
            e.pre.push_back(static_cast<std::uint32_t>(i));
            e.post.push_back(static_cast<std::uint32_t>(j));
          }
        }
  }
}

void erdos_renyi(double p, std::int64_t n, std::uint64_t seed, Edges& e) {
  if (p <= 0.0) return;
  for (std::int64_t j = 0; j < n; ++j) {
    Rng rng(derive_seed(seed, {static_cast<std::uint64_t>(j)}));
    // Trials run over the n − 1 candidates i ≠ j.
    for (std::int64_t t = next_success(rng, -1, p); t < n - 1; t = next_success(rng, t, p)) {
      const std::int64_t i = t < j ? t : t + 1;
      e.pre.push_back(static_cast<std::uint32_t>(i));
      e.post.push_back(static_cast<std::uint32_t>(j));
    }
  }
}

void small_world(int k, double beta, std::int64_t n, std::uint64_t seed, Edges& e) {
  require(k > 0 && k % 2 == 0 && k < n, "connectivity.k must be even, > 0 and < n (got " + std::to_string(k) + ")");
  std::vector<std::int64_t> targets;
  for (std::int64_t i = 0; i < n; ++i) {
    Rng rng(derive_seed(seed, {static_cast<std::uint64_t>(i)}));
    targets.clear();
    for (int o = 1; o <= k / 2; ++o) {
      targets.push_back((i + o) % n);
      targets.push_back((i - o + n) % n);
    }
    for (auto& t : targets) {
      if (rng.uniform() >= beta) continue;
      for (;;) {
        const auto cand = static_cast<std::int64_t>(rng.below(static_cast<std::uint64_t>(n)));
        if (cand != i && std::find(targets.begin(), targets.end(), cand) == targets.end()) {
          t = cand;
          break;
        }
      }
    }
    std::sort(targets.begin(), targets.end());
    for (auto t : targets) {
      e.pre.push_back(static_cast<std::uint32_t>(i));
      e.post.push_back(static_cast<std::uint32_t>(t));
    }
  }
}

}  // namespace

Edges recurrent_edges(const ConnectivitySpec& spec, const std::vector<std::uint8_t>& excitatory,
                      const std::array<int, 3>& grid, std::uint64_t seed) {
  Edges e;
  const auto n = static_cast<std::int64_t>(excitatory.size());
  switch (spec.topology) {
    case Topology::MaassGrid: maass(spec, excitatory, grid, seed, e); break;
    case Topology::Random: erdos_renyi(spec.p, n, seed, e); break;
    case Topology::SmallWorld: small_world(spec.k, spec.beta, n, seed, e); break;
  }
  return e;
}

Edges input_edges(std::uint32_t m, std::uint32_t n, double p_in, std::uint64_t seed) {
  Edges e;
  if (p_in <= 0.0 || m == 0) return e;
  for (std::uint32_t j = 0; j < n; ++j) {
    Rng rng(derive_seed(seed, {static_cast<std::uint64_t>(j)}));
    for (std::int64_t s = next_success(rng, -1, p_in); s < m; s = next_success(rng, s, p_in)) {
      e.pre.push_back(static_cast<std::uint32_t>(s));
      e.post.push_back(j);
    }
  }
  return e;
}

}  // namespace hrsnn::sim
