/// \file text_fields.hpp
/// \brief Small text helpers shared by the CSV and .ts readers (trimming, splitting, numbers).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hrsnn::data::detail {

/// `s` without leading/trailing spaces, tabs and carriage returns.
std::string_view trim(std::string_view s);

/// Splits `s` at every `sep` (empty fields kept).
std::vector<std::string_view> split(std::string_view s, char sep);

/// The whole of `s` (trimmed) parsed as a double, or nothing if it is not a number.
std::optional<double> parse_double(std::string_view s);

/// `s` without a leading UTF-8 byte-order mark (spreadsheet exports start the first line with one).
std::string_view strip_bom(std::string_view s);

/// `s` in lower case (ASCII).
std::string lower(std::string_view s);

/// "file:line: " prefix for error messages.
std::string where(const std::string& file, std::size_t line);

}  // namespace hrsnn::data::detail
