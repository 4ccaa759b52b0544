/// \file cmd_run.cpp
/// \brief `hrsnn run` and `hrsnn mc`: compare variants on a task over paired seeds.
#include "cli/commands.hpp"
#include "experiments/experiment_runner.hpp"
#include "experiments/report_tables.hpp"
#include "io/config.hpp"

#include <iostream>
#include <memory>

namespace hrsnn::cli {
namespace {

struct RunArgs {
  std::string config;
  std::vector<std::string> sets;
  std::string out;
  bool force = false;
  bool resume = false;
  int threads = 0;
};

int run_experiment(const RunArgs& a, const std::string& command, const std::string& forced_kind) {
  io::Config cfg = a.config.empty() ? io::Config("--set") : io::Config::from_file(a.config);
  if (!forced_kind.empty()) cfg.set("task.kind=\"" + forced_kind + "\"");
  for (const auto& kv : a.sets) cfg.set(kv);
  if (a.threads > 0) cfg.set("experiment.threads=" + std::to_string(a.threads));
  const auto mode = a.resume ? io::ExistingFolder::Resume : a.force ? io::ExistingFolder::Force : io::ExistingFolder::Refuse;
  const experiments::ExperimentOutcome o = experiments::run_experiment_folder(cfg, a.out, mode, command);
  std::cout << experiments::markdown_table(o.summary, experiments::headline_metrics(o.kind)) << '\n';
  for (const auto& cl : o.claims)
    std::cout << cl["id"].get<std::string>() << " " << cl["name"].get<std::string>() << ": " << cl["a"].get<std::string>()
              << " vs " << cl["b"].get<std::string>() << " on " << cl["metric"].get<std::string>()
              << ", p = " << cl.value("p_value", 1.0) << " -> " << (cl["holds"].get<bool>() ? "holds" : "does not hold") << '\n';
  return 0;
}

void add_options(CLI::App* cmd, RunArgs& a) {
  cmd->add_option("--set", a.sets, "Override a config key, e.g. --set network.n=2000 (repeatable)");
  cmd->add_option("--out", a.out, "Run folder to write")->required();
  cmd->add_flag("--force", a.force, "Replace an existing run folder");
  cmd->add_flag("--resume", a.resume, "Continue an interrupted run in --out (finished seeds are kept)");
  cmd->add_option("--threads", a.threads, "Networks simulated at once (default: experiment.threads, 2)")
      ->check(CLI::PositiveNumber);
}

}  // namespace

void add_run_command(CLI::App& app, Action& action) {
  auto a = std::make_shared<RunArgs>();
  CLI::App* cmd = app.add_subcommand(
      "run",
      "Compare MRSNN, HeNHoS, HoNHeS and HeNHeS on a task over paired seeds (docs/configuration.md).\n"
      "Example: hrsnn run examples/lorenz.toml --set network.n=500 --out runs/lorenz");
  cmd->add_option("config", a->config, "TOML config with [task], [experiment], [network], ... (optional: --set alone works)")
      ->check(CLI::ExistingFile);
  add_options(cmd, *a);
  cmd->callback([a, &action] { action = [a] { return run_experiment(*a, "run", ""); }; });

  auto m = std::make_shared<RunArgs>();
  CLI::App* mc = app.add_subcommand(
      "mc",
      "Memory capacity, spiking activity and spike efficiency of the four variants (claims C1–C3).\n"
      "Example: hrsnn mc --set network.n=500 --set experiment.seeds=5 --out runs/mc");
  mc->add_option("config", m->config, "Optional TOML config")->check(CLI::ExistingFile);
  add_options(mc, *m);
  mc->callback([m, &action] { action = [m] { return run_experiment(*m, "mc", "mc"); }; });
}

}  // namespace hrsnn::cli
