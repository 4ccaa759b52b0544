/// \file task_config.hpp
/// \brief The [task] and [experiment] sections of a config: which task, which variants, seeds.
///
/// task.kind: mc | lorenz | mackey-glass | rossler | narma10 | csv | ucr | fsdd
/// task.{path, name, train, test, washout, horizons, ar_lag, max_delay, shuffles, bins,
///       readout, stdp_sequences, max_train_per_label_speaker, features, stdp_phase}
/// experiment.{variants, seeds, first_seed, threads}
/// Data paths default to $HRSNN_DATA_DIR, else ../shared/data beside the working folder.
#pragma once

#include "experiments/classification_task.hpp"
#include "experiments/prediction_task.hpp"
#include "experiments/comparison.hpp"
#include "io/config.hpp"

#include <string>

namespace hrsnn::experiments {

/// A runnable experiment: a task bound to its data, plus the comparison settings.
struct Experiment {
  std::string kind;              ///< task kind
  TaskFn task;                   ///< one (spec, seed) run
  sim::NetworkSpec base;         ///< homogeneous base network (variants are applied on top)
  ComparisonOptions comparison;  ///< variants, seeds, threads
  std::string description;       ///< one line for logs
};

/// Reads everything from `cfg` (loading data now, so errors come before any simulation).
Experiment read_experiment(io::Config& cfg);

/// A whole-sequence task's network and options without its data (the Python estimators).
struct SequenceSettings {
  sim::NetworkSpec base;          ///< homogeneous base network, as read_experiment's
  ClassificationOptions options;  ///< bins, readout, features, STDP sequences, engine, rate code
};

/// Reads what a ucr or fsdd task (task.kind, default ucr) reads from `cfg` except the data; the
/// rate code's window defaults to `window_ms`. Same keys, defaults and checks as read_experiment.
SequenceSettings read_sequence_settings(io::Config& cfg, double window_ms);

/// A series task's network and options without its data (hrsnn.predict on the caller's series).
struct SeriesSettings {
  sim::NetworkSpec base;       ///< homogeneous base network, as read_experiment's
  PredictionOptions options;   ///< split, horizons, features, readout, engine, rate code
};

/// Reads what a series task (task.kind csv unless set: lorenz, mackey-glass, rossler, narma10,
/// csv) reads from `cfg` except the data. Same keys, defaults and checks as read_experiment.
SeriesSettings read_series_settings(io::Config& cfg);

/// The base network a config of task `kind` starts from before its own keys: the engine's
/// NetworkSpec (the paper's network) with the project's slow excitatory synapses and weights
/// calibrated for them, and FSDD's input weights (docs/configuration.md).
sim::NetworkSpec default_network(const std::string& kind);

/// $HRSNN_DATA_DIR, or ../shared/data relative to the current folder.
std::string default_data_dir();

}  // namespace hrsnn::experiments
