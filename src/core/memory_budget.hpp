/// \file memory_budget.hpp
/// \brief Refuses, before allocating, work that cannot fit in this machine's memory.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

namespace hrsnn {

/// Bytes of memory this process may still use: MemAvailable of /proc/meminfo (or physical RAM).
std::uint64_t available_memory_bytes();

/// Throws InputError naming `what` when `bytes` exceeds 90 % of the available memory.
void check_memory(double bytes, const std::string& what);

/// Estimates the rows of a CSV file from its size (≥ 8 bytes a row) and checks
/// rows × bytes_per_row against the available memory before the file is parsed.
void check_file_fits(const std::filesystem::path& file, double bytes_per_row);

}  // namespace hrsnn
