#include "experiments/experiment_runner.hpp"

#include "core/error.hpp"
#include "core/progress.hpp"
#include "experiments/report_tables.hpp"
#include "experiments/task_config.hpp"

#include <fstream>
#include <iostream>

namespace hrsnn::experiments {

ExperimentOutcome run_experiment_folder(io::Config& cfg, const std::filesystem::path& out, io::ExistingFolder mode,
                                        const std::string& command) {
  Experiment e = read_experiment(cfg);
  cfg.reject_unknown_keys();
  // Thread counts shape no result (bit-identical at any count), so a resume may change them.
  io::RunFolder run(out, command, mode, cfg.to_json({"experiment.threads"}));
  std::ofstream(run.file("config.toml")) << cfg.dump();
  run.log(e.description + ": " + std::to_string(e.comparison.variants.size()) + " variants x " +
          std::to_string(e.comparison.seeds.size()) + " seeds on " + std::to_string(e.comparison.threads) + " threads");
  e.comparison.journal = run.file("runs.jsonl");
  e.comparison.label = e.kind;
  std::cerr << "hrsnn " << command << ": " << e.description << " -> " << out.string() << '\n';
  Progress bar(e.kind, static_cast<int>(e.comparison.variants.size() * e.comparison.seeds.size()));
  ExperimentOutcome o;
  o.kind = e.kind;
  o.comparison = run_comparison(e.base, e.task, e.comparison, [&](int done, int total, const std::string& what) {
    bar.update(done, what);
    run.log("finished " + what + " (" + std::to_string(done) + "/" + std::to_string(total) + ")");
  });
  o.summary = summarize(o.comparison);
  o.claims = test_claims(o.comparison);
  run.write_json("summary.json", {{"task", e.kind}, {"description", e.description}, {"seeds", o.comparison.seeds},
                                  {"variants", o.summary}});
  run.write_json("claims.json", o.claims);
  nlohmann::json means = nlohmann::json::object();  // metrics.json: the headline means per variant
  for (const auto& [variant, values] : o.summary.items())
    for (const auto& [metric, stats] : values.items()) means[variant][metric] = stats["mean"];
  run.write_json("metrics.json", means);
  write_summary_csv(run.file("summary.csv"), o.summary);
  run.log("done");
  return o;
}

}  // namespace hrsnn::experiments
