// The neuron-model column table (sim/neuron_models.hpp) that the file reader and writer,
// sim::validate and the Python arrays all read: its entries must be consistent with each other
// and with NeuronTable, or a model's column would be read in one place and missed in another.
#include "sim/neuron_models.hpp"

#include "core/error.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace hrsnn::sim {
namespace {

NeuronTable lif(std::size_t n) {
  NeuronTable nt;
  nt.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    nt.tau_m[i] = 20, nt.v_rest[i] = -65, nt.v_reset[i] = -65, nt.v_th[i] = -50, nt.v_init[i] = -65;
    nt.tau_ref[i] = 2, nt.tau_syn_e[i] = 5, nt.tau_syn_i[i] = 10, nt.excitatory[i] = 1;
  }
  return nt;
}

TEST(NeuronModels, ColumnNamesAreUniqueAcrossModels) {
  std::set<std::string> names{"id", "type", "model", "excitatory"};
  for (const auto& [name, column] : lif_columns()) EXPECT_TRUE(names.insert(name).second) << name;
  for (const NeuronModel& m : neuron_models())
    for (const ModelColumn& c : m.columns) EXPECT_TRUE(names.insert(c.name).second) << m.name << "." << c.name;
  EXPECT_EQ(lif_columns().size(), 8u);
}

TEST(NeuronModels, NeutralValuesObeyTheirOwnSignRulesAndValidate) {
  for (const NeuronModel& m : neuron_models()) {
    NeuronTable nt = lif(3);
    EXPECT_FALSE((nt.*m.present)()) << m.name;
    add_model_columns(nt, m);
    EXPECT_TRUE((nt.*m.present)()) << m.name;
    const char* rule = nullptr;
    for (const ModelColumn& c : m.columns) {
      EXPECT_EQ((nt.*c.values).size(), 3u) << c.name;
      EXPECT_TRUE(sign_ok(c.sign, c.neutral, &rule)) << c.name;
    }
    Network net;
    net.neurons = nt;
    EXPECT_NO_THROW(validate(net, "test")) << m.name;
    // resize keeps the model's columns in step with the rest, at the neutral value.
    net.neurons.resize(5);
    for (const ModelColumn& c : m.columns) EXPECT_EQ((net.neurons.*c.values)[4], c.neutral) << c.name;
  }
  EXPECT_EQ(find_neuron_model("coba"), &neuron_models()[1]);
  EXPECT_EQ(find_neuron_model("lif"), nullptr);
}

TEST(NeuronModels, ValidateNamesTheColumnAndNeuronThatBreakTheSignRule) {
  for (const NeuronModel& m : neuron_models())
    for (const ModelColumn& c : m.columns) {
      if (c.sign == ModelColumn::Any) continue;
      Network net;
      net.neurons = lif(3);
      add_model_columns(net.neurons, m);
      (net.neurons.*c.values)[2] = c.sign == ModelColumn::Positive ? 0.0 : -1.0;
      try {
        validate(net, "file");
        ADD_FAILURE() << c.name << " accepted";
      } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find(std::string("neuron 2: ") + c.name + " must be"), std::string::npos) << e.what();
      }
    }
}

}  // namespace
}  // namespace hrsnn::sim
