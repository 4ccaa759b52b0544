/// \file module.cpp
/// \brief hrsnn._core: the compiled half of the Python package (python/hrsnn holds the rest).
#include "convert.hpp"
#include "core/error.hpp"
#include "core/stop.hpp"

namespace hrsnn::python {
void bind_simulate(py::module_& m);
void bind_experiments(py::module_& m);
void bind_features(py::module_& m);
void bind_network(py::module_& m);
void bind_bo(py::module_& m);
void bind_metrics(py::module_& m);
}  // namespace hrsnn::python

PYBIND11_MODULE(_core, m) {
  namespace py = pybind11;
  m.doc() = "hrsnn's engine; import hrsnn, not this module.";
  // Same split as the CLI's exit codes: bad input is the caller's to fix (ValueError, or the
  // not-found OSError for a missing path), with the message the CLI prints; anything else
  // (std::bad_alloc, a bug) keeps pybind11's default translation.
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const hrsnn::MissingFileError& e) {
      PyErr_SetString(PyExc_FileNotFoundError, e.what());
    } catch (const hrsnn::InputError& e) {
      PyErr_SetString(PyExc_ValueError, e.what());
    }
  });
  m.attr("__version__") = HRSNN_VERSION;
  // Ctrl-C for runs that hold no Python thread: python/hrsnn waits for them on a helper thread
  // and, on KeyboardInterrupt, asks them to stop between jobs (core/stop.hpp).
  m.def("request_stop", &hrsnn::request_stop, "Ask running comparisons and feature runs to stop at their next check.");
  m.def("clear_stop", &hrsnn::clear_stop, "Withdraw a stop request (done before each run).");
  hrsnn::python::bind_simulate(m);
  hrsnn::python::bind_experiments(m);
  hrsnn::python::bind_features(m);
  hrsnn::python::bind_network(m);
  hrsnn::python::bind_bo(m);
  hrsnn::python::bind_metrics(m);
}
