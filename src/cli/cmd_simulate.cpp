/// \file cmd_simulate.cpp
/// \brief `hrsnn simulate`: run a network folder (docs/model.md §9) and write spikes and weights.
#include "cli/commands.hpp"
#include "core/error.hpp"
#include "experiments/simulation.hpp"
#include "io/config.hpp"
#include "io/network_files.hpp"
#include "io/npy.hpp"
#include "io/run_folder.hpp"

#include <chrono>
#include <fstream>
#include <iostream>
#include <memory>

namespace hrsnn::cli {
namespace {

struct SimulateArgs {
  std::string network;
  std::string config;
  std::vector<std::string> sets;
  std::string export_network;
  std::string spikes_format = "csv";
  std::string out;
  bool force = false;
  experiments::SimulationSettings sim;  // duration, dt, seed, STDP, layout, precision, probes
};

int run_simulate(const SimulateArgs& a) {
  const auto t0 = std::chrono::steady_clock::now();
  const experiments::SimulationSettings& s = a.sim;
  io::Config cfg = a.config.empty() ? io::Config("--set") : io::Config::from_file(a.config);
  for (const auto& kv : a.sets) cfg.set(kv);
  require(a.network.empty() || (a.config.empty() && a.sets.empty()), "--network cannot be combined with --config or --set");
  // Everything that can refuse the input (layout, memory, probes) runs before the run folder
  // is written, so bad input leaves no half-made folder behind.
  experiments::Simulation simulation(
      a.network.empty() ? experiments::generated_network(cfg, s) : io::read_network_folder(a.network, s.dt_ms, s.duration_ms), s);
  require(a.spikes_format == "csv" || a.spikes_format == "npy" || a.spikes_format == "both",
          "--spikes must be csv, npy or both, got '" + a.spikes_format + "'");
  const sim::Network& net = simulation.network();
  nlohmann::json settings = {{"network", a.network.empty() ? "generated" : a.network}, {"duration_ms", s.duration_ms},
                             {"dt_ms", s.dt_ms}, {"plastic", s.plastic}, {"pairing", s.pairing},
                             {"layout", s.layout}, {"precision", s.precision}, {"kernel", s.kernel}, {"threads", s.threads}, {"seed", s.seed}};
  if (a.network.empty()) settings["config"] = cfg.to_json();
  io::RunFolder run(a.out, "simulate", a.force ? io::ExistingFolder::Force : io::ExistingFolder::Refuse, settings);
  settings.erase("config");
  run.write_json("settings.json", settings);
  if (a.network.empty()) {
    std::ofstream(run.file("config.toml")) << cfg.dump();
  }
  if (!a.export_network.empty()) io::write_network_folder(a.export_network, net, simulation.inputs());
  run.log("network: " + std::to_string(net.n_neurons()) + " neurons, " + std::to_string(net.synapses.size()) +
          " synapses, " + std::to_string(simulation.inputs().size()) + " input spikes");
  const std::string layout_used = simulation.layout_used();
  run.log("plastic synapse layout: " + layout_used);
  const auto t1 = std::chrono::steady_clock::now();
  const experiments::SimulationResult r = simulation.run();
  const sim::SpikeRecorder& rec = r.spikes;
  if (!s.probe_w.empty()) {
    std::ofstream wprobe(run.file("weight_probe.csv"));
    wprobe << "step,time,synapse,weight\n";
    wprobe.precision(17);
    const experiments::WeightProbe& p = r.weight_probe;
    for (std::size_t k = 0; k < p.step.size(); ++k)
      wprobe << p.step[k] << ',' << io::format_time(p.step[k], s.dt_ms) << ',' << p.synapse[k] << ',' << p.weight[k] << '\n';
    require(wprobe.good(), run.file("weight_probe.csv").string() + ": write failed (disk full?)");
  }
  if (!rec.neurons_probe.empty()) {
    std::ofstream vp(run.file("membrane_probe.csv"));
    vp << "step,time,neuron,v\n";
    vp.precision(17);
    const std::size_t k = rec.neurons_probe.size();
    for (std::size_t i = 0; i < rec.v_samples.size(); ++i)
      vp << i / k << ',' << io::format_time(static_cast<std::int64_t>(i / k), s.dt_ms) << ',' << rec.neurons_probe[i % k] << ','
         << rec.v_samples[i] << '\n';
    require(vp.good(), run.file("membrane_probe.csv").string() + ": write failed (disk full?)");
  }

  if (a.spikes_format != "npy") io::write_spikes_csv(run.file("spikes.csv"), rec.step, rec.neuron, s.dt_ms);
  if (a.spikes_format != "csv") io::write_spikes_npy(run.file("spikes.npy"), rec.step, rec.neuron);
  if (s.plastic) io::write_weights_csv(run.file("weights.csv"), r.weights);
  const nlohmann::json metrics =
      experiments::simulation_metrics(simulation, r, std::chrono::duration<double>(t1 - t0).count());
  run.write_json("metrics.json", metrics);
  run.log("simulated " + std::to_string(r.steps) + " steps: " + std::to_string(rec.size()) + " spikes");
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
  cmd->add_option("--seed", args->sim.seed, "Seed of a generated network and its input")->capture_default_str();
  cmd->add_option("--export-network", args->export_network, "Also write the simulated network as a network folder");
  cmd->add_option("--probe-v", args->sim.probe_v, "Neurons whose v (after reset) is written every step to membrane_probe.csv, e.g. --probe-v 0 1 2");
  cmd->add_option("--probe-w", args->sim.probe_w, "Synapses (row in synapses.csv then input_synapses.csv) whose weight goes to weight_probe.csv");
  cmd->add_option("--spikes", args->spikes_format,
                  "Spike file: csv (spikes.csv), npy (spikes.npy: fields neuron <u4, step <i8; for large runs) or both")
      ->capture_default_str();
  cmd->add_option("--precision", args->sim.precision,
                  "Neuron state precision: double (the Brian2 reference path) or single (float32: about 1.7x "
                  "faster on large networks; trajectories drift from double's by rounding)")
      ->capture_default_str();
  cmd->add_option("--kernel", args->sim.kernel,
                  "Neuron arithmetic: exact (Brian2's expressions and libm exp: identical spikes) or fast "
                  "(conductance model: vectorised exp and reciprocals; same statistics, spikes not guaranteed "
                  "identical; docs/performance.md)")
      ->capture_default_str();
  cmd->add_option("--threads", args->sim.threads,
                  "Threads sharing each step of the network (neuron updates and static synapses; the spikes "
                  "and weights do not depend on it); for large networks on idle cores (1.6x with 2 threads at "
                  "100 000 neurons, docs/performance.md)")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  cmd->add_option("--probe-every", args->sim.probe_every_ms, "Interval of the weight probe in ms")->capture_default_str();
  cmd->add_option("--duration", args->sim.duration_ms, "Simulated time in ms (a multiple of dt)")->required();
  cmd->add_option("--dt", args->sim.dt_ms, "Time step in ms")->capture_default_str();
  cmd->add_flag("--plastic", args->sim.plastic, "Apply STDP to synapses with STDP columns and eta > 0");
  cmd->add_option("--pairing", args->sim.pairing, "STDP pairing: nearest or all")->capture_default_str();
  cmd->add_option("--layout", args->sim.layout,
                  "Plastic synapse storage: auto (compact 16 B when nearest pairing and <= 256 values per STDP "
                  "parameter and (w_min, w_max) group, else wide 64 B), wide, or compact (error if impossible)")
      ->capture_default_str();
  cmd->add_option("--out", args->out, "Run folder to write (refused if it holds another run)")->required();
  cmd->add_flag("--force", args->force, "Replace an existing run folder");
  cmd->callback([args, &action] { action = [args] { return run_simulate(*args); }; });
}

}  // namespace hrsnn::cli
