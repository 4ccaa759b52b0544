#include "sim/build_network.hpp"

#include "core/error.hpp"
#include "core/format.hpp"
#include "core/rng.hpp"
#include "core/memory_budget.hpp"
#include "sim/connectivity.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>

namespace hrsnn::sim {
namespace {

// Named random streams; each draws only its own quantity, which is what pairs the variants.
enum Stream : std::uint64_t { kLabels = 1, kNeuronParam, kRecurrent, kInput, kWeights, kDelays, kStdp, kVinit };

constexpr double kBytesPerSynapse = 120.0;  // table + compiled layout, plastic worst case

void draw_population_param(const Law& law, const std::string& where, std::uint64_t seed, const std::vector<std::uint32_t>& ids,
                           std::vector<double>& out, double offset = 0.0) {
  const LawSampler sampler(law, where);
  Rng rng(seed);
  for (std::uint32_t i : ids) out[i] = offset + sampler.sample(rng);
}

// The six weight classes in one order (0 in_e, 1 in_i, 2 ee, 3 ei, 4 ie, 5 ii): keys, laws, plasticity.
constexpr const char* kWeightKeys[6] = {"weights.in_e", "weights.in_i", "weights.ee", "weights.ei", "weights.ie", "weights.ii"};

std::array<const Law*, 6> class_laws(const WeightSpec& w) { return {&w.in_e, &w.in_i, &w.ee, &w.ei, &w.ie, &w.ii}; }

std::array<bool, 6> plastic_classes(const PlasticClasses& pc) { return {pc.in_e, pc.in_i, pc.ee, pc.ei, pc.ie, pc.ii}; }

// The law a weight class is drawn from: a plastic class's law truncated to [0, w_max] (w_max =
// factor × mean) with the truncated mean kept equal to the class mean, so no weight is clipped.
Law drawn_weight_law(const NetworkSpec& s, int k) {
  Law law = *class_laws(s.weights)[k];
  if (plastic_classes(s.plastic)[k] && !law.is_point()) law.hi = std::min(law.hi, s.stdp.w_max_factor * law.mean);
  return law;
}

// The per-neuron laws of a population, in one list for the draws and the check: the law, its
// key under neurons.exc/inh, the column it fills, its stream and the offset added to a draw.
struct NeuronLaw {
  const Law* law;
  const char* key;
  std::vector<double> NeuronTable::*column;
  std::uint64_t stream;
  double offset;
};

std::vector<NeuronLaw> neuron_laws(const PopulationLaws& p, bool adaptive) {
  std::vector<NeuronLaw> laws = {{&p.tau_m, "tau_m", &NeuronTable::tau_m, 0, 0.0},
                                 {&p.v_th_above_rest, "v_th", &NeuronTable::v_th, 1, p.v_rest},
                                 {&p.tau_syn_e, "tau_syn_e", &NeuronTable::tau_syn_e, 2, 0.0},
                                 {&p.tau_syn_i, "tau_syn_i", &NeuronTable::tau_syn_i, 3, 0.0}};
  // Streams of their own: the LIF's draws are the same with or without adaptation.
  if (adaptive)
    laws.insert(laws.end(), {{&p.tau_a, "tau_a", &NeuronTable::tau_a, 4, 0.0},
                             {&p.b_a, "b_a", &NeuronTable::b_a, 5, 0.0},
                             {&p.tau_theta, "tau_theta", &NeuronTable::tau_theta, 6, 0.0},
                             {&p.d_theta, "d_theta", &NeuronTable::d_theta, 7, 0.0}});
  return laws;
}

}  // namespace

std::optional<LawProblem> impossible_law(const NetworkSpec& s) {
  std::vector<std::pair<Law, std::string>> laws;
  for (int pop = 0; pop < 2; ++pop)
    for (const NeuronLaw& l : neuron_laws(pop == 0 ? s.exc : s.inh, s.adaptive))
      laws.emplace_back(*l.law, (pop == 0 ? "neurons.exc." : "neurons.inh.") + std::string(l.key));
  for (int k = 0; k < 6; ++k) laws.emplace_back(drawn_weight_law(s, k), kWeightKeys[k]);
  laws.emplace_back(s.delay, "network.delay");
  for (const auto& [law, key] : std::initializer_list<std::pair<const Law*, const char*>>{
           {&s.stdp.tau_plus, "stdp.tau_plus"}, {&s.stdp.tau_minus, "stdp.tau_minus"},
           {&s.stdp.eta_plus, "stdp.eta_plus"}, {&s.stdp.eta_minus, "stdp.eta_minus"}})
    laws.emplace_back(*law, key);
  for (const auto& [law, key] : laws) {
    try {
      LawSampler(law, key);
    } catch (const InputError& e) {
      std::string reason = e.what();
      if (reason.rfind(key + ": ", 0) == 0) reason.erase(0, key.size() + 2);  // the key is reported on its own
      return LawProblem{key, reason};
    }
  }
  return std::nullopt;
}

Topology parse_topology(const std::string& name, const std::string& where) {
  if (name == "maass" || name == "grid") return Topology::MaassGrid;
  if (name == "random" || name == "erdos-renyi") return Topology::Random;
  if (name == "small-world" || name == "small_world") return Topology::SmallWorld;
  throw InputError(where + ": unknown topology '" + name + "' (expected maass, random or small-world)");
}

std::array<int, 3> grid_shape(std::uint32_t n) {
  std::array<int, 3> best{0, 0, 0};
  for (int a = 1; static_cast<std::int64_t>(a) * a * a <= n; ++a) {
    if (n % a) continue;
    for (int b = a; static_cast<std::int64_t>(a) * b * b <= n; ++b) {
      if ((n / a) % b) continue;
      const int c = static_cast<int>(n / a / b);
      if (c <= 4 * a && (best[0] == 0 || c - a < best[2] - best[0])) best = {a, b, c};
    }
  }
  if (best[0] > 0) return best;
  const int a = std::max(1, static_cast<int>(std::floor(std::cbrt(static_cast<double>(n)))));
  const int c = static_cast<int>((n + static_cast<std::uint64_t>(a) * a - 1) / (static_cast<std::uint64_t>(a) * a));
  return {a, a, c};
}

double expected_synapses(const NetworkSpec& s) {
  const double n = s.n;
  double rec = 0.0;
  switch (s.conn.topology) {
    case Topology::MaassGrid: {
      const double cmax = std::max({s.conn.c_ee, s.conn.c_ei, s.conn.c_ie, s.conn.c_ii});
      rec = n * std::min(n, cmax * std::pow(s.conn.lambda * std::sqrt(M_PI), 3.0));  // infinite-grid bound
      break;
    }
    case Topology::Random: rec = s.conn.p * n * (n - 1); break;
    case Topology::SmallWorld: rec = n * s.conn.k; break;
  }
  return rec + s.conn.p_in * n * s.n_inputs;
}

Network build_network(const NetworkSpec& s, std::uint64_t seed) {
  require(s.n > 0, "network.n must be > 0");
  require(s.frac_exc >= 0.0 && s.frac_exc <= 1.0, "network.frac_exc must be in [0, 1], got " + format_double(s.frac_exc));
  require(std::isfinite(s.dt) && s.dt > 0.0, "dt must be > 0, got " + format_double(s.dt));
  const ConnectivitySpec& c = s.conn;
  for (auto [v, name] : {std::pair{c.c_ee, "c_ee"}, {c.c_ei, "c_ei"}, {c.c_ie, "c_ie"}, {c.c_ii, "c_ii"},
                         {c.p, "p"}, {c.beta, "beta"}, {c.p_in, "p_in"}})
    require(v >= 0.0 && v <= 1.0, std::string("connectivity.") + name + " must be a probability in [0, 1], got " + format_double(v));
  require(c.lambda > 0.0, "connectivity.lambda must be > 0, got " + format_double(c.lambda));
  require(s.stdp.w_max_factor > 1.0, "stdp.w_max_factor must be > 1 so initial weights lie inside the bounds");
  check_memory(expected_synapses(s) * kBytesPerSynapse + 400.0 * s.n, "a network of " + std::to_string(s.n) + " neurons");

  Network net;
  net.dt = s.dt;
  const std::uint32_t n = s.n;
  net.neurons.resize(n);
  NeuronTable& nt = net.neurons;
  // Labels: exactly round(frac·n) excitatory neurons at random positions.
  std::vector<std::uint32_t> perm(n);
  std::iota(perm.begin(), perm.end(), 0u);
  Rng lab(derive_seed(seed, {kLabels}));
  for (std::uint32_t i = n; i > 1; --i) std::swap(perm[i - 1], perm[lab.below(i)]);
  const auto n_exc = static_cast<std::uint32_t>(std::lround(s.frac_exc * n));
  std::vector<std::uint32_t> ids_e, ids_i;
  for (std::uint32_t k = 0; k < n; ++k) nt.excitatory[perm[k]] = k < n_exc;
  for (std::uint32_t i = 0; i < n; ++i) (nt.excitatory[i] ? ids_e : ids_i).push_back(i);

  for (int pop = 0; pop < 2; ++pop) {
    const PopulationLaws& p = pop == 0 ? s.exc : s.inh;
    const auto& ids = pop == 0 ? ids_e : ids_i;
    const std::string where = pop == 0 ? "neurons.exc." : "neurons.inh.";
    auto stream = [&](std::uint64_t k) { return derive_seed(seed, {kNeuronParam, static_cast<std::uint64_t>(pop), k}); };
    if (s.adaptive && !nt.adaptive()) nt.make_adaptive();
    for (const NeuronLaw& l : neuron_laws(p, s.adaptive))
      draw_population_param(*l.law, where + l.key, stream(l.stream), ids, nt.*l.column, l.offset);
    require(p.tau_ref >= 0.0, where + "tau_ref must be >= 0");
    to_steps(p.tau_ref, s.dt, where + "tau_ref");
    for (std::uint32_t i : ids) {
      nt.tau_ref[i] = p.tau_ref;
      nt.v_rest[i] = p.v_rest;
      nt.v_reset[i] = p.v_reset;
    }
  }
  // Initial potentials: uniform between reset and each neuron's own threshold (shared stream).
  Rng vi(derive_seed(seed, {kVinit}));
  for (std::uint32_t i = 0; i < n; ++i) nt.v_init[i] = nt.v_reset[i] + vi.uniform() * std::max(0.0, nt.v_th[i] - nt.v_reset[i]);

  const Edges rec = recurrent_edges(c, nt.excitatory, grid_shape(n), derive_seed(seed, {kRecurrent}));
  const Edges inp = input_edges(s.n_inputs, n, c.p_in, derive_seed(seed, {kInput}));
  net.n_inputs = s.n_inputs;
  const std::size_t total = rec.pre.size() + inp.pre.size();
  SynapseTable& st = net.synapses;
  st.pre.reserve(total); st.post.reserve(total); st.weight.reserve(total); st.delay.reserve(total);

  const std::array<bool, 6> plastic_class = plastic_classes(s.plastic);
  std::vector<LawSampler> weight_laws;
  weight_laws.reserve(6);
  for (int k = 0; k < 6; ++k) weight_laws.emplace_back(drawn_weight_law(s, k), kWeightKeys[k]);
  const LawSampler delay(s.delay, "network.delay");
  Rng wr(derive_seed(seed, {kWeights})), dr(derive_seed(seed, {kDelays}));
  // Class of each synapse: 0 in_e, 1 in_i, 2 ee, 3 ei, 4 ie, 5 ii.
  std::vector<std::uint8_t> cls;
  cls.reserve(total);
  auto add = [&](std::uint32_t pre, std::uint32_t post, bool from_input) {
    const bool pe = from_input || nt.excitatory[pre], qe = nt.excitatory[post];
    const int k = from_input ? (qe ? 0 : 1) : pe ? (qe ? 2 : 3) : (qe ? 4 : 5);
    const double mag = std::max(0.0, weight_laws[static_cast<std::size_t>(k)].sample(wr));
    const double d = std::max(0.0, delay.sample(dr));
    // Drawn delays are rounded to the grid (lround's rule); checked before the narrowing cast.
    const double steps = std::round(d / s.dt);
    HRSNN_REQUIRE(steps <= static_cast<double>(kMaxDelaySteps),
                  delay_too_long("network.delay", d, steps, s.dt) + " (a draw of the law; bound it with hi)");
    st.add(from_input ? n + pre : pre, post, pe ? mag : -mag, static_cast<std::int32_t>(steps));
    cls.push_back(static_cast<std::uint8_t>(k));
  };
  for (std::size_t e = 0; e < rec.pre.size(); ++e) add(rec.pre[e], rec.post[e], false);
  for (std::size_t e = 0; e < inp.pre.size(); ++e) add(inp.pre[e], inp.post[e], true);
  net.n_input_synapses = inp.pre.size();

  if (std::none_of(std::begin(plastic_class), std::end(plastic_class), [](bool b) { return b; })) return net;
  const std::array<const Law*, 6> means = class_laws(s.weights);
  const LawSampler tp(s.stdp.tau_plus, "stdp.tau_plus"), tm(s.stdp.tau_minus, "stdp.tau_minus"),
      ep(s.stdp.eta_plus, "stdp.eta_plus"), em(s.stdp.eta_minus, "stdp.eta_minus");
  Rng r_tp(derive_seed(seed, {kStdp, 0})), r_tm(derive_seed(seed, {kStdp, 1})), r_ep(derive_seed(seed, {kStdp, 2})),
      r_em(derive_seed(seed, {kStdp, 3}));
  StdpColumns& sp = st.stdp;
  for (auto* col : {&sp.tau_plus, &sp.tau_minus, &sp.eta_plus, &sp.eta_minus, &sp.w_min, &sp.w_max}) col->resize(st.size(), 0.0);
  // With levels, a draw is a uniform code into the law's level table (8-bit codes in the
  // simulator); without, a continuous draw.
  const int levels = s.stdp.levels;
  std::vector<double> tables[4];
  if (levels > 0) {
    const LawSampler* laws[4] = {&tp, &tm, &ep, &em};
    for (int q = 0; q < 4; ++q) tables[q] = laws[q]->level_table(levels);
  }
  auto draw = [&](const LawSampler& law, Rng& r, const std::vector<double>& table) {
    if (levels == 0) return law.sample(r);
    const auto code = std::min<std::size_t>(static_cast<std::size_t>(r.uniform() * levels), levels - 1);
    return table.size() == 1 ? table[0] : table[code];
  };
  for (std::size_t e = 0; e < st.size(); ++e) {
    // Every synapse consumes its draws, plastic or not, so streams stay aligned across settings.
    const double a = draw(tp, r_tp, tables[0]), b = draw(tm, r_tm, tables[1]), c2 = draw(ep, r_ep, tables[2]),
                 d = draw(em, r_em, tables[3]);
    const int k = cls[e];
    if (!plastic_class[k]) {
      sp.tau_plus[e] = sp.tau_minus[e] = 1.0;
      continue;
    }
    const double bound = s.stdp.w_max_factor * means[k]->mean;
    const bool inhibitory = st.weight[e] < 0 || (k == 4 || k == 5);
    sp.tau_plus[e] = a; sp.tau_minus[e] = b; sp.eta_plus[e] = c2; sp.eta_minus[e] = d;
    sp.w_min[e] = inhibitory ? -bound : 0.0;
    sp.w_max[e] = inhibitory ? 0.0 : bound;
  }
  return net;
}

}  // namespace hrsnn::sim
