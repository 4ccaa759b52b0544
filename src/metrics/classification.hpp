/// \file classification.hpp
/// \brief Accuracy = (1/n) sum_i [yhat_i = y_i] and the confusion matrix
/// M(a, b) = #{i : y_i = a, yhat_i = b} (rows: true class, columns: predicted class).
#pragma once

#include <Eigen/Dense>

#include <vector>

namespace hrsnn::metrics {

/// Share of equal entries (throws InputError on empty or unequal-length input).
double accuracy(const std::vector<int>& truth, const std::vector<int>& predicted);

/// Confusion matrix with labels 0..n_classes-1 (throws InputError for labels outside).
Eigen::MatrixXi confusion_matrix(const std::vector<int>& truth, const std::vector<int>& predicted, int n_classes);

}  // namespace hrsnn::metrics
