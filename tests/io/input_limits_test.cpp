// Integers from files and keys are range-checked before any narrowing (issue 9): delays above
// the simulator's 32767 steps, huge source ids, and the inputs a reader must not ignore.
#include "core/error.hpp"
#include "io/network_config.hpp"
#include "io/network_files.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

#include <unistd.h>

namespace hrsnn::io {
namespace {
namespace fs = std::filesystem;

class InputLimitsTest : public ::testing::Test {
 protected:
  fs::path dir;
  std::map<std::string, std::string> files = {
      {"neurons.csv",
       "id,type,tau_m,v_rest,v_reset,v_th,v_init,tau_ref,tau_syn_e,tau_syn_i\n"
       "0,E,20,-65,-65,-50,-65,2,5,10\n"
       "1,I,10,-65,-65,-50,-60,2,5,10\n"},
      {"synapses.csv", "pre,post,weight,delay\n0,1,3,1\n1,0,-2,2\n"},
      {"inputs.csv", "source,time\n0,1\n1,3\n"},
      {"input_synapses.csv", "source,post,weight,delay\n0,0,10,0\n1,1,10,2\n"},
  };
  void SetUp() override {
    dir = fs::temp_directory_path() / ("hrsnn_limits_" + std::to_string(::getpid()) + "_" +
                                       ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir);
    fs::create_directories(dir);
  }
  void TearDown() override { fs::remove_all(dir); }
  void write() {
    for (const auto& [name, text] : files) std::ofstream(dir / name, std::ios::binary) << text;
  }
  // The InputError message of reading the folder at dt = 1 ms, or "" when it reads.
  std::string error(double dt = 1.0) {
    write();
    try {
      read_network_folder(dir, dt, 100);
    } catch (const InputError& e) {
      return e.what();
    }
    return "";
  }
};

bool has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

TEST_F(InputLimitsTest, DelayThatWouldWrapInInt32IsRefusedNamingLineAndValue) {
  // 4294967301 = 2^32 + 5: narrowed to int32 it used to become a delay of 5 steps.
  files["synapses.csv"] = "pre,post,weight,delay\n0,1,3,1\n0,1,3,4294967301\n";
  const std::string e = error();
  EXPECT_TRUE(has(e, "synapses.csv:3: delay 4294967301 ms is 4294967301 steps at dt = 1 ms, above the supported 32767"))
      << e;
}

TEST_F(InputLimitsTest, InputSynapseDelayIsRangeCheckedToo) {
  files["input_synapses.csv"] = "source,post,weight,delay\n0,0,10,0\n1,1,10,1e12\n";
  const std::string e = error();
  EXPECT_TRUE(has(e, "input_synapses.csv:3: delay 1e+12 ms is 1e+12 steps")) << e;
  EXPECT_TRUE(has(e, "above the supported 32767")) << e;
}

TEST_F(InputLimitsTest, LongestSupportedDelayReadsAndOneStepMoreDoesNot) {
  files["synapses.csv"] = "pre,post,weight,delay\n0,1,3,3276.7\n";
  write();
  EXPECT_EQ(read_network_folder(dir, 0.1, 100).network.synapses.delay[0], 32767);
  files["synapses.csv"] = "pre,post,weight,delay\n0,1,3,3276.8\n";
  EXPECT_TRUE(has(error(0.1), "synapses.csv:2: delay 3276.8 ms is 32768 steps at dt = 0.1 ms")) << error(0.1);
}

TEST_F(InputLimitsTest, NegativeDelayNamesTheLine) {
  files["synapses.csv"] = "pre,post,weight,delay\n0,1,3,-4294967296\n";
  EXPECT_TRUE(has(error(), "synapses.csv:2: delay must be >= 0, got -4294967296 ms")) << error();
}

TEST_F(InputLimitsTest, HugeSourceIdIsRefusedBeforeAllocatingNamingFileAndLine) {
  // Ids are dense from 0, so one spike from source 2^31 - 1 implies 2^31 sources (~200 GB).
  files["inputs.csv"] = "source,time\n0,1\n2147483647,2\n";
  const std::string e = error();
  EXPECT_TRUE(has(e, "inputs.csv:3: source id 2147483647 implies 2147483648 input sources")) << e;
  EXPECT_TRUE(has(e, "GB")) << e;
  files["inputs.csv"] = "source,time\n0,1\n";
  files["input_synapses.csv"] = "source,post,weight,delay\n0,0,10,0\n2147483647,1,10,2\n";
  EXPECT_TRUE(has(error(), "input_synapses.csv:3: source id 2147483647 implies")) << error();
  files["inputs.csv"] = "source,time\n2147483648,1\n";
  EXPECT_TRUE(has(error(), "inputs.csv:2: source 2147483648 out of range [0, 2147483648)")) << error();
}

TEST_F(InputLimitsTest, InputSpikesWithoutInputSynapsesAreAnErrorNotIgnored) {
  files.erase("input_synapses.csv");
  const std::string e = error();
  EXPECT_TRUE(has(e, "inputs.csv: 2 input spikes but no input_synapses.csv connects their sources")) << e;
  files["inputs.csv"] = "source,time\n";  // a header alone drives nothing: nothing is ignored
  EXPECT_EQ(error(), "");
}

TEST_F(InputLimitsTest, ByteOrderMarkBeforeTheHeaderIsStripped) {
  for (const char* name : {"neurons.csv", "synapses.csv", "inputs.csv", "input_synapses.csv"})
    files[name] = "\xEF\xBB\xBF" + files[name];
  write();
  const NetworkFolder f = read_network_folder(dir, 1.0, 100);
  EXPECT_EQ(f.network.n_neurons(), 2u);
  EXPECT_EQ(f.network.synapses.size(), 4u);
  EXPECT_EQ(f.inputs.size(), 2u);
  // Only at the start of the file: a mark inside a later line is still an unknown character.
  files["synapses.csv"] = "pre,post,weight,delay\n\xEF\xBB\xBF" "0,1,3,1\n";
  EXPECT_TRUE(has(error(), "synapses.csv:2: column 'pre'")) << error();
}

TEST_F(InputLimitsTest, RefractoryPeriodBeyond32BitStepsNamesTheLine) {
  files["neurons.csv"] =
      "id,type,tau_m,v_rest,v_reset,v_th,v_init,tau_ref,tau_syn_e,tau_syn_i\n"
      "0,E,20,-65,-65,-50,-65,2,5,10\n"
      "1,I,10,-65,-65,-50,-60,4294967298,5,10\n";
  const std::string e = error();
  EXPECT_TRUE(has(e, "neurons.csv:3: tau_ref 4294967298 ms is 4294967298 steps at dt = 1 ms, above the supported")) << e;
}

std::string config_error(const std::string& text, std::vector<std::string> sets = {}) {
  try {
    Config c = Config::from_string(text, "run.toml");
    for (const auto& s : sets) c.set(s);
    read_network_spec(c);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

TEST(DelayKey, SetDelayAboveTheLimitIsRefusedNamingTheKeyAndValue) {
  const std::string e = config_error("dt = 1.0\n", {"network.delay=4294967301"});
  EXPECT_TRUE(has(e, "key 'network.delay': delay 4294967301 ms is 4294967301 steps at dt = 1 ms, above the supported 32767"))
      << e;
}

TEST(DelayKey, FileDelayLawWithMeanOrUpperBoundAboveTheLimitIsRefused) {
  EXPECT_TRUE(has(config_error("dt = 0.1\n[network]\ndelay = 4000\n"), "run.toml:3: key 'network.delay': delay 4000 ms is 40000 steps"));
  const std::string mean = config_error("[network]\ndelay = { law = 'gamma', mean = 1e12, cv = 0.5 }\n");
  EXPECT_TRUE(has(mean, "key 'network.delay' (mean): delay 1e+12 ms")) << mean;
  const std::string hi = config_error("dt = 1.0\n[network]\ndelay = { law = 'gamma', mean = 5, cv = 0.5, hi = 40000 }\n");
  EXPECT_TRUE(has(hi, "(upper bound hi): delay 40000 ms is 40000 steps at dt = 1 ms")) << hi;
}

TEST(DelayKey, DelaysWithinTheLimitAreAccepted) {
  EXPECT_EQ(config_error("dt = 1.0\n[network]\ndelay = 32767\n"), "");
  EXPECT_EQ(config_error("dt = 1.0\n[network]\ndelay = { law = 'gamma', mean = 5, cv = 0.5, hi = 30000 }\n"), "");
}

}  // namespace
}  // namespace hrsnn::io
