// The comparison runner: results independent of the thread count, resume loses nothing and
// repeats nothing, claims computed from paired seeds.
#include "core/error.hpp"
#include "experiments/comparison.hpp"
#include "experiments/memory_task.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>

namespace hrsnn::experiments {
namespace {

MemoryTaskOptions small_mc() {
  MemoryTaskOptions o;
  o.mc.washout = 20;
  o.mc.train = 200;
  o.mc.test = 100;
  o.mc.max_delay = 10;
  o.mc.shuffles_per_delay = 2;
  return o;
}

sim::NetworkSpec small_net() {
  sim::NetworkSpec s;
  s.n = 80;
  return s;
}

TEST(Comparison, SameNumbersWhateverTheThreadCount) {
  const auto o = small_mc();
  TaskFn task = [o](const sim::NetworkSpec& s, std::uint64_t seed) { return run_memory_task(s, seed, o); };
  ComparisonOptions c1;
  c1.seeds = {1, 2};
  c1.threads = 1;
  ComparisonOptions c2 = c1;
  c2.threads = 3;
  const Comparison a = run_comparison(small_net(), task, c1), b = run_comparison(small_net(), task, c2);
  for (Variant v : all_variants())
    for (std::size_t k = 0; k < 2; ++k) EXPECT_EQ(a.results.at(v)[k].scalars, b.results.at(v)[k].scalars);
  // Variants differ (the heterogeneous ones draw other parameters) but MRSNN is deterministic.
  EXPECT_NE(a.results.at(Variant::MRSNN)[0].scalars.at("S"), a.results.at(Variant::HeNHoS)[0].scalars.at("S"));
}

TEST(Comparison, ResumeRunsOnlyWhatIsMissingAndGivesTheSameSummary) {
  const auto dir = std::filesystem::temp_directory_path() / "hrsnn_comparison_resume";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const auto o = small_mc();
  std::atomic<int> calls{0};
  TaskFn task = [o, &calls](const sim::NetworkSpec& s, std::uint64_t seed) {
    ++calls;
    return run_memory_task(s, seed, o);
  };
  ComparisonOptions opt;
  opt.seeds = {1, 2};
  opt.variants = {Variant::MRSNN, Variant::HeNHoS};
  opt.journal = dir / "runs.jsonl";
  opt.label = "mc";
  const Comparison full = run_comparison(small_net(), task, opt);
  EXPECT_EQ(calls.load(), 4);
  // Keep two finished jobs and a torn third line, as after a kill -9 mid-append.
  std::ifstream in(*opt.journal);
  std::string l1, l2, l3;
  std::getline(in, l1);
  std::getline(in, l2);
  std::getline(in, l3);
  in.close();
  std::ofstream(*opt.journal) << l1 << '\n' << l2 << '\n' << l3.substr(0, l3.size() / 2);
  calls = 0;
  const Comparison resumed = run_comparison(small_net(), task, opt);
  EXPECT_EQ(calls.load(), 2);
  EXPECT_EQ(summarize(resumed), summarize(full));
  std::filesystem::remove_all(dir);
}

// Found by fuzzing (docs/reliability.md): a seed that is not a non-negative integer (1e300 would
// be an undefined conversion) or a line that is JSON but not an object is refused naming file:line.
TEST(Comparison, CorruptedJournalLinesAreRefusedNamingTheLine) {
  const auto dir = std::filesystem::temp_directory_path() / "hrsnn_comparison_corrupt";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  ComparisonOptions opt;
  opt.seeds = {1};
  opt.variants = {Variant::MRSNN};
  opt.journal = dir / "runs.jsonl";
  opt.label = "fuzz";
  const TaskFn task = [](const sim::NetworkSpec&, std::uint64_t seed) {
    TaskResult r;
    r.scalars["S"] = static_cast<double>(seed);
    return r;
  };
  for (const char* bad : {R"({"label":"fuzz","variant":"MRSNN","seed":1e300,"scalars":{},"details":{}})",
                          R"({"label":"fuzz","variant":"MRSNN","seed":-1,"scalars":{},"details":{}})",
                          R"({"label":"fuzz","variant":"MRSNN","seed":1,"scalars":{"S":"x"},"details":{}})", "5", "[1]"}) {
    std::ofstream(*opt.journal) << bad << "\n" << R"({"label":"other"})" << "\n";
    try {
      run_comparison(small_net(), task, opt);
      ADD_FAILURE() << "accepted " << bad;
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find("runs.jsonl:1"), std::string::npos) << e.what();
    }
  }
  std::filesystem::remove_all(dir);
}

TEST(Comparison, PairedClaimUsesOneSidedTest) {
  Comparison c;
  c.seeds = {1, 2, 3, 4};
  for (int k = 0; k < 4; ++k) {
    TaskResult a, b;
    a.scalars["m"] = 1.0 + 0.1 * k;
    b.scalars["m"] = 2.0 + 0.1 * k + 0.01 * (k % 2);
    c.results[Variant::MRSNN].push_back(a);
    c.results[Variant::HeNHoS].push_back(b);
  }
  EXPECT_TRUE(paired_claim(c, Variant::HeNHoS, Variant::MRSNN, "m", true)["holds"].get<bool>());
  EXPECT_FALSE(paired_claim(c, Variant::HeNHoS, Variant::MRSNN, "m", false)["holds"].get<bool>());
}

}  // namespace
}  // namespace hrsnn::experiments
