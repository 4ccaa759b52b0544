/// \file law.hpp
/// \brief One-dimensional laws a heterogeneous parameter is drawn from, given by mean and CV.
///
/// Parameterisation (what the simulator config states, so the BO space and the simulator agree):
///   gamma:     shape k = 1/cv^2, scale theta = mean cv^2
///   normal:    N(mean, (mean cv)^2)
///   lognormal: sigma^2 = ln(1 + cv^2), mu = ln(mean) - sigma^2/2
///   uniform:   U(mean - sqrt3 sd, mean + sqrt3 sd), sd = |mean| cv
///   point:     all mass at mean (also any law with cv = 0)
/// Optional bounds [lo, hi] mean "redraw until inside", i.e. the law truncated to [lo, hi]:
///   F_T^-1(u) = F^-1(F(lo) + u (F(hi) - F(lo))).
/// As in core/law.hpp (the simulator's sampler), `mean` is the mean of the law actually sampled:
/// with bounds, the base law's mean is solved (its CV kept) so that the truncated mean equals it,
/// using closed-form partial expectations, e.g. gamma: E[X; a<X<b] = k theta (P(k+1, b/theta) - P(k+1, a/theta)).
/// Gamma CDF = regularised lower incomplete gamma P(k, x/theta) (Numerical Recipes 3rd ed. 6.2).
#pragma once

#include <optional>

#include "core/special_functions.hpp"
#include <string>

namespace hrsnn::bo {

/// The shape of a law.
enum class LawKind { Gamma, Normal, LogNormal, Uniform, Point };

/// A 1-D law by family name, mean and coefficient of variation, optionally truncated.
struct LawFamily {
  LawKind kind = LawKind::Gamma;  ///< family
  double mean = 1.0;              ///< mean of the untruncated law
  double cv = 0.0;                ///< coefficient of variation sd/|mean| of the untruncated law
  std::optional<double> lo;       ///< redraw below this value
  std::optional<double> hi;       ///< redraw above this value
  bool mean_is_base = false;      ///< internal: `mean` is already the untruncated base mean
};

/// The same law with `mean` replaced by the solved base-law mean (mean_is_base = true); solve
/// once and reuse it for many quantiles. Throws InputError if the mean is unreachable.
LawFamily with_base_mean(const LawFamily& law);
/// Mean of the truncated law given its base law (closed-form partial expectation).
double truncated_mean_of_base(const LawFamily& base);

/// Parses "gamma", "normal", "lognormal", "uniform", "point"; InputError otherwise.
LawKind parse_law_kind(const std::string& name);
/// Lower-case family name.
std::string law_kind_name(LawKind kind);
/// Throws InputError (naming `where`) if the law is impossible: gamma/lognormal with mean <= 0,
/// negative cv, lo >= hi, or a truncated law whose mean is not strictly inside (lo, hi).
void validate_law(const LawFamily& law, const std::string& where);
/// True when the law is a point mass (kind Point or cv == 0).
bool is_point(const LawFamily& law);
/// CDF of the untruncated base law.
double law_cdf(const LawFamily& law, double x);
/// Quantile of the (truncated) law at u in (0, 1).
double law_quantile(const LawFamily& law, double u);
using hrsnn::gamma_p;          // core/special_functions.hpp
using hrsnn::normal_cdf;
using hrsnn::normal_quantile;

}  // namespace hrsnn::bo
