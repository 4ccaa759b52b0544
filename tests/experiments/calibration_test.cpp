// The default MRSNN with the default (memory-capacity) input sits in the asynchronous irregular
// regime of MODEL.md §3: E at 5–20 Hz, ISI CV near 1, no silence, no runaway.
#include "experiments/memory_task.hpp"
#include "experiments/variant.hpp"

#include <gtest/gtest.h>

namespace hrsnn::experiments {
namespace {

void check_default_rates(std::uint32_t n) {
  sim::NetworkSpec s;
  s.n = n;
  MemoryTaskOptions o;
  o.mc.train = 500;
  o.mc.test = 500;
  o.mc.max_delay = 20;
  o.mc.washout = 20;
  o.mc.shuffles_per_delay = 0;
  for (std::uint64_t seed : {1, 2}) {
    const TaskResult r = run_memory_task(apply_variant(s, Variant::MRSNN), seed, o);
    EXPECT_GE(r.scalars.at("rate_e_hz"), 5.0) << "N " << n << " seed " << seed;
    EXPECT_LE(r.scalars.at("rate_e_hz"), 20.0) << "N " << n << " seed " << seed;
    EXPECT_GE(r.scalars.at("isi_cv_e"), 0.7);
    EXPECT_LE(r.scalars.at("isi_cv_e"), 1.5);
    EXPECT_LT(r.scalars.at("fraction_silent"), 0.2);
  }
}

TEST(Calibration, DefaultMrsnnN500IsAsynchronousIrregular) { check_default_rates(500); }
TEST(Calibration, SlowDefaultMrsnnN2000IsAsynchronousIrregular) { check_default_rates(2000); }

}  // namespace
}  // namespace hrsnn::experiments
