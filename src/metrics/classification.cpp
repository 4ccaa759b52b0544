/// \file classification.cpp
/// \brief Accuracy and confusion matrix (definitions in classification.hpp).
#include "metrics/classification.hpp"

#include "core/error.hpp"

#include <string>

namespace hrsnn::metrics {

double accuracy(const std::vector<int>& truth, const std::vector<int>& predicted) {
  require(!truth.empty() && truth.size() == predicted.size(),
          "accuracy: need equal, non-empty label lists (" + std::to_string(truth.size()) + " vs " +
              std::to_string(predicted.size()) + ")");
  std::size_t ok = 0;
  for (std::size_t i = 0; i < truth.size(); ++i) ok += truth[i] == predicted[i];
  return static_cast<double>(ok) / static_cast<double>(truth.size());
}

Eigen::MatrixXi confusion_matrix(const std::vector<int>& truth, const std::vector<int>& predicted, int n_classes) {
  require(truth.size() == predicted.size(), "confusion_matrix: label lists differ in length");
  require(n_classes >= 1, "confusion_matrix: n_classes must be >= 1");
  Eigen::MatrixXi M = Eigen::MatrixXi::Zero(n_classes, n_classes);
  for (std::size_t i = 0; i < truth.size(); ++i) {
    require(truth[i] >= 0 && truth[i] < n_classes && predicted[i] >= 0 && predicted[i] < n_classes,
            "confusion_matrix: label outside 0.." + std::to_string(n_classes - 1) + " at entry " + std::to_string(i));
    ++M(truth[i], predicted[i]);
  }
  return M;
}

}  // namespace hrsnn::metrics
