/// \file features.hpp
/// \brief Maps a unit-cube candidate to grouped features whose squared distances feed the kernel.
///
/// Group f of a feature vector is a block of columns; D_f(a, b) = ||a_f - b_f||^2. The ARD
/// kernel uses one coordinate per group; the distribution kernel (w2_distribution.hpp) uses
/// one quadrature-weighted quantile vector per parameter family, so D_f = W2_f^2.
#pragma once

#include <memory>
#include <vector>

#include <Eigen/Core>

namespace hrsnn::bo::kernel {

/// Converts unit-cube points to feature vectors made of contiguous groups.
class FeatureMap {
 public:
  virtual ~FeatureMap() = default;
  /// Start column of each group plus one past the end (size = groups + 1).
  virtual const std::vector<int>& group_offsets() const = 0;
  /// Feature vector of a unit-cube point.
  virtual Eigen::VectorXd features(const Eigen::VectorXd& unit) const = 0;
  /// Number of groups, i.e. of length-scales.
  int groups() const { return static_cast<int>(group_offsets().size()) - 1; }
};

/// The identity map with one group per input dimension: Matérn-5/2 ARD on the unit cube.
class ArdFeatures final : public FeatureMap {
 public:
  /// One group per dimension of a `dim`-dimensional unit cube.
  explicit ArdFeatures(int dim) {
    for (int i = 0; i <= dim; ++i) offsets_.push_back(i);
  }
  const std::vector<int>& group_offsets() const override { return offsets_; }
  Eigen::VectorXd features(const Eigen::VectorXd& unit) const override { return unit; }

 private:
  std::vector<int> offsets_;
};

}  // namespace hrsnn::bo::kernel
