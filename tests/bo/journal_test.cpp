#include "bo/journal.hpp"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include <gtest/gtest.h>

#include "bo/optimizer.hpp"
#include "bo_test_util.hpp"
#include "core/error.hpp"

using namespace hrsnn::bo;
using namespace bo_test;

namespace {
const TestFunction kBranin = make_test_function("branin");

RunSummary run(const std::filesystem::path& journal, bool resume, int budget = 16, int q = 2, int threads = 2,
               Objective f = branin_objective(), std::function<void(const std::string&)> warn = {}) {
  ThreadEvaluator ev(std::move(f), threads);
  RunOptions o;
  o.journal = journal;
  o.resume = resume;
  o.on_warning = std::move(warn);
  return run_optimization(kBranin.space(), small_config(budget, q, 21), ev, o);
}

std::size_t count_lines(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::string l;
  std::size_t n = 0;
  while (std::getline(in, l)) n += !l.empty();
  return n;
}

void truncate_to_lines(const std::filesystem::path& p, std::size_t keep, const std::string& torn_tail) {
  std::ifstream in(p);
  std::string l, out;
  for (std::size_t i = 0; i < keep && std::getline(in, l); ++i) out += l + "\n";
  in.close();
  std::ofstream(p, std::ios::trunc) << out << torn_tail;
}
}  // namespace

TEST(Journal, RecordsRoundTripBitExactly) {
  Record r;
  r.cand.round = 3;
  r.cand.index = 1;
  r.cand.eval_id = 17;
  r.cand.seed = 0xFFFFFFFFFFFFFFF1ULL;
  r.cand.unit = Eigen::Vector2d(0.1 + 0.2, 1.0 / 3.0);
  r.cand.params = {{"x0", std::nextafter(1.0, 2.0)}, {"x1", -1e-300}};
  r.result.objective = 0.397887357729739;
  r.result.metrics = {{"m", 2.5}, {"bad", NAN}};
  const Record b = record_from_json(nlohmann::json::parse(record_to_json(r).dump()));
  EXPECT_EQ(b.cand.unit, r.cand.unit);
  EXPECT_EQ(b.cand.params, r.cand.params);
  EXPECT_EQ(b.cand.seed, r.cand.seed);
  EXPECT_EQ(b.result.objective, r.result.objective);
  EXPECT_TRUE(std::isnan(b.result.metrics.at("bad")));
}

TEST(Journal, ResumeAfterTruncationAndTornLineEqualsUninterruptedRun) {
  const auto full = fresh_dir("jfull") / "journal.jsonl";
  run(full, false);
  const auto ref = journal_without_wall(full);
  ASSERT_EQ(ref.size(), 17u);
  for (std::size_t keep : {1u, 4u, 8u, 9u, 12u}) {  // header only, mid-initial, round boundary, mid-round
    const auto part = fresh_dir("jpart") / "journal.jsonl";
    std::filesystem::copy_file(full, part);
    truncate_to_lines(part, keep, "{\"type\":\"eval\",\"round\":2,\"ind");
    std::string warning;
    run(part, true, 16, 2, 2, branin_objective(), [&](const std::string& w) { warning = w; });
    EXPECT_NE(warning.find("torn"), std::string::npos);
    EXPECT_EQ(journal_without_wall(part), ref) << "kept " << keep << " lines";
  }
}

TEST(Journal, RefusesAnotherSpaceOrSettingsAndExistingJournals) {
  const auto p = fresh_dir("jother") / "journal.jsonl";
  run(p, false, 8);
  EXPECT_THROW(run(p, false, 8), hrsnn::InputError);  // no silent overwrite
  SearchSpace other;
  other.add({"x0", -5.0, 10.0});
  other.add({"x1", 0.0, 16.0});
  ThreadEvaluator ev(branin_objective(), 1);
  RunOptions o;
  o.journal = p;
  o.resume = true;
  try {
    run_optimization(other, small_config(8, 2, 21), ev, o);
    FAIL();
  } catch (const hrsnn::InputError& e) {
    EXPECT_NE(std::string(e.what()).find("another search space"), std::string::npos);
  }
  EXPECT_THROW(run_optimization(kBranin.space(), small_config(8, 2, 22), ev, o), hrsnn::InputError);  // seed
  // A larger budget is allowed: it extends the same run.
  EXPECT_EQ(run(p, true, 10).records.size(), 10u);
}

TEST(Journal, KillNineMidRunThenResumeEqualsUninterruptedRun) {
  const auto full = fresh_dir("kfull") / "journal.jsonl";
  const int budget = 24;
  auto slow = [](const ParamMap& p, std::uint64_t s) {
    ::usleep(20000);
    return branin_objective()(p, s);
  };
  run(full, false, budget, 2, 2, slow);
  const auto killed = fresh_dir("kkill") / "journal.jsonl";
  const pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    try {
      run(killed, false, budget, 2, 2, slow);
    } catch (...) {
      ::_exit(3);
    }
    ::_exit(0);
  }
  while (count_lines(killed) < 14) std::this_thread::sleep_for(std::chrono::milliseconds(2));
  ::kill(pid, SIGKILL);
  int status = 0;
  ::waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status)) << "the child finished before it was killed";
  const std::size_t survived = count_lines(killed);
  EXPECT_LT(survived, static_cast<std::size_t>(budget + 1));
  const auto before = journal_without_wall(killed);
  const RunSummary s = run(killed, true, budget, 2, 2, slow);
  const auto after = journal_without_wall(killed);
  ASSERT_EQ(after, journal_without_wall(full));
  // Nothing finished before the kill was lost or evaluated again.
  for (std::size_t i = 0; i < before.size(); ++i) EXPECT_EQ(after[i], before[i]);
  EXPECT_EQ(s.records.size(), static_cast<std::size_t>(budget));
}

// Found by fuzzing (docs/reliability.md): a header that is JSON but not an object, and integer
// fields given as doubles out of their type's range, are input errors naming file:line — never
// a json exception escaping or an undefined narrowing conversion.
TEST(Journal, MalformedHeaderOrOutOfRangeIntegersAreInputErrorsNamingTheLine) {
  const auto dir = fresh_dir("jfuzz");
  const JournalHeader h{"fp", "space", "sig", nlohmann::json::object()};
  auto resume_error = [&](const std::string& text) {
    const auto p = dir / "journal.jsonl";
    std::ofstream(p) << text;
    std::vector<Record> records;
    std::string warning;
    try {
      Journal::resume(p, h, records, warning);
    } catch (const hrsnn::InputError& e) {
      return std::string(e.what());
    }
    return std::string("(no error)");
  };
  for (const char* header : {"\"x\"\n", "5\n", "[]\n", "{\"type\": 5, \"format\": \"hrsnn-bo-journal/1\"}\n"})
    EXPECT_NE(resume_error(header).find("journal.jsonl:1"), std::string::npos) << header;
  const std::string good =
      "{\"type\":\"header\",\"format\":\"hrsnn-bo-journal/1\",\"fingerprint\":\"fp\",\"space\":\"space\",\"signature\":\"sig\",\"extra\":{}}\n";
  const std::string eval = R"({"type":"eval","round":ROUND,"index":0,"eval":0,"seed":SEED,"unit":[0.5],"params":{"x":1.0},"status":"ok","objective":1.0,"metrics":{},"error":"","wall_s":0.1})";
  auto line = [&](const std::string& round, const std::string& seed) {
    std::string l = eval;
    l.replace(l.find("ROUND"), 5, round);
    l.replace(l.find("SEED"), 4, seed);
    return l + "\n";
  };
  EXPECT_EQ(resume_error(good + line("0", "7")), "(no error)");
  for (const auto& [round, seed] : std::vector<std::pair<std::string, std::string>>{
           {"1e300", "7"}, {"3000000000", "7"}, {"-3000000000", "7"}, {"0", "1e300"}, {"0", "-1"}, {"0.5", "7"}}) {
    const std::string e = resume_error(good + line(round, seed));
    EXPECT_NE(e.find("journal.jsonl:2"), std::string::npos) << round << " " << seed << ": " << e;
  }
}
