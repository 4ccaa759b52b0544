#include "sim/simulator.hpp"

#include "sim/csr.hpp"

#include "core/error.hpp"
#include "core/fast_exp.hpp"
#include "sim/external_drive.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <cstring>
#include <map>
#include <string>

#if defined(__SSE__) || defined(_M_X64)
#include <xmmintrin.h>
#define HRSNN_HAVE_MXCSR 1
#endif

namespace hrsnn::sim {
namespace {


bool all_equal(const std::vector<double>& x) {
  for (double y : x)
    if (y != x.front()) return false;
  return true;
}

}  // namespace

Simulator::Simulator(const Network& net, const SimOptions& options)
    : dt_(net.dt), n_(net.n_neurons()), n_pre_(net.n_neurons() + net.n_inputs) {
  validate(net, "network");
  all_to_all_ = options.pairing == Pairing::AllToAll;
  const NeuronTable& nt = net.neurons;
  single_ = options.precision == Precision::Single;
  NeuronArrays<double> d;
  d.rest = nt.v_rest;
  d.reset = nt.v_reset;
  d.th = nt.v_th;
  d.init = nt.v_init;
  for (auto* c : {&d.pmm, &d.pme, &d.pmi, &d.pee, &d.pii}) c->resize(n_);
  ref_steps_.resize(n_);
  drive_gain_.resize(n_);
  for (std::uint32_t i = 0; i < n_; ++i) {
    const LifPropagator p = lif_propagator(dt_, nt.tau_m[i], nt.tau_syn_e[i], nt.tau_syn_i[i]);
    drive_gain_[i] = -std::expm1(-dt_ / nt.tau_m[i]);
    d.pmm[i] = p.p_mm; d.pme[i] = p.p_me; d.pmi[i] = p.p_mi; d.pee[i] = p.p_ee; d.pii[i] = p.p_ii;
    // Brian2's timestep(): int(t/dt + 1e-3); refractory while fewer steps have passed.
    const double steps = std::floor(nt.tau_ref[i] / dt_ + 0.001);
    HRSNN_REQUIRE(steps < std::numeric_limits<std::int32_t>::max(),
                  "network: neuron " + std::to_string(i) + ": tau_ref spans more than 2^31 steps");
    ref_steps_[i] = static_cast<std::int32_t>(steps);
  }
  adaptive_ = nt.adaptive();
  if (adaptive_) {
    for (auto* c : {&d.pma, &d.paa, &d.ptt}) c->resize(n_);
    d.ba = nt.b_a;
    d.dth = nt.d_theta;
    for (std::uint32_t i = 0; i < n_; ++i) {
      // a enters τ_m dv/dt like an inhibitory current with its own decay: the same exact
      // propagator as the synaptic currents (Brian2's `exact` solves the same linear system).
      d.pma[i] = psc_to_membrane(dt_, nt.tau_m[i], nt.tau_a[i]);
      d.paa[i] = std::exp(-dt_ / nt.tau_a[i]);
      d.ptt[i] = std::exp(-dt_ / nt.tau_theta[i]);
    }
  }
  conductance_ = nt.conductance();
  // The fast kernel exists for the conductance model in double (single keeps its float exp).
  fast_ = options.kernel == Kernel::Fast && conductance_ && !single_;
  if (conductance_) {
    // Brian2 holds times in seconds (a value in ms times 0.001) and its exponential Euler
    // evaluates the expressions below per step; computing them from the same seconds gives the
    // same bits (docs/model.md §2.2). The synaptic propagators are redone in seconds for the same reason.
    dt_s_ = dt_ * 0.001;
    for (auto* c : {&d.glt, &d.invt, &d.vrt}) c->resize(n_);
    if (fast_) d.inv_glt.resize(n_);  // only the fast kernel multiplies by 1/(g_L·τ_m)
    d.ee = nt.e_e;
    d.ei = nt.e_i;
    for (std::uint32_t i = 0; i < n_; ++i) {
      const double tau_s = nt.tau_m[i] * 0.001;
      d.glt[i] = nt.g_l[i] * tau_s;
      if (fast_) d.inv_glt[i] = 1.0 / d.glt[i];
      d.invt[i] = 1.0 / tau_s;
      d.vrt[i] = nt.v_rest[i] / tau_s;
      d.pee[i] = std::exp(-dt_s_ / (nt.tau_syn_e[i] * 0.001));
      d.pii[i] = std::exp(-dt_s_ / (nt.tau_syn_i[i] * 0.001));
    }
  }
  uniform_ = !adaptive_ && all_equal(d.rest) && all_equal(d.th) && all_equal(d.pmm) && all_equal(d.pme) && all_equal(d.pmi) &&
             all_equal(d.pee) && all_equal(d.pii) && all_equal(d.glt) && all_equal(d.invt) && all_equal(d.vrt) &&
             all_equal(d.ee) && all_equal(d.ei);
  if (single_) {
    // Constants rounded once from their double values (the propagator is computed in double).
    auto to_float = [](const std::vector<double>& x) { return std::vector<float>(x.begin(), x.end()); };
    nf_.rest = to_float(d.rest); nf_.reset = to_float(d.reset); nf_.th = to_float(d.th); nf_.init = to_float(d.init);
    nf_.pmm = to_float(d.pmm); nf_.pme = to_float(d.pme); nf_.pmi = to_float(d.pmi);
    nf_.pee = to_float(d.pee); nf_.pii = to_float(d.pii);
    nf_.pma = to_float(d.pma); nf_.paa = to_float(d.paa); nf_.ptt = to_float(d.ptt);
    nf_.ba = to_float(d.ba); nf_.dth = to_float(d.dth);
    nf_.glt = to_float(d.glt); nf_.invt = to_float(d.invt); nf_.vrt = to_float(d.vrt);
    nf_.ee = to_float(d.ee); nf_.ei = to_float(d.ei);
  } else {
    nd_ = std::move(d);
  }
  pre_excitatory_.assign(n_pre_, 1);
  for (std::uint32_t i = 0; i < n_; ++i) pre_excitatory_[i] = nt.excitatory[i];

  const SynapseTable& st = net.synapses;
  std::vector<std::size_t> static_ids, plastic_ids;
  std::size_t n_plastic = 0;
  for (std::size_t s = 0; s < st.size(); ++s) n_plastic += options.plastic && st.stdp.plastic(s);
  plastic_ids.reserve(n_plastic);  // exact sizes: push_back growth would double the peak memory
  std::int32_t max_delay = 0;
  for (std::size_t s = 0; s < st.size(); ++s) {
    max_delay = std::max(max_delay, st.delay[s]);
    (options.plastic && st.stdp.plastic(s) ? plastic_ids : static_ids).push_back(s);
  }
  static_assert(kMaxDelaySteps <= std::numeric_limits<std::int16_t>::max(), "delays are stored in int16 fields");
  HRSNN_REQUIRE(max_delay <= kMaxDelaySteps, "network: delay of " + std::to_string(max_delay) +
                                                 " steps exceeds the supported " + std::to_string(kMaxDelaySteps) + " steps");
  slots_ = max_delay + 1;

  // Static synapses by (pre, delay), file order kept within: rows of equal-delay segments.
  {
    std::vector<std::size_t> row, order;
    csr_by_key(st.pre, static_ids, n_pre_, row, order);
    for (std::uint32_t p = 0; p < n_pre_; ++p)
      std::stable_sort(order.begin() + static_cast<std::ptrdiff_t>(row[p]), order.begin() + static_cast<std::ptrdiff_t>(row[p + 1]),
                       [&](std::size_t a, std::size_t b) { return st.delay[a] < st.delay[b]; });
    static_ids.swap(order);
  }
  bool lossless = true;
  for (std::size_t id : static_ids) lossless &= static_cast<double>(static_cast<float>(st.weight[id])) == st.weight[id];
  s_post_.resize(static_ids.size());
  (lossless ? s_weight_f_.resize(static_ids.size()) : s_weight_.resize(static_ids.size()));
  s_seg_row_.assign(n_pre_ + 1, 0);
  std::size_t k = 0;
  for (std::uint32_t p = 0; p < n_pre_; ++p) {
    s_seg_row_[p] = s_seg_delay_.size();
    while (k < static_ids.size() && st.pre[static_ids[k]] == p) {
      const std::int32_t d = st.delay[static_ids[k]];
      while (k < static_ids.size() && st.pre[static_ids[k]] == p && st.delay[static_ids[k]] == d) {
        s_post_[k] = st.post[static_ids[k]];
        if (lossless) s_weight_f_[k] = static_cast<float>(st.weight[static_ids[k]]);
        else s_weight_[k] = st.weight[static_ids[k]];
        ++k;
      }
      s_seg_delay_.push_back(static_cast<std::int16_t>(d));
      s_seg_end_.push_back(k);
    }
  }
  s_seg_row_[n_pre_] = s_seg_delay_.size();
  s_seg_pre_.resize(s_seg_delay_.size());
  for (std::uint32_t p = 0; p < n_pre_; ++p)
    for (std::size_t g = s_seg_row_[p]; g < s_seg_row_[p + 1]; ++g) s_seg_pre_[g] = p;
  HRSNN_REQUIRE(s_seg_delay_.size() < std::numeric_limits<std::uint32_t>::max(), "network: too many synapse segments");

  if (!plastic_ids.empty() && options.layout != PlasticLayout::Wide) {
    const std::string why = all_to_all_ ? "all-to-all pairing needs per-synapse traces"
                                        : CompactPlastic::ineligible(st, plastic_ids);
    if (why.empty()) {
      compact_ = std::make_unique<CompactPlastic>(st, std::move(plastic_ids), n_pre_, n_, dt_);
      plastic_ids.clear();  // moved from: the wide arrays stay empty
    } else if (options.layout == PlasticLayout::Compact) {
      throw InputError("network: compact plastic layout impossible: " + why);
    }
  }
  csr_by_key(st.pre, plastic_ids, n_pre_, p_row_, p_origin_);
  const std::size_t np = p_origin_.size();
  p_post_.resize(np); p_pre_.resize(np); p_delay_.resize(np); p_syn_.resize(np);
  std::map<std::pair<double, double>, std::uint32_t> bound_index;
  for (std::size_t k = 0; k < np; ++k) {
    const std::size_t s = p_origin_[k];
    p_post_[k] = st.post[s];
    p_pre_[k] = st.pre[s];
    p_delay_[k] = static_cast<std::int16_t>(st.delay[s]);
    plasticity::PlasticSynapse& ps = p_syn_[k];
    ps.w = st.weight[s];
    ps.rate_plus = dt_ / st.stdp.tau_plus[s];
    ps.rate_minus = dt_ / st.stdp.tau_minus[s];
    ps.eta_plus = st.stdp.eta_plus[s];
    ps.eta_minus = st.stdp.eta_minus[s];
    const auto key = std::make_pair(st.stdp.w_min[s], st.stdp.w_max[s]);
    auto [it, inserted] = bound_index.emplace(key, static_cast<std::uint32_t>(p_bounds_.size()));
    if (inserted) p_bounds_.push_back({key.first, key.second});
    ps.bounds = it->second;
  }
  std::vector<std::size_t> all_plastic(np);
  for (std::size_t k = 0; k < np; ++k) all_plastic[k] = k;
  csr_by_key(p_post_, all_plastic, n_, in_row_, in_syn_);
  has_plastic_ = np > 0 || compact_;
  HRSNN_REQUIRE(options.threads >= 1 && options.threads <= 256,
                "threads must be in [1, 256], got " + std::to_string(options.threads));
  if (options.threads > 1) {
    team_ = std::make_unique<ThreadTeam>(options.threads);
    member_spikes_.resize(static_cast<std::size_t>(options.threads));
    split_segments_by_target();
  }
  plastic_ = has_plastic_;
  reset_state();
}

void Simulator::split_segments_by_target() {
  const int parts = team_->size();
  const std::size_t segments = s_seg_end_.size();
  s_seg_span_.assign(segments * static_cast<std::size_t>(parts + 1), 0);
  std::vector<std::size_t> order;
  std::vector<std::uint32_t> post;
  std::vector<float> wf;
  std::vector<double> wd;
  for (std::size_t g = 0; g < segments; ++g) {
    const std::size_t begin = g ? s_seg_end_[g - 1] : 0, end = s_seg_end_[g], len = end - begin;
    // Stable: two synapses onto one target (a multapse) keep their order, so each target sums
    // its inputs in the same order as without threads.
    order.resize(len);
    for (std::size_t k = 0; k < len; ++k) order[k] = begin + k;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return s_post_[a] < s_post_[b]; });
    post.resize(len);
    for (std::size_t k = 0; k < len; ++k) post[k] = s_post_[order[k]];
    std::copy(post.begin(), post.end(), s_post_.begin() + static_cast<std::ptrdiff_t>(begin));
    if (s_weight_.empty()) {
      wf.resize(len);
      for (std::size_t k = 0; k < len; ++k) wf[k] = s_weight_f_[order[k]];
      std::copy(wf.begin(), wf.end(), s_weight_f_.begin() + static_cast<std::ptrdiff_t>(begin));
    } else {
      wd.resize(len);
      for (std::size_t k = 0; k < len; ++k) wd[k] = s_weight_[order[k]];
      std::copy(wd.begin(), wd.end(), s_weight_.begin() + static_cast<std::ptrdiff_t>(begin));
    }
    // Member m's synapses of segment g: [span[m], span[m + 1]); the top bit of span[0] says
    // whether the segment's presynaptic neuron is excitatory.
    std::uint64_t* span = s_seg_span_.data() + g * static_cast<std::size_t>(parts + 1);
    const auto first = s_post_.begin() + static_cast<std::ptrdiff_t>(begin);
    for (int m = 0; m <= parts; ++m) {
      const std::uint32_t lo = m == parts ? n_ : share(n_, parts, m).first;
      span[m] = begin + static_cast<std::uint64_t>(std::lower_bound(first, first + static_cast<std::ptrdiff_t>(len), lo) - first);
    }
    span[parts] = end;
    if (pre_excitatory_[s_seg_pre_[g]]) span[0] |= ~kSpanOffset;
  }
}

void Simulator::reset_state() {
  nd_.v = nd_.init;
  nd_.ie.assign(nd_.init.size(), 0.0);
  nd_.ii.assign(nd_.init.size(), 0.0);
  nf_.v = nf_.init;
  nf_.ie.assign(nf_.init.size(), 0.0f);
  nf_.ii.assign(nf_.init.size(), 0.0f);
  const std::size_t n_adaptive = adaptive_ ? static_cast<std::size_t>(n_) : 0;
  const std::size_t n_scratch = conductance_ && !fast_ ? static_cast<std::size_t>(n_) : 0;  // the exact kernel's passes
  nd_.tmp1.assign(single_ ? 0 : n_scratch, 0.0);
  nd_.tmp2.assign(single_ ? 0 : n_scratch, 0.0);
  nf_.tmp1.assign(single_ ? n_scratch : 0, 0.0f);
  nf_.tmp2.assign(single_ ? n_scratch : 0, 0.0f);
  nd_.a.assign(single_ ? 0 : n_adaptive, 0.0);
  nd_.theta.assign(single_ ? 0 : n_adaptive, 0.0);
  nf_.a.assign(single_ ? n_adaptive : 0, 0.0f);
  nf_.theta.assign(single_ ? n_adaptive : 0, 0.0f);
  nd_.until.assign(nd_.init.size(), std::numeric_limits<std::int64_t>::min());
  nf_.until.assign(nf_.init.size(), std::numeric_limits<std::int32_t>::min());
  flag_.assign(n_, 0);
  static_arrivals_.assign(slots_, {});
  arrivals_.assign(slots_, {});
  compact_arrivals_.assign(slots_, {});
  if (compact_) compact_->reset();
  for (auto& s : p_syn_) {
    s.x = 0.0;
    s.y = 0.0;
    s.last_update = static_cast<std::int32_t>(step_);
  }
}

namespace {

// Per-neuron constant, or one value for all neurons (then the kernel reads a broadcast scalar
// and streams five fewer arrays per step, as Brian2 does for constants).
template <bool Uniform, class Real>
struct Param {
  const Real* __restrict p;
  Real operator[](std::uint32_t i) const {
    if constexpr (Uniform) return p[0];
    else return p[i];
  }
};

// The adaptive LIF's state and constants (unused by the plain LIF): a enters the membrane
// equation with a minus sign and decays with τ_a; θ, the threshold excess, decays with τ_θ.
template <class Real>
struct Adaptation {
  Real* a;
  Real* theta;
  const Real* pma;  // a → v over one step
  const Real* paa;  // a → a
  const Real* ptt;  // θ → θ
};

// One exact LIF step for neurons [0, count): restrict-qualified arrays and selects only, so the
// compiler vectorises it; the per-step traffic is v, I_e, I_i (read and written), the
// refractory end (read only) and the spike flag (written). No spike count is kept: a
// reduction in the loop costs more than scanning the flags afterwards.
// Driven adds the window's D·(1 − e^{−dt/τm}) last, so a zero drive gives the undriven bits.
// Adaptive (docs/model.md §2.1) also advances a and θ and tests v ≥ v_th + θ on the new values
// (Brian2's order); a refractory neuron holds v while a and θ keep decaying.
template <bool Uniform, bool Driven, bool Adaptive, class Real, class Step>
void lif_step(Step n, std::uint32_t count, Real* __restrict v, Real* __restrict ie,
                       Real* __restrict ii, std::uint8_t* __restrict flag, Param<Uniform, Real> rest,
                       Param<Uniform, Real> th, Param<Uniform, Real> pmm, Param<Uniform, Real> pme,
                       Param<Uniform, Real> pmi, Param<Uniform, Real> pee, Param<Uniform, Real> pii,
                       const Step* __restrict ref_until, const Real* __restrict drive, Adaptation<Real> ad) {
  for (std::uint32_t i = 0; i < count; ++i) {
    const Real e = ie[i];
    const Real in = ii[i];
    // ref_until = spike step + floor(tau_ref/dt + 0.001): refractory ⇔ n − last < that.
    const bool refractory = n < ref_until[i];
    Real v_new = rest[i] + (v[i] - rest[i]) * pmm[i] + e * pme[i] + in * pmi[i];
    Real threshold = th[i];
    if constexpr (Adaptive) {
      const Real a = ad.a[i];
      v_new -= a * ad.pma[i];
      ad.a[i] = a * ad.paa[i];
      const Real excess = ad.theta[i] * ad.ptt[i];
      ad.theta[i] = excess;
      threshold += excess;
    }
    if constexpr (Driven) v_new += drive[i];
    const Real vi = refractory ? v[i] : v_new;
    v[i] = vi;
    ie[i] = e * pee[i];
    ii[i] = in * pii[i];
    const bool spike = !refractory & (vi >= threshold);
    flag[i] = static_cast<std::uint8_t>(spike);
  }
}

// One conductance-based step (docs/model.md §2.2) for neurons [0, count): Brian2's exponential
// Euler with its operation order (the expressions its code generator emits for this model),
// every variable advanced from its value at the start of the step. With v's rate
// B = −(1 + (g_e + g_i)/g_L)/τ_m and fixed point −A/B, v → −A/B + (A/B + v)·e^{B·dt}.
// ii holds −g_i: inhibitory weights are ≤ 0 and delivery adds them, so g_i = −ii exactly
// (negation commutes with every rounding).
template <bool Uniform, class Real, class Step>
void coba_step(Step n, std::uint32_t count, Real dt_s, Real* __restrict v, Real* __restrict ie, Real* __restrict ii,
               std::uint8_t* __restrict flag, Param<Uniform, Real> th, Param<Uniform, Real> pee, Param<Uniform, Real> pii,
               Param<Uniform, Real> glt, Param<Uniform, Real> invt, Param<Uniform, Real> vrt, Param<Uniform, Real> ee,
               Param<Uniform, Real> ei, const Step* __restrict ref_until, Real* __restrict ba_tmp, Real* __restrict e_tmp) {
  // Three passes, so that only libm's exp runs one element at a time: the divisions (IEEE
  // exact, hence the same bits in a vector) and the update vectorise around it.
  for (std::uint32_t i = 0; i < count; ++i) {
    const Real ge = ie[i];
    const Real gi = -ii[i];
    const Real c = glt[i];
    const Real a = ((ee[i] * ge) / c + (ei[i] * gi) / c) + vrt[i];
    const Real b = (-ge) / c - (gi / c + invt[i]);
    ba_tmp[i] = a / b;
    e_tmp[i] = dt_s * b;
  }
  for (std::uint32_t i = 0; i < count; ++i) e_tmp[i] = std::exp(e_tmp[i]);
  for (std::uint32_t i = 0; i < count; ++i) {
    const bool refractory = n < ref_until[i];
    const Real ba = ba_tmp[i];
    const Real v_new = -ba + (ba + v[i]) * e_tmp[i];
    const Real vi = refractory ? v[i] : v_new;
    v[i] = vi;
    ie[i] = ie[i] * pee[i];
    ii[i] = ii[i] * pii[i];
    flag[i] = static_cast<std::uint8_t>(!refractory & (vi >= th[i]));
  }
}

// Kernel::Fast of the same step: multiplications by 1/(g_L·τ_m) instead of four divisions,
// sums reassociated, and fast_exp inline, so the loop vectorises. One division remains.
template <bool Uniform, class Step>
void coba_step_fast(Step n, std::uint32_t count, double dt_s, double* __restrict v, double* __restrict ie,
                    double* __restrict ii, std::uint8_t* __restrict flag, Param<Uniform, double> th,
                    Param<Uniform, double> pee, Param<Uniform, double> pii, Param<Uniform, double> inv_glt,
                    Param<Uniform, double> invt, Param<Uniform, double> vrt, Param<Uniform, double> ee,
                    Param<Uniform, double> ei, const Step* __restrict ref_until) {
  for (std::uint32_t i = 0; i < count; ++i) {
    const double ge = ie[i] * inv_glt[i];
    const double gi = -ii[i] * inv_glt[i];
    const bool refractory = n < ref_until[i];
    const double b = -(ge + gi + invt[i]);
    const double a = ee[i] * ge + ei[i] * gi + vrt[i];
    const double ba = a / b;
    const double v_new = -ba + (ba + v[i]) * fast_exp(dt_s * b);
    const double vi = refractory ? v[i] : v_new;
    v[i] = vi;
    ie[i] = ie[i] * pee[i];
    ii[i] = ii[i] * pii[i];
    flag[i] = static_cast<std::uint8_t>(!refractory & (vi >= th[i]));
  }
}

}  // namespace

template <bool Uniform, class Real>
void Simulator::integrate_conductance(NeuronArrays<Real>& a, std::int32_t n, std::uint32_t begin, std::uint32_t end) {
  using Step = typename NeuronArrays<Real>::Step;
  using P = Param<Uniform, Real>;
  // Neurons [begin, end): per-neuron arrays start at begin; a uniform constant stays at [0].
  auto at = [begin](auto& v) { return v.empty() ? nullptr : v.data() + begin; };
  auto par = [&](std::vector<Real>& v) { return P{Uniform ? v.data() : at(v)}; };
  const std::uint32_t count = end - begin;
  if constexpr (std::is_same_v<Real, double>) {
    if (fast_) {
      coba_step_fast<Uniform, Step>(n, count, dt_s_, at(a.v), at(a.ie), at(a.ii), flag_.data() + begin, par(a.th),
                                    par(a.pee), par(a.pii), par(a.inv_glt), par(a.invt), par(a.vrt), par(a.ee),
                                    par(a.ei), at(a.until));
      return;
    }
  }
  coba_step<Uniform, Real, Step>(n, count, static_cast<Real>(dt_s_), at(a.v), at(a.ie), at(a.ii), flag_.data() + begin,
                                 par(a.th), par(a.pee), par(a.pii), par(a.glt), par(a.invt), par(a.vrt), par(a.ee),
                                 par(a.ei), at(a.until), at(a.tmp1), at(a.tmp2));
}

template <bool Driven, class Real>
void Simulator::integrate(NeuronArrays<Real>& a, std::int32_t n, std::uint32_t begin, std::uint32_t end) {
  using Step = typename NeuronArrays<Real>::Step;
  auto at = [begin](auto& v) { return v.empty() ? nullptr : v.data() + begin; };
  const Real* drive = Driven ? at(a.drive) : nullptr;
  const Adaptation<Real> ad{at(a.a), at(a.theta), at(a.pma), at(a.paa), at(a.ptt)};
  const std::uint32_t count = end - begin;
  if (conductance_) {  // never driven (run() refuses a drive)
    if (uniform_) integrate_conductance<true>(a, n, begin, end);
    else integrate_conductance<false>(a, n, begin, end);
    return;
  }
  if (uniform_) {  // never adaptive (see the constructor); constants read at [0]
    using P = Param<true, Real>;
    lif_step<true, Driven, false, Real, Step>(n, count, at(a.v), at(a.ie), at(a.ii), flag_.data() + begin,
                                              P{a.rest.data()}, P{a.th.data()}, P{a.pmm.data()}, P{a.pme.data()},
                                              P{a.pmi.data()}, P{a.pee.data()}, P{a.pii.data()}, at(a.until), drive, ad);
    return;
  }
  using P = Param<false, Real>;
  auto step = [&]<bool Adaptive>() {
    lif_step<false, Driven, Adaptive, Real, Step>(n, count, at(a.v), at(a.ie), at(a.ii), flag_.data() + begin,
                                                  P{at(a.rest)}, P{at(a.th)}, P{at(a.pmm)}, P{at(a.pme)}, P{at(a.pmi)},
                                                  P{at(a.pee)}, P{at(a.pii)}, at(a.until), drive, ad);
  };
  if (adaptive_) step.template operator()<true>();
  else step.template operator()<false>();
}

void Simulator::load_drive_window(const ExternalDrive& drive, std::int64_t window) {
  // Once per window, so the step pays one load and one add per neuron for the drive.
  const double* d = drive.d_mv.row(window).data();
  if (single_) {
    nf_.drive.resize(n_);
    for (std::uint32_t i = 0; i < n_; ++i) nf_.drive[i] = static_cast<float>(d[i] * drive_gain_[i]);
  } else {
    nd_.drive.resize(n_);
    for (std::uint32_t i = 0; i < n_; ++i) nd_.drive[i] = d[i] * drive_gain_[i];
  }
}

void Simulator::integrate_and_threshold(std::int64_t n, bool driven) {
  const auto n32 = static_cast<std::int32_t>(n);
  // Each member of the team integrates its own block of neurons: independent, so the bits do
  // not depend on the number of threads.
  auto part = [&](int m) {
    const auto [begin, end] = share(n_, team_size(), m);
    if (driven) {
      if (single_) integrate<true>(nf_, n32, begin, end);
      else integrate<true>(nd_, n32, begin, end);
    } else {
      if (single_) integrate<false>(nf_, n32, begin, end);
      else integrate<false>(nd_, n32, begin, end);
    }
  };
  if (!team_) {
    part(0);
    spiked_.clear();
    gather_spikes(0, n_, spiked_);
    return;
  }
  // Each member also lists its own spikes, so the flags never leave its core's cache; the lists
  // joined in member order are the one-thread list (ascending neuron ids).
  auto part_and_gather = [&](int m) {
    part(m);
    const auto [begin, end] = share(n_, team_size(), m);
    auto& mine = member_spikes_[static_cast<std::size_t>(m)];
    mine.clear();
    gather_spikes(begin, end, mine);
  };
  team_->run(part_and_gather);
  spiked_.clear();
  for (const auto& mine : member_spikes_) spiked_.insert(spiked_.end(), mine.begin(), mine.end());
}

void Simulator::gather_spikes(std::uint32_t begin, std::uint32_t end, std::vector<std::uint32_t>& out) const {
  // Spikes are sparse: skip 64 flags at a time when all are clear (one OR of eight words).
  const std::uint8_t* f = flag_.data();
  std::uint32_t i = begin;
  for (; i + 64 <= end; i += 64) {
    std::uint64_t word[8];
    std::memcpy(word, f + i, 64);
    if ((word[0] | word[1] | word[2] | word[3] | word[4] | word[5] | word[6] | word[7]) == 0) continue;
    // Gather the eight 0/1 bytes of a word into eight bits: byte b (bit 8b) times the magic
    // lands on bit 56 + b, and no two partial products share a bit (so nothing carries).
    std::uint64_t mask = 0;
    for (int b = 0; b < 8; ++b) mask |= ((word[b] * 0x0102040810204080ULL) >> 56) << (8 * b);
    for (; mask; mask &= mask - 1) out.push_back(i + static_cast<std::uint32_t>(std::countr_zero(mask)));
  }
  for (; i < end; ++i)
    if (f[i]) out.push_back(i);
}

template <class W, class Real>
void Simulator::deliver_static(const std::vector<std::uint32_t>& segments, const W* weights, Real* ie, Real* ii) {
  if (!team_) {
    const std::size_t count = segments.size();
    for (std::size_t q = 0; q < count; ++q) {
      // Segments lie scattered through the synapse arrays: fetch the next one's start ahead.
      if (q + 1 < count) {
        const std::uint32_t next = segments[q + 1];
        const std::size_t start = next ? s_seg_end_[next - 1] : 0;
        __builtin_prefetch(s_post_.data() + start);
        __builtin_prefetch(weights + start);
      }
      const std::uint32_t g = segments[q];
      Real* target = pre_excitatory_[s_seg_pre_[g]] ? ie : ii;
      const std::size_t end = s_seg_end_[g];
      for (std::size_t k = g ? s_seg_end_[g - 1] : 0; k < end; ++k)  // rows, hence segments, are contiguous
        target[s_post_[k]] += static_cast<Real>(weights[k]);
    }
    return;
  }
  // Segments are sorted by target when threads share them: member m takes the synapses onto its
  // own neurons, so every target still receives its inputs in the one-thread order. Each
  // segment's member bounds and kind sit side by side (s_seg_span_), one cache line per segment.
  const std::size_t stride = static_cast<std::size_t>(team_size()) + 1;
  auto part = [&](int m) {
    const std::size_t count = segments.size();
    for (std::size_t q = 0; q < count; ++q) {
      // Segments lie scattered through the synapse arrays: fetch the bounds two ahead.
      if (q + 2 < count) __builtin_prefetch(s_seg_span_.data() + segments[q + 2] * stride + m);
      if (q + 1 < count) {  // and the next segment's first targets and weights
        const std::size_t next = s_seg_span_[segments[q + 1] * stride + static_cast<std::size_t>(m)] & kSpanOffset;
        __builtin_prefetch(s_post_.data() + next);
        __builtin_prefetch(weights + next);
      }
      const std::uint32_t g = segments[q];
      const std::uint64_t* span = s_seg_span_.data() + g * stride;
      Real* target = span[0] >> 63 ? ie : ii;
      const std::size_t end = span[m + 1] & kSpanOffset;
      for (std::size_t k = span[m] & kSpanOffset; k < end; ++k) target[s_post_[k]] += static_cast<Real>(weights[k]);
    }
  };
  if (!segments.empty()) team_->run(part);
}

void Simulator::emit(std::uint32_t pre, std::int64_t n) {
  const std::int32_t now = static_cast<std::int32_t>(n % slots_);
  for (std::size_t g = s_seg_row_[pre]; g < s_seg_row_[pre + 1]; ++g) {
    std::int32_t slot = now + s_seg_delay_[g];  // < 2·slots: one conditional subtraction, no division
    slot -= slot >= slots_ ? slots_ : 0;
    static_arrivals_[static_cast<std::size_t>(slot)].push_back(static_cast<std::uint32_t>(g));
  }
  if (compact_) {
    compact_->emit(pre, now, slots_, compact_arrivals_);
    if (plastic_) compact_->record_pre(pre, static_cast<std::int32_t>(n));
    return;
  }
  for (std::size_t k = p_row_[pre]; k < p_row_[pre + 1]; ++k) {
    std::int32_t slot = now + p_delay_[k];
    slot -= slot >= slots_ ? slots_ : 0;
    arrivals_[static_cast<std::size_t>(slot)].push_back(static_cast<std::uint32_t>(k));
  }
}

void Simulator::deliver(std::int64_t n) {
  // Plastic arrivals first (LTD sees the weight at arrival), then static ones, each synapse
  // adding its weight to the current as Brian2's on_pre code does.
  const auto slot = static_cast<std::size_t>(n % slots_);
  auto& queue = arrivals_[slot];
  const std::size_t count = queue.size();
  const auto now = static_cast<std::int32_t>(n);
  for (std::size_t q = 0; q < count; ++q) {
    if (q + 8 < count) __builtin_prefetch(&p_syn_[queue[q + 8]], 1);
    const std::uint32_t k = queue[q];
    plasticity::PlasticSynapse& s = p_syn_[k];
    add_current(p_pre_[k], p_post_[k], s.w);  // pre-update weight
    if (plastic_) plasticity::on_arrival(s, p_bounds_[s.bounds], now, all_to_all_);
  }
  queue.clear();
  if (compact_) {
    if (single_) compact_->deliver(compact_arrivals_[slot], now, nf_.ie.data(), nf_.ii.data(), pre_excitatory_.data(), plastic_);
    else compact_->deliver(compact_arrivals_[slot], now, nd_.ie.data(), nd_.ii.data(), pre_excitatory_.data(), plastic_);
    compact_arrivals_[slot].clear();
  }
  auto& segments = static_arrivals_[slot];
  if (single_) {
    if (s_weight_.empty()) deliver_static(segments, s_weight_f_.data(), nf_.ie.data(), nf_.ii.data());
    else deliver_static(segments, s_weight_.data(), nf_.ie.data(), nf_.ii.data());
  } else {
    if (s_weight_.empty()) deliver_static(segments, s_weight_f_.data(), nd_.ie.data(), nd_.ii.data());
    else deliver_static(segments, s_weight_.data(), nd_.ie.data(), nd_.ii.data());
  }
  segments.clear();
}

void Simulator::apply_ltp() {
  if (!plastic_) return;
  const auto now = static_cast<std::int32_t>(step_);
  if (compact_) {
    compact_->potentiate(spiked_, now);
    return;
  }
  for (std::uint32_t j : spiked_) {
    const std::size_t end = in_row_[j + 1];
    for (std::size_t k = in_row_[j]; k < end; ++k) {
      if (k + 8 < end) __builtin_prefetch(&p_syn_[in_syn_[k + 8]], 1);  // scattered: fetch ahead
      plasticity::PlasticSynapse& s = p_syn_[in_syn_[k]];
      plasticity::on_post_spike(s, p_bounds_[s.bounds], now, all_to_all_);
    }
  }
}

namespace {
// Flush-to-zero and denormals-are-zero for the duration of a run, restored after. A current
// that receives no input for ~700 time constants decays below 2.2e-308 and would otherwise go
// subnormal, and one subnormal lane makes a vector operation ~100 times slower (measured 36×
// on the whole neuron update). Only values below 2.2e-308 are affected, in every thread alike.
class FlushDenormals {
 public:
  FlushDenormals() {
#ifdef HRSNN_HAVE_MXCSR
    saved_ = _mm_getcsr();
    _mm_setcsr(saved_ | 0x8040u);  // FTZ (bit 15) | DAZ (bit 6)
#endif
  }
  ~FlushDenormals() {
#ifdef HRSNN_HAVE_MXCSR
    _mm_setcsr(saved_);
#endif
  }
  FlushDenormals(const FlushDenormals&) = delete;
  FlushDenormals& operator=(const FlushDenormals&) = delete;

 private:
  unsigned saved_ = 0;
};
}  // namespace

void Simulator::run(std::int64_t n_steps, const SpikeEvents* input, SpikeRecorder* recorder,
                    const ExternalDrive* drive) {
  const FlushDenormals no_subnormals;
  if (drive) validate_drive(*drive, n_, n_steps);
  // The drive is a current (mV) added with the current-based propagator; a conductance model has no such term.
  HRSNN_REQUIRE(!(drive && conductance_), "an external drive needs a current-based neuron model, not coba");
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
  HRSNN_REQUIRE(step_ + n_steps < std::numeric_limits<std::int32_t>::max(),
                "run too long: more than 2^31 steps in total (steps are counted in 32 bits)");
  // Countdown to the drive's next window: no division per step.
  std::int64_t window = drive ? drive->offset_steps / drive->steps_per_window : 0;
  std::int64_t left = drive ? drive->steps_per_window - drive->offset_steps % drive->steps_per_window : 0;
  if (drive && n_steps > 0) load_drive_window(*drive, window);
  for (std::int64_t k = 0; k < n_steps; ++k) {
    const std::int64_t n = step_;
    if (drive && left-- == 0) {
      load_drive_window(*drive, ++window);
      left = drive->steps_per_window - 1;
    }
    integrate_and_threshold(n, drive != nullptr);
    for (std::uint32_t j : spiked_) emit(j, n);
    while (next_input < n_input && input->step[next_input] == k) emit(n_ + input->source[next_input++], n);
    deliver(n);
    apply_ltp();
    for (std::uint32_t j : spiked_) {
      if (single_) {
        nf_.v[j] = nf_.reset[j];
        nf_.until[j] = static_cast<std::int32_t>(std::min<std::int64_t>(n + ref_steps_[j], std::numeric_limits<std::int32_t>::max()));
        if (adaptive_) nf_.a[j] += nf_.ba[j], nf_.theta[j] += nf_.dth[j];
      } else {
        nd_.v[j] = nd_.reset[j];
        nd_.until[j] = n + ref_steps_[j];
        if (adaptive_) nd_.a[j] += nd_.ba[j], nd_.theta[j] += nd_.dth[j];
      }
    }
    if (recorder) {
      for (std::uint32_t j : spiked_) {
        recorder->step.push_back(n);
        recorder->neuron.push_back(j);
      }
      for (std::uint32_t j : recorder->neurons_probe) recorder->v_samples.push_back(single_ ? nf_.v[j] : nd_.v[j]);
    }
    ++step_;
  }
}

std::vector<double> Simulator::weights(const Network& net) const {
  std::vector<double> w = net.synapses.weight;
  for (std::size_t k = 0; k < p_origin_.size(); ++k) w[p_origin_[k]] = p_syn_[k].w;
  if (compact_) {
    std::vector<std::size_t> ids;
    for (std::size_t s = 0; s < net.synapses.size(); ++s)
      if (net.synapses.stdp.plastic(s)) ids.push_back(s);
    compact_->weights_into(net.synapses, ids, w);
  }
  return w;
}

std::vector<double> Simulator::v() const {
  return single_ ? std::vector<double>(nf_.v.begin(), nf_.v.end()) : nd_.v;
}

Precision parse_precision(const std::string& name, const std::string& where) {
  if (name == "double") return Precision::Double;
  if (name == "single") return Precision::Single;
  throw InputError(where + ": unknown precision '" + name + "' (expected double or single)");
}

Kernel parse_kernel(const std::string& name, const std::string& where) {
  if (name == "exact") return Kernel::Exact;
  if (name == "fast") return Kernel::Fast;
  throw InputError(where + ": unknown kernel '" + name + "' (expected exact or fast)");
}

PlasticLayout parse_plastic_layout(const std::string& name, const std::string& where) {
  if (name == "auto") return PlasticLayout::Auto;
  if (name == "wide") return PlasticLayout::Wide;
  if (name == "compact") return PlasticLayout::Compact;
  throw InputError(where + ": unknown plastic layout '" + name + "' (expected auto, wide or compact)");
}

SynapseBytes Simulator::bytes_per_synapse() {
  // target + float weight (delays live in per-row segments); 12 B when a weight needs a double
  const double stat = sizeof(std::uint32_t) + sizeof(float);
  // post + pre + delay + the packed synapse + origin index + transposed index entry
  const double wide = sizeof(std::uint32_t) * 2 + sizeof(std::int16_t) + sizeof(plasticity::PlasticSynapse) +
                      sizeof(std::size_t) + sizeof(std::uint32_t);
  return {stat, wide, CompactPlastic::bytes_per_synapse()};
}

}  // namespace hrsnn::sim
