/// \file features.cpp
/// \brief hrsnn._core.SequenceReservoir: the whole-sequence tasks' reservoir (experiments::
/// SequenceFeaturizer) as a feature map for the scikit-learn estimators (python/hrsnn/sklearn.py).
#include "convert.hpp"
#include "core/error.hpp"
#include "experiments/classification_task.hpp"
#include "experiments/datasets.hpp"
#include "experiments/task_config.hpp"

#include <pybind11/stl.h>

#include <optional>

namespace hrsnn::python {
namespace {

using Sequence = py::array_t<double, py::array::c_style | py::array::forcecast>;

// Copies (T, d) row-major arrays into the engine's column-major matrices (the Python layer
// has checked dtype, shape and finiteness; the featurizer checks them again).
std::vector<Eigen::MatrixXd> to_matrices(const std::vector<Sequence>& sequences, const char* argument) {
  std::vector<Eigen::MatrixXd> out;
  out.reserve(sequences.size());
  for (std::size_t k = 0; k < sequences.size(); ++k) {
    const Sequence& a = sequences[k];
    require(a.ndim() == 2, std::string(argument) + "[" + std::to_string(k) + "]: expected a 2-D (T, d) array, got " +
                               std::to_string(a.ndim()) + " dimensions");
    using RowMajor = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
    out.emplace_back(Eigen::Map<const RowMajor>(a.data(), a.shape(0), a.shape(1)));
  }
  return out;
}

// A (rows, cols) C-order float64 array holding f.
py::array_t<double> to_array(const Eigen::MatrixXd& f) {
  py::array_t<double> out({f.rows(), f.cols()});
  auto r = out.mutable_unchecked<2>();
  for (Eigen::Index i = 0; i < f.rows(); ++i)
    for (Eigen::Index j = 0; j < f.cols(); ++j) r(i, j) = f(i, j);
  return out;
}

/// The featurizer, its config kept so that a pickled estimator can say what it was built from.
class SequenceReservoir {
 public:
  SequenceReservoir(const std::optional<std::string>& config_file, const std::vector<std::string>& assignments,
                    const std::string& source, Eigen::Index dims, std::uint64_t seed, double window_ms) {
    io::Config cfg = make_config(config_file, assignments, source);
    if (!cfg.has("task.kind")) cfg.set("task.kind=\"ucr\"");
    const experiments::SequenceSettings s = experiments::read_sequence_settings(cfg, window_ms);
    cfg.reject_unknown_keys();
    featurizer_.emplace(s.base, dims, seed, s.options);
  }

  void stdp_phase(const std::vector<Sequence>& sequences, const std::vector<std::uint64_t>& seeds, std::size_t max_sequences) {
    require(sequences.size() == seeds.size(), "stdp_phase: one seed per sequence");
    const std::vector<Eigen::MatrixXd> m = to_matrices(sequences, "sequences");
    std::vector<const Eigen::MatrixXd*> p;
    std::vector<std::uint64_t> chosen_seeds;
    // The task's choice: evenly spaced over the set, which may be sorted by class.
    for (const std::size_t k : experiments::evenly_spaced(m.size(), max_sequences)) {
      p.push_back(&m[k]);
      chosen_seeds.push_back(seeds[k]);
    }
    py::gil_scoped_release release;  // the run touches no Python object
    featurizer_->stdp_phase(p, chosen_seeds);
  }

  py::array_t<double> features(const std::vector<Sequence>& sequences, const std::vector<std::uint64_t>& seeds) {
    const std::vector<Eigen::MatrixXd> m = to_matrices(sequences, "sequences");
    Eigen::MatrixXd f;
    std::int64_t spikes = 0;
    {
      py::gil_scoped_release release;
      f = featurizer_->features(m, seeds, &spikes);
    }
    last_spikes_ = spikes;
    return to_array(f);
  }

  py::array_t<double> input_features(const std::vector<Sequence>& sequences) const {
    return to_array(featurizer_->input_features(to_matrices(sequences, "sequences")));
  }

  py::array_t<double> weights() const {
    return to_numpy(featurizer_->reservoir().simulator().weights(featurizer_->reservoir().network()));
  }

  void set_weights(const std::vector<double>& w) { featurizer_->set_weights(w); }

  std::optional<experiments::SequenceFeaturizer> featurizer_;
  std::int64_t last_spikes_ = 0;
};

// A split as Python: a list of (T, d) float64 arrays and an int64 label array.
py::tuple split_to_python(const experiments::SequenceSet& set) {
  py::list xs;
  for (const Eigen::MatrixXd& m : set.sequences) xs.append(to_array(m));
  return py::make_tuple(xs, to_numpy(std::vector<std::int64_t>(set.labels.begin(), set.labels.end())));
}

// The tasks' loaders (ucr, fsdd): the same sequences in [0, 1] the CLI's tasks classify.
py::dict load_dataset(const std::string& kind, const std::string& path, const std::string& name, int max_train) {
  std::optional<experiments::ClassificationData> d;
  {
    py::gil_scoped_release release;
    if (kind == "ucr") d.emplace(experiments::load_ucr(path, name));
    else if (kind == "fsdd") d.emplace(experiments::load_fsdd_mel(path, max_train));
    else throw InputError("load_dataset: kind must be ucr or fsdd, got '" + kind + "'");
  }
  py::dict out;
  const py::tuple train = split_to_python(d->train), test = split_to_python(d->test);
  out["X_train"] = train[0];
  out["y_train"] = train[1];
  out["X_test"] = test[0];
  out["y_test"] = test[1];
  out["n_classes"] = d->n_classes;
  out["window_ms"] = d->window_ms;
  return out;
}

}  // namespace

/// Adds SequenceReservoir and load_dataset to the module.
void bind_features(py::module_& m) {
  m.def("load_dataset", &load_dataset, py::arg("kind"), py::arg("path"), py::arg("name"), py::arg("max_train"),
        "Low-level dataset loader; use hrsnn.load_ucr / hrsnn.load_fsdd.");
  py::class_<SequenceReservoir>(m, "SequenceReservoir",
                                "Low-level whole-sequence features; use hrsnn.HRSNNClassifier / HRSNNRegressor.")
      .def(py::init<const std::optional<std::string>&, const std::vector<std::string>&, const std::string&, Eigen::Index,
                    std::uint64_t, double>(),
           py::arg("config_file"), py::arg("assignments"), py::arg("source"), py::arg("dims"), py::arg("seed"),
           py::arg("window_ms"))
      .def("stdp_phase", &SequenceReservoir::stdp_phase, py::arg("sequences"), py::arg("seeds"), py::arg("max_sequences"),
           "Runs up to max_sequences of the sequences (evenly spaced) back to back with STDP on, then freezes the weights.")
      .def("input_features", &SequenceReservoir::input_features, py::arg("sequences"),
           "Each dimension's mean per bin (n_sequences, bins * dims): the readout's input block.")
      .def("features", &SequenceReservoir::features, py::arg("sequences"), py::arg("seeds"),
           "Features (n_sequences, n_features): spike counts (or traces) per bin, run from a reset state.")
      .def("weights", &SequenceReservoir::weights, "Current weights in synapse-table order.")
      .def("set_weights", &SequenceReservoir::set_weights, py::arg("weights"), "Replaces the weights (frozen).")
      .def_property_readonly("n_features", [](const SequenceReservoir& r) { return r.featurizer_->n_features(); })
      .def_property_readonly("n_neurons", [](const SequenceReservoir& r) { return r.featurizer_->reservoir().network().n_neurons(); })
      .def_property_readonly("last_spikes", [](const SequenceReservoir& r) { return r.last_spikes_; },
                             "Reservoir spikes of the last features() call.");
}

}  // namespace hrsnn::python
