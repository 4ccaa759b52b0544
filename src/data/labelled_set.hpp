/// \file labelled_set.hpp
/// \brief A set of labelled multivariate series of possibly different lengths.
#pragma once

#include <Eigen/Dense>

#include <string>
#include <vector>

namespace hrsnn::data {

/// Labelled series for classification: series[i] is time x dimensions, labels[i] indexes class_names.
struct LabelledSet {
  std::vector<Eigen::MatrixXd> series;    ///< rows = time, cols = dimensions (same cols for all)
  std::vector<int> labels;                ///< class index per series (empty if the file has no labels)
  std::vector<std::string> class_names;   ///< class label strings, in declaration order
  std::vector<double> targets;            ///< regression targets (@targetLabel true files), else empty
  std::vector<std::size_t> source_lines;  ///< 1-based line of each series in its file (for messages)
  std::string problem_name;               ///< @problemName, if given
  std::string source;                     ///< file the set was read from

  /// Number of series.
  std::size_t size() const { return series.size(); }
  /// Dimensions per time step (0 when empty).
  Eigen::Index dims() const { return series.empty() ? 0 : series.front().cols(); }
};

/// A train/test pair whose labels index the same class_names (the training split's).
struct TrainTest {
  LabelledSet train;  ///< training split
  LabelledSet test;   ///< test split
};

}  // namespace hrsnn::data
