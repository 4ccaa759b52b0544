#include "baselines/esn.hpp"
#include "baselines/esn_tasks.hpp"
#include "baselines/spectral_radius.hpp"

#include "core/error.hpp"
#include "core/rng.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace hrsnn::baselines {
namespace {

Eigen::MatrixXd normal_inputs(std::uint64_t seed, Eigen::Index t, Eigen::Index d) {
  Rng r(seed);
  Eigen::MatrixXd u(t, d);
  for (Eigen::Index i = 0; i < t; ++i)
    for (Eigen::Index j = 0; j < d; ++j) u(i, j) = r.normal();
  return u;
}

EsnParams small(int n, std::uint64_t seed = 1) {
  EsnParams p;
  p.n = n;
  p.seed = seed;
  return p;
}

TEST(Esn, SpectralRadiusOfWEqualsRho) {
  EsnParams p = small(210);  // above kDenseLimit: scaled by Arnoldi, checked by the dense solver
  p.spectral_radius = 0.9;
  const Esn esn(p, 2);
  EXPECT_NEAR(spectral_radius(Eigen::MatrixXd(esn.reservoir_weights())), 0.9, 1e-9);
  const Esn other = esn.rescaled(0.3, 1.1, 0.5);  // the same W̃ times 1.1
  EXPECT_LT((Eigen::MatrixXd(other.reservoir_weights()) - (1.1 / 0.9) * Eigen::MatrixXd(esn.reservoir_weights()))
                .cwiseAbs().maxCoeff(), 1e-14);
  // The draw was not already at radius 1: rescaling did something.
  EXPECT_GT(std::abs(esn.drawn_spectral_radius() - 1.0), 0.1);
  // W_in within [-s, s] and using most of it; density near 10 %.
  EXPECT_LE(other.input_weights().cwiseAbs().maxCoeff(), 0.5);
  EXPECT_GT(other.input_weights().cwiseAbs().maxCoeff(), 0.45);
  const double density = static_cast<double>(esn.reservoir_weights().nonZeros()) / (210.0 * 210.0);
  EXPECT_NEAR(density, 0.1, 0.006);
}

TEST(Esn, SpectralRadiusOfAKnownMatrix) {
  Eigen::MatrixXd rot(2, 2);
  rot << 0.0, -2.0, 2.0, 0.0;  // eigenvalues ±2i: a complex pair that defeats plain power iteration
  EXPECT_NEAR(spectral_radius(rot), 2.0, 1e-14);
}

TEST(Esn, SameSeedIdenticalStatesDifferentSeedDifferent) {
  const Eigen::MatrixXd u = normal_inputs(7, 200, 3);
  const Eigen::MatrixXd a = Esn(small(60, 5), 3).run(u);
  const Eigen::MatrixXd b = Esn(small(60, 5), 3).run(u);
  const Eigen::MatrixXd c = Esn(small(60, 6), 3).run(u);
  EXPECT_TRUE((a.array() == b.array()).all());
  EXPECT_GT((a - c).cwiseAbs().maxCoeff(), 0.1);
}

TEST(Esn, LeakOneZeroWIsTanhOfInputDriveExactly) {
  EsnParams p = small(30);
  p.leak = 1.0;
  p.spectral_radius = 0.0;
  p.input_scaling = 0.7;
  p.bias_scaling = 0.4;
  const Esn esn(p, 1);
  const Eigen::MatrixXd u = normal_inputs(3, 50, 1);
  const Eigen::MatrixXd x = esn.run(u, Eigen::VectorXd::Constant(30, 0.8));  // x0 must be forgotten at once
  for (Eigen::Index t = 0; t < u.rows(); ++t)
    for (Eigen::Index i = 0; i < 30; ++i)
      ASSERT_EQ(x(t, i), std::tanh(esn.input_weights()(i, 0) * u(t, 0) + esn.bias()(i))) << t << "," << i;
}

TEST(Esn, EchoStatePropertyForgetsTheInitialState) {
  EsnParams p = small(100);
  p.spectral_radius = 0.9;
  p.leak = 0.5;
  const Esn esn(p, 1);
  const Eigen::MatrixXd u = normal_inputs(11, 400, 1);
  const Eigen::MatrixXd a = esn.run(u, Eigen::VectorXd::Zero(100));
  const Eigen::MatrixXd b = esn.run(u, Eigen::VectorXd::Ones(100));
  EXPECT_GT((a.row(0) - b.row(0)).norm(), 1.0);
  EXPECT_LT((a.row(399) - b.row(399)).norm(), 1e-8);
}

TEST(Esn, SettingsRunTogetherEqualSeparateRunsBitForBit) {
  const Esn esn(small(50), 2);
  const Eigen::MatrixXd u = normal_inputs(5, 80, 2);
  const std::vector<EsnSetting> settings{{0.3, 0.5, 0.1}, {1.0, 1.1, 1.0}, {0.1, 0.9, 0.5}};
  const std::vector<Eigen::MatrixXd> together = esn.run_settings(u, settings);
  ASSERT_EQ(together.size(), 3u);
  for (std::size_t k = 0; k < settings.size(); ++k) {
    const Eigen::MatrixXd alone = esn.rescaled(settings[k].leak, settings[k].spectral_radius, settings[k].input_scaling).run(u);
    EXPECT_TRUE((together[k].array() == alone.array()).all()) << k;
  }
  EXPECT_GT((together[0] - together[1]).cwiseAbs().maxCoeff(), 0.1);
}

TEST(Esn, ArnoldiSpectralRadiusEqualsTheDenseEigensolver) {
  EsnParams p = small(220, 3);
  p.spectral_radius = 2.5;
  const Esn esn(p, 1);
  const double dense = spectral_radius(Eigen::MatrixXd(esn.reservoir_weights()));
  ArnoldiOptions o;
  o.krylov_dim = 60;
  const ArnoldiResult r = spectral_radius_arnoldi(esn.reservoir_weights(), o);
  EXPECT_TRUE(r.converged);
  EXPECT_NEAR(r.radius, dense, 1e-9 * dense);
  EXPECT_NEAR(dense, 2.5, 1e-9);
  // Krylov space invariant after two steps: the exact answer at once.
  Eigen::SparseMatrix<double, Eigen::RowMajor> rot(2, 2);
  rot.insert(0, 1) = -2.0;
  rot.insert(1, 0) = 2.0;
  EXPECT_NEAR(spectral_radius_arnoldi(rot).radius, 2.0, 1e-14);
}

TEST(Esn, CollectStatesDropsTheWashout) {
  const Esn esn(small(20), 1);
  const Eigen::MatrixXd u = normal_inputs(2, 30, 1);
  const Eigen::MatrixXd all = esn.run(u);
  const Eigen::MatrixXd kept = esn.collect_states(u, 10);
  ASSERT_EQ(kept.rows(), 20);
  EXPECT_TRUE((kept.array() == all.bottomRows(20).array()).all());
}

TEST(Esn, BadParametersNameTheParameter) {
  const auto message = [](EsnParams p) {
    try {
      Esn(p, 1);
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EsnParams p = small(10);
  p.leak = 0.0;
  EXPECT_NE(message(p).find("leak"), std::string::npos);
  p = small(10);
  p.density = 1.5;
  EXPECT_NE(message(p).find("density"), std::string::npos);
  p = small(10);
  p.spectral_radius = -1.0;
  EXPECT_NE(message(p).find("spectral_radius"), std::string::npos);
  EXPECT_THROW(Esn(small(10), 2).run(Eigen::MatrixXd::Zero(5, 3)), InputError);
}

TEST(Esn, BinEndStatesUseTheClassificationTaskBins) {
  Eigen::MatrixXd s(7, 1);
  s << 0, 1, 2, 3, 4, 5, 6;
  const Eigen::RowVectorXd f = bin_end_states(s, 5);
  // Bins [0,1) [1,2) [2,4) [4,5) [5,7): their last rows.
  EXPECT_EQ(f, (Eigen::RowVectorXd(5) << 0, 1, 3, 4, 6).finished());
  Eigen::MatrixXd shorter(2, 1);  // fewer rows than bins: each bin still has a row
  shorter << 10, 20;
  EXPECT_EQ(bin_end_states(shorter, 5), (Eigen::RowVectorXd(5) << 10, 10, 10, 20, 20).finished());
}

}  // namespace
}  // namespace hrsnn::baselines
