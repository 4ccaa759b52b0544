/// \file csv.hpp
/// \brief Reader for a user's time series stored as CSV (one column per dimension).
#pragma once

#include "tasks/series.hpp"

#include <filesystem>

namespace hrsnn::data {

/// Reads a CSV series: comma-separated, one row per sample, one column per dimension.
/// The first line is a header when none of its fields is a number (names default to
/// "x0", "x1", ...). Blank lines and lines starting with '#' are skipped. Throws InputError
/// naming file and line for a non-numeric field, NaN/inf, a wrong field count, no data rows,
/// or a constant column. `dt_units` of the result is 1.
tasks::Series read_csv_series(const std::filesystem::path& file);

}  // namespace hrsnn::data
