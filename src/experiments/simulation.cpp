#include "experiments/simulation.hpp"

#include "core/error.hpp"
#include "core/rng.hpp"
#include "encode/rate_encoder.hpp"
#include "io/network_config.hpp"
#include "metrics/activity.hpp"
#include "sim/build_network.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>

namespace hrsnn::experiments {

io::NetworkFolder generated_network(io::Config& cfg, const SimulationSettings& a) {
  cfg.number("dt", a.dt_ms);  // --dt is the default; the config may not contradict it silently
  const sim::NetworkSpec spec = io::read_network_spec(cfg, [&] {
    sim::NetworkSpec d;
    d.dt = a.dt_ms;
    return d;
  }());
  require(spec.dt == a.dt_ms, cfg.where("dt") + ": differs from --dt; give one of them");
  encode::RateCodeParams rc;
  rc.neurons_per_dim = static_cast<int>(cfg.integer("encoding.neurons_per_dim", rc.neurons_per_dim, 2, 100000));
  rc.r_max_hz = cfg.positive("encoding.r_max_hz", rc.r_max_hz);
  rc.window_ms = cfg.positive("encoding.window_ms", rc.window_ms);
  rc.code = encode::parse_code_kind(cfg.text("encoding.code", "population"), cfg.where("encoding.code"));
  rc.kind = encode::parse_input_kind(cfg.text("encoding.kind", "poisson"), cfg.where("encoding.kind"));
  require(rc.kind != encode::InputKind::Current, cfg.where("encoding.kind") + ": simulate drives networks with input spikes (poisson or regular)");
  cfg.reject_unknown_keys();
  const encode::RateEncoder enc(1, rc);
  sim::NetworkSpec s = spec;
  s.n_inputs = enc.n_sources();
  io::NetworkFolder out;
  out.network = sim::build_network(s, a.seed);
  const std::int64_t steps_per_window = sim::to_steps(rc.window_ms, a.dt_ms, "encoding.window_ms");
  const std::int64_t n_steps = sim::to_steps(a.duration_ms, a.dt_ms, "--duration");
  const Eigen::Index windows = static_cast<Eigen::Index>((n_steps + steps_per_window - 1) / steps_per_window);
  Rng rng(derive_seed(a.seed, {0x5151}));
  Eigen::MatrixXd u(windows, 1);
  for (Eigen::Index w = 0; w < windows; ++w) u(w, 0) = rng.uniform();
  SpikeEvents all = enc.encode(u, a.dt_ms, derive_seed(a.seed, {0x5152}));
  out.inputs.n_sources = all.n_sources;
  for (std::size_t k = 0; k < all.size() && all.step[k] < n_steps; ++k) out.inputs.push(all.step[k], all.source[k]);
  return out;
}

Simulation::Simulation(io::NetworkFolder folder, SimulationSettings settings)
    : folder_(std::make_unique<io::NetworkFolder>(std::move(folder))), settings_(std::move(settings)) {
  const SimulationSettings& a = settings_;
  const sim::Pairing pairing = sim::parse_pairing(a.pairing, "--pairing");
  const sim::PlasticLayout layout = sim::parse_plastic_layout(a.layout, "--layout");
  const sim::Precision precision = sim::parse_precision(a.precision, "--precision");
  const sim::Network& net = folder_->network;
  n_steps_ = sim::to_steps(a.duration_ms, a.dt_ms, "--duration");
  const sim::Kernel kernel = sim::parse_kernel(a.kernel, "--kernel");
  simulator_ = std::make_unique<sim::Simulator>(net, sim::SimOptions{a.plastic, pairing, layout, precision, kernel, a.threads});
  for (std::uint32_t i : a.probe_v)
    require(i < net.n_neurons(), "--probe-v: neuron " + std::to_string(i) + " out of range");
  for (std::size_t s : a.probe_w)
    require(s < net.synapses.size(), "--probe-w: synapse " + std::to_string(s) + " out of range");
  require(std::isfinite(a.probe_every_ms) && a.probe_every_ms > 0,
          "--probe-every must be > 0 ms, got " + std::to_string(a.probe_every_ms));
  // Weight probes sample between chunks of the run; the engine's state carries over, so the
  // spikes are the same as in one uninterrupted run.
  probe_chunk_ = a.probe_w.empty() ? n_steps_ : sim::to_steps(a.probe_every_ms, a.dt_ms, "--probe-every");
  require(probe_chunk_ >= 1, "--probe-every = " + std::to_string(a.probe_every_ms) + " ms is shorter than one step (--dt)");
}

std::string Simulation::layout_used() const {
  return !settings_.plastic ? "none" : simulator_->compact() ? "compact" : "wide";
}

SimulationResult Simulation::run(const std::function<void()>& poll, std::int64_t poll_steps) {
  require(!ran_, "a Simulation runs once (its state would carry over into a second run)");
  ran_ = true;
  const sim::Network& net = folder_->network;
  const SpikeEvents& inputs = folder_->inputs;
  SimulationResult r;
  r.steps = n_steps_;
  r.spikes.neurons_probe.assign(settings_.probe_v.begin(), settings_.probe_v.end());
  const auto t1 = std::chrono::steady_clock::now();
  const std::clock_t c1 = std::clock();
  std::int64_t next_probe = settings_.probe_w.empty() ? n_steps_ : probe_chunk_;
  std::size_t next = 0;
  // Polled runs start with chunks of poll_steps and double them until one takes 50 ms: each
  // chunk costs a little setup, which at 1000 steps was ~6 % of CUBA's loop, while a poll every
  // 50–100 ms still sees Ctrl-C at once. Chunking never changes the spikes.
  std::int64_t chunk = std::max<std::int64_t>(poll_steps, 1);
  for (std::int64_t start = 0; start < n_steps_;) {
    const auto chunk_start = std::chrono::steady_clock::now();
    std::int64_t end = std::min(next_probe, n_steps_);
    if (poll) end = std::min(end, start + chunk);
    const std::int64_t len = end - start;
    SpikeEvents part;
    part.n_sources = inputs.n_sources;
    for (; next < inputs.size() && inputs.step[next] < end; ++next) part.push(inputs.step[next] - start, inputs.source[next]);
    simulator_->run(len, &part, &r.spikes);
    // As the CLI always did: a sample at every probe_every_ms and one at the end of the run.
    if (!settings_.probe_w.empty() && (end == next_probe || end == n_steps_)) {
      const std::vector<double> w = simulator_->weights(net);
      for (std::size_t s : settings_.probe_w) {
        r.weight_probe.step.push_back(end);
        r.weight_probe.synapse.push_back(s);
        r.weight_probe.weight.push_back(w[s]);
      }
      if (end == next_probe) next_probe += probe_chunk_;
    }
    start = end;
    if (poll && start < n_steps_) {
      if (std::chrono::steady_clock::now() - chunk_start < std::chrono::milliseconds(50)) chunk = std::min(chunk * 2, n_steps_);
      poll();
    }
  }
  const std::clock_t c2 = std::clock();
  const auto t2 = std::chrono::steady_clock::now();
  r.wall_seconds = std::chrono::duration<double>(t2 - t1).count();
  r.cpu_seconds = static_cast<double>(c2 - c1) / CLOCKS_PER_SEC;
  r.weights = simulator_->weights(net);
  return r;
}

nlohmann::json simulation_metrics(const Simulation& simulation, const SimulationResult& r, double setup_seconds) {
  const sim::Network& net = simulation.network();
  const sim::SpikeRecorder& rec = r.spikes;
  std::size_t n_exc = 0, spikes_exc = 0;
  for (std::uint32_t i = 0; i < net.n_neurons(); ++i) n_exc += net.neurons.excitatory[i];
  for (std::uint32_t j : rec.neuron) spikes_exc += net.neurons.excitatory[j];
  const double seconds = simulation.settings().duration_ms / 1000.0;
  const std::size_t n_inh = net.n_neurons() - n_exc;
  nlohmann::json metrics = {
      {"neurons", net.n_neurons()},
      {"synapses", net.synapses.size()},
      {"steps", r.steps},
      {"spikes", rec.size()},
      {"rate_e_hz", n_exc ? spikes_exc / (n_exc * seconds) : 0.0},
      {"rate_i_hz", n_inh ? (rec.size() - spikes_exc) / (n_inh * seconds) : 0.0},
      {"wall_seconds", r.wall_seconds},
      // CPU time of the simulation loop: the figure to compare on a shared, oversubscribed machine.
      {"cpu_seconds", r.cpu_seconds},
      {"setup_seconds", setup_seconds}};
  const metrics::IsiCvResult cv = metrics::isi_cv(rec.neuron, rec.step, net.n_neurons());
  double cv_sum[2] = {0, 0};
  int cv_n[2] = {0, 0};
  for (std::uint32_t i = 0; i < net.n_neurons(); ++i)
    if (!std::isnan(cv.per_neuron[i])) {
      cv_sum[net.neurons.excitatory[i]] += cv.per_neuron[i];
      ++cv_n[net.neurons.excitatory[i]];
    }
  metrics["isi_cv_e"] = cv_n[1] ? cv_sum[1] / cv_n[1] : std::nan("");
  metrics["isi_cv_i"] = cv_n[0] ? cv_sum[0] / cv_n[0] : std::nan("");
  metrics["plastic_layout"] = simulation.layout_used();
  return metrics;
}

}  // namespace hrsnn::experiments
