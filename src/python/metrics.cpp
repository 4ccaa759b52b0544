/// \file metrics.cpp
/// \brief hrsnn._core.metric_*: the measures `hrsnn run` reports, on the caller's own arrays
/// (python/hrsnn/metrics.py checks shapes, dtypes and finiteness and names the argument).
#include "convert.hpp"
#include "core/error.hpp"
#include "metrics/activity.hpp"
#include "metrics/dimensionality.hpp"
#include "metrics/memory_capacity.hpp"
#include "metrics/prediction.hpp"
#include "metrics/stats.hpp"

#include <pybind11/eigen.h>
#include <pybind11/stl.h>

namespace hrsnn::python {
namespace {

py::dict memory_capacity(const Eigen::MatrixXd& states, const Eigen::VectorXd& u, int max_delay, Eigen::Index washout,
                         Eigen::Index train, Eigen::Index test, int shuffles, double validation_fraction,
                         const std::vector<double>& lambdas, double null_quantile, std::uint64_t seed) {
  metrics::MemoryCapacityOptions o{.max_delay = max_delay,
                                   .washout = washout,
                                   .train = train,
                                   .test = test,
                                   .validation_fraction = validation_fraction,
                                   .shuffles_per_delay = shuffles,
                                   .null_quantile = null_quantile,
                                   .seed = seed};
  if (!lambdas.empty()) o.lambdas = lambdas;
  metrics::MemoryCapacityResult r;
  {
    py::gil_scoped_release release;  // 100 delays x (1 + shuffles) ridge fits
    r = metrics::memory_capacity(states, u, o);
  }
  py::dict out;
  out["capacity_raw"] = r.capacity_raw;
  out["capacity_corrected"] = r.capacity_corrected;
  out["per_delay"] = r.per_delay;
  out["per_delay_corrected"] = r.per_delay_corrected;
  out["lambda_per_delay"] = r.lambda_per_delay;
  out["null_threshold"] = r.null_threshold;
  out["null_samples"] = r.null_samples;
  return out;
}

py::dict nrmse(const Eigen::MatrixXd& prediction, const Eigen::MatrixXd& target) {
  const metrics::NrmseResult r = metrics::nrmse(prediction, target);
  py::dict out;
  out["mean"] = r.mean;
  out["per_dim"] = r.per_dim;
  return out;
}

metrics::ForecastSplit split(Eigen::Index train_end, Eigen::Index test_begin, Eigen::Index test_end, int horizon) {
  return {.train_end = train_end, .test_begin = test_begin, .test_end = test_end, .horizon = horizon};
}

py::dict persistence(const Eigen::MatrixXd& series, Eigen::Index train_end, Eigen::Index test_begin,
                     Eigen::Index test_end, int horizon) {
  const metrics::NrmseResult r = metrics::persistence_nrmse(series, split(train_end, test_begin, test_end, horizon));
  py::dict out;
  out["nrmse"] = r.mean;
  out["per_dim"] = r.per_dim;
  return out;
}

py::dict ar(const Eigen::MatrixXd& series, Eigen::Index train_end, Eigen::Index test_begin, Eigen::Index test_end,
            int horizon, int lag) {
  metrics::ArBaselineResult r;
  {
    py::gil_scoped_release release;
    r = metrics::ar_baseline(series, split(train_end, test_begin, test_end, horizon), lag);
  }
  py::dict out;
  out["nrmse"] = r.nrmse.mean;
  out["per_dim"] = r.nrmse.per_dim;
  out["prediction"] = r.prediction;
  return out;
}

py::dict activity(std::int64_t total_spikes, std::int64_t n_neurons, std::int64_t n_windows, double window_ms) {
  const metrics::SpikingActivity a = metrics::spiking_activity(total_spikes, n_neurons, n_windows, window_ms);
  py::dict out;
  out["S"] = a.spikes_per_neuron_per_window;
  out["rate_hz"] = a.rate_hz;
  out["total_spikes"] = a.total_spikes;
  return out;
}

py::dict dimensionality(const Eigen::MatrixXd& states, double fraction) {
  metrics::DimensionalityResult r;
  {
    py::gil_scoped_release release;
    r = metrics::effective_dimensionality(states, fraction);
  }
  py::dict out;
  out["n_components"] = r.n_components;
  out["participation_ratio"] = r.participation_ratio;
  out["explained_variance_ratio"] = r.explained_variance_ratio;
  return out;
}

py::dict isi(const std::vector<std::uint32_t>& neuron, const std::vector<std::int64_t>& step, std::uint32_t n_neurons,
             int min_isis) {
  const metrics::IsiCvResult r = metrics::isi_cv(neuron, step, n_neurons, min_isis);
  py::dict out;
  out["per_neuron"] = r.per_neuron;
  out["mean"] = r.population_mean;
  out["n_valid"] = r.n_valid;
  return out;
}

py::dict t_test(const std::vector<double>& a, const std::vector<double>& b, const std::string& alternative) {
  metrics::Alternative alt = metrics::Alternative::kTwoSided;
  if (alternative == "greater") alt = metrics::Alternative::kGreater;
  else if (alternative == "less") alt = metrics::Alternative::kLess;
  else require(alternative == "two-sided", "alternative must be 'two-sided', 'greater' or 'less', got '" + alternative + "'");
  const metrics::TTestResult r = metrics::paired_t_test(a, b, alt);
  py::dict out;
  out["t"] = r.t;
  out["df"] = r.df;
  out["p_value"] = r.p_value;
  out["mean_difference"] = r.mean_difference;
  return out;
}

}  // namespace

/// Adds the metric_* functions to the module.
void bind_metrics(py::module_& m) {
  const char* low = "Low-level; use hrsnn.metrics, which validates and documents the arguments.";
  m.def("metric_memory_capacity", &memory_capacity, low);
  m.def("metric_nrmse", &nrmse, low);
  m.def("metric_persistence", &persistence, low);
  m.def("metric_ar", &ar, low);
  m.def("metric_activity", &activity, low);
  m.def("metric_dimensionality", &dimensionality, low);
  m.def("metric_isi_cv", &isi, low);
  m.def(
      "metric_firing_rates",
      [](const std::vector<std::uint32_t>& neuron, const std::vector<std::int64_t>& step, std::uint32_t n_neurons,
         std::int64_t begin, std::int64_t end, double dt_ms) {
        return metrics::firing_rates_hz(neuron, step, n_neurons, begin, end, dt_ms);
      },
      low);
  m.def("metric_paired_t_test", &t_test, low);
}

}  // namespace hrsnn::python
