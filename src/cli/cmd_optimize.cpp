#include "cli/cmd_optimize.hpp"
#include "experiments/bo_objectives.hpp"

#include <cstdio>
#include <fstream>
#include <cstdlib>
#include <memory>
#include <iostream>

#include <CLI/CLI.hpp>

#include "bo/config_toml.hpp"
#include "bo/journal.hpp"
#include "bo/mpi_runner.hpp"
#include "bo/objective_registry.hpp"
#include "bo/optimizer.hpp"
#include "bo/report.hpp"
#include "core/error.hpp"
#include "io/config.hpp"
#include "io/run_folder.hpp"

namespace hrsnn::cli {

namespace {

using namespace hrsnn::bo;

/// Everything a run needs, read from the config file once.
struct Setup {
  SearchSpace space;
  BoConfig bo;
  ObjectiveSpec objective;
  std::string objective_name;
  std::filesystem::path run_dir;
  nlohmann::json settings;  ///< what --resume must find unchanged beyond the journal's own checks
};

// A fresh run must not touch a folder whose journal already holds a run (the journal would
// refuse later; refusing first keeps that folder's config.toml and run.json intact).
void refuse_finished_journal(const Setup& s, const OptimizeOptions& o) {
  if (!o.resume) Journal::require_absent(s.run_dir / "journal.jsonl");
}

// `coordinator`: the process that owns the run folder (not an MPI worker, which only evaluates).
Setup load(const OptimizeOptions& o, bool coordinator = true) {
  const std::filesystem::path file = o.config;
  const toml::table root = parse_toml_file(file);
  for (const auto& [k, v] : root) {
    const std::string key(k.str());
    require(key == "space" || key == "bo" || key == "objective",
            file.string() + ":" + std::to_string(v.source().begin.line) + ": unknown section [" + key +
                "] (expected [space], [bo], [objective])");
  }
  const toml::table* obj = root["objective"].as_table();
  require(obj != nullptr, file.string() + ": missing [objective] section");
  const auto name = (*obj)["name"].value<std::string>();
  require(name.has_value(), file.string() + ": [objective] needs name = \"...\"");
  Setup s{SearchSpace{}, BoConfig{}, {}, *name, {}, {}};
  // The journal checks [space] and [bo] on resume; the objective (its network, seeds, task) is
  // checked here. Threads shape no result.
  nlohmann::json objective = io::toml_to_json(*obj);
  objective.erase("threads");
  s.settings = {{"objective", objective}};
  s.run_dir = o.out.empty() ? std::filesystem::path(file.stem().string() + "_run") : std::filesystem::path(o.out);
  if (coordinator) refuse_finished_journal(s, o);  // before the objective's setup, which may run networks
  try {
    s.objective = make_objective(*name, *obj, file.parent_path());
  } catch (const InputError& e) {
    throw InputError(file.string() + ":" + std::to_string((*obj)["name"].node()->source().begin.line) + ": " + e.what());
  }
  if (auto sp = read_space(root, file)) {
    s.space = *sp;
  } else {
    require(s.objective.default_space.has_value(), file.string() + ": [space] is required for objective '" + *name + "'");
    s.space = *s.objective.default_space;
  }
  if (s.objective.default_space) {
    // Built-in benchmarks read parameters x0..x{d-1}: the space must name exactly those.
    const auto& want = s.objective.default_space->params();
    bool same = want.size() == s.space.size();
    for (std::size_t i = 0; same && i < want.size(); ++i) same = s.space.params()[i].name == want[i].name;
    require(same, file.string() + ": objective '" + *name + "' needs parameters x0..x" + std::to_string(want.size() - 1));
  }
  s.bo = read_bo_config(root, file, s.space);
  if (s.objective.use_families) {
    try {
      s.objective.use_families(s.space, s.bo.families);
    } catch (const InputError& e) {
      throw InputError(file.string() + ": " + e.what());
    }
  }
  if (!root["bo"]["maximize"]) s.bo.maximize = s.objective.maximize;  // the objective's own direction
  // The objective's own constraints first, then the config's; all checked before the run folder.
  s.bo.constraints.insert(s.bo.constraints.begin(), s.objective.constraints.begin(), s.objective.constraints.end());
  try {
    validate(s.bo);
    validate_constraints(s.bo.constraints, s.objective.metrics);
    if (s.objective.metrics) {
      for (const auto& m : s.bo.pareto_metrics)
        require(std::find(s.objective.metrics->begin(), s.objective.metrics->end(), m) != s.objective.metrics->end(),
                "[bo.pareto] metrics: '" + m + "' is not a metric this objective reports");
    }
    const auto& rv = s.objective.reference_values;
    if (!s.bo.pareto_metrics.empty() && !rv.empty()) {
      for (const auto& m : s.bo.pareto_metrics)
        require(!s.bo.pareto_reference.empty() || (rv.count(m) && rv.count("objective")),
                "[bo.pareto] reference: give one (the objective has no reference value for '" + m + "')");
      if (!s.bo.pareto_reference.empty() && rv.count("objective")) {
        // A reference the reference network does not reach bounds a box that excludes it: then
        // almost nothing counts, which is a mistake worth stopping for.
        bool inside = s.bo.maximize ? rv.at("objective") > s.bo.pareto_reference[0] : rv.at("objective") < s.bo.pareto_reference[0];
        for (std::size_t k = 0; k < s.bo.pareto_metrics.size(); ++k)
          inside = inside && rv.count(s.bo.pareto_metrics[k]) && rv.at(s.bo.pareto_metrics[k]) < s.bo.pareto_reference[k + 1];
        require(inside, "[bo.pareto] reference: the objective's reference network does not lie inside it, so it dominates "
                        "(almost) nothing; use a worse reference or omit it (default: the reference network, 10 % worse)");
      }
    }
  } catch (const InputError& e) {
    throw InputError(file.string() + ": " + e.what());
  }
  if (o.seed) s.bo.seed = *o.seed;
  return s;
}

std::string hms(double s) {
  const long t = static_cast<long>(s + 0.5);
  char b[32];
  std::snprintf(b, sizeof b, "%02ld:%02ld:%02ld", t / 3600, (t / 60) % 60, t % 60);
  return b;
}

void print_progress(const Record& r, const Progress& p) {
  std::fprintf(stderr, "[%d/%d] eval %d (round %d.%d) %s", p.done, p.budget, r.cand.eval_id, r.cand.round,
               r.cand.index, r.result.ok() ? "ok" : "FAILED");
  if (r.result.ok()) std::fprintf(stderr, " f=%.6g", r.result.objective);
  else std::fprintf(stderr, " (%s)", r.result.error.c_str());
  if (p.best_eval >= 0) std::fprintf(stderr, "  best=%.6g (eval %d)", p.best, p.best_eval);
  std::fprintf(stderr, "  %.2fs  ETA %s\n", r.wall_s, hms(p.eta_s).c_str());
}

int finish(const Setup& s, const RunSummary& sum) {
  io::record_written(s.run_dir, "convergence.csv");
  write_convergence_csv(s.run_dir / "convergence.csv", sum.records, s.bo.maximize);
  int failed = 0;
  double wall = 0.0;
  for (const Record& r : sum.records) {
    failed += !r.result.ok();
    wall += r.wall_s;
  }
  nlohmann::json metrics = {{"evaluations", sum.records.size()}, {"failed", failed}, {"evaluation_seconds", wall},
                            {"objective", s.objective_name}, {"maximize", s.bo.maximize}};
  if (sum.best_index >= 0) {
    metrics["best_eval"] = sum.records[sum.best_index].cand.eval_id;
    metrics["best_objective"] = sum.records[sum.best_index].result.objective;
  }
  if (!s.objective.reference_values.empty()) {
    // The question the search answers (issue 12): does the winner's validation score beat the
    // reference network's (the MRSNN on the same seeds and split) within the constraints?
    metrics["reference"] = s.objective.reference_values;
    if (sum.best_index >= 0 && s.objective.reference_values.count("objective")) {
      const double w = sum.records[sum.best_index].result.objective, r = s.objective.reference_values.at("objective");
      metrics["winner_beats_reference"] = s.bo.maximize ? w > r : w < r;
      std::fprintf(stderr, "winner's validation objective %.6g vs the reference network's %.6g: %s\n", w, r,
                   metrics["winner_beats_reference"].get<bool>() ? "better" : "not better");
    }
  }
  if (!s.bo.constraints.empty()) {
    int feasible = 0;
    for (const Record& r : sum.records) feasible += observed_feasible(s.bo.constraints, r.result);
    nlohmann::json cs = nlohmann::json::array();
    for (const auto& c : s.bo.constraints) cs.push_back(describe(c));
    metrics["constraints"] = cs;
    metrics["feasible_evaluations"] = feasible;
    metrics["winner_rule"] = "best posterior mean with P(feasible) >= " + std::to_string(s.bo.feasibility_probability);
    if (sum.best_index < 0)
      std::fprintf(stderr, "no evaluated point meets the constraints with P(feasible) >= %g (%d of %zu observed feasible)\n",
                   s.bo.feasibility_probability, feasible, sum.records.size());
  }
  if (!s.bo.pareto_metrics.empty() && !sum.records.empty()) {
    std::vector<double> ref = s.bo.pareto_reference;
    std::string rule = "configured ([bo.pareto] reference)";
    if (ref.empty() && !s.objective.reference_values.empty()) {
      // The objective's reference network (the MRSNN), each objective made 10 % worse.
      rule = "the objective's reference network, each value 10 % worse";
      const auto worse = [](double v, bool up) { return up ? v - 0.1 * std::abs(v) : v + 0.1 * std::abs(v); };
      ref.push_back(worse(s.objective.reference_values.at("objective"), s.bo.maximize));
      for (const auto& m : s.bo.pareto_metrics) ref.push_back(worse(s.objective.reference_values.at(m), false));
    }
    if (ref.empty()) {
      rule = "derived: worst value seen + 10 % of the observed range";
      ref = derived_reference(s.bo, sum.records);
    }
    const ParetoSummary ps = pareto_summary(s.bo, sum.records, ref);
    io::record_written(s.run_dir, "pareto.csv");
    io::record_written(s.run_dir, "hypervolume.csv");
    write_pareto_files(s.run_dir, s.bo, sum.records, ps);
    std::vector<int> front_evals;
    for (int i : ps.front) front_evals.push_back(sum.records[static_cast<std::size_t>(i)].cand.eval_id);
    metrics["pareto"] = {{"metrics", s.bo.pareto_metrics}, {"reference", ref}, {"reference_rule", rule},
                         {"front_evals", front_evals}, {"hypervolume", ps.hypervolume.back()}};
    if (s.objective.runnable_config) {
      // Every front point as a runnable config, so a user can pick one.
      io::record_written(s.run_dir, "pareto/");
      std::filesystem::create_directories(s.run_dir / "pareto");
      for (int i : ps.front) {
        const Record& r = sum.records[static_cast<std::size_t>(i)];
        write_best_toml(s.run_dir / "pareto" / ("eval_" + std::to_string(r.cand.eval_id) + ".toml"), r,
                        s.objective.runnable_config(r.cand.params));
      }
    }
    std::fprintf(stderr, "Pareto front: %zu points, hypervolume %.6g -> %s\n", ps.front.size(), ps.hypervolume.back(),
                 (s.run_dir / "pareto.csv").c_str());
  }
  io::record_written(s.run_dir, "metrics.json");
  io::write_json_file(s.run_dir / "metrics.json", metrics);
  if (sum.best_index >= 0) {
    const Record& b = sum.records[sum.best_index];
    io::record_written(s.run_dir, "best.toml");
    write_best_toml(s.run_dir / "best.toml", b, s.objective.runnable_config ? s.objective.runnable_config(b.cand.params) : "");
    std::fprintf(stderr, "best: eval %d objective %.10g -> %s\n", b.cand.eval_id, b.result.objective,
                 (s.run_dir / "best.toml").c_str());
  }
  std::fprintf(stderr, "%s; journal %s\n", sum.message.c_str(), (s.run_dir / "journal.jsonl").c_str());
  return sum.stopped_on_failures ? 3 : 0;
}

// docs/model.md §6: a BO winner is always re-evaluated on fresh seeds and the test split before it
// is reported (RUN/reevaluation.json, RUN/best_config.toml).
void reevaluate_winner(const Setup& s, const OptimizeOptions& o, int rc) {
  if (rc != 0 || !o.reevaluate || !experiments::is_hrsnn_objective(s.objective_name) ||
      !std::filesystem::exists(s.run_dir / "best.toml"))
    return;
  std::fprintf(stderr, "re-evaluating the winner on fresh seeds and the test split...\n");
  const nlohmann::json r = experiments::reevaluate_run(o.config, s.run_dir, o.threads);
  std::fprintf(stderr, "re-evaluation -> %s\n", (s.run_dir / "reevaluation.json").c_str());
  (void)r;
}

// What every command's run folder records: run.json with the command, version, config and
// root seed; the config as given (config.toml, enough to repeat the run with
// `hrsnn optimize RUN/config.toml`); a log. The journal decides fresh vs resumed runs.
std::unique_ptr<io::RunFolder> open_run_folder(const Setup& s, const OptimizeOptions& o) {
  namespace fs = std::filesystem;
  auto run = std::make_unique<io::RunFolder>(
      s.run_dir, "optimize", o.resume ? io::ExistingFolder::Resume : io::ExistingFolder::Refuse, s.settings,
      nlohmann::json{{"config", o.config}, {"objective", s.objective_name}, {"seed", std::to_string(s.bo.seed)},
                     {"budget", s.bo.budget}});
  const fs::path copy = s.run_dir / "config.toml";
  std::error_code ec;
  if (!o.resume && !(fs::exists(copy) && fs::equivalent(copy, o.config, ec))) {
    fs::copy_file(o.config, run->file("config.toml"), fs::copy_options::overwrite_existing, ec);
    require(!ec, copy.string() + ": cannot copy the config: " + ec.message());
  }
  run->file("journal.jsonl");
  run->log(std::string(o.resume ? "resumed" : "started") + " optimize " + o.config + ": objective " +
           s.objective_name + ", budget " + std::to_string(s.bo.budget) + ", seed " + std::to_string(s.bo.seed));
  return run;
}

RunOptions run_options(const Setup& s, const OptimizeOptions& o) {
  std::filesystem::create_directories(s.run_dir);
  RunOptions r;
  r.journal = s.run_dir / "journal.jsonl";
  r.resume = o.resume;
  r.header_extra = {{"objective", s.objective_name}, {"budget", s.bo.budget}, {"config", o.config}};
  if (!o.quiet) r.on_record = print_progress;
  r.on_warning = [](const std::string& w) { std::fprintf(stderr, "warning: %s\n", w.c_str()); };
  return r;
}

}  // namespace

int launcher_world_size() {
  for (const char* v : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_SIZE"})
    if (const char* s = std::getenv(v)) return std::max(1, std::atoi(s));
  return 1;
}

int run_optimize(const OptimizeOptions& o) {
  require(o.threads >= 1, "--threads must be >= 1");
  const Setup s = load(o);
  const auto run = open_run_folder(s, o);
  ThreadEvaluator ev(s.objective.evaluate, o.threads);
  const int rc = finish(s, run_optimization(s.space, s.bo, ev, run_options(s, o)));
  reevaluate_winner(s, o, rc);
  return rc;
}

int run_optimize_mpi(const OptimizeOptions& o, int* argc, char*** argv) {
  int size = 1;
  const int rank = mpi_init(argc, argv, size);
  int rc = 0;
  if (rank == 0) {
    // Any error on the coordinator must still release the workers, or mpirun hangs.
    std::optional<Setup> s;
    MpiEvaluator ev([&s](const ParamMap& p, std::uint64_t seed) { return s->objective.evaluate(p, seed); });
    bool released = false;
    try {
      s.emplace(load(o));
      const auto run = open_run_folder(*s, o);
      const RunSummary sum = run_optimization(s->space, s->bo, ev, run_options(*s, o));
      ev.shutdown();
      released = true;
      rc = finish(*s, sum);
      reevaluate_winner(*s, o, rc);
    } catch (...) {
      if (!released) ev.shutdown();
      mpi_finalize();
      throw;
    }
  } else {
    std::optional<Setup> s;
    try {
      s.emplace(load(o, false));
    } catch (const std::exception&) {
      // rank 0 reports the same error; this worker only waits for its stop message
    }
    mpi_worker_loop(s ? s->objective.evaluate : Objective([](const ParamMap&, std::uint64_t) -> EvalResult {
      throw std::runtime_error("worker could not load the config");
    }));
  }
  mpi_finalize();
  return rc;
}

void add_optimize_command(CLI::App& app) {
  auto opts = std::make_shared<OptimizeOptions>();
  auto seed = std::make_shared<std::uint64_t>(0);
  CLI::App* cmd = app.add_subcommand(
      "optimize",
      "Bayesian optimisation of an objective's parameters (docs/bo.md, docs/bo-hrsnn.md); resumable.\n"
      "Examples: hrsnn optimize examples/optimize_mc.toml --out runs/bo_mc --threads 2\n"
      "          mpirun -np 3 hrsnn optimize examples/optimize_mc.toml --out runs/bo_mc");
  cmd->add_option("config", opts->config, "CONFIG.toml with [space], [bo] (with [[bo.constraint]] and [bo.pareto] if wanted), [objective]")->required();
  cmd->add_option("--out", opts->out, "run folder (default: <config stem>_run)");
  cmd->add_flag("--resume", opts->resume, "continue the journal in the run folder");
  cmd->add_option("--threads", opts->threads, "evaluation threads")->check(CLI::PositiveNumber);
  auto* seed_opt = cmd->add_option("--seed", *seed, "root seed (overrides [bo] seed)");
  cmd->add_flag("--quiet", opts->quiet, "no progress line per evaluation");
  cmd->callback([opts, seed, seed_opt] {
    if (seed_opt->count() > 0) opts->seed = *seed;
    const int rc = launcher_world_size() > 1 ? run_optimize_mpi(*opts) : run_optimize(*opts);
    if (rc != 0) throw CLI::RuntimeError(rc);
  });
}

}  // namespace hrsnn::cli
