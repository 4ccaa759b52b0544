// The simulator holds delays of at most kMaxDelaySteps; the builder and validate() refuse
// longer ones by name instead of narrowing them (issue 9).
#include "core/error.hpp"
#include "sim/build_network.hpp"
#include "sim/network.hpp"
#include "sim/simulator.hpp"

#include <gtest/gtest.h>

namespace hrsnn::sim {
namespace {

std::string message_of(auto&& f) {
  try {
    f();
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

TEST(DelayLimit, BuilderRefusesADrawnDelayAboveTheLimitNamingTheKey) {
  NetworkSpec s;
  s.n = 50;
  s.dt = 1.0;
  s.delay = Law{LawKind::Gamma, 30000.0, 0.5};  // about 40 % of draws above 32767 steps
  const std::string e = message_of([&] { build_network(s, 1); });
  EXPECT_NE(e.find("network.delay: delay "), std::string::npos) << e;
  EXPECT_NE(e.find("above the supported 32767"), std::string::npos) << e;
}

TEST(DelayLimit, BuilderKeepsDelaysUpToTheLimit) {
  NetworkSpec s;
  s.n = 50;
  s.dt = 0.5;
  s.delay = Law::point(kMaxDelaySteps * 0.5);
  const Network net = build_network(s, 1);
  ASSERT_GT(net.synapses.size(), 0u);
  for (std::int32_t d : net.synapses.delay) EXPECT_EQ(d, kMaxDelaySteps);
  EXPECT_NO_THROW(Simulator(net, SimOptions{}));
}

TEST(DelayLimit, HugeDelayConvertsToAnErrorNotAWrappedInteger) {
  EXPECT_EQ(delay_to_steps(5.0, 1.0, "x"), 5);
  const std::string e = message_of([] { delay_to_steps(4294967301.0, 1.0, "synapses.csv:3"); });
  EXPECT_EQ(e, "synapses.csv:3: delay 4294967301 ms is 4294967301 steps at dt = 1 ms, above the supported 32767");
  EXPECT_NE(message_of([] { delay_to_steps(1e300, 1e-3, "k"); }).find("above the supported"), std::string::npos);
}

TEST(DelayLimit, ValidateRefusesATableDelayAboveTheLimit) {
  NetworkSpec s;
  s.n = 10;
  Network net = build_network(s, 1);
  ASSERT_GT(net.synapses.size(), 0u);
  net.synapses.delay[0] = kMaxDelaySteps + 1;
  EXPECT_NE(message_of([&] { validate(net, "net"); }).find("synapse 0: delay of 32768 steps is above the supported 32767"),
            std::string::npos);
}

}  // namespace
}  // namespace hrsnn::sim
