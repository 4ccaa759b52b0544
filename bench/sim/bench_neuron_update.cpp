/// \file bench_neuron_update.cpp
/// \brief Cost of the neuron update alone, per neuron and step, against network size and
/// precision: tonic neurons (rest above threshold) without synapses, so the step loop is the
/// vectorised LIF update, the spike scan and the resets. A flat cost over sizes that do and
/// do not fit in L1/L2 means the loop is bound by its loads, stores and arithmetic, not by
/// cache bandwidth (docs/performance.md).
///
/// With `drive`, the same neurons also get a zero external drive in windows of 200 steps: the
/// driven kernel's extra load and add per neuron and step (and the per-window refresh), same dynamics.
///
/// Usage: bench_neuron_update [neuron_steps] [drive]   (default 4e8 per size and precision)
#include "sim/external_drive.hpp"
#include "sim/simulator.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

int main(int argc, char** argv) {
  using namespace hrsnn::sim;
  const double work = argc > 1 ? std::atof(argv[1]) : 4e8;
  const bool driven = argc > 2 && std::string(argv[2]) == "drive";
  for (std::uint32_t n : {500u, 1000u, 4000u, 16000u, 64000u}) {
    for (Precision p : {Precision::Double, Precision::Single}) {
      Network net;
      net.dt = 0.1;
      net.neurons.resize(n);
      auto& t = net.neurons;
      for (std::uint32_t i = 0; i < n; ++i) {
        t.tau_m[i] = 20; t.v_rest[i] = -49; t.v_reset[i] = -60; t.v_th[i] = -50;
        t.v_init[i] = -60 + (i % 100) * 0.1; t.tau_ref[i] = 5; t.tau_syn_e[i] = 5; t.tau_syn_i[i] = 10;
        t.excitatory[i] = 1;
      }
      Simulator sim(net, SimOptions{false, Pairing::Nearest, PlasticLayout::Auto, p});
      const auto steps = static_cast<std::int64_t>(work / n);
      ExternalDrive drive;
      drive.steps_per_window = 200;
      if (driven) drive.d_mv = DriveMatrix::Zero((steps + 199) / 200, n);
      const auto t0 = std::chrono::steady_clock::now();
      sim.run(steps, nullptr, nullptr, driven ? &drive : nullptr);
      const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      std::printf("{\"neurons\": %u, \"precision\": \"%s\", \"drive\": %s, \"ns_per_neuron_step\": %.3f}\n", n,
                  p == Precision::Double ? "double" : "single", driven ? "true" : "false",
                  s / (static_cast<double>(steps) * n) * 1e9);
    }
  }
  return 0;
}
