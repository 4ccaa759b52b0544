#include "experiments/memory_task.hpp"

#include "baselines/esn_tasks.hpp"
#include "core/rng.hpp"
#include "experiments/activity_report.hpp"
#include "experiments/input_pathway.hpp"
#include "sim/network.hpp"

namespace hrsnn::experiments {

TaskResult run_memory_task(const sim::NetworkSpec& base, std::uint64_t seed, const MemoryTaskOptions& o) {
  const auto& mc = o.mc;
  const Eigen::Index windows = mc.washout + mc.train + mc.test;
  Rng rng(derive_seed(seed, {0x6D63, 1}));  // "mc": the input stream, shared by all variants
  Eigen::MatrixXd u(windows, 1);
  for (Eigen::Index t = 0; t < windows; ++t) u(t, 0) = rng.uniform();

  const encode::RateEncoder encoder(1, o.code);
  const sim::NetworkSpec spec = with_inputs(base, encoder.n_sources(), 1);
  const std::int64_t w = sim::to_steps(o.code.window_ms, spec.dt, "encoding.window_ms");
  Reservoir reservoir(spec, seed, o.engine);
  const EncodedInput input = encode_input(encoder, u, reservoir.network(), derive_seed(seed, {0x6D63, 2}));
  if (o.stdp_phase) {
    // The STDP phase sees the training windows only.
    const Eigen::MatrixXd u_train = u.middleRows(mc.washout, mc.train);
    const EncodedInput train = encode_input(encoder, u_train, reservoir.network(), derive_seed(seed, {0x6D63, 3}));
    reservoir.stdp_phase(train.spikes, mc.train * w, train.drive_ptr());
    if (o.shuffle_learned_ee) {
      std::vector<double> weights = reservoir.simulator().weights(reservoir.network());
      shuffle_plastic_ee(reservoir.network(), weights, derive_seed(seed, {0x6D63, 4}));
      reservoir.set_weights(weights);
    }
  }
  const WindowRun run = reservoir.run_windows(input.spikes, windows, w, o.features, input.drive_ptr());

  TaskResult out;
  const metrics::MemoryCapacityResult c = metrics::memory_capacity(run.features, u.col(0), mc);
  out.scalars["capacity_raw"] = c.capacity_raw;
  out.scalars["capacity_corrected"] = c.capacity_corrected;
  out.details["capacity_per_delay"] = std::vector<double>(c.per_delay.data(), c.per_delay.data() + c.per_delay.size());
  out.details["null_threshold"] = c.null_threshold;
  // The chosen ridge penalties show whether the grid bounds the readout (a lambda at an end).
  out.details["lambda_per_delay"] = std::vector<double>(c.lambda_per_delay.data(), c.lambda_per_delay.data() + c.lambda_per_delay.size());
  const std::int64_t test_begin = run.first_step + (mc.washout + mc.train) * w;
  const Eigen::MatrixXd test_states = run.features.bottomRows(mc.test);
  report_activity(reservoir.network(), run.spikes, test_begin, test_begin + mc.test * w, mc.test, o.code.window_ms,
                  test_states, out);
  report_heterogeneity(reservoir.network(), out);
  report_plastic_weights(reservoir.network(), reservoir.simulator().weights(reservoir.network()), out);
  if (o.esn) {
    // An echo state network of the same size on the same input and protocol.
    const BaselineScalars esn = o.esn->get(seed, [&] {
      baselines::EsnMemoryOptions eo;
      eo.base.n = static_cast<int>(base.n);
      eo.base.seed = derive_seed(seed, {0x65736E});
      const baselines::EsnMemoryResult r = baselines::esn_memory_capacity(u.col(0), mc, eo);
      return BaselineScalars{{"esn_capacity_corrected", r.capacity.capacity_corrected},
                             {"esn_capacity_raw", r.capacity.capacity_raw}, {"esn_seconds", r.seconds}};
    });
    add_baseline(esn, out);
  }
  const double s = out.scalars["S"];
  out.scalars["efficiency"] = s > 0 ? c.capacity_corrected / s : 0.0;
  out.scalars["s_over_c"] = c.capacity_corrected > 0 ? s / c.capacity_corrected : 0.0;
  return out;
}

}  // namespace hrsnn::experiments
