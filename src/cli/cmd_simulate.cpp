/// \file cmd_simulate.cpp
/// \brief `hrsnn simulate`: run a network folder (docs/model.md §9) and write spikes and weights.
#include "cli/commands.hpp"
#include "core/error.hpp"
#include "core/rng.hpp"
#include "encode/rate_encoder.hpp"
#include "io/config.hpp"
#include "io/network_config.hpp"
#include "io/network_files.hpp"
#include "io/npy.hpp"
#include "io/run_folder.hpp"
#include "metrics/activity.hpp"
#include "sim/build_network.hpp"
#include "sim/simulator.hpp"

#include <chrono>
#include <cmath>
#include <ctime>
#include <fstream>
#include <iostream>
#include <memory>

namespace hrsnn::cli {
namespace {

struct SimulateArgs {
  std::string network;
  std::string config;
  std::vector<std::string> sets;
  std::uint64_t seed = 1;
  std::string export_network;
  std::vector<std::uint32_t> probe_v;
  std::vector<std::size_t> probe_w;
  double probe_every_ms = 10.0;
  std::string spikes_format = "csv";
  double duration_ms = 0.0;
  double dt_ms = 0.1;
  bool plastic = false;
  std::string pairing = "nearest";
  std::string layout = "auto";
  std::string precision = "double";
  std::string out;
  bool force = false;
};

// Without --network: the default MRSNN (or the config's network) driven by the memory-capacity
// input, u(t) i.i.d. uniform on [0, 1] per window, through the population rate code.
io::NetworkFolder generated_network(const SimulateArgs& a, io::Config& cfg) {
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

int run_simulate(const SimulateArgs& a) {
  const auto t0 = std::chrono::steady_clock::now();
  io::Config cfg = a.config.empty() ? io::Config("--set") : io::Config::from_file(a.config);
  for (const auto& kv : a.sets) cfg.set(kv);
  require(a.network.empty() || (a.config.empty() && a.sets.empty()), "--network cannot be combined with --config or --set");
  io::NetworkFolder folder = a.network.empty() ? generated_network(a, cfg) : io::read_network_folder(a.network, a.dt_ms, a.duration_ms);
  const sim::Pairing pairing = sim::parse_pairing(a.pairing, "--pairing");
  const sim::PlasticLayout layout = sim::parse_plastic_layout(a.layout, "--layout");
  const sim::Precision precision = sim::parse_precision(a.precision, "--precision");
  const sim::Network& net = folder.network;
  const std::int64_t n_steps = sim::to_steps(a.duration_ms, a.dt_ms, "--duration");
  // Everything that can refuse the input (layout, memory, probes) runs before the run folder
  // is written, so bad input leaves no half-made folder behind.
  sim::Simulator simulator(net, sim::SimOptions{a.plastic, pairing, layout, precision});
  for (std::uint32_t i : a.probe_v)
    require(i < net.n_neurons(), "--probe-v: neuron " + std::to_string(i) + " out of range");
  for (std::size_t s : a.probe_w)
    require(s < net.synapses.size(), "--probe-w: synapse " + std::to_string(s) + " out of range");
  require(a.spikes_format == "csv" || a.spikes_format == "npy" || a.spikes_format == "both",
          "--spikes must be csv, npy or both, got '" + a.spikes_format + "'");
  require(std::isfinite(a.probe_every_ms) && a.probe_every_ms > 0,
          "--probe-every must be > 0 ms, got " + std::to_string(a.probe_every_ms));
  // Weight probes sample between chunks of the run; the engine's state carries over, so the
  // spikes are the same as in one uninterrupted run.
  const std::int64_t chunk = a.probe_w.empty() ? n_steps : sim::to_steps(a.probe_every_ms, a.dt_ms, "--probe-every");
  require(chunk >= 1, "--probe-every = " + std::to_string(a.probe_every_ms) + " ms is shorter than one step (--dt)");
  nlohmann::json settings = {{"network", a.network.empty() ? "generated" : a.network}, {"duration_ms", a.duration_ms},
                             {"dt_ms", a.dt_ms}, {"plastic", a.plastic}, {"pairing", a.pairing},
                             {"layout", a.layout}, {"precision", a.precision}, {"seed", a.seed}};
  if (a.network.empty()) settings["config"] = cfg.to_json();
  io::RunFolder run(a.out, "simulate", a.force ? io::ExistingFolder::Force : io::ExistingFolder::Refuse, settings);
  settings.erase("config");
  run.write_json("settings.json", settings);
  if (a.network.empty()) {
    std::ofstream(run.file("config.toml")) << cfg.dump();
  }
  if (!a.export_network.empty()) io::write_network_folder(a.export_network, net, folder.inputs);
  run.log("network: " + std::to_string(net.n_neurons()) + " neurons, " + std::to_string(net.synapses.size()) +
          " synapses, " + std::to_string(folder.inputs.size()) + " input spikes");

  const std::string layout_used = !a.plastic ? "none" : simulator.compact() ? "compact" : "wide";
  run.log("plastic synapse layout: " + layout_used);
  sim::SpikeRecorder rec;
  rec.neurons_probe.assign(a.probe_v.begin(), a.probe_v.end());
  std::ofstream wprobe;
  if (!a.probe_w.empty()) {
    wprobe.open(run.file("weight_probe.csv"));
    wprobe << "step,time,synapse,weight\n";
    wprobe.precision(17);
  }
  const auto t1 = std::chrono::steady_clock::now();
  const std::clock_t c1 = std::clock();
  std::size_t next = 0;
  for (std::int64_t start = 0; start < n_steps; start += chunk) {
    const std::int64_t len = std::min(chunk, n_steps - start);
    SpikeEvents part;
    part.n_sources = folder.inputs.n_sources;
    for (; next < folder.inputs.size() && folder.inputs.step[next] < start + len; ++next)
      part.push(folder.inputs.step[next] - start, folder.inputs.source[next]);
    simulator.run(len, &part, &rec);
    if (!a.probe_w.empty()) {
      const std::vector<double> w = simulator.weights(net);
      for (std::size_t s : a.probe_w)
        wprobe << start + len << ',' << io::format_time(start + len, a.dt_ms) << ',' << s << ',' << w[s] << '\n';
    }
  }
  const std::clock_t c2 = std::clock();
  const auto t2 = std::chrono::steady_clock::now();
  if (!rec.neurons_probe.empty()) {
    std::ofstream vp(run.file("membrane_probe.csv"));
    vp << "step,time,neuron,v\n";
    vp.precision(17);
    const std::size_t k = rec.neurons_probe.size();
    for (std::size_t r = 0; r < rec.v_samples.size(); ++r)
      vp << r / k << ',' << io::format_time(static_cast<std::int64_t>(r / k), a.dt_ms) << ',' << rec.neurons_probe[r % k] << ','
         << rec.v_samples[r] << '\n';
    require(vp.good(), run.file("membrane_probe.csv").string() + ": write failed (disk full?)");
  }

  if (a.spikes_format != "npy") io::write_spikes_csv(run.file("spikes.csv"), rec.step, rec.neuron, a.dt_ms);
  if (a.spikes_format != "csv") io::write_spikes_npy(run.file("spikes.npy"), rec.step, rec.neuron);
  if (a.plastic) io::write_weights_csv(run.file("weights.csv"), simulator.weights(net));
  std::size_t n_exc = 0, spikes_exc = 0;
  for (std::uint32_t i = 0; i < net.n_neurons(); ++i) n_exc += net.neurons.excitatory[i];
  for (std::uint32_t j : rec.neuron) spikes_exc += net.neurons.excitatory[j];
  const double seconds = a.duration_ms / 1000.0;
  const std::size_t n_inh = net.n_neurons() - n_exc;
  nlohmann::json metrics = {
      {"neurons", net.n_neurons()},
      {"synapses", net.synapses.size()},
      {"steps", n_steps},
      {"spikes", rec.size()},
      {"rate_e_hz", n_exc ? spikes_exc / (n_exc * seconds) : 0.0},
      {"rate_i_hz", n_inh ? (rec.size() - spikes_exc) / (n_inh * seconds) : 0.0},
      {"wall_seconds", std::chrono::duration<double>(t2 - t1).count()},
      // CPU time of the simulation loop: the figure to compare on a shared, oversubscribed machine.
      {"cpu_seconds", static_cast<double>(c2 - c1) / CLOCKS_PER_SEC},
      {"setup_seconds", std::chrono::duration<double>(t1 - t0).count()}};
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
  metrics["plastic_layout"] = layout_used;
  run.write_json("metrics.json", metrics);
  run.log("simulated " + std::to_string(n_steps) + " steps: " + std::to_string(rec.size()) + " spikes");
  std::cout << "hrsnn simulate: " << net.n_neurons() << " neurons, " << rec.size() << " spikes, E "
            << metrics["rate_e_hz"].get<double>() << " Hz, I " << metrics["rate_i_hz"].get<double>() << " Hz, "
            << metrics["wall_seconds"].get<double>() << " s wall, ISI CV (E) " << metrics["isi_cv_e"].get<double>()
            << ", plastic layout " << layout_used << " -> " << a.out << '\n';
  return 0;
}

}  // namespace

void add_simulate_command(CLI::App& app, Action& action) {
  auto args = std::make_shared<SimulateArgs>();
  CLI::App* cmd = app.add_subcommand(
      "simulate",
      "Simulate a network folder (neurons.csv, synapses.csv, inputs.csv, input_synapses.csv), or\n"
      "without --network the default MRSNN (or --config's network) driven by a rate-coded random input.\n"
      "Examples: hrsnn simulate --network net/ --duration 1000 --dt 0.1 --plastic --out runs/sim1\n"
      "          hrsnn simulate --duration 10000 --dt 1 --set network.n=2000 --out runs/demo");
  cmd->add_option("--network", args->network, "Network folder in the format of docs/network-files.md (default: build one)");
  cmd->add_option("--config", args->config, "TOML config for a generated network (docs/configuration.md)");
  cmd->add_option("--set", args->sets, "Override a config key, e.g. --set network.n=2000 (repeatable)");
  cmd->add_option("--seed", args->seed, "Seed of a generated network and its input")->capture_default_str();
  cmd->add_option("--export-network", args->export_network, "Also write the simulated network as a network folder");
  cmd->add_option("--probe-v", args->probe_v, "Neurons whose v (after reset) is written every step to membrane_probe.csv, e.g. --probe-v 0 1 2");
  cmd->add_option("--probe-w", args->probe_w, "Synapses (row in synapses.csv then input_synapses.csv) whose weight goes to weight_probe.csv");
  cmd->add_option("--spikes", args->spikes_format,
                  "Spike file: csv (spikes.csv), npy (spikes.npy: fields neuron <u4, step <i8; for large runs) or both")
      ->capture_default_str();
  cmd->add_option("--precision", args->precision,
                  "Neuron state precision: double (the Brian2 reference path) or single (float32: about 1.7x "
                  "faster on large networks; trajectories drift from double's by rounding)")
      ->capture_default_str();
  cmd->add_option("--probe-every", args->probe_every_ms, "Interval of the weight probe in ms")->capture_default_str();
  cmd->add_option("--duration", args->duration_ms, "Simulated time in ms (a multiple of dt)")->required();
  cmd->add_option("--dt", args->dt_ms, "Time step in ms")->capture_default_str();
  cmd->add_flag("--plastic", args->plastic, "Apply STDP to synapses with STDP columns and eta > 0");
  cmd->add_option("--pairing", args->pairing, "STDP pairing: nearest or all")->capture_default_str();
  cmd->add_option("--layout", args->layout,
                  "Plastic synapse storage: auto (compact 16 B when nearest pairing and <= 256 values per STDP "
                  "parameter and (w_min, w_max) group, else wide 64 B), wide, or compact (error if impossible)")
      ->capture_default_str();
  cmd->add_option("--out", args->out, "Run folder to write (refused if it holds another run)")->required();
  cmd->add_flag("--force", args->force, "Replace an existing run folder");
  cmd->callback([args, &action] { action = [args] { return run_simulate(*args); }; });
}

}  // namespace hrsnn::cli
