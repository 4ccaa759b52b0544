/// \file cmd_simulate.cpp
/// \brief `hrsnn simulate`: run a network folder (MODEL.md §9) and write spikes and weights.
#include "cli/commands.hpp"
#include "io/network_files.hpp"
#include "io/run_folder.hpp"
#include "sim/simulator.hpp"

#include <chrono>
#include <iostream>
#include <memory>

namespace hrsnn::cli {
namespace {

struct SimulateArgs {
  std::string network;
  double duration_ms = 0.0;
  double dt_ms = 0.1;
  bool plastic = false;
  std::string pairing = "nearest";
  std::string out;
  bool force = false;
};

int run_simulate(const SimulateArgs& a) {
  const auto t0 = std::chrono::steady_clock::now();
  io::NetworkFolder folder = io::read_network_folder(a.network, a.dt_ms, a.duration_ms);
  const sim::Pairing pairing = sim::parse_pairing(a.pairing, "--pairing");
  io::RunFolder run(a.out, "simulate", a.force ? io::ExistingFolder::Force : io::ExistingFolder::Refuse);
  const sim::Network& net = folder.network;
  const std::int64_t n_steps = sim::to_steps(a.duration_ms, a.dt_ms, "--duration");
  nlohmann::json settings = {{"network", a.network}, {"duration_ms", a.duration_ms}, {"dt_ms", a.dt_ms},
                             {"plastic", a.plastic}, {"pairing", a.pairing}};
  run.write_json("settings.json", settings);
  run.log("read " + a.network + ": " + std::to_string(net.n_neurons()) + " neurons, " +
          std::to_string(net.synapses.size()) + " synapses, " + std::to_string(folder.inputs.size()) + " input spikes");

  sim::Simulator simulator(net, sim::SimOptions{a.plastic, pairing});
  sim::SpikeRecorder rec;
  const auto t1 = std::chrono::steady_clock::now();
  simulator.run(n_steps, &folder.inputs, &rec);
  const auto t2 = std::chrono::steady_clock::now();

  io::write_spikes_csv(run.file("spikes.csv"), rec.step, rec.neuron, a.dt_ms);
  if (a.plastic) io::write_weights_csv(run.file("weights.csv"), simulator.weights(net));
  std::size_t n_exc = 0, spikes_exc = 0;
  for (std::uint32_t i = 0; i < net.n_neurons(); ++i) n_exc += net.neurons.excitatory[i];
  for (std::uint32_t j : rec.neuron) spikes_exc += net.neurons.excitatory[j];
  const double seconds = a.duration_ms / 1000.0;
  const std::size_t n_inh = net.n_neurons() - n_exc;
  const nlohmann::json metrics = {
      {"neurons", net.n_neurons()},
      {"synapses", net.synapses.size()},
      {"steps", n_steps},
      {"spikes", rec.size()},
      {"rate_e_hz", n_exc ? spikes_exc / (n_exc * seconds) : 0.0},
      {"rate_i_hz", n_inh ? (rec.size() - spikes_exc) / (n_inh * seconds) : 0.0},
      {"wall_seconds", std::chrono::duration<double>(t2 - t1).count()},
      {"setup_seconds", std::chrono::duration<double>(t1 - t0).count()}};
  run.write_json("metrics.json", metrics);
  run.log("simulated " + std::to_string(n_steps) + " steps: " + std::to_string(rec.size()) + " spikes");
  std::cout << "hrsnn simulate: " << net.n_neurons() << " neurons, " << rec.size() << " spikes, E "
            << metrics["rate_e_hz"].get<double>() << " Hz, I " << metrics["rate_i_hz"].get<double>() << " Hz, "
            << metrics["wall_seconds"].get<double>() << " s wall -> " << a.out << '\n';
  return 0;
}

}  // namespace

void add_simulate_command(CLI::App& app, Action& action) {
  auto args = std::make_shared<SimulateArgs>();
  CLI::App* cmd = app.add_subcommand(
      "simulate",
      "Simulate a network folder (neurons.csv, synapses.csv, inputs.csv, input_synapses.csv).\n"
      "Example: hrsnn simulate --network net/ --duration 1000 --dt 0.1 --plastic --out runs/sim1");
  cmd->add_option("--network", args->network, "Network folder in the format of docs/network-files.md")->required();
  cmd->add_option("--duration", args->duration_ms, "Simulated time in ms (a multiple of dt)")->required();
  cmd->add_option("--dt", args->dt_ms, "Time step in ms")->capture_default_str();
  cmd->add_flag("--plastic", args->plastic, "Apply STDP to synapses with STDP columns and eta > 0");
  cmd->add_option("--pairing", args->pairing, "STDP pairing: nearest or all")->capture_default_str();
  cmd->add_option("--out", args->out, "Run folder to write (refused if it holds another run)")->required();
  cmd->add_flag("--force", args->force, "Replace an existing run folder");
  cmd->callback([args, &action] { action = [args] { return run_simulate(*args); }; });
}

}  // namespace hrsnn::cli
