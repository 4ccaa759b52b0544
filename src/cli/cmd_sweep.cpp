/// \file cmd_sweep.cpp
/// \brief `hrsnn sweep`: the comparison of `hrsnn run` at every point of a grid of config values.
#include "cli/commands.hpp"
#include "core/error.hpp"
#include "experiments/sweep.hpp"
#include "io/config.hpp"

#include <cstdio>
#include <iostream>
#include <memory>

namespace hrsnn::cli {
namespace {

struct SweepArgs {
  std::string config;
  std::vector<std::string> grids;
  std::vector<std::string> sets;
  std::string out;
  int threads = 0;
  bool dry_run = false;
  bool yes = false;
  bool force = false;
};

std::string duration_text(double seconds) {
  char buf[64];
  if (seconds < 10) std::snprintf(buf, sizeof buf, "%.2g s", seconds);
  else if (seconds < 120) std::snprintf(buf, sizeof buf, "%.0f s", seconds);
  else if (seconds < 7200) std::snprintf(buf, sizeof buf, "%.1f min", seconds / 60);
  else std::snprintf(buf, sizeof buf, "%.1f h", seconds / 3600);
  return buf;
}

int run_sweep_command(const SweepArgs& a) {
  require(a.dry_run || !a.out.empty(), "--out is required (except with --dry-run)");
  const experiments::SweepPlan plan = experiments::plan_sweep_args(a.config, a.grids, a.sets, a.threads, a.yes);
  const std::size_t runs = plan.runs();
  if (a.dry_run) {
    const std::size_t done = a.out.empty() ? 0 : experiments::finished_rows(plan, a.out);
    std::cout << "points: " << plan.points.size() << "\n"
              << "runs: " << runs << " (" << plan.points.size() << " points x " << plan.variants.size() << " variants x "
              << plan.seeds.size() << " seeds)";
    if (done > 0) std::cout << ", " << done << " already in " << a.out;
    std::cout << '\n';
    std::cerr << "hrsnn sweep: timing one run to estimate the cost ...\n";
    const double per_run = experiments::calibrate_seconds_per_run(plan);
    const std::size_t left = runs - done;
    const int threads = std::max(1, std::min<int>(plan.threads, static_cast<int>(std::max<std::size_t>(left, 1))));
    std::cout << "estimate: " << duration_text(per_run * static_cast<double>(left) / threads) << " (" << left
              << " runs x " << duration_text(per_run) << " per run, timed on the first variant and seed of the first"
              << (plan.points.size() > 1 ? " and last points" : " point") << ", / " << threads << " threads)\n";
    return 0;
  }
  const experiments::SweepOutcome o = experiments::run_sweep_folder(plan, a.out, a.force);
  std::cout << "sweep: " << plan.points.size() << " points, " << runs << " runs (" << o.computed << " computed, "
            << runs - o.computed << " already done) -> " << a.out << "/sweep.csv, " << a.out << "/summary.csv\n";
  return 0;
}

}  // namespace

void add_sweep_command(CLI::App& app, Action& action) {
  auto a = std::make_shared<SweepArgs>();
  CLI::App* cmd = app.add_subcommand(
      "sweep",
      "Run the comparison of `hrsnn run` (same variants, same paired seeds) at every point of a grid of\n"
      "config values (docs/sweep.md); rerun with the same --out to continue.\n"
      "Example: hrsnn sweep examples/memory_capacity.toml --grid heterogeneity.stdp_shape=1,3,point --out runs/sweep");
  cmd->footer(
      "\nPoints: the Cartesian product of the axes (the last varies fastest). Axes come from [sweep] in the\n"
      "config, where each key holds a TOML array of values (the way to write values containing commas:\n"
      "lists, law tables), then from --grid. [[sweep.point]] tables list explicit points (crossed with any\n"
      "axes). A key the config does not read, an empty or malformed value, a duplicate key, an experiment.*\n"
      "key or a key also given by --set is refused before any folder is made; so is a grid of more than\n"
      "10000 points without --yes.\n"
      "Resume: rerunning with the same --out keeps the finished point x variant x seed rows (runs.jsonl)\n"
      "and computes the rest; a folder holding a sweep with other settings is refused (--force replaces it).\n"
      "Output: sweep.csv (point, swept keys, variant, seed, every scalar metric), summary.csv (per point x\n"
      "variant: mean, std, n of each metric; per pair of variants: the paired difference and its two-sided\n"
      "paired t-test p-value), run.json, runs.jsonl, log.txt.\n"
      "Example: hrsnn sweep --grid 'heterogeneity.stdp_families=[\"tau_plus\",\"tau_minus\"],[\"eta_plus\",\"eta_minus\"]'\n"
      "           --grid network.n=200,500 --set 'experiment.variants=[\"MRSNN\",\"HoNHeS\"]' --out runs/sweep");
  cmd->add_option("config", a->config, "TOML config (optional), may hold a [sweep] table")->check(CLI::ExistingFile);
  cmd->add_option("--grid", a->grids,
                  "KEY=V1,V2,...: an axis of the grid; values in TOML syntax, bare words are strings; commas inside\n"
                  "[...], {...} or quotes do not split (repeatable; the last axis varies fastest)");
  cmd->add_option("--set", a->sets, "Override a config key at every point, e.g. --set experiment.seeds=5 (repeatable)");
  cmd->add_option("--out", a->out, "Sweep folder to write or continue (required unless --dry-run)");
  cmd->add_option("--threads", a->threads, "Runs simulated at once (default: experiment.threads, 2); no effect on results")
      ->check(CLI::PositiveNumber);
  cmd->add_flag("--dry-run", a->dry_run,
                "Check every point, print the number of points and runs and a time estimate (from timing one run\n"
                "of the first and last points), and run nothing else");
  cmd->add_flag("--yes", a->yes, "Allow a grid of more than 10000 points");
  cmd->add_flag("--force", a->force, "Replace what --out holds (an hrsnn run) instead of continuing it");
  cmd->callback([a, &action] { action = [a] { return run_sweep_command(*a); }; });
}

}  // namespace hrsnn::cli
