// The classification pipeline separates two classes a linear readout of the reservoir can
// tell apart (rising vs falling ramps), and rejects inconsistent inputs.
#include "core/error.hpp"
#include "core/rng.hpp"
#include "experiments/classification_task.hpp"

#include <algorithm>

#include <gtest/gtest.h>

namespace hrsnn::experiments {
namespace {

SequenceSet ramps(int n, std::uint64_t seed) {
  Rng rng(seed);
  SequenceSet s;
  for (int k = 0; k < n; ++k) {
    const int label = k % 2;
    const int len = 20 + static_cast<int>(rng.below(10));
    Eigen::MatrixXd x(len, 1);
    for (int t = 0; t < len; ++t) {
      const double r = static_cast<double>(t) / (len - 1);
      x(t, 0) = std::clamp((label ? r : 1 - r) + 0.05 * rng.normal(), 0.0, 1.0);
    }
    s.sequences.push_back(x);
    s.labels.push_back(label);
  }
  return s;
}

TEST(Classification, SeparatesRisingFromFallingRamps) {
  sim::NetworkSpec spec;
  spec.n = 100;
  ClassificationOptions o;
  o.stdp_sequences = 10;
  const TaskResult r = run_classification_task(ramps(40, 1), ramps(40, 2), 2, spec, 3, o);
  EXPECT_GE(r.scalars.at("accuracy"), 0.9);
  EXPECT_GT(r.scalars.at("S"), 0.0);
  EXPECT_EQ(r.details["confusion"].size(), 2u);
}

TEST(Classification, RejectsMismatchedDimensions) {
  SequenceSet train = ramps(4, 1), test = ramps(4, 2);
  test.sequences[0] = Eigen::MatrixXd::Constant(5, 2, 0.5);
  EXPECT_THROW(run_classification_task(train, test, 2, sim::NetworkSpec{}, 1, {}), InputError);
}

// The featurizer the Python estimators use: a sequence's features depend only on it and its
// input seed (run from a reset state), and a featurizer rebuilt from the same spec and seed
// with the STDP phase's weights gives the same features, which is how a pickled estimator
// comes back.
TEST(SequenceFeaturizer, FeaturesDependOnTheSequenceAndRestoredWeightsReproduceThem) {
  sim::NetworkSpec spec;
  spec.n = 60;
  ClassificationOptions o;
  o.code.kind = encode::InputKind::Poisson;
  const SequenceSet set = ramps(6, 4);
  SequenceFeaturizer a(spec, 1, 7, o);
  const std::vector<std::uint64_t> seeds = {11, 12, 13, 14, 15, 16};
  std::vector<const Eigen::MatrixXd*> stdp;
  for (const auto& s : set.sequences) stdp.push_back(&s);
  const std::vector<double> before = a.reservoir().simulator().weights(a.reservoir().network());
  a.stdp_phase(stdp, seeds);
  const std::vector<double> after = a.reservoir().simulator().weights(a.reservoir().network());
  ASSERT_NE(before, after) << "the STDP phase should change weights";
  const Eigen::MatrixXd f = a.features(set.sequences, seeds);
  ASSERT_EQ(f.cols(), a.n_features());
  EXPECT_GT(f.sum(), 0.0);
  // One sequence alone, and the batch reversed: the same rows.
  EXPECT_EQ(Eigen::MatrixXd(a.features({set.sequences[3]}, {seeds[3]})), Eigen::MatrixXd(f.row(3)));
  EXPECT_NE(Eigen::MatrixXd(a.features({set.sequences[3]}, {99})), Eigen::MatrixXd(f.row(3)))
      << "another input seed draws other Poisson spikes";
  SequenceFeaturizer b(spec, 1, 7, o);
  b.set_weights(after);
  EXPECT_EQ(b.features(set.sequences, seeds), f);
  EXPECT_THROW(b.set_weights(std::vector<double>(after.size() + 1, 0.0)), InputError);
  EXPECT_THROW(a.features({Eigen::MatrixXd::Constant(4, 2, 0.5)}, {1}), InputError);  // 2 dims for a 1-D reservoir
}

}  // namespace
}  // namespace hrsnn::experiments
