/// \file experiments.cpp
/// \brief hrsnn._core.run: `hrsnn run` (experiments::run_experiment_folder), results as Python.
#include "convert.hpp"
#include "experiments/experiment_runner.hpp"
#include "experiments/sweep.hpp"
#include "experiments/task_config.hpp"

#include <pybind11/eigen.h>
#include <pybind11/stl.h>

#include <optional>

namespace hrsnn::python {
namespace {

py::dict run(const std::optional<std::string>& config_file, const std::vector<std::string>& assignments,
             const std::string& source, const std::string& out, const std::string& command, bool force, bool resume) {
  std::optional<experiments::ExperimentOutcome> o;
  {
    // The comparison runs on its own threads and never calls back into Python.
    py::gil_scoped_release release;
    // As the CLI: the file, then `hrsnn mc`'s forced task kind, then the overrides.
    std::vector<std::string> sets;
    if (command == "mc") sets.push_back("task.kind=\"mc\"");
    sets.insert(sets.end(), assignments.begin(), assignments.end());
    io::Config cfg = make_config(config_file, sets, source);
    const auto mode = resume ? io::ExistingFolder::Resume : force ? io::ExistingFolder::Force : io::ExistingFolder::Refuse;
    o.emplace(experiments::run_experiment_folder(cfg, out, mode, command));
  }
  // {variant: {seed: {metric: value}}}: every scalar of every job, NaN where the task gave none.
  py::dict runs, details;
  for (const auto& [variant, results] : o->comparison.results) {
    py::dict by_seed, details_by_seed;
    for (std::size_t k = 0; k < results.size(); ++k) {
      py::dict scalars;
      for (const auto& [name, value] : results[k].scalars) scalars[py::str(name)] = value;
      by_seed[py::int_(o->comparison.seeds[k])] = scalars;
      details_by_seed[py::int_(o->comparison.seeds[k])] = to_python(results[k].details);
    }
    runs[py::str(experiments::variant_name(variant))] = by_seed;
    details[py::str(experiments::variant_name(variant))] = details_by_seed;
  }
  py::dict result;
  result["task"] = o->kind;
  result["seeds"] = o->comparison.seeds;
  result["runs"] = runs;
  result["details"] = details;
  result["summary"] = to_python(o->summary);
  result["claims"] = to_python(o->claims);
  return result;
}

// One network on the caller's series: the series task's protocol (STDP phase, frozen run, ridge
// per horizon), with every horizon's full test forecast kept.
py::dict predict(const std::optional<std::string>& config_file, const std::vector<std::string>& assignments,
                 const std::string& source, const Eigen::MatrixXd& series, std::uint64_t seed) {
  experiments::TaskResult r;
  {
    py::gil_scoped_release release;
    io::Config cfg = make_config(config_file, assignments, source);
    experiments::SeriesSettings s = experiments::read_series_settings(cfg);
    cfg.reject_unknown_keys();
    s.options.keep_predictions = true;
    r = experiments::run_prediction_task(series, s.base, seed, s.options);
  }
  py::dict scalars;
  for (const auto& [name, value] : r.scalars) scalars[py::str(name)] = value;
  py::dict out;
  out["scalars"] = scalars;
  out["details"] = to_python(r.details);
  return out;
}

// `hrsnn sweep` without --dry-run: the config file (its [sweep] table read as the CLI does),
// --grid axes and --set assignments, run into `out`.
py::dict sweep(const std::optional<std::string>& config_file, const std::vector<std::string>& grids,
               const std::vector<std::string>& sets, const std::string& out, int threads, bool force, bool yes) {
  experiments::SweepOutcome o;
  std::size_t points = 0, runs = 0;
  {
    py::gil_scoped_release release;
    const experiments::SweepPlan plan =
        experiments::plan_sweep_args(config_file.value_or(""), grids, sets, threads, yes, "config");
    points = plan.points.size();
    runs = plan.runs();
    o = experiments::run_sweep_folder(plan, out, force);
  }
  py::dict result;
  result["points"] = points;
  result["runs"] = runs;
  result["computed"] = o.computed;
  return result;
}

}  // namespace

/// Adds run(), predict() and sweep() to the module.
void bind_experiments(py::module_& m) {
  m.def("run", &run, py::arg("config_file"), py::arg("assignments"), py::arg("source"), py::arg("out"),
        py::arg("command"), py::arg("force"), py::arg("resume"),
        "Low-level `hrsnn run`; use hrsnn.run, which validates and documents the arguments.");
  m.def("sweep", &sweep, py::arg("config_file"), py::arg("grids"), py::arg("sets"), py::arg("out"), py::arg("threads"),
        py::arg("force"), py::arg("yes"), "Low-level `hrsnn sweep`; use hrsnn.sweep.");
  m.def("predict", &predict, py::arg("config_file"), py::arg("assignments"), py::arg("source"), py::arg("series"),
        py::arg("seed"), "Low-level; use hrsnn.predict, which validates and documents the arguments.");
}

}  // namespace hrsnn::python
