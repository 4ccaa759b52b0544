#include "bo/space.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"

using namespace hrsnn::bo;

namespace {
SearchSpace demo() {
  SearchSpace s;
  s.add({"tau", 1.0, 100.0, Scale::Log, false});
  s.add({"gain", -2.0, 2.0, Scale::Linear, false});
  s.add({"n", 1.0, 10.0, Scale::Linear, true});
  return s;
}
}  // namespace

TEST(Space, RoundTripThroughUnitCube) {
  const SearchSpace s = demo();
  const ParamMap p{{"tau", 10.0}, {"gain", 1.0}, {"n", 4.0}};
  const Eigen::VectorXd u = s.to_unit(p);
  EXPECT_NEAR(u(0), 0.5, 1e-15);  // 10 is the log-midpoint of [1, 100]
  EXPECT_NEAR(u(1), 0.75, 1e-15);
  const ParamMap back = s.from_unit(u);
  EXPECT_NEAR(back.at("tau"), 10.0, 1e-12);
  EXPECT_DOUBLE_EQ(back.at("n"), 4.0);
}

TEST(Space, IntegersRoundAndCanonicalUnitIsStable) {
  const SearchSpace s = demo();
  Eigen::VectorXd u(3);
  u << 0.3, 0.3, 0.37;
  const ParamMap v = s.from_unit(u);
  EXPECT_EQ(v.at("n"), std::round(v.at("n")));
  const Eigen::VectorXd c = s.canonical_unit(u);
  EXPECT_DOUBLE_EQ(s.from_unit(c).at("n"), v.at("n"));
  EXPECT_NEAR((s.canonical_unit(c) - c).norm(), 0.0, 1e-15);
}

TEST(Space, RejectsBadInputWithClearMessages) {
  SearchSpace s;
  EXPECT_THROW(s.add({"a", 2.0, 1.0}), hrsnn::InputError);
  EXPECT_THROW(s.add({"a", 1.0, 1.0}), hrsnn::InputError);
  try {
    s.add({"b", 0.0, 10.0, Scale::Log});
    FAIL();
  } catch (const hrsnn::InputError& e) {
    EXPECT_NE(std::string(e.what()).find("'b'"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("log"), std::string::npos);
  }
  EXPECT_THROW(s.add({"c", -1.0, 10.0, Scale::Log}), hrsnn::InputError);
  EXPECT_THROW(s.add({"d", 0.2, 0.8, Scale::Linear, true}), hrsnn::InputError);
  s.add({"ok", 0.0, 1.0});
  EXPECT_THROW(s.add({"ok", 0.0, 2.0}), hrsnn::InputError);
  try {
    s.to_unit({{"ok", 0.5}, {"nope", 1.0}});
    FAIL();
  } catch (const hrsnn::InputError& e) {
    EXPECT_NE(std::string(e.what()).find("unknown parameter 'nope'"), std::string::npos);
  }
  EXPECT_THROW(s.to_unit({}), hrsnn::InputError);
}

TEST(Space, FingerprintChangesWithAnyDefiningField) {
  const SearchSpace a = demo();
  SearchSpace b;
  b.add({"tau", 1.0, 100.0, Scale::Log, false});
  b.add({"gain", -2.0, 2.0, Scale::Linear, false});
  b.add({"n", 1.0, 11.0, Scale::Linear, true});
  EXPECT_EQ(a.fingerprint_hash(), demo().fingerprint_hash());
  EXPECT_NE(a.fingerprint_hash(), b.fingerprint_hash());
  EXPECT_EQ(a.fingerprint_hash().size(), 16u);
  EXPECT_EQ(fnv1a64(""), 0xcbf29ce484222325ULL);  // FNV-1a offset basis
  EXPECT_EQ(fnv1a64("a"), 0xaf63dc4c8601ec8cULL);  // published FNV-1a test vector
}
