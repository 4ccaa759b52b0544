/// \file memory_budget.hpp
/// \brief Refuses, before allocating, work that cannot fit in the memory this process may use.
///
/// The budget is the smallest of: the machine's MemAvailable, the room left under the
/// process's memory cgroup (v2 memory.max or v1 memory.limit_in_bytes, minus current usage),
/// and the room left under its address-space limit (`ulimit -v`, minus the current VmSize).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace hrsnn {

/// The memory figures the budget is made of (bytes; absent = no such limit).
struct MemoryLimits {
  std::uint64_t mem_available = 0;             ///< MemAvailable of /proc/meminfo (or physical RAM)
  std::optional<std::uint64_t> cgroup_limit;   ///< memory.max / memory.limit_in_bytes
  std::uint64_t cgroup_usage = 0;              ///< memory.current / memory.usage_in_bytes
  std::optional<std::uint64_t> address_limit;  ///< RLIMIT_AS (ulimit -v)
  std::uint64_t address_used = 0;              ///< VmSize of /proc/self/status
};

/// A budget in bytes and the limit that sets it ("MemAvailable", "cgroup memory limit", "ulimit -v").
struct MemoryBudget {
  std::uint64_t bytes = 0;  ///< bytes this process may still allocate
  std::string source;       ///< which limit is the smallest
};

/// Reads the limits of this process from /proc, /sys/fs/cgroup and getrlimit.
MemoryLimits read_memory_limits();

/// The smallest room left under any of `limits`.
MemoryBudget memory_budget(const MemoryLimits& limits);

/// Bytes of memory this process may still use (memory_budget of read_memory_limits).
std::uint64_t available_memory_bytes();

/// Throws InputError naming `what` when `bytes` exceeds 90 % of the memory budget.
void check_memory(double bytes, const std::string& what);

/// Estimates the rows of a CSV file from its size (≥ 8 bytes a row) and checks
/// rows × bytes_per_row against the available memory before the file is parsed.
void check_file_fits(const std::filesystem::path& file, double bytes_per_row);

}  // namespace hrsnn
