// The memory budget is the tightest of MemAvailable, the cgroup limit and ulimit -v.
#include "core/error.hpp"
#include "core/memory_budget.hpp"

#include <gtest/gtest.h>

namespace hrsnn {
namespace {

constexpr std::uint64_t kGB = 1ULL << 30;

TEST(MemoryBudget, MemAvailableAloneSetsTheBudget) {
  MemoryLimits m;
  m.mem_available = 20 * kGB;
  const MemoryBudget b = memory_budget(m);
  EXPECT_EQ(b.bytes, 20 * kGB);
  EXPECT_EQ(b.source, "MemAvailable");
}

TEST(MemoryBudget, CgroupRoomBelowMemAvailableWins) {
  MemoryLimits m;
  m.mem_available = 20 * kGB;
  m.cgroup_limit = 4 * kGB;
  m.cgroup_usage = 1 * kGB;
  const MemoryBudget b = memory_budget(m);
  EXPECT_EQ(b.bytes, 3 * kGB);
  EXPECT_NE(b.source.find("cgroup"), std::string::npos);
}

TEST(MemoryBudget, AddressLimitCountsWhatIsMappedAlready) {
  MemoryLimits m;
  m.mem_available = 20 * kGB;
  m.cgroup_limit = 8 * kGB;
  m.address_limit = 2 * kGB;
  m.address_used = 1536ULL << 20;
  const MemoryBudget b = memory_budget(m);
  EXPECT_EQ(b.bytes, 512ULL << 20);
  EXPECT_NE(b.source.find("ulimit -v"), std::string::npos);
}

TEST(MemoryBudget, ExhaustedLimitLeavesNothing) {
  MemoryLimits m;
  m.mem_available = 20 * kGB;
  m.cgroup_limit = 1 * kGB;
  m.cgroup_usage = 2 * kGB;  // over the limit (the kernel reclaims): no room, never a wrapped huge value
  EXPECT_EQ(memory_budget(m).bytes, 0u);
}

TEST(MemoryBudget, ThisProcessHasABudgetAndRefusesTheImpossible) {
  const MemoryLimits m = read_memory_limits();
  EXPECT_GT(m.mem_available, 0u);
  EXPECT_GT(available_memory_bytes(), 0u);
  EXPECT_LE(available_memory_bytes(), m.mem_available);
  try {
    check_memory(1e18, "a network of 1e9 neurons");
    FAIL() << "1 EB was accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("a network of 1e9 neurons"), std::string::npos);
  }
  EXPECT_NO_THROW(check_memory(1e6, "a small table"));
}

}  // namespace
}  // namespace hrsnn
