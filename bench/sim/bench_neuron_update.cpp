/// \file bench_neuron_update.cpp
/// \brief Cost of the neuron update alone, per neuron and step, against network size and
/// precision: tonic neurons (rest above threshold) without synapses, so the step loop is the
/// vectorised LIF update, the spike scan and the resets. A flat cost over sizes that do and
/// do not fit in L1/L2 means the loop is bound by its loads, stores and arithmetic, not by
/// cache bandwidth (docs/performance.md).
///
/// Usage: bench_neuron_update [neuron_steps]   (default 4e8 per size and precision)
#include "sim/simulator.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>

int main(int argc, char** argv) {
  using namespace hrsnn::sim;
  const double work = argc > 1 ? std::atof(argv[1]) : 4e8;
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
      const auto t0 = std::chrono::steady_clock::now();
      sim.run(steps, nullptr, nullptr);
      const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      std::printf("{\"neurons\": %u, \"precision\": \"%s\", \"ns_per_neuron_step\": %.3f}\n", n,
                  p == Precision::Double ? "double" : "single", s / (static_cast<double>(steps) * n) * 1e9);
    }
  }
  return 0;
}
