/// \file bench_network_folder.cpp
/// \brief Times the engine alone on a network folder: CPU and wall seconds of the step loop,
/// rates and synaptic events per second, as JSON on stdout (for scripts/bench/compare_speed.py).
///
/// Usage: bench_network_folder DIR DURATION_MS DT_MS [plastic|static] [reps] [double|single]
#include "io/network_files.hpp"
#include "sim/simulator.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: %s DIR DURATION_MS DT_MS [plastic|static] [reps] [double|single]\n", argv[0]);
    return 2;
  }
  const double duration = std::atof(argv[2]), dt = std::atof(argv[3]);
  const bool plastic = argc > 4 && std::string(argv[4]) == "plastic";
  const int reps = argc > 5 ? std::atoi(argv[5]) : 1;
  const auto precision = argc > 6 && std::string(argv[6]) == "single" ? hrsnn::sim::Precision::Single
                                                                      : hrsnn::sim::Precision::Double;
  const hrsnn::io::NetworkFolder f = hrsnn::io::read_network_folder(argv[1], dt, duration);
  const auto steps = static_cast<std::int64_t>(duration / dt + 0.5);
  std::size_t out_degree_events = 0;
  for (int r = 0; r < reps; ++r) {
    hrsnn::sim::Simulator sim(f.network, hrsnn::sim::SimOptions{plastic, hrsnn::sim::Pairing::Nearest,
                                                                hrsnn::sim::PlasticLayout::Auto, precision});
    hrsnn::sim::SpikeRecorder rec;
    const auto w0 = std::chrono::steady_clock::now();
    const std::clock_t c0 = std::clock();
    sim.run(steps, &f.inputs, &rec);
    const double cpu = static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC;
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - w0).count();
    // Synaptic events: every spike (reservoir and input) times its fan-out.
    std::vector<std::size_t> fan(f.network.n_neurons() + f.network.n_inputs, 0);
    for (std::uint32_t p : f.network.synapses.pre) ++fan[p];
    out_degree_events = 0;
    for (std::uint32_t j : rec.neuron) out_degree_events += fan[j];
    for (std::uint32_t s : f.inputs.source) out_degree_events += fan[f.network.n_neurons() + s];
    std::printf("{\"cpu_seconds\": %.4f, \"wall_seconds\": %.4f, \"spikes\": %zu, \"synaptic_events\": %zu, "
                "\"events_per_cpu_second\": %.4g}\n",
                cpu, wall, rec.size(), out_degree_events, out_degree_events / cpu);
  }
  return 0;
}
