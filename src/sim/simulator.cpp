#include "sim/simulator.hpp"

#include "core/error.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

namespace hrsnn::sim {
namespace {

constexpr std::int64_t kNeverSpiked = std::numeric_limits<std::int64_t>::min() / 4;

// Stable counting sort of the selected synapses by a key: CSR row pointers plus order.
void csr_by_key(const std::vector<std::uint32_t>& key, const std::vector<std::size_t>& ids,
                std::size_t n_keys, std::vector<std::size_t>& row, std::vector<std::size_t>& order) {
  row.assign(n_keys + 1, 0);
  for (std::size_t id : ids) ++row[key[id] + 1];
  for (std::size_t k = 0; k < n_keys; ++k) row[k + 1] += row[k];
  std::vector<std::size_t> fill(row.begin(), row.end() - 1);
  order.assign(ids.size(), 0);
  for (std::size_t id : ids) order[fill[key[id]]++] = id;
}

}  // namespace

Simulator::Simulator(const Network& net, const SimOptions& options)
    : dt_(net.dt), n_(net.n_neurons()), n_pre_(net.n_neurons() + net.n_inputs) {
  validate(net, "network");
  all_to_all_ = options.pairing == Pairing::AllToAll;
  const NeuronTable& nt = net.neurons;
  v_rest_ = nt.v_rest;
  v_reset_ = nt.v_reset;
  v_th_ = nt.v_th;
  v_init_ = nt.v_init;
  p_mm_.resize(n_); p_me_.resize(n_); p_mi_.resize(n_); p_ee_.resize(n_); p_ii_.resize(n_);
  ref_steps_.resize(n_);
  for (std::uint32_t i = 0; i < n_; ++i) {
    const LifPropagator p = lif_propagator(dt_, nt.tau_m[i], nt.tau_syn_e[i], nt.tau_syn_i[i]);
    p_mm_[i] = p.p_mm; p_me_[i] = p.p_me; p_mi_[i] = p.p_mi; p_ee_[i] = p.p_ee; p_ii_[i] = p.p_ii;
    // Brian2's timestep(): int(t/dt + 1e-3); refractory while fewer steps have passed.
    ref_steps_[i] = static_cast<std::int64_t>(std::floor(nt.tau_ref[i] / dt_ + 0.001));
  }
  pre_excitatory_.assign(n_pre_, 1);
  for (std::uint32_t i = 0; i < n_; ++i) pre_excitatory_[i] = nt.excitatory[i];

  const SynapseTable& st = net.synapses;
  std::vector<std::size_t> static_ids, plastic_ids;
  std::int32_t max_delay = 0;
  for (std::size_t s = 0; s < st.size(); ++s) {
    max_delay = std::max(max_delay, st.delay[s]);
    (options.plastic && st.stdp.plastic(s) ? plastic_ids : static_ids).push_back(s);
  }
  HRSNN_REQUIRE(max_delay <= std::numeric_limits<std::int16_t>::max(),
          "network: delay of " + std::to_string(max_delay) + " steps exceeds the supported 32767 steps");
  slots_ = max_delay + 1;

  std::vector<std::size_t> order;
  csr_by_key(st.pre, static_ids, n_pre_, s_row_, order);
  s_post_.resize(order.size()); s_weight_.resize(order.size()); s_delay_.resize(order.size());
  for (std::size_t k = 0; k < order.size(); ++k) {
    s_post_[k] = st.post[order[k]];
    s_weight_[k] = st.weight[order[k]];
    s_delay_[k] = static_cast<std::int16_t>(st.delay[order[k]]);
  }

  csr_by_key(st.pre, plastic_ids, n_pre_, p_row_, p_origin_);
  const std::size_t np = p_origin_.size();
  p_post_.resize(np); p_pre_.resize(np); p_delay_.resize(np); p_params_.resize(np); p_state_.resize(np);
  for (std::size_t k = 0; k < np; ++k) {
    const std::size_t s = p_origin_[k];
    p_post_[k] = st.post[s];
    p_pre_[k] = st.pre[s];
    p_delay_[k] = static_cast<std::int16_t>(st.delay[s]);
    p_params_[k] = plasticity::StdpParams{st.stdp.tau_plus[s], st.stdp.tau_minus[s], st.stdp.eta_plus[s],
                                          st.stdp.eta_minus[s], st.stdp.w_min[s], st.stdp.w_max[s]};
    p_state_[k].w = st.weight[s];
  }
  std::vector<std::size_t> all_plastic(np);
  for (std::size_t k = 0; k < np; ++k) all_plastic[k] = k;
  std::vector<std::size_t> in_order;
  csr_by_key(p_post_, all_plastic, n_, in_row_, in_order);
  in_syn_.assign(in_order.begin(), in_order.end());
  has_plastic_ = np > 0;
  plastic_ = has_plastic_;
  reset_state();
}

void Simulator::reset_state() {
  v_ = v_init_;
  ie_.assign(n_, 0.0);
  ii_.assign(n_, 0.0);
  last_spike_.assign(n_, kNeverSpiked);
  flag_.assign(n_, 0);
  ring_e_.assign(static_cast<std::size_t>(slots_) * n_, 0.0);
  ring_i_.assign(static_cast<std::size_t>(slots_) * n_, 0.0);
  arrivals_.assign(slots_, {});
  for (auto& s : p_state_) {
    s.x = 0.0;
    s.y = 0.0;
    s.last_update = step_;
  }
}

namespace {

// One exact LIF step for neurons [0, count): a free function with restrict-qualified arrays so
// the compiler can prove there is no aliasing and vectorise it (no branch, selects only).
void lif_step(std::int64_t n, std::uint32_t count, double* __restrict re, double* __restrict ri, double* __restrict v,
              double* __restrict ie, double* __restrict ii, std::int64_t* __restrict flag, const double* __restrict rest,
              const double* __restrict th, const double* __restrict pmm, const double* __restrict pme,
              const double* __restrict pmi, const double* __restrict pee, const double* __restrict pii,
              const std::int64_t* __restrict last, const std::int64_t* __restrict ref) {
  for (std::uint32_t i = 0; i < count; ++i) {
    const double e = ie[i] + re[i];
    const double in = ii[i] + ri[i];
    re[i] = 0.0;
    ri[i] = 0.0;
    const bool refractory = (n - last[i]) < ref[i];
    const double v_new = rest[i] + (v[i] - rest[i]) * pmm[i] + e * pme[i] + in * pmi[i];
    const double vi = refractory ? v[i] : v_new;
    v[i] = vi;
    ie[i] = e * pee[i];
    ii[i] = in * pii[i];
    flag[i] = static_cast<std::int64_t>(!refractory & (vi >= th[i]));
  }
}

}  // namespace

void Simulator::integrate_and_threshold(std::int64_t n) {
  // Static arrivals of step n − 1 sit in their ring slot; they join the currents here, in the
  // same order as if added at the end of step n − 1 (after that step's plastic arrivals), which
  // fuses the ring read-and-clear into the integration pass.
  const std::size_t prev = static_cast<std::size_t>((n + slots_ - 1) % slots_) * n_;
  lif_step(n, n_, ring_e_.data() + prev, ring_i_.data() + prev, v_.data(), ie_.data(), ii_.data(), flag_.data(),
           v_rest_.data(), v_th_.data(), p_mm_.data(), p_me_.data(), p_mi_.data(), p_ee_.data(), p_ii_.data(),
           last_spike_.data(), ref_steps_.data());
  spiked_.clear();
  for (std::uint32_t i = 0; i < n_; ++i)
    if (flag_[i]) spiked_.push_back(i);
}

void Simulator::emit(std::uint32_t pre, std::int64_t n) {
  double* ring = pre_excitatory_[pre] ? ring_e_.data() : ring_i_.data();
  const std::int32_t now = static_cast<std::int32_t>(n % slots_);
  for (std::size_t k = s_row_[pre]; k < s_row_[pre + 1]; ++k) {
    std::int32_t slot = now + s_delay_[k];  // < 2·slots: one conditional subtraction, no division
    slot -= slot >= slots_ ? slots_ : 0;
    ring[static_cast<std::size_t>(slot) * n_ + s_post_[k]] += s_weight_[k];
  }
  for (std::size_t k = p_row_[pre]; k < p_row_[pre + 1]; ++k) {
    std::int32_t slot = now + p_delay_[k];
    slot -= slot >= slots_ ? slots_ : 0;
    arrivals_[static_cast<std::size_t>(slot)].push_back(static_cast<std::uint32_t>(k));
  }
}

void Simulator::deliver(std::int64_t n) {
  // Plastic arrivals act now; static ones are folded in by the next integration pass.
  auto& queue = arrivals_[static_cast<std::size_t>(n % slots_)];
  for (std::uint32_t k : queue) {
    plasticity::StdpState& s = p_state_[k];
    (pre_excitatory_[p_pre_[k]] ? ie_ : ii_)[p_post_[k]] += s.w;  // pre-update weight
    if (plastic_) plasticity::on_arrival(s, p_params_[k], n, dt_, all_to_all_);
  }
  queue.clear();
}

void Simulator::apply_ltp() {
  if (!plastic_) return;
  for (std::uint32_t j : spiked_)
    for (std::size_t k = in_row_[j]; k < in_row_[j + 1]; ++k) {
      const std::uint32_t s = in_syn_[k];
      plasticity::on_post_spike(p_state_[s], p_params_[s], step_, dt_, all_to_all_);
    }
}

void Simulator::run(std::int64_t n_steps, const SpikeEvents* input, SpikeRecorder* recorder) {
  std::size_t next_input = 0;
  const std::size_t n_input = input ? input->size() : 0;
  if (input) {
    for (std::size_t k = 0; k < n_input; ++k) {
      const std::int64_t s = input->step[k];
      HRSNN_REQUIRE(s >= 0 && s < n_steps, "input spike " + std::to_string(k) + " at step " + std::to_string(s) +
                                         " outside the run of " + std::to_string(n_steps) + " steps");
      HRSNN_REQUIRE(input->source[k] < n_pre_ - n_, "input spike " + std::to_string(k) + ": source " +
                                                  std::to_string(input->source[k]) + " >= number of inputs " +
                                                  std::to_string(n_pre_ - n_));
      if (k > 0) {
        HRSNN_REQUIRE(s > input->step[k - 1] || (s == input->step[k - 1] && input->source[k] > input->source[k - 1]),
                "input spikes must be sorted by step then source, with no source twice in a step (spike " +
                    std::to_string(k) + ", source " + std::to_string(input->source[k]) + ", step " + std::to_string(s) + ")");
      }
    }
  }
  const std::int64_t start = step_;
  for (std::int64_t k = 0; k < n_steps; ++k) {
    const std::int64_t n = step_;
    integrate_and_threshold(n);
    for (std::uint32_t j : spiked_) emit(j, n);
    while (next_input < n_input && input->step[next_input] == k) emit(n_ + input->source[next_input++], n);
    deliver(n);
    apply_ltp();
    for (std::uint32_t j : spiked_) {
      v_[j] = v_reset_[j];
      last_spike_[j] = n;
    }
    if (recorder) {
      for (std::uint32_t j : spiked_) {
        recorder->step.push_back(n);
        recorder->neuron.push_back(j);
      }
      for (std::uint32_t j : recorder->neurons_probe) recorder->v_samples.push_back(v_[j]);
    }
    ++step_;
  }
  (void)start;
}

std::vector<double> Simulator::weights(const Network& net) const {
  std::vector<double> w = net.synapses.weight;
  for (std::size_t k = 0; k < p_origin_.size(); ++k) w[p_origin_[k]] = p_state_[k].w;
  return w;
}

std::pair<double, double> Simulator::bytes_per_synapse() {
  const double stat = sizeof(std::uint32_t) + sizeof(double) + sizeof(std::int16_t);
  const double plast = sizeof(std::uint32_t) * 2 + sizeof(std::int16_t) + sizeof(plasticity::StdpParams) +
                       sizeof(plasticity::StdpState) + sizeof(std::size_t) + sizeof(std::uint32_t);
  return {stat, plast};
}

}  // namespace hrsnn::sim
