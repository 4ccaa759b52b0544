#include "sim/neuron_models.hpp"

#include <cmath>
#include <string>

namespace hrsnn::sim {

const std::vector<std::pair<const char*, NeuronColumn>>& lif_columns() {
  using T = NeuronTable;
  static const std::vector<std::pair<const char*, NeuronColumn>> columns = {
      {"tau_m", &T::tau_m},     {"v_rest", &T::v_rest},   {"v_reset", &T::v_reset},     {"v_th", &T::v_th},
      {"v_init", &T::v_init},   {"tau_ref", &T::tau_ref}, {"tau_syn_e", &T::tau_syn_e}, {"tau_syn_i", &T::tau_syn_i}};
  return columns;
}

const std::vector<NeuronModel>& neuron_models() {
  using T = NeuronTable;
  using C = ModelColumn;
  // Neutral values: adaptive rows of a lif neuron do not adapt (b_a = d_theta = 0); coba's are
  // Brette et al. 2007's g_L 10 nS, E_e 0 mV, E_i −80 mV.
  static const std::vector<NeuronModel> models = {
      {"adaptive",
       {{"tau_a", &T::tau_a, C::Positive, 200.0},
        {"b_a", &T::b_a, C::NonNegative, 0.0},
        {"tau_theta", &T::tau_theta, C::Positive, 200.0},
        {"d_theta", &T::d_theta, C::NonNegative, 0.0}},
       &T::adaptive},
      {"coba",
       {{"g_l", &T::g_l, C::Positive, 10.0}, {"e_e", &T::e_e, C::Any, 0.0}, {"e_i", &T::e_i, C::Any, -80.0}},
       &T::conductance}};
  return models;
}

const NeuronModel* find_neuron_model(const std::string& name) {
  for (const NeuronModel& m : neuron_models())
    if (name == m.name) return &m;
  return nullptr;
}

void add_model_columns(NeuronTable& nt, const NeuronModel& model) {
  for (const ModelColumn& c : model.columns) (nt.*c.values).assign(nt.size(), c.neutral);
}

bool sign_ok(ModelColumn::Sign sign, double x, const char** rule) {
  *rule = sign == ModelColumn::Positive ? "> 0" : ">= 0";
  if (!std::isfinite(x)) return false;
  return sign == ModelColumn::Any || (sign == ModelColumn::Positive ? x > 0.0 : x >= 0.0);
}

}  // namespace hrsnn::sim
