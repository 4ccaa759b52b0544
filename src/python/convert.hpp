/// \file convert.hpp
/// \brief Values crossing the Python boundary: JSON results as Python objects, std::vectors as
/// numpy arrays without a copy, configs from a TOML file plus `--set`-style assignments.
#pragma once

#include "io/config.hpp"
#include "io/network_files.hpp"

#include <nlohmann/json.hpp>
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace hrsnn::python {

namespace py = pybind11;

/// A JSON value as plain Python objects (dict, list, float, int, str, bool, None).
py::object to_python(const nlohmann::json& j);

/// Hands `v`'s buffer to a 1-D numpy array that owns it (no copy: the vector moves into a capsule).
template <class T>
py::array_t<T> to_numpy(std::vector<T>&& v) {
  auto* owner = new std::vector<T>(std::move(v));
  py::capsule base(owner, [](void* p) { delete static_cast<std::vector<T>*>(p); });
  return py::array_t<T>({static_cast<py::ssize_t>(owner->size())}, {static_cast<py::ssize_t>(sizeof(T))}, owner->data(), base);
}

/// The config a command reads: `file` (TOML) or nothing (defaults, named `source` in messages),
/// then each "section.key=value" assignment applied as the CLI's --set does.
io::Config make_config(const std::optional<std::string>& file, const std::vector<std::string>& assignments,
                       const std::string& source);

/// A network from numpy columns ({"neurons", "synapses", "inputs", "n_inputs", "n_input_synapses"},
/// docs/python.md) at step dt; every error names the array and, from sim::validate, the row.
io::NetworkFolder folder_from_arrays(const py::dict& arrays, double dt);

/// The inverse of folder_from_arrays: the network's columns as new numpy arrays (and "dt_ms").
py::dict arrays_from_folder(const io::NetworkFolder& folder);

}  // namespace hrsnn::python
