/// \file csv_table.hpp
/// \brief A strict reader for the CSV files users hand to hrsnn (docs/model.md §9).
///
/// Columns are matched by header name; every row must have the header's field count. Blank
/// lines and lines starting with '#' are skipped, CRLF line ends accepted. Numbers must parse
/// completely and be finite ("nan", "inf" are errors); a blank cell is allowed only in columns
/// declared optional-blank and is read as a quiet NaN. Every error names file and line.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace hrsnn::io {

/// How a column is read.
struct CsvColumnSpec {
  std::string name;          ///< header name
  bool required = true;      ///< absent from the header → error when true
  bool text = false;         ///< kept as text instead of parsed as a number
  bool blank_allowed = false;  ///< a blank cell is read as NaN instead of an error
};

/// The parsed columns of one file, in file order.
class CsvTable {
 public:
  /// Reads `path`; unknown header names and the errors above throw InputError.
  static CsvTable read(const std::filesystem::path& path, const std::vector<CsvColumnSpec>& spec);

  /// Number of data rows.
  std::size_t rows() const { return lines_.size(); }
  /// Whether the header had this column.
  bool has(const std::string& name) const;
  /// Numeric column (NaN where blank); throws if absent.
  const std::vector<double>& numbers(const std::string& name) const;
  /// Text column; throws if absent.
  const std::vector<std::string>& texts(const std::string& name) const;
  /// Line number (1-based) of data row r, for error messages.
  std::size_t line(std::size_t r) const { return lines_[r]; }
  /// "file:line" of data row r.
  std::string where(std::size_t r) const { return path_ + ":" + std::to_string(lines_[r]); }
  /// Integer value of a numeric cell, or InputError naming file, line and column.
  std::int64_t integer(const std::string& name, std::size_t r) const;

 private:
  std::string path_;
  std::vector<std::string> names_;
  std::vector<std::vector<double>> num_;
  std::vector<std::vector<std::string>> txt_;
  std::vector<std::size_t> lines_;
  int index(const std::string& name) const;
};

}  // namespace hrsnn::io
