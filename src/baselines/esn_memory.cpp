/// \file esn_memory.cpp
/// \brief Memory capacity of the ESN on hrsnn's protocol (see esn_tasks.hpp).
#include "baselines/esn_tasks.hpp"

#include "core/error.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>

namespace hrsnn::baselines {

EsnMemoryResult esn_memory_capacity(const Eigen::VectorXd& u, const metrics::MemoryCapacityOptions& mc,
                                    const EsnMemoryOptions& o) {
  const auto t0 = std::chrono::steady_clock::now();
  const Eigen::Index seen = mc.washout + mc.train;
  require(u.size() >= seen + mc.test, "esn_memory_capacity: u has " + std::to_string(u.size()) +
                                          " values, the protocol needs washout + train + test = " +
                                          std::to_string(seen + mc.test));
  require(u.allFinite(), "esn_memory_capacity: u holds NaN or inf");
  // z-score on the windows before the test part only.
  const double mean = u.head(seen).mean();
  const double sd = std::sqrt((u.head(seen).array() - mean).square().mean());
  require(sd > 0.0, "esn_memory_capacity: u is constant over the washout and training windows");
  const Eigen::MatrixXd input = ((u.array() - mean) / sd).matrix();
  const Esn drawn(o.base, 1);
  const std::vector<EsnSetting> settings = grid_settings(o.grid, o.base);

  // Validation: the training windows split into fit and validation; no shuffles (raw capacity).
  metrics::MemoryCapacityOptions val = mc;
  val.test = std::max<Eigen::Index>(2, static_cast<Eigen::Index>(std::lround(o.grid.validation_fraction * static_cast<double>(mc.train))));
  val.train = mc.train - val.test;
  val.shuffles_per_delay = 0;
  require(val.train >= 2, "esn_memory_capacity: too few training windows to carve a validation part");

  EsnMemoryResult out;
  out.chosen.validation_score = -std::numeric_limits<double>::infinity();
  EsnSetting best{};
  for (const auto& batch : setting_batches(settings, 16.0 * static_cast<double>(seen) * o.base.n)) {
    const std::vector<Eigen::MatrixXd> states = drawn.run_settings(input.topRows(seen), batch);
    for (std::size_t b = 0; b < batch.size(); ++b) {
      const double c = metrics::memory_capacity(states[b], u.head(seen), val).capacity_raw;
      if (c > out.chosen.validation_score) {
        out.chosen.validation_score = c;
        best = batch[b];
      }
    }
  }
  const Esn esn = drawn.rescaled(best.leak, best.spectral_radius, best.input_scaling);
  out.capacity = metrics::memory_capacity(esn.run(input), u, mc);
  out.chosen.params = esn.params();
  out.chosen.ridge_alpha = std::numeric_limits<double>::quiet_NaN();
  out.chosen.settings_tried = static_cast<int>(settings.size());
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return out;
}

}  // namespace hrsnn::baselines
