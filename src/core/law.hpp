/// \file law.hpp
/// \brief Probability laws for heterogeneous parameters, given by mean and coefficient of variation.
///
/// docs/model.md §2: every heterogeneous parameter is drawn per neuron or per synapse from a point,
/// gamma, normal, log-normal or uniform law given by its mean and CV (gamma also by shape,
/// CV = 1/sqrt(shape)), optionally restricted to [lo, hi] by *truncation* (redraw), never by
/// clipping. The mean a user gives is the mean of the law actually sampled: with bounds, the
/// scale of the base law is solved so that the truncated mean equals it (docs/model.md §1, "means of
/// the truncated laws actually sampled"), keeping the base law's CV (its shape).
///
/// This is the one law type of the project: the network builder samples it and draws level
/// tables from it; the BO distribution kernel (bo/kernel/w2_distribution.hpp) takes its
/// quantiles, so a BO candidate's law and the simulated one are the same object.
///
/// Base laws for mean m and CV c (sd s = c·m):
///   gamma:      shape k = 1/c², scale θ = m/k
///   normal:     N(m, s²)
///   log-normal: σ² = ln(1 + c²), μ = ln m − σ²/2
///   uniform:    U[m − √3·s, m + √3·s]
#pragma once

#include "core/rng.hpp"

#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace hrsnn {

/// The families a heterogeneous parameter can be drawn from.
enum class LawKind { Point, Gamma, Normal, LogNormal, Uniform };

/// Parses "point", "gamma", "normal", "lognormal" (or "log-normal"), "uniform"; throws InputError naming `where`.
LawKind parse_law_kind(const std::string& name, const std::string& where);
/// The canonical lower-case name of a law family.
std::string law_kind_name(LawKind kind);

/// A law given by its (truncated) mean, CV and optional bounds; see the file comment.
struct Law {
  LawKind kind = LawKind::Point;  ///< family
  double mean = 0.0;              ///< mean of the law actually sampled (after truncation)
  double cv = 0.0;                ///< coefficient of variation of the base law (0 for point)
  double lo = -std::numeric_limits<double>::infinity();  ///< truncation lower bound (inclusive)
  double hi = std::numeric_limits<double>::infinity();   ///< truncation upper bound (inclusive)

  /// A point mass at `value` (the homogeneous case).
  static Law point(double value) { return Law{LawKind::Point, value, 0.0}; }
  /// A gamma law with the given mean and shape (CV = 1/sqrt(shape)).
  static Law gamma_shape(double mean, double shape) { return Law{LawKind::Gamma, mean, 1.0 / std::sqrt(shape)}; }

  /// True when every draw is the same value.
  bool is_point() const { return kind == LawKind::Point || cv == 0.0; }
  /// True when bounds are set.
  bool truncated() const { return lo > -std::numeric_limits<double>::infinity() || hi < std::numeric_limits<double>::infinity(); }
  /// Short human-readable description, e.g. "gamma(mean=20, cv=0.5, [1, 100])".
  std::string describe() const;
};

/// Checks a law for impossible values (negative CV, bounds crossed, a positive family with
/// mean <= 0, bounds that exclude the mean); throws InputError naming `where`.
void validate_law(const Law& law, const std::string& where);

/// A law prepared for fast repeated sampling: base-law parameters solved once.
class LawSampler {
 public:
  /// Validates `law` (errors name `where`) and solves the base scale for a truncated mean.
  LawSampler(const Law& law, const std::string& where);
  /// As the constructor, but a truncated law's base mean is solved with closed-form partial
  /// expectations rather than quadrature: orders of magnitude cheaper, for the BO kernel that
  /// builds one law per candidate and family. The base means agree with the constructor's to
  /// ~1e-14 relative (1e-12 tested) but need not be bit-equal, so the network builder keeps the
  /// constructor (same seed, same draws as before the BO kernel used this type).
  static LawSampler closed_form(const Law& law, const std::string& where);
  /// One draw; redraws until inside the bounds.
  double sample(Rng& rng) const;
  /// Mean of the truncated law by quadrature (equals law.mean up to 1e-9 relative).
  double truncated_mean() const;
  /// Variance of the truncated law by quadrature.
  double truncated_variance() const;
  /// Mean of the truncated law by closed-form partial expectations (incomplete gamma for gamma,
  /// the normal CDF for normal and log-normal, algebra for uniform): the fast solver's target.
  double truncated_mean_closed_form() const;
  /// Mean of the untruncated base law (law().mean when there are no bounds).
  double base_mean() const { return base_mean_; }
  /// Density of the base (untruncated) law at x.
  double base_pdf(double x) const;
  /// CDF of the base (untruncated) law at x.
  double base_cdf(double x) const;
  /// Quantile of the law actually sampled (truncation honoured) at u in (0, 1).
  double quantile(double u) const;
  /// `levels` values standing for the law in 8-bit codes: the means of its `levels` strata of
  /// equal probability, so a uniform code draws a discrete law with the same mean and with a
  /// CDF within 1/levels of the law's. The point law gives one value.
  std::vector<double> level_table(int levels) const;
  /// The law this sampler draws from.
  const Law& law() const { return law_; }

 private:
  enum class Solver { Quadrature, ClosedForm };
  LawSampler(const Law& law, const std::string& where, Solver solver);
  double base_draw(Rng& rng) const;
  void set_base_mean(double base_mean);
  double moment(int k) const;  // k-th raw moment of the truncated law

  Law law_;
  std::string where_;
  double base_mean_ = 0.0;  // mean of the untruncated base law
  double p1_ = 0.0, p2_ = 0.0;  // family parameters (shape/scale, mu/sigma, a/b)
};

}  // namespace hrsnn
