/// \file comparison.hpp
/// \brief Paired comparison of variants over seeds: parallel, resumable, with claim tests.
///
/// Jobs (variant, seed) are independent networks, so they run on N threads and give the same
/// numbers whatever N. Each finished job is appended (flush + fsync) to runs.jsonl in the run
/// folder; a resumed comparison reads it and runs only what is missing.
/// Claims (docs/model.md §1, §7), one-sided paired t-tests over seeds, p < 0.05:
///   C1 capacity-up:   C(HeNHoS) > C(MRSNN)
///   C2 spikes-down:   S(HoNHeS) < S(MRSNN), and mean C(HoNHeS) within 5 % of C(MRSNN)
///   C3 efficiency-up: E(HeNHeS) > E(MRSNN)
#pragma once

#include "experiments/task_result.hpp"
#include "experiments/variant.hpp"
#include "sim/network_spec.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <vector>

namespace hrsnn::experiments {

/// One network of one variant and seed → its measures.
using TaskFn = std::function<TaskResult(const sim::NetworkSpec& spec, std::uint64_t seed)>;

/// What to compare and how.
struct ComparisonOptions {
  std::vector<Variant> variants = all_variants();
  std::vector<std::uint64_t> seeds = {1, 2, 3, 4, 5};
  int threads = 1;
  HeterogeneityShapes shapes;
  std::optional<std::filesystem::path> journal;  ///< runs.jsonl to append to / resume from
  std::string label;                             ///< e.g. "mc/N=500", stored with each job
};

/// Results per variant, in seed order.
struct Comparison {
  std::map<Variant, std::vector<TaskResult>> results;
  std::vector<std::uint64_t> seeds;
};

/// One finished job read back from a run journal (runs.jsonl).
struct JournalEntry {
  std::string variant;  ///< variant name as written
  std::uint64_t seed;   ///< seed
  TaskResult result;    ///< the job's measures
  nlohmann::json line;  ///< the whole line, for fields other callers add (e.g. a sweep's point)
};

/// The finished jobs of `label` in `file` (empty when it does not exist). A torn last line (a
/// crash in mid-append) is cut off first, with a warning; any other damaged line throws
/// InputError naming file:line, since recomputing it silently would hide the damage.
std::vector<JournalEntry> read_journal(const std::filesystem::path& file, const std::string& label);

/// A journal line for one finished job; callers may add fields before appending it.
nlohmann::json journal_line(const std::string& label, Variant v, std::uint64_t seed, const TaskResult& r);

/// Appends one line durably (one write + fsync), so a kill loses at most the line in flight.
void append_journal(const std::filesystem::path& file, const nlohmann::json& line);

/// Runs every (variant, seed) not already in the journal; `progress(done, total, line)` is
/// called after each job.
Comparison run_comparison(const sim::NetworkSpec& base, const TaskFn& task, const ComparisonOptions& options,
                          const std::function<void(int, int, const std::string&)>& progress = {});

/// Mean ± std of every scalar per variant: {variant: {metric: {mean, std, n, values}}}.
nlohmann::json summarize(const Comparison& c);

/// A paired one-sided t-test of a against b (same seeds, same order), as JSON: {a, b, metric,
/// alternative, n, mean_a, std_a, mean_b, std_b, t, p_value, holds (p < 0.05)}; holds is false
/// with a note when fewer than two pairs are finite.
nlohmann::json paired_test(const std::vector<double>& a, const std::vector<double>& b, const std::string& name_a,
                           const std::string& name_b, const std::string& metric, bool greater);

/// A paired one-sided test of metric a (variant va) against b (variant vb): {mean_a, mean_b,
/// std_a, std_b, t, p_value, holds}; `greater` selects the alternative a > b.
nlohmann::json paired_claim(const Comparison& c, Variant va, Variant vb, const std::string& metric, bool greater);

/// The claims C1–C3 that the comparison supports (needs MRSNN and the variant each names).
nlohmann::json test_claims(const Comparison& c);

}  // namespace hrsnn::experiments
