#include "baselines/esn_tasks.hpp"

#include "core/error.hpp"
#include "core/rng.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace hrsnn::baselines {
namespace {

EsnParams small(int n, std::uint64_t seed = 1) {
  EsnParams p;
  p.n = n;
  p.seed = seed;
  return p;
}

Eigen::MatrixXd sine(Eigen::Index t, double omega) {
  Eigen::MatrixXd s(t, 1);
  for (Eigen::Index i = 0; i < t; ++i) s(i, 0) = std::sin(omega * static_cast<double>(i));
  return s;
}

TEST(EsnTasks, OneStepPredictionOfASineWave) {
  EsnPredictionOptions o;
  o.base = small(50);
  o.grid.leaks = {0.3, 1.0};
  o.grid.spectral_radii = {0.9};
  o.grid.input_scalings = {0.1, 0.5};
  o.grid.ridge_alphas = {1e-10, 1e-8, 1e-6};
  const EsnPredictionResult r = esn_prediction(sine(1200, 0.2), 800, 1200, {1, 5}, o);
  ASSERT_EQ(r.per_horizon.size(), 2u);
  EXPECT_EQ(r.per_horizon[0].horizon, 1);
  EXPECT_LT(r.per_horizon[0].nrmse, 1e-3);
  EXPECT_LT(r.per_horizon[1].nrmse, 1e-2);
  EXPECT_EQ(r.per_horizon[0].chosen.settings_tried, 4);
  EXPECT_EQ(r.per_horizon[0].chosen.params.n, 50);
}

TEST(EsnTasks, PredictionChoiceNeverLooksAtTheTestPart) {
  EsnPredictionOptions o;
  o.base = small(30);
  o.grid.spectral_radii = {0.5, 1.1};
  o.grid.input_scalings = {0.1};
  Rng r(4);
  Eigen::MatrixXd a(700, 1);
  for (Eigen::Index i = 0; i < 700; ++i) a(i, 0) = std::sin(0.05 * static_cast<double>(i)) + 0.3 * r.normal();
  Eigen::MatrixXd b = a;
  b.bottomRows(200).setRandom();  // a different test part, the same training part
  const EsnChoice ca = esn_prediction(a, 500, 700, {3}, o).per_horizon[0].chosen;
  const EsnChoice cb = esn_prediction(b, 500, 700, {3}, o).per_horizon[0].chosen;
  EXPECT_EQ(ca.params.leak, cb.params.leak);
  EXPECT_EQ(ca.params.spectral_radius, cb.params.spectral_radius);
  EXPECT_EQ(ca.ridge_alpha, cb.ridge_alpha);
  EXPECT_EQ(ca.validation_score, cb.validation_score);
  EXPECT_EQ(ca.settings_tried, 8);
}

// Class 0: slow sines, class 1: fast sines, random phase and amplitude, plus noise.
void two_classes(std::uint64_t seed, int per_class, std::vector<Eigen::MatrixXd>* x, std::vector<int>* y) {
  Rng r(seed);
  for (int k = 0; k < 2 * per_class; ++k) {
    const int label = k % 2;
    const double omega = label == 0 ? 0.1 : 0.6, phase = r.uniform(0.0, 6.28), amp = r.uniform(0.5, 1.5);
    Eigen::MatrixXd s(40, 1);
    for (Eigen::Index t = 0; t < 40; ++t) s(t, 0) = amp * std::sin(omega * static_cast<double>(t) + phase) + 0.1 * r.normal();
    x->push_back(s);
    y->push_back(label);
  }
}

TEST(EsnTasks, ClassifiesTwoSeparableClasses) {
  std::vector<Eigen::MatrixXd> xtr, xte;
  std::vector<int> ytr, yte;
  two_classes(1, 50, &xtr, &ytr);
  two_classes(2, 50, &xte, &yte);
  EsnClassificationOptions o;
  o.base = small(40);
  o.grid.leaks = {0.3, 1.0};
  o.grid.input_scalings = {0.5};
  const EsnClassificationResult r = esn_classification(xtr, ytr, xte, yte, 2, o);
  EXPECT_GE(r.accuracy, 0.95);
  EXPECT_EQ(r.predicted.size(), xte.size());
  EXPECT_EQ(r.chosen.settings_tried, 6);
  EXPECT_GE(r.chosen.validation_score, 0.9);
  o.readout = "logistic";
  EXPECT_GE(esn_classification(xtr, ytr, xte, yte, 2, o).accuracy, 0.95);
  o.readout = "svm";
  EXPECT_THROW(esn_classification(xtr, ytr, xte, yte, 2, o), InputError);
}

TEST(EsnTasks, MemoryCapacityOfANearlyLinearEsnIsLargeAndAtMostN) {
  const int n = 40;
  metrics::MemoryCapacityOptions mc;
  mc.max_delay = 60;
  mc.washout = 100;
  mc.train = 1500;
  mc.test = 500;
  mc.shuffles_per_delay = 2;
  Rng r(9);
  Eigen::VectorXd u(mc.washout + mc.train + mc.test);
  for (Eigen::Index t = 0; t < u.size(); ++t) u(t) = r.uniform();
  EsnMemoryOptions o;
  o.base = small(n);
  o.base.input_scaling = 0.05;  // tanh close to linear
  o.base.leak = 1.0;
  o.base.bias_scaling = 0.0;
  o.grid.leaks = {};
  o.grid.input_scalings = {};
  o.grid.spectral_radii = {0.5, 0.95};
  const EsnMemoryResult m = esn_memory_capacity(u, mc, o);
  EXPECT_GT(m.capacity.capacity_corrected, 10.0);
  EXPECT_LE(m.capacity.capacity_raw, n);
  EXPECT_EQ(m.chosen.params.spectral_radius, 0.95);  // the longer memory wins on validation
  EXPECT_TRUE(std::isnan(m.chosen.ridge_alpha));
}

TEST(EsnTasks, ProtocolErrorsNameTheProblem) {
  EXPECT_THROW(esn_prediction(sine(100, 0.2), 80, 100, {1}), InputError);  // washout 100 > training rows
  EsnPredictionOptions o;
  o.base = small(10);
  o.washout = 10;
  EXPECT_THROW(esn_prediction(sine(100, 0.2), 80, 120, {1}, o), InputError);  // test_end beyond the series
  o.grid.ridge_alphas = {};
  EXPECT_THROW(esn_prediction(sine(100, 0.2), 80, 100, {1}, o), InputError);
  EsnMemoryOptions mo;
  mo.base = small(10);
  EXPECT_THROW(esn_memory_capacity(Eigen::VectorXd::Ones(50), metrics::MemoryCapacityOptions{}, mo), InputError);
}

}  // namespace
}  // namespace hrsnn::baselines
