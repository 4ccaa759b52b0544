#include "sim/network.hpp"

#include "sim/neuron_models.hpp"

#include "core/error.hpp"
#include "core/format.hpp"

#include <cmath>
#include <sstream>

namespace hrsnn::sim {
namespace {

std::string num(double x) { return format_double(x); }

}  // namespace

void NeuronTable::resize(std::size_t n) {
  for (const auto& [name, column] : lif_columns()) (this->*column).resize(n);
  excitatory.resize(n);
  for (const NeuronModel& m : neuron_models())
    if ((this->*m.present)())
      for (const ModelColumn& c : m.columns) (this->*c.values).resize(n, c.neutral);
}

void NeuronTable::make_conductance() { add_model_columns(*this, *find_neuron_model("coba")); }

void NeuronTable::make_adaptive() { add_model_columns(*this, *find_neuron_model("adaptive")); }

Pairing parse_pairing(const std::string& name, const std::string& where) {
  if (name == "nearest") return Pairing::Nearest;
  if (name == "all" || name == "all-to-all") return Pairing::AllToAll;
  throw InputError(where + ": unknown pairing '" + name + "' (expected nearest or all)");
}

std::int64_t to_steps(double time_ms, double dt, const std::string& what) {
  HRSNN_REQUIRE(std::isfinite(time_ms), what + " is not finite: " + num(time_ms));
  const double steps = time_ms / dt;
  const double rounded = std::nearbyint(steps);
  HRSNN_REQUIRE(std::abs(steps - rounded) <= 1e-9 * std::max(1.0, std::abs(steps)) || std::abs(steps - rounded) <= 1e-9,
          what + " = " + num(time_ms) + " ms is not a multiple of dt = " + num(dt) + " ms");
  HRSNN_REQUIRE(std::abs(rounded) < 9e15, what + " = " + num(time_ms) + " ms is too many steps");
  return static_cast<std::int64_t>(rounded);
}

std::string delay_too_long(const std::string& where, double delay_ms, double steps, double dt) {
  return where + ": delay " + num(delay_ms) + " ms is " + num(steps) + " steps at dt = " + num(dt) +
         " ms, above the supported " + std::to_string(kMaxDelaySteps);
}

std::int32_t delay_to_steps(double delay_ms, double dt, const std::string& where) {
  HRSNN_REQUIRE(std::isfinite(delay_ms), where + ": delay is not finite: " + num(delay_ms));
  HRSNN_REQUIRE(delay_ms >= 0.0, where + ": delay must be >= 0, got " + num(delay_ms) + " ms");
  // The range comes first: a huge delay is "too long" before it is "off the grid".
  const double steps = std::nearbyint(delay_ms / dt);
  HRSNN_REQUIRE(steps <= static_cast<double>(kMaxDelaySteps), delay_too_long(where, delay_ms, steps, dt));
  return static_cast<std::int32_t>(to_steps(delay_ms, dt, where + ": delay"));
}

void validate(const Network& net, const std::string& where) {
  HRSNN_REQUIRE(std::isfinite(net.dt) && net.dt > 0.0, where + ": dt must be > 0, got " + num(net.dt));
  const NeuronTable& nt = net.neurons;
  const std::size_t n = nt.size();
  for (std::size_t i = 0; i < n; ++i) {
    const std::string who = where + ": neuron " + std::to_string(i);
    auto positive = [&](double x, const char* name) {
      HRSNN_REQUIRE(std::isfinite(x) && x > 0.0, who + ": " + name + " must be > 0, got " + num(x));
    };
    positive(nt.tau_m[i], "tau_m");
    positive(nt.tau_syn_e[i], "tau_syn_e");
    positive(nt.tau_syn_i[i], "tau_syn_i");
    for (double x : {nt.v_rest[i], nt.v_reset[i], nt.v_th[i], nt.v_init[i]})
      HRSNN_REQUIRE(std::isfinite(x), who + ": potentials must be finite");
    HRSNN_REQUIRE(std::isfinite(nt.tau_ref[i]) && nt.tau_ref[i] >= 0.0, who + ": tau_ref must be >= 0, got " + num(nt.tau_ref[i]));
    to_steps(nt.tau_ref[i], net.dt, who + ": tau_ref");
  }
  for (const NeuronModel& m : neuron_models()) {
    if (!(nt.*m.present)()) continue;
    for (const ModelColumn& c : m.columns) {
      HRSNN_REQUIRE((nt.*c.values).size() == n, where + ": " + m.name + " columns must have one value per neuron");
      // Adaptive: jumps that lower the threshold or depolarise would let a neuron drive itself to
      // ever faster firing, so the model is defined for b_a, d_theta ≥ 0.
      const char* rule = nullptr;
      for (std::size_t i = 0; i < n; ++i)
        HRSNN_REQUIRE(sign_ok(c.sign, (nt.*c.values)[i], &rule),
                      where + ": neuron " + std::to_string(i) + ": " + c.name + " must be " +
                          (c.sign == ModelColumn::Any ? "finite" : rule) + ", got " + num((nt.*c.values)[i]));
    }
  }
  if (nt.conductance()) {
    HRSNN_REQUIRE(!nt.adaptive(), where + ": a neuron model is either adaptive or coba, not both");
    for (std::size_t i = 0; i < n; ++i) {
      const std::string who = where + ": neuron " + std::to_string(i);
      // Excitation must pull v up through threshold and inhibition down away from it; otherwise
      // a conductance of one kind acts as the other and the model means nothing.
      HRSNN_REQUIRE(nt.e_i[i] < nt.v_th[i] && nt.v_th[i] < nt.e_e[i],
                    who + ": reversal potentials must satisfy e_i < v_th < e_e, got e_i " + num(nt.e_i[i]) + ", v_th " +
                        num(nt.v_th[i]) + ", e_e " + num(nt.e_e[i]) + " mV");
    }
  }
  const SynapseTable& st = net.synapses;
  const std::size_t n_pre = n + net.n_inputs;
  const StdpColumns& sp = st.stdp;
  if (sp.present())
    for (const auto* c : {&sp.tau_minus, &sp.eta_plus, &sp.eta_minus, &sp.w_min, &sp.w_max})
      HRSNN_REQUIRE(c->size() == st.size() && sp.tau_plus.size() == st.size(), where + ": STDP columns must have one value per synapse");
  for (std::size_t s = 0; s < st.size(); ++s) {
    const std::string who = where + ": synapse " + std::to_string(s);
    HRSNN_REQUIRE(st.pre[s] < n_pre, who + ": presynaptic index " + std::to_string(st.pre[s]) + " out of range");
    HRSNN_REQUIRE(st.post[s] < n, who + ": postsynaptic index " + std::to_string(st.post[s]) + " out of range");
    HRSNN_REQUIRE(std::isfinite(st.weight[s]), who + ": weight is not finite");
    HRSNN_REQUIRE(st.delay[s] >= 0, who + ": delay must be >= 0 steps");
    HRSNN_REQUIRE(st.delay[s] <= kMaxDelaySteps, who + ": delay of " + std::to_string(st.delay[s]) +
                                                     " steps is above the supported " + std::to_string(kMaxDelaySteps));
    const bool exc = st.pre[s] >= n || nt.excitatory[st.pre[s]];
    HRSNN_REQUIRE(!exc || st.weight[s] >= 0.0, who + ": excitatory weight must be >= 0, got " + num(st.weight[s]));
    HRSNN_REQUIRE(exc || st.weight[s] <= 0.0, who + ": inhibitory weight must be <= 0, got " + num(st.weight[s]));
    if (!sp.plastic(s)) continue;
    HRSNN_REQUIRE(std::isfinite(sp.tau_plus[s]) && sp.tau_plus[s] > 0.0, who + ": tau_plus must be > 0, got " + num(sp.tau_plus[s]));
    HRSNN_REQUIRE(std::isfinite(sp.tau_minus[s]) && sp.tau_minus[s] > 0.0, who + ": tau_minus must be > 0, got " + num(sp.tau_minus[s]));
    HRSNN_REQUIRE(sp.eta_plus[s] >= 0.0 && sp.eta_minus[s] >= 0.0, who + ": learning rates must be >= 0");
    HRSNN_REQUIRE(sp.w_min[s] <= sp.w_max[s], who + ": w_min " + num(sp.w_min[s]) + " > w_max " + num(sp.w_max[s]));
    HRSNN_REQUIRE(st.weight[s] >= sp.w_min[s] && st.weight[s] <= sp.w_max[s],
            who + ": weight " + num(st.weight[s]) + " outside [w_min, w_max]");
  }
}

}  // namespace hrsnn::sim
