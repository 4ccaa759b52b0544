#include "data/csv.hpp"

#include "core/error.hpp"
#include "data/test_files.hpp"

#include <gtest/gtest.h>

namespace hrsnn::data {
namespace {

using testing::error_of;
using testing::ScratchDir;

TEST(Csv, ReadsHeaderAndColumns) {
  ScratchDir dir;
  const auto f = dir.write("s.csv", "a, b\n1,2\n# comment\n\n3.5,-4e-1\r\n5,6\n");
  const tasks::Series s = read_csv_series(f);
  ASSERT_EQ(s.values.rows(), 3);
  ASSERT_EQ(s.values.cols(), 2);
  EXPECT_EQ(s.names, (std::vector<std::string>{"a", "b"}));
  EXPECT_DOUBLE_EQ(s.values(1, 1), -0.4);
  EXPECT_DOUBLE_EQ(s.values(2, 0), 5.0);
}

TEST(Csv, HeaderIsOptional) {
  ScratchDir dir;
  const tasks::Series s = read_csv_series(dir.write("s.csv", "1\n2\n+3\n"));
  EXPECT_EQ(s.values.rows(), 3);
  EXPECT_EQ(s.names, (std::vector<std::string>{"x0"}));
}

TEST(Csv, BadInputNamesFileAndLine) {
  ScratchDir dir;
  struct Case {
    const char* text;
    const char* expect;
  };
  const Case cases[] = {
      {"x,y\n1,2\n3,abc\n", "s.csv:3: field 2 is not a number"},
      {"1,2\nnan,2\n", "s.csv:2: field 1 is NaN or infinite"},
      {"1,2\n2,inf\n", "s.csv:2: field 2 is NaN or infinite"},
      {"1,2\n3,4,5\n", "s.csv:2: expected 2 fields, found 3"},
      {"x,y\n", "no data rows"},
      {"", "no data rows"},
      {"x,y\n1,2\n1,3\n", "column 'x' is constant"},
  };
  for (const Case& c : cases) {
    const auto f = dir.write("s.csv", c.text);
    const std::string msg = error_of([&] { read_csv_series(f); });
    EXPECT_NE(msg.find(c.expect), std::string::npos) << "input:\n" << c.text << "message: " << msg;
    EXPECT_THROW(read_csv_series(f), InputError);
  }
  EXPECT_THROW(read_csv_series(dir / "missing.csv"), InputError);
}

}  // namespace
}  // namespace hrsnn::data
