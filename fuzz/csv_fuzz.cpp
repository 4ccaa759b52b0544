/// \file csv_fuzz.cpp
/// \brief Fuzzes the CSV series reader (a user's time series for `task.kind = "csv"`).
#include "data/csv.hpp"
#include "fuzz_util.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace hrsnn;
  const auto file = fuzz::scratch() / "series.csv";
  fuzz::write_file(file, std::string_view(reinterpret_cast<const char*>(data), size));
  fuzz::expect_only_input_errors([&] { data::read_csv_series(file); });
  return 0;
}
