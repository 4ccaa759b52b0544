/// \file sweep.hpp
/// \brief `hrsnn sweep`: the same paired comparison as `hrsnn run` at every point of a grid of
/// config values (docs/sweep.md).
///
/// A point is a list of (key, value) overrides applied to the base config after --set. Points
/// come from grid axes (the Cartesian product, first axis slowest) and/or explicit points (each
/// crossed with the axes). Every point runs the same variants and seeds, so differences between
/// points and between variants are paired. All point × variant × seed jobs share one thread pool
/// and one journal (runs.jsonl, label "sweep", with the point's index and label), so a rerun in
/// the same folder computes only the missing rows and the numbers never depend on the thread count.
#pragma once

#include "experiments/comparison.hpp"
#include "experiments/task_config.hpp"
#include "io/config.hpp"
#include "io/run_folder.hpp"

#include <nlohmann/json.hpp>
#include <toml++/toml.h>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace hrsnn::experiments {

/// A grid larger than this needs an explicit yes (--yes): a typo in a value list multiplies.
inline constexpr std::uint64_t kSweepConfirmPoints = 10000;

/// One swept key and its values, each kept as canonical TOML value text (so it can be applied
/// with Config::set, compared across reruns and printed).
struct SweepAxis {
  std::string key;                  ///< dotted config key, e.g. "heterogeneity.stdp_shape"
  std::vector<std::string> values;  ///< TOML value text, e.g. "3", "\"point\"", "[\"tau_plus\"]"
};

/// One point of a sweep: the overrides that make its config, in axis order.
struct SweepPoint {
  std::vector<std::pair<std::string, std::string>> values;  ///< (key, TOML value text)
  /// "key=value; key=value": unique within a sweep, stored with each journal line.
  std::string label() const;
};

/// What a sweep runs over: grid axes and/or explicit points (an explicit point list is crossed
/// with the axes; without explicit points the grid alone).
struct SweepSpec {
  std::vector<SweepAxis> axes;     ///< [sweep] arrays, then --grid, in the order given
  std::vector<SweepPoint> points;  ///< [[sweep.point]] tables
  /// Number of points (saturating at UINT64_MAX), known before anything is expanded.
  std::uint64_t count() const;
  /// Every point in a fixed order: explicit points outermost, then the axes, the last fastest.
  std::vector<SweepPoint> expand() const;
  /// The swept keys in first-seen order (the key columns of the CSV files).
  std::vector<std::string> keys() const;
  /// The spec as JSON, for run.json (a rerun in the folder must give the same).
  nlohmann::json to_json() const;
};

/// Canonical TOML text of a value (strings quoted, floats shortest round-trip, inline arrays and
/// tables); dates throw InputError naming `where`.
std::string toml_value_text(const toml::node& value, const std::string& where);

/// Parses one `--grid KEY=V1,V2,...`: values split at commas outside brackets, braces and
/// quotes, each a TOML value or a bare word (a string, as with --set).
SweepAxis parse_grid_arg(const std::string& arg);

/// Reads a [sweep] table: each key (dotted or nested) holding an array is an axis; `point` is
/// an array of tables, one per explicit point (nested tables flatten to dotted keys; inline
/// tables such as laws are values). `source` names the file in messages.
SweepSpec read_sweep_table(const toml::table& sweep, const std::string& source);

/// Checks what can be checked without a config: key syntax, empty value lists, repeated keys or
/// values, overlapping keys, keys a sweep must not vary (experiment.*: seeds and variants are
/// what points are compared over), and keys also given by --set (`set_keys`).
void check_sweep_spec(const SweepSpec& spec, const std::vector<std::string>& set_keys);

/// A sweep ready to run: every point's config read and checked (so bad input fails before any
/// folder is made) and its experiment built.
struct SweepPlan {
  std::vector<SweepPoint> points;            ///< in SweepSpec::expand order
  std::vector<Experiment> experiments;       ///< one per point
  std::vector<std::string> keys;             ///< SweepSpec::keys
  std::vector<Variant> variants;             ///< the same at every point
  std::vector<std::uint64_t> seeds;          ///< the same at every point
  int threads = 1;                           ///< jobs run at once
  std::string kind;                          ///< task kind (of the first point)
  nlohmann::json settings;                   ///< what shapes the results, for run.json
  /// point × variant × seed.
  std::size_t runs() const { return points.size() * variants.size() * seeds.size(); }
};

/// Makes the base config of a point: the file (without [sweep]) with --set applied. A fresh one
/// per point, since a copied Config loses the line numbers its messages give.
using BaseConfig = std::function<io::Config()>;

/// Builds the plan: each point's overrides go on a fresh base config. More than
/// kSweepConfirmPoints points without `yes` throws InputError naming the size; an error in a
/// point's config is reported with the point's label.
SweepPlan plan_sweep(const BaseConfig& base, const SweepSpec& spec, const std::vector<std::string>& set_keys,
                     int threads, bool yes);

/// The plan of `hrsnn sweep`'s arguments: the config file (empty: none; its [sweep] table read
/// as axes and points, then removed), the --grid axes after the table's, and the --set
/// assignments on every point's base config. `source` names the config in messages when there is
/// no file. Used by the CLI and the Python package alike.
SweepPlan plan_sweep_args(const std::string& config_file, const std::vector<std::string>& grids,
                          const std::vector<std::string>& sets, int threads, bool yes, const std::string& source = "--set");

/// One row of sweep.csv.
struct SweepRow {
  std::size_t point = 0;  ///< index into SweepPlan::points
  Variant variant = Variant::MRSNN;  ///< variant
  std::uint64_t seed = 0;            ///< seed
  TaskResult result;                 ///< its measures
};

/// All rows of a sweep in point, variant, seed order, and how many were computed now.
struct SweepOutcome {
  std::vector<SweepRow> rows;  ///< point-major, then variant (plan order), then seed
  std::size_t computed = 0;    ///< rows run by this call (the rest came from the journal)
};

/// Runs every row not in `journal` (when given) on plan.threads threads, appending each finished
/// row to it; `progress(done, total, what)` after each row.
SweepOutcome run_sweep(const SweepPlan& plan, const std::optional<std::filesystem::path>& journal,
                       const std::function<void(int, int, const std::string&)>& progress = {});

/// sweep.csv: point, the swept keys, variant, seed, then every scalar metric (sorted by name).
void write_sweep_csv(const std::filesystem::path& file, const SweepPlan& plan, const SweepOutcome& outcome);

/// summary.csv: per point × variant the mean, std and n of each metric (empty `minus`), and per
/// pair of variants (a after b in plan order) the paired difference a − b over seeds with a
/// two-sided paired t-test p-value (`minus` = b).
void write_sweep_summary_csv(const std::filesystem::path& file, const SweepPlan& plan, const SweepOutcome& outcome);

/// Runs the plan into folder `out`: a folder holding a sweep with the same settings is continued
/// (finished rows kept), one with other settings is refused naming the first difference, unless
/// `force` (start again). Writes run.json, runs.jsonl, sweep.csv, summary.csv and log.txt.
SweepOutcome run_sweep_folder(const SweepPlan& plan, const std::filesystem::path& out, bool force);

/// Rows `out` already holds for this plan (0 when there is no such folder), for --dry-run.
std::size_t finished_rows(const SweepPlan& plan, const std::filesystem::path& out);

/// Seconds one run takes, timed on the first variant and seed of the first and last points (the
/// mean of the two): the calibration behind --dry-run's estimate.
double calibrate_seconds_per_run(const SweepPlan& plan);

}  // namespace hrsnn::experiments
