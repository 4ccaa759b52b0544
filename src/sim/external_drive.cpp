#include "sim/external_drive.hpp"

#include "core/error.hpp"

#include <cmath>
#include <string>

namespace hrsnn::sim {

void validate_drive(const ExternalDrive& drive, std::uint32_t n_neurons, std::int64_t n_steps) {
  HRSNN_REQUIRE(drive.d_mv.cols() == static_cast<Eigen::Index>(n_neurons),
                "drive: d_mv has " + std::to_string(drive.d_mv.cols()) + " columns, the network " +
                    std::to_string(n_neurons) + " neurons");
  HRSNN_REQUIRE(drive.steps_per_window >= 1,
                "drive: steps_per_window = " + std::to_string(drive.steps_per_window) + " (must be >= 1)");
  HRSNN_REQUIRE(drive.offset_steps >= 0,
                "drive: offset_steps = " + std::to_string(drive.offset_steps) + " (must be >= 0)");
  HRSNN_REQUIRE(drive.windows() <= (std::int64_t{1} << 62) / drive.steps_per_window &&
                    drive.offset_steps + n_steps <= drive.steps(),
                "drive: offset_steps " + std::to_string(drive.offset_steps) + " + run of " + std::to_string(n_steps) +
                    " steps exceeds the drive's " + std::to_string(drive.windows()) + " windows x " +
                    std::to_string(drive.steps_per_window) + " steps");
  HRSNN_REQUIRE(drive.d_mv.allFinite(), "drive: d_mv holds a NaN or infinite value");
}

ExternalDrive drive_from_inputs(const Network& net, const Eigen::MatrixXd& activation, double scale,
                                std::int64_t steps_per_window, const std::vector<double>* weights) {
  const std::uint32_t n = net.n_neurons();
  const SynapseTable& st = net.synapses;
  HRSNN_REQUIRE(activation.cols() == static_cast<Eigen::Index>(net.n_inputs),
                "drive_from_inputs: activation has " + std::to_string(activation.cols()) +
                    " columns, the network " + std::to_string(net.n_inputs) + " input sources");
  HRSNN_REQUIRE(std::isfinite(scale) && scale >= 0.0,
                "drive_from_inputs: scale = " + std::to_string(scale) + " (must be finite and >= 0)");
  HRSNN_REQUIRE(steps_per_window >= 1,
                "drive_from_inputs: steps_per_window = " + std::to_string(steps_per_window) + " (must be >= 1)");
  HRSNN_REQUIRE(activation.allFinite(), "drive_from_inputs: activation holds a NaN or infinite value");
  HRSNN_REQUIRE(!weights || weights->size() == st.size(),
                "drive_from_inputs: weights has " + std::to_string(weights ? weights->size() : 0) +
                    " entries, the synapse table " + std::to_string(st.size()));
  ExternalDrive drive;
  drive.steps_per_window = steps_per_window;
  drive.d_mv = DriveMatrix::Zero(activation.rows(), n);
  const Eigen::Index windows = activation.rows();
  for (std::size_t s = 0; s < st.size(); ++s) {
    if (st.pre[s] < n) continue;
    const std::uint32_t j = st.pre[s] - n;
    const std::uint32_t i = st.post[s];
    const double sw = scale * (weights ? (*weights)[s] : st.weight[s]);
    for (Eigen::Index k = 0; k < windows; ++k) drive.d_mv(k, i) += sw * activation(k, j);
  }
  return drive;
}

}  // namespace hrsnn::sim
