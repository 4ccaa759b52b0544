// Per-class statistics of the plastic weights (experiments/activity_report.hpp).
#include "experiments/activity_report.hpp"

#include <cmath>

#include <gtest/gtest.h>

namespace hrsnn::experiments {
namespace {

TEST(ActivityReport, PlasticWeightStatisticsPerClass) {
  sim::Network net;
  net.neurons.resize(3);
  net.neurons.excitatory = {1, 1, 0};
  net.n_inputs = 1;
  auto& t = net.synapses;
  // E->E plastic (two), E->I static, input->E plastic, I->E static.
  t.add(0, 1, 1.0, 1);
  t.add(1, 0, 3.0, 1);
  t.add(0, 2, 2.0, 1);
  t.add(3, 0, 5.0, 1);
  t.add(2, 0, -4.0, 1);
  auto& p = t.stdp;
  const std::vector<double> eta = {0.01, 0.01, 0.0, 0.01, 0.0};
  p.eta_plus = eta;
  p.eta_minus = eta;
  p.tau_plus = p.tau_minus = std::vector<double>(5, 20.0);
  p.w_min = std::vector<double>(5, 0.0);
  p.w_max = {4.0, 4.0, 4.0, 10.0, 4.0};
  const std::vector<double> w = {0.02, 3.0, 2.0, 5.0, -4.0};  // 0.02 is within 1 % of w_min = 0
  TaskResult out;
  report_plastic_weights(net, w, out);
  EXPECT_DOUBLE_EQ(out.scalars.at("w_ee_mean"), 1.51);
  EXPECT_NEAR(out.scalars.at("w_ee_cv"), 1.49 / 1.51, 1e-12);  // population sd of {0.02, 3.0}
  EXPECT_DOUBLE_EQ(out.scalars.at("w_ee_rel"), (0.005 + 0.75) / 2);
  EXPECT_DOUBLE_EQ(out.scalars.at("w_ee_at_bound"), 0.5);
  EXPECT_DOUBLE_EQ(out.scalars.at("w_in_e_mean"), 5.0);
  EXPECT_DOUBLE_EQ(out.scalars.at("w_in_e_rel"), 0.5);
  EXPECT_DOUBLE_EQ(out.scalars.at("w_in_e_at_bound"), 0.0);
  EXPECT_EQ(out.scalars.count("w_ei_mean"), 0u);  // static classes are not reported
  EXPECT_EQ(out.scalars.count("w_ie_mean"), 0u);
}

TEST(ActivityReport, NothingWithoutPlasticityOrWithMismatchedWeights) {
  sim::Network net;
  net.neurons.resize(2);
  net.neurons.excitatory = {1, 1};
  net.synapses.add(0, 1, 1.0, 1);
  TaskResult out;
  report_plastic_weights(net, {1.0}, out);
  EXPECT_TRUE(out.scalars.empty());
}

}  // namespace
}  // namespace hrsnn::experiments
