#include "experiments/input_pathway.hpp"

#include "core/error.hpp"

namespace hrsnn::experiments {

EncodedInput encode_input(const encode::RateEncoder& encoder, const Eigen::MatrixXd& x01, const sim::Network& net,
                          std::uint64_t seed) {
  const encode::RateCodeParams& p = encoder.params();
  EncodedInput out;
  if (p.kind != encode::InputKind::Current) {
    out.spikes = encoder.encode(x01, net.dt, seed);
    return out;
  }
  require(p.r_max_hz > 0, "encoding.r_max_hz must be > 0 on the current pathway (it normalises the tuning curves)");
  out.spikes.n_sources = encoder.n_sources();
  const std::int64_t w = sim::to_steps(p.window_ms, net.dt, "encoding.window_ms");
  out.drive = sim::drive_from_inputs(net, encoder.rates(x01) / p.r_max_hz, p.current_scale, w);
  return out;
}

}  // namespace hrsnn::experiments
