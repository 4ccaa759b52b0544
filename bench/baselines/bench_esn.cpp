/// \file bench_esn.cpp
/// \brief The built-in ESN on Lorenz-63 (h = 1, 10) and memory capacity, with wall times, as JSON
/// for bench/baselines/esn_vs_reservoirpy.py; also writes the series, u, the network of seed 1
/// and its Lorenz states as raw float64 files so the script can rerun them in ReservoirPy.
///
/// Usage: bench_esn OUT_DIR [n=500] [seeds=3] [grid=1]
/// Fixed setting (both libraries): leak 0.3, ρ 0.9, s 0.5, density 0.1, bias U[−0.1, 0.1],
/// ridge α 1e-6, readout on [x(t), u(t)] for prediction and x(t) for memory capacity.
#include "baselines/esn_tasks.hpp"
#include "core/rng.hpp"
#include "readout/standardize.hpp"
#include "tasks/flows.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace {

using hrsnn::baselines::EsnGrid;
using hrsnn::baselines::EsnParams;
using Clock = std::chrono::steady_clock;

constexpr double kAlpha = 1e-6;
constexpr Eigen::Index kTrain = 5000, kTest = 2000;  // README's Lorenz-63 protocol

// Row-major float64, the layout numpy.fromfile(...).reshape(rows, cols) reads.
void write_f64(const std::filesystem::path& p, const Eigen::MatrixXd& m) {
  const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> r = m;
  std::ofstream out(p, std::ios::binary);
  out.write(reinterpret_cast<const char*>(r.data()), static_cast<std::streamsize>(r.size() * sizeof(double)));
}

nlohmann::json choice_json(const hrsnn::baselines::EsnChoice& c) {
  return {{"leak", c.params.leak}, {"spectral_radius", c.params.spectral_radius},
          {"input_scaling", c.params.input_scaling}, {"ridge_alpha", std::isnan(c.ridge_alpha) ? -1.0 : c.ridge_alpha},
          {"validation_score", c.validation_score}, {"settings_tried", c.settings_tried}};
}

EsnParams fixed_params(int n, std::uint64_t seed) {
  EsnParams p;
  p.n = n;
  p.leak = 0.3;
  p.spectral_radius = 0.9;
  p.input_scaling = 0.5;
  p.density = 0.1;
  p.bias_scaling = 0.1;
  p.seed = seed;
  return p;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: bench_esn OUT_DIR [n=500] [seeds=3] [grid=1]\n");
    return 2;
  }
  const std::filesystem::path dir = argv[1];
  const int n = argc > 2 ? std::atoi(argv[2]) : 500;
  const int seeds = argc > 3 ? std::atoi(argv[3]) : 3;
  const bool grid = argc > 4 ? std::atoi(argv[4]) != 0 : true;
  std::filesystem::create_directories(dir);

  const Eigen::MatrixXd lorenz = hrsnn::tasks::lorenz63(kTrain + kTest, 1).values;
  hrsnn::metrics::MemoryCapacityOptions mc;  // K 100, washout 200, train 2000, test 1000, R 10
  hrsnn::Rng rng(hrsnn::derive_seed(1, {0x6D63, 1}));
  Eigen::VectorXd u(mc.washout + mc.train + mc.test);
  for (Eigen::Index t = 0; t < u.size(); ++t) u(t) = rng.uniform();
  write_f64(dir / "lorenz.f64", lorenz);
  write_f64(dir / "mc_u.f64", u);

  nlohmann::json out = {{"n", n}, {"train", kTrain}, {"test", kTest}, {"washout", 100}, {"alpha", kAlpha},
                        {"leak", 0.3}, {"spectral_radius", 0.9}, {"input_scaling", 0.5}, {"density", 0.1},
                        {"bias_scaling", 0.1}, {"mc_max_delay", mc.max_delay}, {"mc_washout", mc.washout},
                        {"mc_train", mc.train}, {"mc_test", mc.test}};
  for (int s = 1; s <= seeds; ++s) {
    const auto seed = static_cast<std::uint64_t>(s);
    nlohmann::json run = {{"seed", s}};
    // Fixed setting, the one ReservoirPy gets.
    hrsnn::baselines::EsnPredictionOptions po;
    po.base = fixed_params(n, seed);
    po.grid = EsnGrid::fixed({kAlpha});
    auto t0 = Clock::now();
    const hrsnn::baselines::Esn esn(po.base, 3);
    const double build_s = std::chrono::duration<double>(Clock::now() - t0).count();
    const auto pr = hrsnn::baselines::esn_prediction(lorenz, kTrain, kTrain + kTest, {1, 10}, po);
    run["fixed"] = {{"nrmse_h1", pr.per_horizon[0].nrmse}, {"nrmse_h10", pr.per_horizon[1].nrmse},
                    {"prediction_seconds", pr.seconds}, {"build_seconds", build_s}};
    if (s == 1) {
      // The network and its states on the z-scored series, for the identical-matrix check.
      const Eigen::MatrixXd z = hrsnn::readout::Standardizer::fit(lorenz.topRows(kTrain)).transform(lorenz);
      t0 = Clock::now();
      const Eigen::MatrixXd states = esn.run(z);
      run["fixed"]["states_seconds"] = std::chrono::duration<double>(Clock::now() - t0).count();
      write_f64(dir / "W.f64", Eigen::MatrixXd(esn.reservoir_weights()));
      write_f64(dir / "Win.f64", esn.input_weights());
      write_f64(dir / "bias.f64", esn.bias());
      write_f64(dir / "lorenz_states.f64", states);
    }
    hrsnn::baselines::EsnMemoryOptions mo;
    mo.base = fixed_params(n, seed);
    mo.grid = EsnGrid::fixed({kAlpha});
    hrsnn::metrics::MemoryCapacityOptions mc_fixed = mc;
    mc_fixed.lambdas = {kAlpha};
    mc_fixed.seed = seed;
    const auto mr = hrsnn::baselines::esn_memory_capacity(u, mc_fixed, mo);
    run["fixed"]["mc_raw"] = mr.capacity.capacity_raw;
    run["fixed"]["mc_corrected"] = mr.capacity.capacity_corrected;
    run["fixed"]["mc_seconds"] = mr.seconds;
    if (grid) {
      // The baseline as hrsnn's tables would show it: default grid chosen on validation.
      hrsnn::baselines::EsnPredictionOptions pg;
      pg.base = fixed_params(n, seed);
      const auto g = hrsnn::baselines::esn_prediction(lorenz, kTrain, kTrain + kTest, {1, 10}, pg);
      hrsnn::baselines::EsnMemoryOptions mg;
      mg.base = fixed_params(n, seed);
      hrsnn::metrics::MemoryCapacityOptions mc_seeded = mc;
      mc_seeded.seed = seed;
      const auto m = hrsnn::baselines::esn_memory_capacity(u, mc_seeded, mg);
      run["grid"] = {{"nrmse_h1", g.per_horizon[0].nrmse}, {"nrmse_h10", g.per_horizon[1].nrmse},
                     {"chosen_h1", choice_json(g.per_horizon[0].chosen)}, {"chosen_h10", choice_json(g.per_horizon[1].chosen)},
                     {"prediction_seconds", g.seconds}, {"mc_raw", m.capacity.capacity_raw},
                     {"mc_corrected", m.capacity.capacity_corrected}, {"mc_chosen", choice_json(m.chosen)},
                     {"mc_seconds", m.seconds}};
    }
    std::fprintf(stderr, "seed %d: %s\n", s, run.dump().c_str());
    out["runs"].push_back(run);
  }
  std::ofstream(dir / "hrsnn_esn.json") << out.dump(2) << "\n";
  return 0;
}
