/// \file space.hpp
/// \brief The search space: named continuous/integer parameters with bounds and scale.
///
/// The GP sees every candidate in the unit cube: u = (x - lo)/(hi - lo) on a linear scale,
/// u = (ln x - ln lo)/(ln hi - ln lo) on a log scale (ranges spanning decades get equal
/// resolution per decade). Integer parameters are rounded after mapping back, so the GP
/// models the rounded objective on a plateau of u, which is what the evaluations see.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <Eigen/Core>

namespace hrsnn::bo {

/// Parameter values by name (ordered, so iteration and serialisation are deterministic).
using ParamMap = std::map<std::string, double>;

/// How a parameter's range maps to [0, 1].
enum class Scale { Linear, Log };

/// One searched parameter.
struct Param {
  std::string name;        ///< unique name, used in configs and journals
  double low = 0.0;        ///< lower bound (inclusive)
  double high = 1.0;       ///< upper bound (inclusive)
  Scale scale = Scale::Linear;  ///< linear or logarithmic mapping to the unit interval
  bool integer = false;    ///< round to the nearest integer after mapping back
};

/// Position of value x in p's range on p's scale: 0 at low, 1 at high (not clamped).
double to_unit(const Param& p, double x);

/// An ordered list of parameters, validated on insertion.
class SearchSpace {
 public:
  /// Adds a parameter; throws InputError on a duplicate name, low >= high, non-finite bounds,
  /// a log scale over a range touching or crossing 0, or an integer range without an integer.
  void add(const Param& p);
  /// Number of parameters (the GP's input dimension for the ARD kernel).
  std::size_t size() const { return params_.size(); }
  /// The parameters in insertion order.
  const std::vector<Param>& params() const { return params_; }
  /// Index of a parameter; throws InputError naming the unknown parameter and the known ones.
  std::size_t index_of(const std::string& name) const;
  /// Maps a unit-cube point to parameter values (clamped to [0,1], integers rounded).
  ParamMap from_unit(const Eigen::VectorXd& u) const;
  /// Maps parameter values to the unit cube; throws InputError on unknown or missing names.
  Eigen::VectorXd to_unit(const ParamMap& values) const;
  /// Snaps a unit point onto what from_unit/to_unit reproduce (integer plateaus), so the GP
  /// is trained on exactly the inputs that were evaluated.
  Eigen::VectorXd canonical_unit(const Eigen::VectorXd& u) const;
  /// Canonical text of the space (names, bounds, scales, types) identifying a journal's space.
  std::string fingerprint() const;
  /// 64-bit FNV-1a hash of fingerprint(), printed as 16 hex digits.
  std::string fingerprint_hash() const;

 private:
  std::vector<Param> params_;
};

/// 64-bit FNV-1a hash of a byte string (stable across platforms and compilers).
std::uint64_t fnv1a64(const std::string& text);

}  // namespace hrsnn::bo
