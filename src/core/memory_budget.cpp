#include "core/memory_budget.hpp"

#include "core/error.hpp"

#include <fstream>
#include <sstream>
#include <unistd.h>

namespace hrsnn {

std::uint64_t available_memory_bytes() {
  std::ifstream in("/proc/meminfo");
  std::string key;
  std::uint64_t kb = 0;
  std::string unit;
  while (in >> key >> kb >> unit)
    if (key == "MemAvailable:") return kb * 1024ULL;
  return static_cast<std::uint64_t>(sysconf(_SC_PHYS_PAGES)) * static_cast<std::uint64_t>(sysconf(_SC_PAGE_SIZE));
}

void check_memory(double bytes, const std::string& what) {
  const double avail = static_cast<double>(available_memory_bytes());
  if (bytes > 0.9 * avail) {
    std::ostringstream s;
    s.precision(3);
    s << what << " needs about " << bytes / 1e9 << " GB but only " << avail / 1e9
      << " GB of memory are available; reduce the network size or connection probability";
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
