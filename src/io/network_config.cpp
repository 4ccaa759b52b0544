#include "io/network_config.hpp"

#include "core/error.hpp"
#include "sim/network.hpp"

#include <cmath>

namespace hrsnn::io {
namespace {

void read_population(Config& cfg, const std::string& p, sim::PopulationLaws& pop, bool adaptive) {
  static const char* const kAdaptive[] = {"tau_a", "b_a", "tau_theta", "d_theta"};
  if (adaptive) {
    pop.tau_a = cfg.law(p + ".tau_a", pop.tau_a);
    pop.b_a = cfg.law(p + ".b_a", pop.b_a);
    pop.tau_theta = cfg.law(p + ".tau_theta", pop.tau_theta);
    pop.d_theta = cfg.law(p + ".d_theta", pop.d_theta);
    for (const auto& [law, name] : {std::pair{&pop.b_a, "b_a"}, {&pop.d_theta, "d_theta"}})
      require(law->mean >= 0 && (law->is_point() || law->kind == LawKind::Gamma || law->kind == LawKind::LogNormal ||
                                 law->lo >= 0),
              cfg.where(p + "." + name) + ": jumps must be >= 0 (mean >= 0 and, for normal/uniform laws, lo >= 0)");
  } else {
    for (const char* k : kAdaptive)
      require(!cfg.has(p + "." + k), cfg.where(p + "." + k) + ": not a parameter of neurons.model = \"lif\" (set neurons.model = \"adaptive\")");
  }
  pop.tau_m = cfg.law(p + ".tau_m", pop.tau_m);
  pop.v_th_above_rest = cfg.law(p + ".v_th", pop.v_th_above_rest);
  pop.tau_syn_e = cfg.law(p + ".tau_syn_e", pop.tau_syn_e);
  pop.tau_syn_i = cfg.law(p + ".tau_syn_i", pop.tau_syn_i);
  pop.tau_ref = cfg.positive(p + ".tau_ref", pop.tau_ref, true);
  pop.v_rest = cfg.number(p + ".v_rest", pop.v_rest);
  pop.v_reset = cfg.number(p + ".v_reset", pop.v_reset);
  // Time constants must be positive whatever the law: bounds keep draws inside.
  for (const auto& [law, name] : {std::pair{&pop.tau_m, "tau_m"}, {&pop.tau_syn_e, "tau_syn_e"}, {&pop.tau_syn_i, "tau_syn_i"},
                                  {&pop.tau_a, "tau_a"}, {&pop.tau_theta, "tau_theta"}}) {
    require(law->mean > 0, cfg.where(p + "." + name) + ": mean must be > 0");
    if ((law->kind == LawKind::Normal || law->kind == LawKind::Uniform) && !law->is_point())
      require(law->lo > 0, cfg.where(p + "." + name) + ": a " + law_kind_name(law->kind) +
                                " law can draw values <= 0; set lo > 0 or use gamma/lognormal");
  }
}

// Refuses a delay law whose fixed value, mean or upper bound is already above what the
// simulator holds (the builder checks each draw of an unbounded law).
void check_delay_law(const Law& law, double dt, const std::string& where) {
  auto check = [&](double ms, const std::string& what) {
    const double steps = std::round(ms / dt);
    require(steps <= static_cast<double>(sim::kMaxDelaySteps), sim::delay_too_long(where + what, ms, steps, dt));
  };
  check(law.mean, law.is_point() ? "" : " (mean)");
  if (!law.is_point() && std::isfinite(law.hi)) check(law.hi, " (upper bound hi)");
}

}  // namespace

sim::Pairing read_pairing(Config& cfg) {
  return sim::parse_pairing(cfg.text("stdp.pairing", "nearest"), cfg.where("stdp.pairing"));
}

sim::NetworkSpec read_network_spec(Config& cfg, const sim::NetworkSpec& d) {
  sim::NetworkSpec s = d;
  s.dt = cfg.positive("dt", d.dt);
  s.n = static_cast<std::uint32_t>(cfg.integer("network.n", d.n, 1, 100000000));
  s.frac_exc = cfg.probability("network.frac_exc", d.frac_exc);
  s.n_inputs = static_cast<std::uint32_t>(cfg.integer("network.n_inputs", d.n_inputs, 0, 100000000));
  s.conn.topology = sim::parse_topology(cfg.text("network.topology", "maass"), cfg.where("network.topology"));
  s.delay = cfg.law("network.delay", d.delay);
  require(s.delay.mean >= 0, cfg.where("network.delay") + ": must be >= 0");
  check_delay_law(s.delay, s.dt, cfg.where("network.delay"));
  const std::string c = "network.connectivity.";
  s.conn.c_ee = cfg.probability(c + "c_ee", d.conn.c_ee);
  s.conn.c_ei = cfg.probability(c + "c_ei", d.conn.c_ei);
  s.conn.c_ie = cfg.probability(c + "c_ie", d.conn.c_ie);
  s.conn.c_ii = cfg.probability(c + "c_ii", d.conn.c_ii);
  s.conn.lambda = cfg.positive(c + "lambda", d.conn.lambda);
  s.conn.p = cfg.probability(c + "p", d.conn.p);
  s.conn.k = static_cast<int>(cfg.integer(c + "k", d.conn.k, 2, 1000000));
  s.conn.beta = cfg.probability(c + "beta", d.conn.beta);
  s.conn.p_in = cfg.probability(c + "p_in", d.conn.p_in);
  const std::string model = cfg.text("neurons.model", d.adaptive ? "adaptive" : "lif");
  // The conductance model runs network folders and Python arrays; the built reservoirs' weight
  // laws and calibration are currents (mV), which a conductance (nS) would silently misread.
  require(model != "coba", cfg.where("neurons.model") + ": coba runs network folders (hrsnn simulate --network, "
                                                        "docs/network-files.md) and Python arrays; built reservoirs are lif or adaptive");
  require(model == "lif" || model == "adaptive", cfg.where("neurons.model") + ": unknown model '" + model + "' (expected lif or adaptive)");
  s.adaptive = model == "adaptive";
  read_population(cfg, "neurons.exc", s.exc, s.adaptive);
  read_population(cfg, "neurons.inh", s.inh, s.adaptive);
  const std::string w = "weights.";
  s.weights.in_e = cfg.law(w + "in_e", d.weights.in_e);
  s.weights.in_i = cfg.law(w + "in_i", d.weights.in_i);
  s.weights.ee = cfg.law(w + "ee", d.weights.ee);
  s.weights.ei = cfg.law(w + "ei", d.weights.ei);
  s.weights.ie = cfg.law(w + "ie", d.weights.ie);
  s.weights.ii = cfg.law(w + "ii", d.weights.ii);
  s.weights.input_dimension_exponent = cfg.positive(w + "input_dimension_exponent", d.weights.input_dimension_exponent, true);
  for (const auto* l : {&s.weights.in_e, &s.weights.in_i, &s.weights.ee, &s.weights.ei, &s.weights.ie, &s.weights.ii})
    require(l->mean >= 0, "weights: laws give magnitudes and must have mean >= 0 (inhibitory signs are applied by the builder)");
  s.stdp.tau_plus = cfg.law("stdp.tau_plus", d.stdp.tau_plus);
  s.stdp.tau_minus = cfg.law("stdp.tau_minus", d.stdp.tau_minus);
  s.stdp.eta_plus = cfg.law("stdp.eta_plus", d.stdp.eta_plus);
  s.stdp.eta_minus = cfg.law("stdp.eta_minus", d.stdp.eta_minus);
  s.stdp.w_max_factor = cfg.positive("stdp.w_max_factor", d.stdp.w_max_factor);
  s.stdp.levels = static_cast<int>(cfg.integer("stdp.levels", d.stdp.levels, 0, 256));
  require(s.stdp.levels != 1, cfg.where("stdp.levels") + ": must be 0 (continuous) or in [2, 256]");
  require(s.stdp.tau_plus.mean > 0 && s.stdp.tau_minus.mean > 0, cfg.where("stdp.tau_plus") + ": STDP time constants must be > 0");
  require(s.stdp.eta_plus.mean >= 0 && s.stdp.eta_minus.mean >= 0, cfg.where("stdp.eta_plus") + ": learning rates must be >= 0");
  const std::string pl = "stdp.plastic.";
  s.plastic.in_e = cfg.boolean(pl + "in_e", d.plastic.in_e);
  s.plastic.in_i = cfg.boolean(pl + "in_i", d.plastic.in_i);
  s.plastic.ee = cfg.boolean(pl + "ee", d.plastic.ee);
  s.plastic.ei = cfg.boolean(pl + "ei", d.plastic.ei);
  s.plastic.ie = cfg.boolean(pl + "ie", d.plastic.ie);
  s.plastic.ii = cfg.boolean(pl + "ii", d.plastic.ii);
  return s;
}

}  // namespace hrsnn::io
