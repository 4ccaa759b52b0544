/// \file runs_jsonl_fuzz.cpp
/// \brief Fuzzes resuming a comparison from its runs.jsonl (experiments::run_comparison with a
/// journal): one variant and one seed with a trivial task, then the summary and claim tests
/// over whatever results the journal supplied.
#include "experiments/comparison.hpp"
#include "fuzz_util.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace hrsnn;
  const auto file = fuzz::scratch() / "runs.jsonl";
  fuzz::write_file(file, std::string_view(reinterpret_cast<const char*>(data), size));
  fuzz::expect_only_input_errors([&] {
    experiments::ComparisonOptions o;
    o.variants = {experiments::Variant::MRSNN};
    o.seeds = {1};
    o.threads = 1;
    o.journal = file;
    o.label = "fuzz";
    const auto task = [](const sim::NetworkSpec&, std::uint64_t seed) {
      experiments::TaskResult r;
      r.scalars["capacity_corrected"] = static_cast<double>(seed);
      r.scalars["S"] = 1.0;
      return r;
    };
    const experiments::Comparison c = experiments::run_comparison(sim::NetworkSpec{}, task, o);
    (void)experiments::summarize(c).dump();
    (void)experiments::test_claims(c).dump();
  });
  return 0;
}
