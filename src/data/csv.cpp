/// \file csv.cpp
/// \brief CSV series reader (rules in csv.hpp).
#include "data/csv.hpp"

#include "core/error.hpp"
#include "data/text_fields.hpp"

#include <cmath>
#include <fstream>
#include <string>
#include <vector>

namespace hrsnn::data {

using detail::where;

tasks::Series read_csv_series(const std::filesystem::path& file) {
  const std::string name = file.string();
  std::ifstream in(file);
  require_file(in.good(), name + ": cannot open CSV file");
  std::vector<double> values;
  std::vector<std::string> names;
  std::size_t cols = 0, rows = 0, line_no = 0;
  bool seen_first = false;
  std::string line;
  while (std::getline(in, line)) {
    ++line_no;
    const std::string_view t = detail::trim(line_no == 1 ? detail::strip_bom(line) : line);
    if (t.empty() || t.front() == '#') continue;
    const auto fields = detail::split(t, ',');
    if (!seen_first) {
      seen_first = true;
      cols = fields.size();
      bool any_number = false;
      for (auto f : fields) any_number |= detail::parse_double(f).has_value();
      if (!any_number) {  // a header: every field is text
        for (auto f : fields) names.emplace_back(detail::trim(f));
        continue;
      }
    }
    require(fields.size() == cols, where(name, line_no) + "expected " + std::to_string(cols) + " fields, found " +
                                       std::to_string(fields.size()));
    for (std::size_t c = 0; c < fields.size(); ++c) {
      const auto v = detail::parse_double(fields[c]);
      require(v.has_value(), where(name, line_no) + "field " + std::to_string(c + 1) + " is not a number: '" +
                                 std::string(detail::trim(fields[c])) + "'");
      require(std::isfinite(*v), where(name, line_no) + "field " + std::to_string(c + 1) + " is NaN or infinite");
      values.push_back(*v);
    }
    ++rows;
  }
  require(rows > 0, name + ": no data rows (empty series)");
  tasks::Series s;
  s.values.resize(static_cast<Eigen::Index>(rows), static_cast<Eigen::Index>(cols));
  for (std::size_t r = 0; r < rows; ++r)
    for (std::size_t c = 0; c < cols; ++c)
      s.values(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(c)) = values[r * cols + c];
  if (names.empty())
    for (std::size_t c = 0; c < cols; ++c) names.push_back(std::string("x").append(std::to_string(c)));  // not "x" + s: GCC 12 -Wrestrict false positive
  s.names = names;
  s.dt_units = 1.0;
  for (Eigen::Index c = 0; c < s.values.cols(); ++c)
    require(s.values.col(c).maxCoeff() > s.values.col(c).minCoeff(),
            name + ": column '" + s.names[static_cast<std::size_t>(c)] + "' is constant (cannot be scaled to [0,1])");
  return s;
}

}  // namespace hrsnn::data
