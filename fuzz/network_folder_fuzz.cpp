/// \file network_folder_fuzz.cpp
/// \brief Fuzzes the network folder reader: the first byte picks which of neurons.csv,
/// synapses.csv, inputs.csv or input_synapses.csv the rest replaces (the others stay valid)
/// and the step dt (its upper bits: plasticity, pairing, precision); whatever the reader accepts must then build and run in the simulator.
#include "fuzz_util.hpp"
#include "io/network_files.hpp"
#include "sim/recorder.hpp"
#include "sim/simulator.hpp"

namespace {

const char* const kFiles[] = {"neurons.csv", "synapses.csv", "inputs.csv", "input_synapses.csv"};
const char* const kValid[] = {
    "id,type,tau_m,v_rest,v_reset,v_th,v_init,tau_ref,tau_syn_e,tau_syn_i\n"
    "0,E,20,-65,-65,-50,-65,2,5,10\n1,I,10,-65,-65,-50,-60,2,5,10\n2,E,20,-65,-65,-50,-52,0,5,5\n",
    "pre,post,weight,delay,tau_plus,tau_minus,eta_plus,eta_minus,w_min,w_max\n"
    "0,1,3,1,20,20,0.01,0.0105,0,6\n1,0,-2,0.5,,,,,,\n2,0,4,2,10,30,0.02,0.01,0,8\n",
    "source,time\n0,1\n1,2.5\n0,3\n",
    "source,post,weight,delay\n0,0,10,0\n1,1,10,2\n1,2,12,1\n",
};
constexpr double kDt[] = {0.5, 1.0, 0.1, 0.25};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace hrsnn;
  if (size < 1) return 0;
  const int which = data[0] % 4;
  const double dt = kDt[(data[0] / 4) % 4];
  const bool plastic = (data[0] & 0x10) != 0, all_to_all = (data[0] & 0x20) != 0, single = (data[0] & 0x40) != 0;
  const auto dir = fuzz::scratch() / "net";
  std::filesystem::create_directories(dir);
  for (int k = 0; k < 4; ++k)
    fuzz::write_file(dir / kFiles[k], k == which ? std::string_view(reinterpret_cast<const char*>(data + 1), size - 1) : kValid[k]);
  fuzz::expect_only_input_errors([&] {
    const io::NetworkFolder f = io::read_network_folder(dir, dt, 20.0);
    // Keep a run cheap; what the reader accepted must also be simulatable.
    if (f.network.n_neurons() > 2000 || f.network.synapses.size() > 20000 || f.network.n_inputs > 100000) return;
    sim::SimOptions o;
    o.plastic = plastic;
    o.pairing = all_to_all ? sim::Pairing::AllToAll : sim::Pairing::Nearest;
    o.precision = single ? sim::Precision::Single : sim::Precision::Double;
    sim::Simulator s(f.network, o);
    sim::SpikeRecorder rec;
    s.run(sim::to_steps(20.0, dt, "duration"), &f.inputs, &rec);
  });
  return 0;
}
