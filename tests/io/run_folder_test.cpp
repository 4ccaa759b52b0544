// Run folders: a manifest of what hrsnn wrote, --force removes only that, --resume refuses
// another command or other settings, a failed command removes what it made.
#include "core/error.hpp"
#include "io/run_folder.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <functional>
#include <stdexcept>

namespace hrsnn::io {
namespace {
namespace fs = std::filesystem;

class RunFolderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("hrsnn_run_folder_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
                                         "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(root_);
  }
  void TearDown() override { fs::remove_all(root_); }
  static void write(const fs::path& p, const std::string& text) {
    fs::create_directories(p.parent_path());
    std::ofstream(p) << text;
  }
  static std::string error_of(const std::function<void()>& f) {
    try {
      f();
    } catch (const InputError& e) {
      return e.what();
    }
    return "";
  }
  fs::path root_;
};

TEST_F(RunFolderTest, ManifestListsWhatHrsnnWrote) {
  const fs::path dir = root_ / "run";
  {
    RunFolder run(dir, "simulate", ExistingFolder::Refuse, {{"n", 10}});
    std::ofstream(run.file("spikes.csv")) << "x\n";
    run.write_json("metrics.json", {{"spikes", 1}});
  }
  const std::vector<std::string> names = written_names(dir);
  for (const char* f : {"log.txt", "run.json", "spikes.csv", "metrics.json"})
    EXPECT_NE(std::find(names.begin(), names.end(), f), names.end()) << f;
  EXPECT_EQ(std::count(names.begin(), names.end(), "spikes.csv"), 1);
}

TEST_F(RunFolderTest, ForceRemovesOnlyWhatHrsnnWroteAndKeepsTheRest) {
  const fs::path dir = root_ / "run";
  {
    RunFolder run(dir, "simulate", ExistingFolder::Refuse);
    std::ofstream(run.file("spikes.csv")) << "x\n";
  }
  write(dir / "thesis.tex", "\\documentclass{article}\n");
  write(dir / "notes" / "a.txt", "mine\n");
  {
    RunFolder run(dir, "simulate", ExistingFolder::Force);
    std::ofstream(run.file("weights.csv")) << "w\n";
  }
  EXPECT_TRUE(fs::exists(dir / "thesis.tex"));
  EXPECT_TRUE(fs::exists(dir / "notes" / "a.txt"));
  EXPECT_FALSE(fs::exists(dir / "spikes.csv"));
  EXPECT_TRUE(fs::exists(dir / "weights.csv"));
  EXPECT_TRUE(fs::exists(dir / "run.json"));
}

TEST_F(RunFolderTest, ForceRecursesIntoRecordedSubfoldersOnly) {
  const fs::path dir = root_ / "top";
  {
    RunFolder top(dir, "reproduce", ExistingFolder::Refuse);
    top.record_subfolder("step");
    RunFolder step(dir / "step", "reproduce", ExistingFolder::Refuse);
    std::ofstream(step.file("runs.jsonl")) << "{}\n";
  }
  write(dir / "step" / "mine.txt", "keep\n");
  write(dir / "other" / "x.txt", "keep\n");
  const std::vector<std::string> kept = clear_written(dir);
  EXPECT_TRUE(fs::exists(dir / "step" / "mine.txt"));
  EXPECT_FALSE(fs::exists(dir / "step" / "runs.jsonl"));
  EXPECT_FALSE(fs::exists(dir / "run.json"));
  EXPECT_TRUE(fs::exists(dir / "other" / "x.txt"));
  EXPECT_EQ(kept, (std::vector<std::string>{"other/x.txt", "step/mine.txt"}));
}

TEST_F(RunFolderTest, ForceRefusesAFolderWithoutRunOrManifest) {
  write(root_ / "mine" / "thesis.tex", "x");
  EXPECT_NE(error_of([&] { RunFolder r(root_ / "mine", "simulate", ExistingFolder::Force); }).find("no run.json"),
            std::string::npos);
  write(root_ / "old" / "run.json", R"({"command": "simulate", "version": "0.1.0"})");
  EXPECT_NE(error_of([&] { RunFolder r(root_ / "old", "simulate", ExistingFolder::Force); }).find("manifest"),
            std::string::npos);
  EXPECT_TRUE(fs::exists(root_ / "mine" / "thesis.tex"));
  EXPECT_TRUE(fs::exists(root_ / "old" / "run.json"));
}

TEST_F(RunFolderTest, ResumeRefusesAnotherCommandOrOtherSettings) {
  const fs::path dir = root_ / "run";
  { RunFolder r(dir, "simulate", ExistingFolder::Refuse, {{"network", {{"n", 100}}}}); }
  const std::string other = error_of([&] { RunFolder r(dir, "run", ExistingFolder::Resume, {{"network", {{"n", 100}}}}); });
  EXPECT_NE(other.find("hrsnn simulate"), std::string::npos) << other;
  const std::string diff = error_of([&] { RunFolder r(dir, "simulate", ExistingFolder::Resume, {{"network", {{"n", 200}}}}); });
  EXPECT_NE(diff.find("network.n: 100 in the run, 200 now"), std::string::npos) << diff;
  EXPECT_EQ(error_of([&] { RunFolder r(dir, "simulate", ExistingFolder::Resume, {{"network", {{"n", 100}}}}); }), "");
}

TEST_F(RunFolderTest, FirstDifferenceNamesTheKey) {
  const nlohmann::json a = {{"task", {{"kind", "mc"}, {"horizons", {1, 10}}}}, {"seed", 1}};
  nlohmann::json b = a;
  EXPECT_EQ(first_difference(a, b), "");
  b["task"]["horizons"][1] = 20;
  EXPECT_EQ(first_difference(a, b), "task.horizons[1]: 10 in the run, 20 now");
  b = a;
  b["extra"] = true;
  EXPECT_EQ(first_difference(a, b), "extra: (absent) in the run, true now");
}

TEST_F(RunFolderTest, FailureBeforeAnyResultRemovesWhatTheCommandMade) {
  const fs::path dir = root_ / "run";
  EXPECT_THROW(
      {
        RunFolder r(dir, "mc", ExistingFolder::Refuse);
        std::ofstream(r.file("config.toml")) << "x = 1\n";
        throw std::runtime_error("bad input found late");
      },
      std::runtime_error);
  EXPECT_FALSE(fs::exists(dir));
  // A folder that already had results keeps them (and its log) for --resume.
  EXPECT_THROW(
      {
        RunFolder r(dir, "mc", ExistingFolder::Refuse);
        std::ofstream(r.file("runs.jsonl")) << "{}\n";
        throw std::runtime_error("interrupted");
      },
      std::runtime_error);
  EXPECT_TRUE(fs::exists(dir / "runs.jsonl"));
  EXPECT_TRUE(fs::exists(dir / "run.json"));
}

TEST_F(RunFolderTest, FailureInAForcedFolderKeepsTheUsersFiles) {
  const fs::path dir = root_ / "run";
  { RunFolder r(dir, "mc", ExistingFolder::Refuse); }
  write(dir / "thesis.tex", "x");
  EXPECT_THROW(
      {
        RunFolder r(dir, "mc", ExistingFolder::Force);
        throw std::runtime_error("late");
      },
      std::runtime_error);
  EXPECT_TRUE(fs::exists(dir / "thesis.tex"));
  EXPECT_FALSE(fs::exists(dir / "run.json"));
}

}  // namespace
}  // namespace hrsnn::io
