/// \file w2_distribution.hpp
/// \brief The paper's distribution kernel: 2-Wasserstein distances between parameter laws.
///
/// For 1-D laws (Villani 2009, Rachev & Rüschendorf 1998):
///   W2^2(a, b) = int_0^1 (F_a^-1(u) - F_b^-1(u))^2 du
/// Closed forms used when both laws are untruncated:
///   point c vs point d:                    (c - d)^2
///   point c vs law (mean m, sd s):         s^2 + (m - c)^2
///   same location-scale family (normal, uniform): (m_a - m_b)^2 + (s_a - s_b)^2
///   same scale family with equal cv (gamma, lognormal): (m_a - m_b)^2 (1 + cv^2)
/// Laws are core's `hrsnn::Law` (mean = mean of the law actually sampled, i.e. after truncation),
/// the very laws a candidate writes into the network config, so the kernel reasons about the
/// draws the simulator makes.
/// Otherwise a composite Gauss-Legendre rule on u in (0,1), graded geometrically toward both
/// ends where unbounded quantiles have log singularities. Because W2 is the L2 distance between
/// quantile functions, sqrt(w_k) F^-1(u_k) is a Euclidean embedding: the kernel features below
/// make D_f = W2_f^2 (quadrature form), so Matérn-5/2 on d^2 = sum_f W2_f^2 / l_f^2 is PD.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "bo/kernel/features.hpp"
#include "bo/space.hpp"
#include "core/law.hpp"

namespace hrsnn::bo::kernel {

/// Nodes of the composite quadrature rule on (0, 1).
const std::vector<double>& w2_nodes();
/// Weights of the composite quadrature rule (sum to 1).
const std::vector<double>& w2_weights();
/// W2^2 by quadrature of the quantile functions (truncation honoured).
double w2_squared_quadrature(const Law& a, const Law& b);
/// W2^2 in closed form when one exists for this pair (see the file comment), else nullopt.
std::optional<double> w2_squared_closed_form(const Law& a, const Law& b);
/// W2^2: closed form where it exists, quadrature otherwise.
double w2_squared(const Law& a, const Law& b);

/// One heterogeneous quantity whose law a candidate defines: a family and where its mean and
/// CV come from (a search-space parameter, or a fixed value when the name is empty).
struct FamilySpec {
  std::string name;               ///< e.g. "tau_m_e"
  LawKind kind = LawKind::Gamma;  ///< law family
  std::string mean_param;         ///< search-space parameter giving the mean ("" = mean_fixed)
  double mean_fixed = 1.0;        ///< mean when mean_param is empty
  std::string cv_param;           ///< search-space parameter giving the CV ("" = cv_fixed)
  double cv_fixed = 0.0;          ///< CV when cv_param is empty
  std::optional<double> lo;       ///< truncation (redraw) lower bound
  std::optional<double> hi;       ///< truncation (redraw) upper bound

  /// The law at given mean and CV with this family's kind and bounds (what the network draws).
  Law at(double mean, double cv) const;
};

/// Mean-one gamma quantiles Q(cv, u_k) = cv² · P⁻¹(1/cv², u_k) at the rule's nodes u_k,
/// tabulated on a uniform grid of cv and interpolated by cubic Hermite (Catmull–Rom) splines.
/// Exact quantiles cost ~200 Newton solves of the incomplete gamma function per family and
/// candidate, thousands of candidates per acquisition; the table makes them a few flops.
class GammaQuantileTable {
 public:
  /// Tabulates cv in [cv_lo, cv_hi] (cv = 0 is the point law: every quantile 1).
  GammaQuantileTable(double cv_lo, double cv_hi, int points = 513);
  /// Writes Q(cv, u_k) for every node k into `out` (cv clamped to the table's range).
  void quantiles(double cv, double* out) const;
  /// The process-wide table for a cv range (built once, thread-safe).
  static const GammaQuantileTable& shared(double cv_lo, double cv_hi);

 private:
  double lo_, step_;
  int points_;
  std::size_t nodes_;
  std::vector<double> z_;        // z_[g * nodes_ + k] = Q(lo_ + g step_, u_k)
  std::vector<double> tangent0_;  // step_ · z(u_k): the exact tangent at cv = 0 (empty when lo_ > 0)
};

/// Features for the distribution kernel: one quantile-vector group per family, scaled by that
/// family's W2 span over the space; every parameter not used by a family keeps its own ARD group.
/// Untruncated gamma families read their quantiles from a GammaQuantileTable (relative error
/// below 1e-6, tested), the others compute them exactly.
class W2Features final : public FeatureMap {
 public:
  /// Validates the specs against the space (unknown parameters, impossible laws: InputError).
  W2Features(const SearchSpace& space, std::vector<FamilySpec> families);
  const std::vector<int>& group_offsets() const override { return offsets_; }
  Eigen::VectorXd features(const Eigen::VectorXd& unit) const override;
  /// The law family f defines at a point of the space (parameter values, not unit coordinates).
  Law law(std::size_t f, const ParamMap& values) const;

 private:
  const SearchSpace& space_;
  std::vector<FamilySpec> families_;
  std::vector<double> scale_;          // per family: features divided by this W2 span
  std::vector<const GammaQuantileTable*> table_;  // per family: tabulated quantiles, or null
  std::vector<std::size_t> free_dims_;  // parameters used by no family
  std::vector<int> offsets_;
};

}  // namespace hrsnn::bo::kernel
