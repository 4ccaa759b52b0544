#include "core/memory_budget.hpp"

#include "core/error.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace hrsnn {
namespace {

// A number in a one-line kernel file; nothing for "max", a missing file or a "no limit" value
// (cgroup v1 reports an unlimited group as a page-rounded 2^63).
std::optional<std::uint64_t> read_number(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::string text;
  if (!(in >> text) || text == "max") return std::nullopt;
  try {
    const unsigned long long v = std::stoull(text);
    if (v >= (1ULL << 62)) return std::nullopt;
    return v;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

// The kB figure after `key` in a /proc file of "Key: value kB" lines.
std::optional<std::uint64_t> proc_kb(const char* file, const std::string& key) {
  std::ifstream in(file);
  std::string k, unit;
  std::uint64_t kb = 0;
  for (std::string line; std::getline(in, line);) {
    std::istringstream s(line);
    if (s >> k >> kb && k == key) return kb * 1024ULL;
  }
  return std::nullopt;
}

// This process's cgroup path for `controller` ("" = the unified v2 hierarchy) from /proc/self/cgroup.
std::string cgroup_path(const std::string& controller) {
  std::ifstream in("/proc/self/cgroup");
  for (std::string line; std::getline(in, line);) {
    const std::size_t a = line.find(':'), b = line.find(':', a + 1);
    if (a == std::string::npos || b == std::string::npos) continue;
    const std::string names = line.substr(a + 1, b - a - 1);
    if (controller.empty() ? names.empty() : ("," + names + ",").find("," + controller + ",") != std::string::npos)
      return line.substr(b + 1);
  }
  return "/";
}

// The tightest (limit, usage) along the group's path and the mount root; in a container the
// mount root often is the group itself, so both are tried.
void tightest_cgroup(const std::filesystem::path& mount, const std::string& group, const char* limit_file,
                     const char* usage_file, MemoryLimits& out) {
  for (std::filesystem::path rel = std::filesystem::path(group).relative_path();; rel = rel.parent_path()) {
    const std::filesystem::path dir = mount / rel;
    if (const auto limit = read_number(dir / limit_file)) {
      const std::uint64_t usage = read_number(dir / usage_file).value_or(0);
      const auto room = [](std::uint64_t l, std::uint64_t u) { return l > u ? l - u : 0; };
      if (!out.cgroup_limit || room(*limit, usage) < room(*out.cgroup_limit, out.cgroup_usage)) {
        out.cgroup_limit = limit;
        out.cgroup_usage = usage;
      }
    }
    if (rel.empty()) break;
  }
}

}  // namespace

MemoryLimits read_memory_limits() {
  MemoryLimits m;
  m.mem_available = proc_kb("/proc/meminfo", "MemAvailable:").value_or(
      static_cast<std::uint64_t>(sysconf(_SC_PHYS_PAGES)) * static_cast<std::uint64_t>(sysconf(_SC_PAGE_SIZE)));
  tightest_cgroup("/sys/fs/cgroup", cgroup_path(""), "memory.max", "memory.current", m);
  tightest_cgroup("/sys/fs/cgroup/memory", cgroup_path("memory"), "memory.limit_in_bytes", "memory.usage_in_bytes", m);
  rlimit rl{};
  if (getrlimit(RLIMIT_AS, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY) {
    m.address_limit = static_cast<std::uint64_t>(rl.rlim_cur);
    m.address_used = proc_kb("/proc/self/status", "VmSize:").value_or(0);
  }
  return m;
}

MemoryBudget memory_budget(const MemoryLimits& m) {
  MemoryBudget b{m.mem_available, "MemAvailable"};
  auto room = [](std::uint64_t limit, std::uint64_t used) { return limit > used ? limit - used : 0; };
  if (m.cgroup_limit && room(*m.cgroup_limit, m.cgroup_usage) < b.bytes)
    b = {room(*m.cgroup_limit, m.cgroup_usage), "the cgroup memory limit"};
  if (m.address_limit && room(*m.address_limit, m.address_used) < b.bytes)
    b = {room(*m.address_limit, m.address_used), "the address-space limit (ulimit -v)"};
  return b;
}

std::uint64_t available_memory_bytes() { return memory_budget(read_memory_limits()).bytes; }

void check_memory(double bytes, const std::string& what) {
  const MemoryBudget budget = memory_budget(read_memory_limits());
  const double avail = static_cast<double>(budget.bytes);
  if (bytes > 0.9 * avail) {
    std::ostringstream s;
    s.precision(3);
    s << what << " needs about " << bytes / 1e9 << " GB but only " << avail / 1e9 << " GB of memory are available ("
      << budget.source << "); reduce the network size or connection probability";
    throw InputError(s.str());
  }
}

void check_file_fits(const std::filesystem::path& file, double bytes_per_row) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(file, ec);
  if (ec) return;  // a missing file is reported by the reader with a better message
  check_memory(static_cast<double>(size) / 8.0 * bytes_per_row, file.string());
}

}  // namespace hrsnn
