/// \file network_files.hpp
/// \brief Reading and writing the network folder and run outputs of docs/model.md §9.
///
/// neurons.csv   id,type,tau_m,v_rest,v_reset,v_th,v_init,tau_ref,tau_syn_e,tau_syn_i
/// synapses.csv  pre,post,weight,delay[,tau_plus,tau_minus,eta_plus,eta_minus,w_min,w_max]
/// inputs.csv    source,time                         (optional)
/// input_synapses.csv  source,post,weight,delay[,STDP columns]   (optional)
/// Units: ms and mV. Times and delays must lie on the dt grid; a blank STDP row is static.
#pragma once

#include "core/spike_events.hpp"
#include "sim/network.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace hrsnn::io {

/// A network folder read at a given dt, with its input spikes.
struct NetworkFolder {
  sim::Network network;  ///< neurons, then synapses.csv rows, then input_synapses.csv rows
  SpikeEvents inputs;    ///< input spikes (steps), sorted
};

/// Reads DIR at step dt for a run of duration_ms; every error names the file and line.
NetworkFolder read_network_folder(const std::filesystem::path& dir, double dt, double duration_ms);

/// Writes spikes.csv: neuron,step,time sorted by step then neuron, time printed exactly.
void write_spikes_csv(const std::filesystem::path& file, const std::vector<std::int64_t>& steps,
                      const std::vector<std::uint32_t>& neurons, double dt);

/// Writes weights.csv: one `weight` row per synapse, 17 significant digits.
void write_weights_csv(const std::filesystem::path& file, const std::vector<double>& weights);

/// Writes a network folder (neurons.csv, synapses.csv, input_synapses.csv, inputs.csv) so that
/// read_network_folder gives back the same network; used to export built networks.
void write_network_folder(const std::filesystem::path& dir, const sim::Network& net, const SpikeEvents& inputs);

/// step·dt as the exact decimal product of step and the shortest decimal form of dt
/// (so 3 steps of 0.1 ms print as 0.3, not 0.30000000000000004).
std::string format_time(std::int64_t step, double dt);

/// The doubles nearest to format_time(step, dt) for each step: what parsing the time column of
/// spikes.csv gives, so numeric consumers (the Python package) see the same times as the file.
std::vector<double> times_ms(const std::vector<std::int64_t>& steps, double dt);

}  // namespace hrsnn::io
