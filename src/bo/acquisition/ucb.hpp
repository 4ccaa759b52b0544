/// \file ucb.hpp
/// \brief Upper confidence bound (Srinivas et al. 2010), written for minimisation.
///
///   a(x) = -(m(x) - sqrt(beta) s(x)),  maximised: a lower confidence bound on the objective.
#pragma once

#include <cmath>

namespace hrsnn::bo::acquisition {

/// Negated lower confidence bound m - sqrt(beta) s: larger is more promising.
inline double ucb(double mean, double sd, double beta) { return -(mean - std::sqrt(beta) * sd); }

}  // namespace hrsnn::bo::acquisition
