#include "io/csv_table.hpp"

#include "core/error.hpp"

#include <charconv>
#include <cmath>
#include <fstream>
#include <limits>

namespace hrsnn::io {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

std::string trim(std::string_view s) {
  std::size_t a = 0, b = s.size();
  while (a < b && (s[a] == ' ' || s[a] == '\t')) ++a;
  while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t' || s[b - 1] == '\r')) --b;
  return std::string(s.substr(a, b - a));
}

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (;;) {
    const std::size_t comma = line.find(',', start);
    out.push_back(trim(std::string_view(line).substr(start, comma == std::string::npos ? std::string::npos : comma - start)));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

}  // namespace

int CsvTable::index(const std::string& name) const {
  for (std::size_t k = 0; k < names_.size(); ++k)
    if (names_[k] == name) return static_cast<int>(k);
  return -1;
}

bool CsvTable::has(const std::string& name) const { return index(name) >= 0; }

const std::vector<double>& CsvTable::numbers(const std::string& name) const {
  const int k = index(name);
  HRSNN_REQUIRE(k >= 0, path_ + ": no column '" + name + "'");
  return num_[k];
}

const std::vector<std::string>& CsvTable::texts(const std::string& name) const {
  const int k = index(name);
  HRSNN_REQUIRE(k >= 0, path_ + ": no column '" + name + "'");
  return txt_[k];
}

std::int64_t CsvTable::integer(const std::string& name, std::size_t r) const {
  const double x = numbers(name)[r];
  HRSNN_REQUIRE(std::isfinite(x) && x == std::floor(x) && std::abs(x) < 9e15,
          where(r) + ": column '" + name + "' must be an integer");
  return static_cast<std::int64_t>(x);
}

CsvTable CsvTable::read(const std::filesystem::path& path, const std::vector<CsvColumnSpec>& spec) {
  CsvTable t;
  t.path_ = path.string();
  std::ifstream in(path, std::ios::binary);
  if (!in.good()) throw MissingFileError(t.path_ + ": cannot open file");
  std::string line;
  std::size_t lineno = 0;
  std::vector<const CsvColumnSpec*> col_spec;
  bool have_header = false;
  while (std::getline(in, line)) {
    ++lineno;
    // Spreadsheet exports start with a UTF-8 byte-order mark; it is not part of the first name.
    if (lineno == 1 && line.starts_with(kUtf8Bom)) line.erase(0, kUtf8Bom.size());
    const std::string body = trim(line);
    if (body.empty() || body[0] == '#') continue;
    std::vector<std::string> fields = split(body);
    if (!have_header) {
      for (const std::string& name : fields) {
        const CsvColumnSpec* found = nullptr;
        for (const auto& s : spec)
          if (s.name == name) found = &s;
        if (!found) {
          std::string expected;
          for (const auto& s : spec) expected += (expected.empty() ? "" : ",") + s.name;
          throw InputError(t.path_ + ":" + std::to_string(lineno) + ": unknown column '" + name + "' (expected " + expected + ")");
        }
        HRSNN_REQUIRE(t.index(name) < 0, t.path_ + ":" + std::to_string(lineno) + ": column '" + name + "' appears twice");
        t.names_.push_back(name);
        col_spec.push_back(found);
      }
      for (const auto& s : spec)
        HRSNN_REQUIRE(!s.required || t.index(s.name) >= 0,
                t.path_ + ":" + std::to_string(lineno) + ": missing column '" + s.name + "'");
      t.num_.resize(t.names_.size());
      t.txt_.resize(t.names_.size());
      have_header = true;
      continue;
    }
    const std::string at = t.path_ + ":" + std::to_string(lineno);
    HRSNN_REQUIRE(fields.size() == t.names_.size(), at + ": expected " + std::to_string(t.names_.size()) +
                                                  " fields, found " + std::to_string(fields.size()));
    for (std::size_t k = 0; k < fields.size(); ++k) {
      const std::string& f = fields[k];
      if (col_spec[k]->text) {
        t.txt_[k].push_back(f);
        continue;
      }
      if (f.empty()) {
        HRSNN_REQUIRE(col_spec[k]->blank_allowed, at + ": column '" + t.names_[k] + "' is blank");
        t.num_[k].push_back(std::numeric_limits<double>::quiet_NaN());
        continue;
      }
      double x = 0.0;
      const char* end = f.data() + f.size();
      auto [ptr, ec] = std::from_chars(f.data(), end, x);
      HRSNN_REQUIRE(ec == std::errc() && ptr == end, at + ": column '" + t.names_[k] + "': '" + f + "' is not a number");
      HRSNN_REQUIRE(std::isfinite(x), at + ": column '" + t.names_[k] + "': '" + f + "' is not finite");
      t.num_[k].push_back(x);
    }
    t.lines_.push_back(lineno);
  }
  HRSNN_REQUIRE(have_header, t.path_ + ": file is empty (no header row)");
  return t;
}

}  // namespace hrsnn::io
