/// \file drive_run_main.cpp
/// \brief hrsnn's side of the Brian2 reference case for the external drive (docs/verification.md,
/// case D): a network folder plus drive.csv (windows × sources activations g) run through
/// sim::drive_from_inputs and Simulator::run with the drive, written as `hrsnn simulate` would.
///
/// Usage: hrsnn_drive_run --network DIR --duration MS --dt MS --drive-scale S --window-ms W
///        [--plastic] [--pairing nearest|all] [--layout auto|wide|compact] [--precision double|single] --out RUN
/// (a test tool, not the CLI: the `current` pathway reaches users through src/experiments).
#include "core/error.hpp"
#include "io/network_files.hpp"
#include "sim/external_drive.hpp"
#include "sim/simulator.hpp"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace {

// drive.csv: a header naming the sources, then one row of activations per window.
Eigen::MatrixXd read_activations(const std::filesystem::path& file) {
  std::ifstream in(file);
  hrsnn::require(in.good(), file.string() + ": cannot open");
  std::string line;
  std::vector<std::vector<double>> rows;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    std::vector<double> row;
    std::stringstream cells(line);
    for (std::string cell; std::getline(cells, cell, ',');) row.push_back(std::stod(cell));
    hrsnn::require(rows.empty() || row.size() == rows.front().size(),
                   file.string() + ":" + std::to_string(rows.size() + 2) + ": wrong number of columns");
    rows.push_back(std::move(row));
  }
  hrsnn::require(!rows.empty(), file.string() + ": no windows");
  Eigen::MatrixXd g(static_cast<Eigen::Index>(rows.size()), static_cast<Eigen::Index>(rows.front().size()));
  for (Eigen::Index k = 0; k < g.rows(); ++k)
    for (Eigen::Index j = 0; j < g.cols(); ++j) g(k, j) = rows[static_cast<std::size_t>(k)][static_cast<std::size_t>(j)];
  return g;
}

int run(int argc, char** argv) {
  std::map<std::string, std::string> opt{{"--pairing", "nearest"}, {"--layout", "auto"}, {"--precision", "double"}};
  bool plastic = false;
  for (int k = 1; k < argc; ++k) {
    const std::string a = argv[k];
    if (a == "--plastic") plastic = true;
    else if (k + 1 < argc && a.rfind("--", 0) == 0) opt[a] = argv[++k];
    else throw hrsnn::InputError("unknown argument '" + a + "'");
  }
  for (const char* key : {"--network", "--duration", "--dt", "--drive-scale", "--window-ms", "--out"})
    hrsnn::require(opt.count(key) == 1, std::string("missing ") + key);
  const double dt = std::stod(opt["--dt"]), duration = std::stod(opt["--duration"]);
  const std::filesystem::path dir = opt["--network"], out = opt["--out"];
  const hrsnn::io::NetworkFolder f = hrsnn::io::read_network_folder(dir, dt, duration);
  const std::int64_t n_steps = hrsnn::sim::to_steps(duration, dt, "--duration");
  const std::int64_t per_window = hrsnn::sim::to_steps(std::stod(opt["--window-ms"]), dt, "--window-ms");
  const hrsnn::sim::ExternalDrive drive = hrsnn::sim::drive_from_inputs(
      f.network, read_activations(dir / "drive.csv"), std::stod(opt["--drive-scale"]), per_window);
  const hrsnn::sim::SimOptions options{plastic, hrsnn::sim::parse_pairing(opt["--pairing"], "--pairing"),
                                       hrsnn::sim::parse_plastic_layout(opt["--layout"], "--layout"),
                                       hrsnn::sim::parse_precision(opt["--precision"], "--precision")};
  hrsnn::sim::Simulator sim(f.network, options);
  hrsnn::sim::SpikeRecorder rec;
  sim.run(n_steps, &f.inputs, &rec, &drive);
  std::filesystem::create_directories(out);
  hrsnn::io::write_spikes_csv(out / "spikes.csv", rec.step, rec.neuron, dt);
  if (plastic) hrsnn::io::write_weights_csv(out / "weights.csv", sim.weights(f.network));
  std::ofstream(out / "metrics.json") << "{\"spikes\": " << rec.size() << ", \"plastic_layout\": \""
                                      << (!plastic ? "none" : sim.compact() ? "compact" : "wide") << "\"}\n";
  std::printf("hrsnn_drive_run: %zu spikes, %lld windows of %lld steps\n", rec.size(),
              static_cast<long long>(drive.windows()), static_cast<long long>(per_window));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const hrsnn::InputError& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return 2;
  }
}
