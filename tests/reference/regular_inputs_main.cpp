/// \file regular_inputs_main.cpp
/// \brief hrsnn's input trains for the Brian2 reference case of `encoding.kind = regular`
/// (docs/verification.md, case E): per-window inputs x (x.csv, windows × dims in [0, 1]) through
/// encode::RateEncoder (population code, kind regular, i.e. encode::regular_spikes_from_rates),
/// written as inputs.csv. The reference script checks that an independent Python accumulator
/// gives the same file byte for byte before both simulators read it, so the trains Brian2 gets
/// are hrsnn's own and the accumulator is checked too.
///
/// Usage: hrsnn_regular_inputs --x X.csv --dt MS --window-ms W --seed S [--neurons-per-dim M]
///        [--r-max HZ] --out inputs.csv
#include "core/error.hpp"
#include "encode/rate_encoder.hpp"
#include "io/network_files.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace {

// x.csv: a header naming the dimensions, then one row of values in [0, 1] per window.
Eigen::MatrixXd read_x(const std::filesystem::path& file) {
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
  Eigen::MatrixXd x(static_cast<Eigen::Index>(rows.size()), static_cast<Eigen::Index>(rows.front().size()));
  for (Eigen::Index k = 0; k < x.rows(); ++k)
    for (Eigen::Index j = 0; j < x.cols(); ++j) x(k, j) = rows[static_cast<std::size_t>(k)][static_cast<std::size_t>(j)];
  return x;
}

int run(int argc, char** argv) {
  std::map<std::string, std::string> opt{{"--neurons-per-dim", "20"}, {"--r-max", "200"}};
  for (int k = 1; k < argc; ++k) {
    const std::string a = argv[k];
    if (k + 1 < argc && a.rfind("--", 0) == 0) opt[a] = argv[++k];
    else throw hrsnn::InputError("unknown argument '" + a + "'");
  }
  for (const char* key : {"--x", "--dt", "--window-ms", "--seed", "--out"})
    hrsnn::require(opt.count(key) == 1, std::string("missing ") + key);
  const double dt = std::stod(opt["--dt"]);
  const Eigen::MatrixXd x = read_x(opt["--x"]);
  hrsnn::encode::RateCodeParams p;
  p.neurons_per_dim = std::stoi(opt["--neurons-per-dim"]);
  p.r_max_hz = std::stod(opt["--r-max"]);
  p.window_ms = std::stod(opt["--window-ms"]);
  p.code = hrsnn::encode::CodeKind::Population;
  p.kind = hrsnn::encode::InputKind::Regular;
  const hrsnn::encode::RateEncoder encoder(x.cols(), p);
  const hrsnn::SpikeEvents s = encoder.encode(x, dt, std::stoull(opt["--seed"]));
  std::ofstream out(opt["--out"]);
  out << "source,time\n";
  for (std::size_t k = 0; k < s.size(); ++k) out << s.source[k] << ',' << hrsnn::io::format_time(s.step[k], dt) << '\n';
  hrsnn::require(out.good(), opt["--out"] + ": write failed");
  std::printf("hrsnn_regular_inputs: %zu spikes from %u sources over %lld windows\n", s.size(), encoder.n_sources(),
              static_cast<long long>(x.rows()));
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
