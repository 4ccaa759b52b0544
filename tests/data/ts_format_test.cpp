#include "data/ts_format.hpp"

#include "core/error.hpp"
#include "data/test_files.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <set>

namespace hrsnn::data {
namespace {

using testing::error_of;
using testing::ScratchDir;

struct UcrExpectation {
  const char* name;
  std::size_t train, test;
  Eigen::Index length, dims;
  std::vector<std::string> classes;
};

// The table of ../shared/data/README.md; class names as declared in the files' @classLabel.
TEST(UcrArchive, SharedSetsMatchTheDataReadme) {
  const auto root = testing::shared_data_dir() / "ucr";
  ASSERT_TRUE(std::filesystem::is_directory(root))
      << "shared UCR data not found at " << root << "; set HRSNN_DATA_DIR to the shared data folder";
  const UcrExpectation sets[] = {
      {"GunPoint", 50, 150, 150, 1, {"1", "2"}},
      {"ItalyPowerDemand", 67, 1029, 24, 1, {"1", "2"}},
      {"ArrowHead", 36, 175, 251, 1, {"0", "1", "2"}},
      {"BasicMotions", 40, 40, 100, 6, {"Standing", "Running", "Walking", "Badminton"}},
  };
  for (const auto& e : sets) {
    SCOPED_TRACE(e.name);
    const TrainTest tt = load_ts_split(root, e.name);
    EXPECT_EQ(tt.train.size(), e.train);
    EXPECT_EQ(tt.test.size(), e.test);
    EXPECT_EQ(tt.train.class_names, e.classes);
    EXPECT_EQ(tt.test.class_names, e.classes);
    for (const LabelledSet* s : {&tt.train, &tt.test}) {
      EXPECT_EQ(s->labels.size(), s->size());
      std::set<int> seen(s->labels.begin(), s->labels.end());
      EXPECT_EQ(seen.size(), e.classes.size());  // every class occurs in each split
      for (const auto& m : s->series) {
        ASSERT_EQ(m.rows(), e.length);
        ASSERT_EQ(m.cols(), e.dims);
        ASSERT_TRUE(m.allFinite());
      }
    }
  }
  // First value of GunPoint_TRAIN.ts as printed in the file.
  EXPECT_DOUBLE_EQ(read_ts(root / "GunPoint" / "GunPoint_TRAIN.ts").series[0](0, 0), -0.6478854);
}

TEST(TsFormat, MissingValuesAreInterpolatedAndLengthsMayDiffer) {
  ScratchDir dir;
  const auto f = dir.write("x.ts",
                           "# comment\n@ProblemName toy\n@TIMESTAMPS false\n@missing true\n@Univariate false\n"
                           "@dimensions 2\n@equalLength false\n@classLabel true a b\n@DATA\n"
                           "?,1,?,?,4,?:10,20,30,40,50,60:b\n"
                           "1,2,3:4,5,6:a\n");
  const LabelledSet s = read_ts(f);
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s.problem_name, "toy");
  EXPECT_EQ(s.labels, (std::vector<int>{1, 0}));
  EXPECT_EQ(s.source_lines, (std::vector<std::size_t>{10, 11}));
  ASSERT_EQ(s.series[0].rows(), 6);
  ASSERT_EQ(s.series[1].rows(), 3);
  Eigen::VectorXd want(6);
  want << 1, 1, 2, 3, 4, 4;  // leading/trailing gaps take the nearest value, inner gaps linear
  EXPECT_TRUE(s.series[0].col(0).isApprox(want, 1e-15)) << s.series[0].col(0).transpose();
  EXPECT_DOUBLE_EQ(s.series[0](5, 1), 60.0);
}

TEST(TsFormat, UnlabelledAndRegressionFiles) {
  ScratchDir dir;
  const LabelledSet u = read_ts(dir.write("u.ts", "@classLabel false\n@data\n1,2,3\n4,5\n"));
  EXPECT_TRUE(u.labels.empty());
  EXPECT_EQ(u.series[1].rows(), 2);
  const LabelledSet r = read_ts(dir.write("r.ts", "@targetlabel true\n@data\n1,2,3:0.5\n"));
  EXPECT_EQ(r.targets, (std::vector<double>{0.5}));
}

TEST(TsFormat, MalformedFilesAreRejectedWithTheLine) {
  ScratchDir dir;
  const std::string head = "@univariate true\n@classLabel true a b\n@data\n";  // data starts on line 4
  struct Case {
    std::string text, expect;
  };
  const Case cases[] = {
      {head + "1,2:a\n1,2:c\n", "x.ts:5: label 'c' is not declared"},
      {head + "1,2:a\n1,x:b\n", "x.ts:5: dimension 1, value 2 is not a number: 'x'"},
      {head + "1,2:3,4:a\n", "x.ts:4: expected 1 dimensions, found 2"},
      {head + "1,inf:a\n", "x.ts:4: dimension 1, value 2 is infinite"},
      {head + "?,?:a\n", "x.ts:4: a dimension has no observed value"},
      {head + "1,2\n", "x.ts:4: expected dimensions followed by ':' and a label"},
      {"@dimensions 2\n@classLabel true a\n@data\n1,2:3:a\n", "x.ts:4: dimension 2 has 1 values but dimension 1 has 2"},
      {"@equalLength true\n@seriesLength 3\n@classLabel true a\n@data\n1,2,3:a\n1,2:a\n", "x.ts:6: @equalLength true"},
      {"@timeStamps true\n@data\n", "x.ts:1: @timeStamps true is not supported"},
      {"@univariate maybe\n@data\n", "x.ts:1: expected true or false"},
      {"@classLabel true\n@data\n", "x.ts:1: @classLabel true must list"},
      {"@classLabel true a\n1,2:a\n", "x.ts:2: expected a '@' header line"},
      {"@classLabel true a\n", "no @data line"},
      {head, "no series after @data"},
  };
  for (const Case& c : cases) {
    const auto f = dir.write("x.ts", c.text);
    const std::string msg = error_of([&] { read_ts(f); });
    EXPECT_NE(msg.find(c.expect), std::string::npos) << "input:\n" << c.text << "message: " << msg;
    EXPECT_THROW(read_ts(f), InputError);
  }
}

TEST(TsFormat, SplitMapsTestLabelsAndRejectsUnknownOnesAndDimensionMismatch) {
  ScratchDir dir;
  std::filesystem::create_directories(dir / "Toy");
  dir.write("Toy/Toy_TRAIN.ts", "@classLabel true a b\n@data\n1,2:a\n3,4:b\n");
  dir.write("Toy/Toy_TEST.ts", "@classLabel true b a\n@data\n1,2:a\n3,4:b\n");
  const TrainTest tt = load_ts_split(dir.path(), "Toy");
  EXPECT_EQ(tt.test.class_names, tt.train.class_names);
  EXPECT_EQ(tt.test.labels, (std::vector<int>{0, 1}));  // remapped onto the training order

  dir.write("Toy/Toy_TEST.ts", "@classLabel true a c\n@data\n1,2:a\n3,4:c\n");
  std::string msg = error_of([&] { load_ts_split(dir.path(), "Toy"); });
  EXPECT_NE(msg.find("Toy_TEST.ts:4: label 'c' is not a class of the training split"), std::string::npos) << msg;

  dir.write("Toy/Toy_TEST.ts", "@classLabel true a b\n@data\n1,2:3,4:a\n");
  msg = error_of([&] { load_ts_split(dir.path(), "Toy"); });
  EXPECT_NE(msg.find("2 dimensions, but the training split"), std::string::npos) << msg;
  EXPECT_THROW(load_ts_split(dir.path(), "Nope"), InputError);
}

}  // namespace
}  // namespace hrsnn::data
