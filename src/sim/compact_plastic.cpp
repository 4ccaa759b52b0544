#include "sim/compact_plastic.hpp"

#include "plasticity/stdp_rule.hpp"
#include "sim/csr.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <map>

#include "core/error.hpp"

namespace hrsnn::sim {
namespace {

constexpr double kFull = 4294967295.0;  // 2^32 − 1: the fixed-point code of w_max

using BoundsKey = std::pair<double, double>;

const std::vector<double>* column(const StdpColumns& c, int q) {
  return q == 0 ? &c.tau_plus : q == 1 ? &c.tau_minus : q == 2 ? &c.eta_plus : &c.eta_minus;
}

}  // namespace

std::string CompactPlastic::ineligible(const SynapseTable& st, const std::vector<std::size_t>& ids) {
  if (st.size() >= std::numeric_limits<std::uint32_t>::max()) return "more than 2^32 synapses in the table";
  // Distinct values per group and parameter, kept as small sorted vectors (at most 257 each).
  std::map<BoundsKey, std::array<std::vector<double>, 4>> distinct;
  static const char* names[4] = {"tau_plus", "tau_minus", "eta_plus", "eta_minus"};
  for (std::size_t id : ids) {
    auto& sets = distinct[{st.stdp.w_min[id], st.stdp.w_max[id]}];
    if (distinct.size() > std::numeric_limits<std::uint16_t>::max()) return "more than 65535 distinct (w_min, w_max) pairs";
    for (int q = 0; q < 4; ++q) {
      const double v = (*column(st.stdp, q))[id];
      auto& set = sets[q];
      const auto at = std::lower_bound(set.begin(), set.end(), v);
      if (at != set.end() && *at == v) continue;
      if (set.size() == 256)
        return std::string("more than 256 distinct values of ") + names[q] +
               " in one (w_min, w_max) group (draw them with stdp.levels, or use the wide layout)";
      set.insert(at, v);
    }
  }
  return "";
}

std::vector<std::uint32_t> CompactPlastic::storage_order(const SynapseTable& st, const std::vector<std::size_t>& ids) {
  // Counting sort by pre (ids are in table order, so it is stable), then each row by (delay,
  // group): no full-size comparison sort and its buffer, to keep the construction peak low.
  std::map<BoundsKey, std::uint32_t> index;
  for (std::size_t id : ids) index.emplace(BoundsKey{st.stdp.w_min[id], st.stdp.w_max[id]}, 0);
  std::uint32_t next = 0;
  for (auto& [key, g] : index) g = next++;
  std::uint32_t n_pre = 0;
  for (std::size_t id : ids) n_pre = std::max(n_pre, st.pre[id] + 1);
  std::vector<std::size_t> row;
  std::vector<std::uint32_t> order;  // table indices fit: ineligible() checks
  csr_by_key(st.pre, ids, n_pre, row, order);
  std::vector<std::pair<std::uint64_t, std::size_t>> keyed;
  for (std::uint32_t p = 0; p < n_pre; ++p) {
    keyed.clear();
    for (std::size_t k = row[p]; k < row[p + 1]; ++k) {
      const std::size_t id = order[k];
      const std::uint64_t g = index.at({st.stdp.w_min[id], st.stdp.w_max[id]});
      keyed.emplace_back((static_cast<std::uint64_t>(st.delay[id]) << 32 | g), id);
    }
    std::stable_sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (std::size_t k = row[p]; k < row[p + 1]; ++k) order[k] = static_cast<std::uint32_t>(keyed[k - row[p]].second);
  }
  return order;
}

CompactPlastic::CompactPlastic(const SynapseTable& st, std::vector<std::size_t> ids, std::uint32_t n_pre,
                               std::uint32_t n_post, double dt) {
  std::map<BoundsKey, std::uint32_t> index;
  for (std::size_t id : ids) index.emplace(BoundsKey{st.stdp.w_min[id], st.stdp.w_max[id]}, 0);
  std::uint32_t next = 0;
  for (auto& [key, g] : index) g = next++;
  groups_.resize(index.size());
  // Per group and parameter: its sorted distinct values; a synapse's code is its value's rank.
  std::vector<std::array<std::vector<double>, 4>> values(index.size());
  for (std::size_t id : ids) {
    const std::uint32_t g = index.at({st.stdp.w_min[id], st.stdp.w_max[id]});
    for (int q = 0; q < 4; ++q) {
      auto& set = values[g][q];
      const double v = (*column(st.stdp, q))[id];
      const auto at = std::lower_bound(set.begin(), set.end(), v);
      if (at == set.end() || *at != v) set.insert(at, v);
      HRSNN_REQUIRE(set.size() <= 256, "compact plastic layout: more than 256 distinct STDP values in a group");
    }
  }
  for (const auto& [key, g] : index) {
    Group& G = groups_[g];
    G.w_min = key.first;
    G.w_max = key.second;
    G.step = (G.w_max - G.w_min) / kFull;
    G.inv_step = G.step > 0 ? 1.0 / G.step : 0.0;
    for (int q = 0; q < 4; ++q) {
      const auto& v = values[g][q];
      for (std::size_t c = 0; c < v.size(); ++c) {
        if (q == 0) G.rate_plus[c] = dt / v[c];
        if (q == 1) G.rate_minus[c] = dt / v[c];
        if (q == 2) G.eta_plus[c] = v[c];
        if (q == 3) G.eta_minus[c] = v[c];
      }
    }
  }
  std::vector<std::uint32_t> order = storage_order(st, ids);
  std::vector<std::size_t>().swap(ids);  // release before the synapses are allocated (peak memory)
  syn_.resize(order.size());
  seg_row_.assign(n_pre + 1, 0);
  std::int32_t max_delay = 0;
  for (std::size_t k = 0; k < order.size(); ++k) {
    const std::size_t id = order[k];
    const std::uint32_t g = index.at({st.stdp.w_min[id], st.stdp.w_max[id]});
    const Group& G = groups_[g];
    Synapse& s = syn_[k];
    s.post = st.post[id];
    s.w = encode(st.weight[id], G);
    for (int q = 0; q < 4; ++q) {
      const auto& v = values[g][q];
      s.code[q] = static_cast<std::uint8_t>(std::lower_bound(v.begin(), v.end(), (*column(st.stdp, q))[id]) - v.begin());
    }
    const bool new_segment = seg_.empty() || seg_.back().pre != st.pre[id] || seg_.back().delay != st.delay[id] ||
                             seg_.back().group != g;
    if (new_segment) seg_.push_back({st.pre[id], 0, static_cast<std::int16_t>(st.delay[id]), static_cast<std::uint16_t>(g)});
    seg_.back().end = static_cast<std::uint32_t>(k + 1);
    max_delay = std::max(max_delay, st.delay[id]);
  }
  std::vector<std::uint32_t>().swap(order);
  // Rows of segments per presynaptic index (segments are sorted by pre).
  for (const Segment& s : seg_) ++seg_row_[s.pre + 1];
  for (std::uint32_t p = 0; p < n_pre; ++p) seg_row_[p + 1] += seg_row_[p];
  seg_of_block_.resize((syn_.size() >> kBlockShift) + 1);
  std::uint32_t g = 0;
  for (std::size_t b = 0; b < seg_of_block_.size(); ++b) {
    while (g < seg_.size() && seg_[g].end <= (b << kBlockShift)) ++g;
    seg_of_block_[b] = g;
  }
  in_row_.assign(n_post + 1, 0);
  for (const Synapse& s : syn_) ++in_row_[s.post + 1];
  for (std::uint32_t j = 0; j < n_post; ++j) in_row_[j + 1] += in_row_[j];
  in_syn_.resize(syn_.size());
  std::vector<std::size_t> fill(in_row_.begin(), in_row_.end() - 1);
  for (std::size_t k = 0; k < syn_.size(); ++k) in_syn_[fill[syn_[k].post]++] = static_cast<std::uint32_t>(k);
  // At most one spike per step per index, so max_delay + 1 spikes cover every pending arrival.
  ring_ = std::bit_ceil(static_cast<std::uint32_t>(max_delay) + 1);
  pre_spikes_.assign(static_cast<std::size_t>(n_pre) * ring_, 0);
  pre_count_.assign(n_pre, 0);
  last_post_.assign(n_post, kNever);
}

double CompactPlastic::decode(std::uint32_t u, const Group& g) const {
  return std::min(g.w_min + static_cast<double>(u) * g.step, g.w_max);
}

std::uint32_t CompactPlastic::encode(double w, const Group& g) const {
  const double f = std::clamp(std::nearbyint((w - g.w_min) * g.inv_step), 0.0, kFull);
  return static_cast<std::uint32_t>(f);
}

std::uint32_t CompactPlastic::segment_of(std::uint32_t k) const {
  std::uint32_t g = seg_of_block_[k >> kBlockShift];
  while (seg_[g].end <= k) ++g;
  return g;
}

std::int32_t CompactPlastic::last_arrival(std::uint32_t pre, std::int32_t delay, std::int32_t n) const {
  const std::uint32_t count = pre_count_[pre];
  const std::int32_t* ring = pre_spikes_.data() + static_cast<std::size_t>(pre) * ring_;
  for (std::uint32_t i = 1; i <= std::min(count, ring_); ++i) {
    const std::int32_t s = ring[(count - i) & (ring_ - 1)];
    if (s + delay <= n) return s + delay;
  }
  return kNever;
}

void CompactPlastic::emit(std::uint32_t pre, std::int32_t now_slot, std::int32_t slots,
                          std::vector<std::vector<std::uint32_t>>& arrivals) const {
  for (std::size_t g = seg_row_[pre]; g < seg_row_[pre + 1]; ++g) {
    std::int32_t slot = now_slot + seg_[g].delay;
    slot -= slot >= slots ? slots : 0;
    arrivals[static_cast<std::size_t>(slot)].push_back(static_cast<std::uint32_t>(g));
  }
}

void CompactPlastic::record_pre(std::uint32_t pre, std::int32_t n) {
  if (seg_row_[pre] == seg_row_[pre + 1]) return;
  pre_spikes_[static_cast<std::size_t>(pre) * ring_ + (pre_count_[pre] & (ring_ - 1))] = n;
  ++pre_count_[pre];
}

template <class Real>
void CompactPlastic::deliver(const std::vector<std::uint32_t>& segments, std::int32_t n, Real* ie, Real* ii,
                             const std::uint8_t* pre_excitatory, bool plastic) {
  for (std::uint32_t g : segments) {
    const Segment& sg = seg_[g];
    const Group& G = groups_[sg.group];
    Real* target = pre_excitatory[sg.pre] ? ie : ii;
    for (std::uint32_t k = g ? seg_[g - 1].end : 0; k < sg.end; ++k) {
      Synapse& s = syn_[k];
      const double w = decode(s.w, G);
      target[s.post] += static_cast<Real>(w);  // the weight before this arrival's LTD
      const std::int32_t t_post = last_post_[s.post];
      if (!plastic || t_post == kNever) continue;  // y = 0 before the first postsynaptic spike
      const double y = std::exp(-(n - t_post) * G.rate_minus[s.code[1]]);
      s.w = encode(plasticity::depressed(w, G.eta_minus[s.code[3]], y, G.w_min, G.w_max), G);
    }
  }
}

template void CompactPlastic::deliver<double>(const std::vector<std::uint32_t>&, std::int32_t, double*, double*,
                                              const std::uint8_t*, bool);
template void CompactPlastic::deliver<float>(const std::vector<std::uint32_t>&, std::int32_t, float*, float*,
                                             const std::uint8_t*, bool);

void CompactPlastic::potentiate(const std::vector<std::uint32_t>& spiked, std::int32_t n) {
  for (std::uint32_t j : spiked) {
    const std::size_t end = in_row_[j + 1];
    for (std::size_t i = in_row_[j]; i < end; ++i) {
      if (i + 8 < end) __builtin_prefetch(&syn_[in_syn_[i + 8]], 1);  // scattered: fetch ahead
      const std::uint32_t k = in_syn_[i];
      const Segment& sg = seg_[segment_of(k)];
      const std::int32_t a = last_arrival(sg.pre, sg.delay, n);
      if (a == kNever) continue;  // x = 0 before the first arrival
      const Group& G = groups_[sg.group];
      Synapse& s = syn_[k];
      const double w = decode(s.w, G);
      const double x = std::exp(-(n - a) * G.rate_plus[s.code[0]]);
      s.w = encode(plasticity::potentiated(w, G.eta_plus[s.code[2]], x, G.w_min, G.w_max), G);
    }
    last_post_[j] = n;
  }
}

void CompactPlastic::reset() {
  std::fill(pre_count_.begin(), pre_count_.end(), 0u);
  std::fill(last_post_.begin(), last_post_.end(), kNever);
}

void CompactPlastic::weights_into(const SynapseTable& st, const std::vector<std::size_t>& ids, std::vector<double>& w) const {
  const std::vector<std::uint32_t> order = storage_order(st, ids);
  for (std::size_t g = 0; g < seg_.size(); ++g)
    for (std::uint32_t k = g ? seg_[g - 1].end : 0; k < seg_[g].end; ++k) w[order[k]] = decode(syn_[k].w, groups_[seg_[g].group]);
}

double CompactPlastic::bytes_per_synapse() { return sizeof(Synapse) + sizeof(std::uint32_t); }

}  // namespace hrsnn::sim
