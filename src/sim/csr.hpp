/// \file csr.hpp
/// \brief The one CSR builder of the engine: a stable counting sort of synapses by a key.
///
/// Static, wide plastic and compact plastic stores, and the transposed index for LTP, all lay
/// synapses out row by row (by presynaptic or by postsynaptic index). A counting sort does it
/// in O(n + rows) with no comparison sort and no full-size temporary beyond the fill pointers,
/// which keeps the construction peak low for 1e7-synapse networks; it is stable, so within a
/// row synapses keep the order of `ids` (table order), which the Brian2 reference relies on.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace hrsnn::sim {

/// Row pointers `row` (n_keys + 1 entries) and the ids in row order `order`, ordering the
/// synapses `ids` by key[id] (every key[id] < n_keys), stably.
template <class Index>
void csr_by_key(const std::vector<std::uint32_t>& key, const std::vector<std::size_t>& ids, std::size_t n_keys,
                std::vector<std::size_t>& row, std::vector<Index>& order) {
  row.assign(n_keys + 1, 0);
  for (std::size_t id : ids) ++row[key[id] + 1];
  for (std::size_t k = 0; k < n_keys; ++k) row[k + 1] += row[k];
  std::vector<std::size_t> fill(row.begin(), row.end() - 1);
  order.assign(ids.size(), Index{});
  for (std::size_t id : ids) order[fill[key[id]]++] = static_cast<Index>(id);
}

}  // namespace hrsnn::sim
