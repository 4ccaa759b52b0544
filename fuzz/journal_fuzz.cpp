/// \file journal_fuzz.cpp
/// \brief Fuzzes resuming a BO journal (bo::Journal::resume): the input is the journal file;
/// the configured run has fingerprint "fp" and signature "sig", which the seeds' headers use.
#include "bo/journal.hpp"
#include "fuzz_util.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace hrsnn;
  const auto file = fuzz::scratch() / "journal.jsonl";
  fuzz::write_file(file, std::string_view(reinterpret_cast<const char*>(data), size));
  fuzz::expect_only_input_errors([&] {
    std::vector<bo::Record> records;
    std::string warning;
    bo::JournalHeader h{"fp", "x in [0, 1]", "sig", nlohmann::json::object()};
    bo::Journal::resume(file, h, records, warning);
  });
  return 0;
}
