/// \file ts_fuzz.cpp
/// \brief Fuzzes the UCR/UEA `.ts` reader through the classification loader: the input is a
/// training file, optionally followed by a line "#--test" and the test file (else the same
/// text is both), loaded as experiments::load_ucr loads a data set.
#include "experiments/datasets.hpp"
#include "fuzz_util.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace hrsnn;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto [train, test] = fuzz::split_at_line(text, "#--test");
  if (test.empty()) test = train;
  const auto dir = fuzz::scratch() / "Toy";
  std::filesystem::create_directories(dir);
  fuzz::write_file(dir / "Toy_TRAIN.ts", train);
  fuzz::write_file(dir / "Toy_TEST.ts", test);
  fuzz::expect_only_input_errors([&] { experiments::load_ucr(fuzz::scratch(), "Toy"); });
  return 0;
}
