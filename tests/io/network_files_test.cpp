// Reading network folders (docs/model.md §9): round trip, and one clear error per kind of bad input,
// naming the file and line or the parameter.
#include "core/error.hpp"
#include "io/network_files.hpp"
#include "sim/build_network.hpp"
#include "sim/simulator.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>

namespace hrsnn::io {
namespace {
namespace fs = std::filesystem;

class NetworkFolderTest : public ::testing::Test {
 protected:
  fs::path dir;
  std::map<std::string, std::string> files = {
      {"neurons.csv",
       "id,type,tau_m,v_rest,v_reset,v_th,v_init,tau_ref,tau_syn_e,tau_syn_i\n"
       "0,E,20,-65,-65,-50,-65,2,5,10\n"
       "1,I,10,-65,-65,-50,-60,2,5,10\n"},
      {"synapses.csv",
       "pre,post,weight,delay,tau_plus,tau_minus,eta_plus,eta_minus,w_min,w_max\n"
       "0,1,3,1,20,20,0.01,0.0105,0,6\n"
       "1,0,-2,0.5,,,,,,\n"},
      {"inputs.csv", "source,time\n0,1\n1,2.5\n0,3\n"},
      {"input_synapses.csv", "source,post,weight,delay\n0,0,10,0\n1,1,10,2\n"},
  };
  void SetUp() override {
    dir = fs::temp_directory_path() / ("hrsnn_netfolder_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
                                       "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir);
    fs::create_directories(dir);
  }
  void TearDown() override { fs::remove_all(dir); }
  void write() {
    for (const auto& [name, text] : files) std::ofstream(dir / name) << text;
  }
  // Expects an InputError whose message contains every fragment.
  void expect_error(std::initializer_list<std::string> fragments, double dt = 0.5, double duration = 100) {
    write();
    try {
      read_network_folder(dir, dt, duration);
      FAIL() << "no error for " << *fragments.begin();
    } catch (const InputError& e) {
      for (const auto& f : fragments) EXPECT_NE(std::string(e.what()).find(f), std::string::npos) << e.what();
    }
  }
};

TEST_F(NetworkFolderTest, ReadsAValidFolder) {
  write();
  const NetworkFolder f = read_network_folder(dir, 0.5, 100);
  EXPECT_EQ(f.network.n_neurons(), 2u);
  EXPECT_EQ(f.network.n_inputs, 2u);
  EXPECT_EQ(f.network.synapses.size(), 4u);
  EXPECT_EQ(f.network.synapses.delay[1], 1);
  EXPECT_EQ(f.network.synapses.pre[3], 3u);  // input source 1 → presynaptic index N + 1
  EXPECT_TRUE(f.network.synapses.stdp.plastic(0));
  EXPECT_FALSE(f.network.synapses.stdp.plastic(1));
  EXPECT_FALSE(f.network.synapses.stdp.plastic(2));
  ASSERT_EQ(f.inputs.size(), 3u);
  EXPECT_EQ(f.inputs.step, (std::vector<std::int64_t>{2, 5, 6}));
}

TEST_F(NetworkFolderTest, AdaptiveModelColumnsAreReadWrittenAndChecked) {
  files["neurons.csv"] =
      "id,type,tau_m,v_rest,v_reset,v_th,v_init,tau_ref,tau_syn_e,tau_syn_i,model,tau_a,b_a,tau_theta,d_theta\n"
      "0,E,20,-65,-65,-50,-65,2,5,10,adaptive,150,1.5,80,2\n"
      "1,I,10,-65,-65,-50,-60,2,5,10,lif,,,,\n";
  write();
  const NetworkFolder f = read_network_folder(dir, 0.5, 100);
  ASSERT_TRUE(f.network.neurons.adaptive());
  EXPECT_EQ(f.network.neurons.tau_a[0], 150.0);
  EXPECT_EQ(f.network.neurons.d_theta[0], 2.0);
  EXPECT_EQ(f.network.neurons.b_a[1], 0.0);  // a lif neuron: no jumps
  // Round trip through the writer (every neuron written as adaptive, the lif one with zero jumps).
  const fs::path out = dir / "out";
  write_network_folder(out, f.network, f.inputs);
  const NetworkFolder back = read_network_folder(out, 0.5, 100);
  EXPECT_EQ(back.network.neurons.tau_a, f.network.neurons.tau_a);
  EXPECT_EQ(back.network.neurons.b_a, f.network.neurons.b_a);

  const std::string head = "id,type,tau_m,v_rest,v_reset,v_th,v_init,tau_ref,tau_syn_e,tau_syn_i,model,tau_a,b_a,tau_theta,d_theta\n";
  files["neurons.csv"] = head + "0,E,20,-65,-65,-50,-65,2,5,10,lif,150,,,\n1,I,10,-65,-65,-50,-60,2,5,10,lif,,,,\n";
  expect_error({"neurons.csv:2", "tau_a is not a parameter of model lif"});
  files["neurons.csv"] = head + "0,E,20,-65,-65,-50,-65,2,5,10,adaptive,150,,80,2\n1,I,10,-65,-65,-50,-60,2,5,10,lif,,,,\n";
  expect_error({"neurons.csv:2", "b_a is blank"});
  files["neurons.csv"] = head + "0,E,20,-65,-65,-50,-65,2,5,10,izhikevich,150,1,80,2\n1,I,10,-65,-65,-50,-60,2,5,10,lif,,,,\n";
  expect_error({"neurons.csv:2", "model must be lif, adaptive or coba", "izhikevich"});
  files["neurons.csv"] = head + "0,E,20,-65,-65,-50,-65,2,5,10,adaptive,150,1,80,2\n1,E,10,-65,-65,-50,-60,2,5,10,lif,,,,\n";
  expect_error({"neurons.csv:3", "one model per population"});
  files["neurons.csv"] = "id,type,tau_m,v_rest,v_reset,v_th,v_init,tau_ref,tau_syn_e,tau_syn_i,model,tau_a\n"
                         "0,E,20,-65,-65,-50,-65,2,5,10,adaptive,150\n1,I,10,-65,-65,-50,-60,2,5,10,adaptive,100\n";
  expect_error({"needs the column b_a"});
  files["neurons.csv"] = head + "0,E,20,-65,-65,-50,-65,2,5,10,adaptive,150,-1,80,2\n1,I,10,-65,-65,-50,-60,2,5,10,lif,,,,\n";
  expect_error({"neurons.csv:2", "b_a must be >= 0"});
}

TEST_F(NetworkFolderTest, ConductanceModelColumnsAreReadWrittenAndChecked) {
  const std::string head = "id,type,tau_m,v_rest,v_reset,v_th,v_init,tau_ref,tau_syn_e,tau_syn_i,model,g_l,e_e,e_i\n";
  files["neurons.csv"] = head + "0,E,20,-60,-60,-50,-60,5,5,10,coba,10,0,-80\n1,I,10,-60,-60,-50,-55,5,5,10,coba,12.5,-5,-75\n";
  write();
  const NetworkFolder f = read_network_folder(dir, 0.5, 100);
  ASSERT_TRUE(f.network.neurons.conductance());
  EXPECT_FALSE(f.network.neurons.adaptive());
  EXPECT_EQ(f.network.neurons.g_l[1], 12.5);
  EXPECT_EQ(f.network.neurons.e_e[1], -5.0);
  EXPECT_EQ(f.network.neurons.e_i[0], -80.0);
  const fs::path out = dir / "out";
  write_network_folder(out, f.network, f.inputs);
  const NetworkFolder back = read_network_folder(out, 0.5, 100);
  EXPECT_EQ(back.network.neurons.g_l, f.network.neurons.g_l);
  EXPECT_EQ(back.network.neurons.e_e, f.network.neurons.e_e);
  EXPECT_EQ(back.network.neurons.e_i, f.network.neurons.e_i);
  // Without a model column the columns alone make every neuron coba.
  files["neurons.csv"] = "id,type,tau_m,v_rest,v_reset,v_th,v_init,tau_ref,tau_syn_e,tau_syn_i,g_l,e_e,e_i\n"
                         "0,E,20,-60,-60,-50,-60,5,5,10,10,0,-80\n1,I,10,-60,-60,-50,-55,5,5,10,10,0,-80\n";
  write();
  EXPECT_TRUE(read_network_folder(dir, 0.5, 100).network.neurons.conductance());

  // Weights are conductances for every neuron or none: no lif population beside coba.
  files["neurons.csv"] = head + "0,E,20,-60,-60,-50,-60,5,5,10,coba,10,0,-80\n1,I,10,-60,-60,-50,-55,5,5,10,lif,,,\n";
  expect_error({"neurons.csv:3", "coba must be every neuron's model"});
  files["neurons.csv"] = head + "0,E,20,-60,-60,-50,-60,5,5,10,coba,0,0,-80\n1,I,10,-60,-60,-50,-55,5,5,10,coba,10,0,-80\n";
  expect_error({"neurons.csv:2", "g_l must be > 0"});
  files["neurons.csv"] = head + "0,E,20,-60,-60,-50,-60,5,5,10,coba,10,,-80\n1,I,10,-60,-60,-50,-55,5,5,10,coba,10,0,-80\n";
  expect_error({"neurons.csv:2", "e_e is blank"});
  // Reversal potentials in the wrong order make excitation inhibit: refused, naming the neuron.
  files["neurons.csv"] = head + "0,E,20,-60,-60,-50,-60,5,5,10,coba,10,-70,-80\n1,I,10,-60,-60,-50,-55,5,5,10,coba,10,0,-80\n";
  expect_error({"neuron 0", "e_i < v_th < e_e"});
  files["neurons.csv"] = "id,type,tau_m,v_rest,v_reset,v_th,v_init,tau_ref,tau_syn_e,tau_syn_i,tau_a,g_l\n"
                         "0,E,20,-60,-60,-50,-60,5,5,10,100,10\n1,I,10,-60,-60,-50,-55,5,5,10,100,10\n";
  expect_error({"adaptive and coba together"});
}

TEST_F(NetworkFolderTest, HandlesCrlfCommentsAndBlankLines) {
  files["inputs.csv"] = "# spikes\r\nsource,time\r\n\r\n0,1\r\n# more\r\n1,2.5\r\n";
  write();
  EXPECT_EQ(read_network_folder(dir, 0.5, 100).inputs.size(), 2u);
}

TEST_F(NetworkFolderTest, WrittenFolderReadsBackIdentically) {
  sim::NetworkSpec spec;
  spec.n = 120;
  spec.dt = 0.1;
  spec.exc.tau_m = Law::gamma_shape(20, 3);
  spec.stdp.tau_plus = Law::gamma_shape(20, 3);
  const sim::Network net = sim::build_network(spec, 3);
  SpikeEvents in;
  in.n_sources = net.n_inputs;
  in.push(3, 0);
  in.push(7, 5);
  write_network_folder(dir, net, in);
  const NetworkFolder back = read_network_folder(dir, 0.1, 10);
  EXPECT_EQ(back.network.neurons.tau_m, net.neurons.tau_m);
  EXPECT_EQ(back.network.synapses.weight, net.synapses.weight);
  EXPECT_EQ(back.network.synapses.pre, net.synapses.pre);
  EXPECT_EQ(back.network.synapses.delay, net.synapses.delay);
  EXPECT_EQ(back.network.synapses.stdp.tau_plus.size(), net.synapses.size());
  for (std::size_t s = 0; s < net.synapses.size(); ++s)
    ASSERT_EQ(back.network.synapses.stdp.plastic(s), net.synapses.stdp.plastic(s));
  EXPECT_EQ(back.inputs.step, in.step);
}

TEST(FormatTime, PrintsExactDecimalProducts) {
  EXPECT_EQ(format_time(3, 0.1), "0.3");
  EXPECT_EQ(format_time(0, 0.1), "0");
  EXPECT_EQ(format_time(123456789, 0.1), "12345678.9");
  EXPECT_EQ(format_time(7, 1.0), "7");
  EXPECT_EQ(format_time(5, 0.25), "1.25");
  EXPECT_EQ(format_time(10, 0.01), "0.1");
}

TEST(TimesMs, EqualsTheParsedDecimalOfFormatTime) {
  // The fast path (one division) and the fallback must both give what parsing spikes.csv gives.
  const std::vector<std::int64_t> steps = {0, 1, 3, 7, 10, 999, 123456789, 9007199254740993LL, -4};
  for (double dt : {0.1, 1.0, 0.25, 0.01, 0.3, 0.05, 2.0, 1e-3, 123.456, 0.1 + 0.2}) {
    const std::vector<double> t = times_ms(steps, dt);
    for (std::size_t i = 0; i < steps.size(); ++i)
      EXPECT_EQ(t[i], std::strtod(format_time(steps[i], dt).c_str(), nullptr)) << "step " << steps[i] << " dt " << dt;
  }
  EXPECT_NE(times_ms({3}, 0.1)[0], 3 * 0.1);  // 0.3, not 0.30000000000000004
}

TEST_F(NetworkFolderTest, MissingFolderIsMissingFileError) {
  EXPECT_THROW(read_network_folder(dir / "no-such-folder", 0.1, 10.0), MissingFileError);
}

TEST_F(NetworkFolderTest, NonPositiveTimeConstant) {
  files["neurons.csv"] = "id,type,tau_m,v_rest,v_reset,v_th,v_init,tau_ref,tau_syn_e,tau_syn_i\n0,E,0,-65,-65,-50,-65,2,5,10\n1,I,10,-65,-65,-50,-60,2,5,10\n";
  expect_error({"neurons.csv:2", "tau_m"});
}
TEST_F(NetworkFolderTest, NegativeSynapticTimeConstant) {
  files["neurons.csv"] = "id,type,tau_m,v_rest,v_reset,v_th,v_init,tau_ref,tau_syn_e,tau_syn_i\n0,E,20,-65,-65,-50,-65,2,5,10\n1,I,10,-65,-65,-50,-60,2,5,-1\n";
  expect_error({"neurons.csv:3", "tau_syn_i"});
}
TEST_F(NetworkFolderTest, NonPositiveDt) { expect_error({"--dt"}, 0.0); }
TEST_F(NetworkFolderTest, WMinAboveWMax) {
  files["synapses.csv"] = "pre,post,weight,delay,tau_plus,tau_minus,eta_plus,eta_minus,w_min,w_max\n0,1,3,1,20,20,0.01,0.01,5,2\n";
  expect_error({"synapses.csv:2", "w_min"});
}
TEST_F(NetworkFolderTest, NegativeExcitatoryWeight) {
  files["synapses.csv"] = "pre,post,weight,delay\n0,1,-3,1\n";
  expect_error({"synapses.csv:2", "excitatory"});
}
TEST_F(NetworkFolderTest, PositiveInhibitoryWeight) {
  files["synapses.csv"] = "pre,post,weight,delay\n1,0,3,1\n";
  expect_error({"synapses.csv:2", "inhibitory"});
}
TEST_F(NetworkFolderTest, NegativeInputWeight) {
  files["input_synapses.csv"] = "source,post,weight,delay\n0,0,-1,0\n";
  expect_error({"input_synapses.csv:2", "excitatory"});
}
TEST_F(NetworkFolderTest, DelayOffTheGrid) {
  files["synapses.csv"] = "pre,post,weight,delay\n0,1,3,0.3\n";
  expect_error({"synapses.csv:2", "delay", "multiple of dt"});
}
TEST_F(NetworkFolderTest, TimeOffTheGrid) {
  files["inputs.csv"] = "source,time\n0,1.2\n";
  expect_error({"inputs.csv:2", "multiple of dt"});
}
TEST_F(NetworkFolderTest, RefractoryOffTheGrid) {
  files["neurons.csv"] = "id,type,tau_m,v_rest,v_reset,v_th,v_init,tau_ref,tau_syn_e,tau_syn_i\n0,E,20,-65,-65,-50,-65,2.2,5,10\n1,I,10,-65,-65,-50,-60,2,5,10\n";
  expect_error({"neurons.csv:2", "tau_ref"});
}
TEST_F(NetworkFolderTest, TimeOutsideTheRun) {
  files["inputs.csv"] = "source,time\n0,100\n";
  expect_error({"inputs.csv:2", "outside"});
}
TEST_F(NetworkFolderTest, SourceSpikingTwiceInAStep) {
  files["inputs.csv"] = "source,time\n0,1\n1,1\n0,1.0\n";
  expect_error({"inputs.csv:4", "twice"});
}
TEST_F(NetworkFolderTest, MissingColumn) {
  files["synapses.csv"] = "pre,post,weight\n0,1,3\n";
  expect_error({"synapses.csv:1", "missing column 'delay'"});
}
TEST_F(NetworkFolderTest, UnknownColumn) {
  files["synapses.csv"] = "pre,post,weight,delay,colour\n0,1,3,1,red\n";
  expect_error({"synapses.csv:1", "unknown column 'colour'"});
}
TEST_F(NetworkFolderTest, PartialStdpColumns) {
  files["synapses.csv"] = "pre,post,weight,delay,tau_plus\n0,1,3,1,20\n";
  expect_error({"synapses.csv", "all six"});
}
TEST_F(NetworkFolderTest, WrongFieldCount) {
  files["synapses.csv"] = "pre,post,weight,delay\n0,1,3\n";
  expect_error({"synapses.csv:2", "expected 4 fields"});
}
TEST_F(NetworkFolderTest, NonNumericField) {
  files["synapses.csv"] = "pre,post,weight,delay\n0,1,abc,1\n";
  expect_error({"synapses.csv:2", "'abc' is not a number"});
}
TEST_F(NetworkFolderTest, NanField) {
  files["synapses.csv"] = "pre,post,weight,delay\n0,1,nan,1\n";
  expect_error({"synapses.csv:2", "not finite"});
}
TEST_F(NetworkFolderTest, InfField) {
  files["neurons.csv"] = "id,type,tau_m,v_rest,v_reset,v_th,v_init,tau_ref,tau_syn_e,tau_syn_i\n0,E,inf,-65,-65,-50,-65,2,5,10\n1,I,10,-65,-65,-50,-60,2,5,10\n";
  expect_error({"neurons.csv:2", "not finite"});
}
TEST_F(NetworkFolderTest, IndexOutOfRange) {
  files["synapses.csv"] = "pre,post,weight,delay\n0,7,3,1\n";
  expect_error({"synapses.csv:2", "post 7 out of range"});
}
TEST_F(NetworkFolderTest, IdsOutOfOrder) {
  files["neurons.csv"] = "id,type,tau_m,v_rest,v_reset,v_th,v_init,tau_ref,tau_syn_e,tau_syn_i\n1,E,20,-65,-65,-50,-65,2,5,10\n0,I,10,-65,-65,-50,-60,2,5,10\n";
  expect_error({"neurons.csv:2", "out of order"});
}
TEST_F(NetworkFolderTest, UnknownType) {
  files["neurons.csv"] = "id,type,tau_m,v_rest,v_reset,v_th,v_init,tau_ref,tau_syn_e,tau_syn_i\n0,X,20,-65,-65,-50,-65,2,5,10\n1,I,10,-65,-65,-50,-60,2,5,10\n";
  expect_error({"neurons.csv:2", "type"});
}
TEST_F(NetworkFolderTest, MissingFile) {
  write();
  fs::remove(dir / "synapses.csv");
  EXPECT_THROW(read_network_folder(dir, 0.5, 100), InputError);
  EXPECT_THROW(read_network_folder(dir / "nope", 0.5, 100), InputError);
}
TEST_F(NetworkFolderTest, RestAboveThresholdIsLegal) {
  files["neurons.csv"] = "id,type,tau_m,v_rest,v_reset,v_th,v_init,tau_ref,tau_syn_e,tau_syn_i\n0,E,20,-40,-65,-50,-65,2,5,10\n1,I,10,-65,-65,-50,-60,2,5,10\n";
  write();
  const NetworkFolder f = read_network_folder(dir, 0.5, 100);
  sim::Simulator s(f.network, {});
  sim::SpikeRecorder rec;
  s.run(200, &f.inputs, &rec);
  EXPECT_GT(rec.size(), 3u);
}

}  // namespace
}  // namespace hrsnn::io
