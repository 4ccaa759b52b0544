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

}  // namespace
}  // namespace hrsnn::experiments
