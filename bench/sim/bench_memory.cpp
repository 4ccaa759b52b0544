/// \file bench_memory.cpp
/// \brief Bytes per synapse: what the layout accounts for, and the measured peak-RSS growth when
/// a random network of about 1e7 synapses is compiled into a Simulator.
///
/// Usage: bench_memory [static|plastic|plastic-wide] [synapses]
/// `plastic` uses the default (compact, 16 B) layout; `plastic-wide` forces the 64-byte lines.
#include "sim/simulator.hpp"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

namespace {

// Peak resident set size of this process in bytes (VmHWM of /proc/self/status).
double peak_rss_bytes() {
  std::ifstream in("/proc/self/status");
  std::string key;
  while (in >> key) {
    if (key == "VmHWM:") {
      double kb = 0;
      in >> kb;
      return kb * 1024.0;
    }
    std::getline(in, key);
  }
  return 0.0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string mode = argc > 1 ? argv[1] : "static";
  const bool plastic = mode == "plastic" || mode == "plastic-wide";
  const std::size_t target = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 10000000;
  const std::uint32_t n = 10000;
  const std::size_t per = target / n;
  hrsnn::sim::Network net;
  net.dt = 0.1;
  net.neurons.resize(n);
  for (std::uint32_t i = 0; i < n; ++i) {
    auto& t = net.neurons;
    t.tau_m[i] = 20; t.v_rest[i] = -65; t.v_reset[i] = -65; t.v_th[i] = -50; t.v_init[i] = -65;
    t.tau_ref[i] = 2; t.tau_syn_e[i] = 5; t.tau_syn_i[i] = 10; t.excitatory[i] = 1;
  }
  auto& st = net.synapses;
  for (std::uint32_t i = 0; i < n; ++i)
    for (std::size_t k = 0; k < per; ++k) st.add(i, static_cast<std::uint32_t>((i * 7919 + k * 104729) % n), 1.0, 10);
  if (plastic) {
    auto& sp = st.stdp;
    for (auto* c : {&sp.tau_plus, &sp.tau_minus}) c->assign(st.size(), 20.0);
    for (auto* c : {&sp.eta_plus, &sp.eta_minus}) c->assign(st.size(), 0.01);
    sp.w_min.assign(st.size(), 0.0);
    sp.w_max.assign(st.size(), 2.0);
  }
  const double before = peak_rss_bytes();
  const auto layout = mode == "plastic-wide" ? hrsnn::sim::PlasticLayout::Wide : hrsnn::sim::PlasticLayout::Compact;
  hrsnn::sim::Simulator sim(net, hrsnn::sim::SimOptions{plastic, hrsnn::sim::Pairing::Nearest, layout});
  const double after = peak_rss_bytes();
  const auto bytes = hrsnn::sim::Simulator::bytes_per_synapse();
  const double layout_bytes = !plastic ? bytes.static_synapse : mode == "plastic" ? bytes.plastic_compact : bytes.plastic_wide;
  std::printf("{\"mode\": \"%s\", \"synapses\": %zu, \"layout_bytes_per_synapse\": %.1f, "
              "\"peak_rss_growth_bytes_per_synapse\": %.2f}\n",
              mode.c_str(), st.size(), layout_bytes, (after - before) / st.size());
  return 0;
}
