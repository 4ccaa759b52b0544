// [bo] integers are range-checked before they are narrowed to int (issue 9): 2^32 + 1 used to
// become a budget of 1.
#include "bo/config_toml.hpp"
#include "core/error.hpp"

#include <gtest/gtest.h>


namespace hrsnn::bo {
namespace {

std::string error_of(const std::string& bo_section) {
  const toml::table root = toml::parse("[space]\nx = { low = 0.0, high = 1.0 }\n[bo]\n" + bo_section);
  SearchSpace space;
  space.add(Param{"x", 0.0, 1.0});
  try {
    read_bo_config(root, "opt.toml", space);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

TEST(BoConfigToml, IntegersThatWouldWrapAreRefusedNamingLineAndValue) {
  EXPECT_EQ(error_of("budget = 4294967297\n"), "opt.toml:4: [bo] budget must lie in [1, 2147483647], got 4294967297");
  EXPECT_NE(error_of("initial = 4294967301\n").find("opt.toml:4: [bo] initial must lie in"), std::string::npos);
  EXPECT_NE(error_of("q = -4294967295\n").find("got -4294967295"), std::string::npos);
  EXPECT_NE(error_of("acq_global_points = 9999999999\n").find("acq_global_points"), std::string::npos);
}

TEST(BoConfigToml, IntegersInRangeAreRead) {
  const toml::table root = toml::parse("[bo]\nbudget = 30\ninitial = 5\nq = 2\ngp_restarts = 0\n");
  SearchSpace space;
  space.add(Param{"x", 0.0, 1.0});
  const BoConfig c = read_bo_config(root, "opt.toml", space);
  EXPECT_EQ(c.budget, 30);
  EXPECT_EQ(c.n_initial, 5);
  EXPECT_EQ(c.q, 2);
  EXPECT_EQ(c.gp.restarts, 0);
}

}  // namespace
}  // namespace hrsnn::bo
