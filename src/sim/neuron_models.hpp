/// \file neuron_models.hpp
/// \brief The neuron models' per-neuron columns in one table: the LIF's, and each further
/// model's own (adaptive LIF, conductance-based LIF) with its sign rule and neutral value.
///
/// The network-file reader and writer, sim::validate and the Python arrays all read this table,
/// so a model's columns are written down once (docs/network-files.md, docs/model.md §2).
#pragma once

#include "sim/network.hpp"

#include <vector>

namespace hrsnn::sim {

/// A per-neuron column of NeuronTable.
using NeuronColumn = std::vector<double> NeuronTable::*;

/// One column of a neuron model beyond the LIF's.
struct ModelColumn {
  const char* name;      ///< column name in neurons.csv and in Python's arrays
  NeuronColumn values;   ///< where it lives in NeuronTable
  /// Values the model is defined for.
  enum Sign { Positive, NonNegative, Any } sign;
  double neutral;        ///< value on rows of another model (adaptive: no adaptation)
};

/// A neuron model with columns of its own.
struct NeuronModel {
  const char* name;                       ///< `model` column value
  std::vector<ModelColumn> columns;       ///< its columns, in file order
  bool (NeuronTable::*present)() const;   ///< whether a table holds the columns
};

/// The LIF's columns every model has, in neurons.csv order after id and type.
const std::vector<std::pair<const char*, NeuronColumn>>& lif_columns();

/// The models with columns of their own: adaptive, then coba.
const std::vector<NeuronModel>& neuron_models();

/// The model named `name` (nullptr for lif or an unknown name).
const NeuronModel* find_neuron_model(const std::string& name);

/// Adds `model`'s columns to `nt` at their neutral values (one per neuron).
void add_model_columns(NeuronTable& nt, const NeuronModel& model);

/// Whether x obeys `sign`; `rule` gets "> 0" or ">= 0" for the message when it does not.
bool sign_ok(ModelColumn::Sign sign, double x, const char** rule);

}  // namespace hrsnn::sim
