// Config errors name file, line and key; --set overrides; unknown keys are refused.
#include "core/error.hpp"
#include "io/network_config.hpp"

#include <gtest/gtest.h>

namespace hrsnn::io {
namespace {

std::string error_of(const std::string& text, std::vector<std::string> sets = {}) {
  try {
    Config c = Config::from_string(text, "run.toml");
    for (const auto& s : sets) c.set(s);
    read_network_spec(c);
    c.reject_unknown_keys();
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

TEST(Config, ReadsLawsAndOverrides) {
  Config c = Config::from_string("[neurons.exc]\ntau_m = { law = 'gamma', mean = 20, shape = 3 }\n[network]\nn = 100\n", "run.toml");
  c.set("network.n=250");
  c.set("stdp.pairing=all");
  const sim::NetworkSpec s = read_network_spec(c);
  EXPECT_EQ(s.n, 250u);
  EXPECT_EQ(s.exc.tau_m.kind, LawKind::Gamma);
  EXPECT_NEAR(s.exc.tau_m.cv, 1 / std::sqrt(3.0), 1e-15);
  EXPECT_EQ(read_pairing(c), sim::Pairing::AllToAll);
  EXPECT_NO_THROW(c.reject_unknown_keys());
}

TEST(Config, ErrorsNameFileLineAndKey) {
  EXPECT_NE(error_of("[network]\nn = -3\n").find("run.toml:2: key 'network.n'"), std::string::npos);
  EXPECT_NE(error_of("[network]\nn = 'many'\n").find("expected an integer"), std::string::npos);
  EXPECT_NE(error_of("[network.connectivity]\np_in = 1.5\n").find("probability"), std::string::npos);
  EXPECT_NE(error_of("[network]\nnn = 3\n").find("run.toml:2: key 'network.nn': unknown key"), std::string::npos);
  EXPECT_NE(error_of("[neurons.exc]\ntau_m = { law = 'gamma', mean = 20, shape = 0 }\n").find("shape"), std::string::npos);
  EXPECT_NE(error_of("[neurons.exc]\ntau_m = { law = 'weird', mean = 20 }\n").find("unknown law"), std::string::npos);
  EXPECT_NE(error_of("[neurons.exc]\ntau_m = { law = 'normal', mean = 20, cv = 0.3 }\n").find("lo > 0"), std::string::npos);
  EXPECT_NE(error_of("dt = 0\n").find("key 'dt'"), std::string::npos);
  EXPECT_NE(error_of("[network\nn=3\n").find("run.toml:1"), std::string::npos);
  EXPECT_NE(error_of("", {"network.n"}).find("--set"), std::string::npos);
}

}  // namespace
}  // namespace hrsnn::io
