/// \file test_functions.hpp
/// \brief Benchmark objectives with known minima: Branin, Hartmann-6, Ackley-5, and two constrained problems.
///
///   Branin (2-D, [-5,10]x[0,15]):  a (x2 - b x1^2 + c x1 - r)^2 + s (1 - t) cos x1 + s,
///     a=1, b=5.1/(4 pi^2), c=5/pi, r=6, s=10, t=1/(8 pi); min 0.397887357729739
///   Hartmann-6 ([0,1]^6): -sum_i alpha_i exp(-sum_j A_ij (x_j - P_ij)^2); min -3.32236801141551
///   Ackley-5 ([-32.768, 32.768]^5): -20 exp(-0.2 sqrt(mean x^2)) - exp(mean cos 2 pi x) + 20 + e; min 0
/// (Surjanovic & Bingham, Virtual Library of Simulation Experiments.)
/// Constrained problems report one metric and declare one constraint on it:
///   gardner ([0,6]^2, Gardner et al. 2014, simulation 2): f = sin x1 + x2, metric g = sin x1 sin x2,
///     g <= -0.95; feasible minimum asin(0.95) - 1 at (3 pi/2, asin 0.95), while the unconstrained
///     minimum (3 pi/2, 0) is infeasible
///   branin_disc (Branin's box; Gelbart et al. 2014): metric r2 = (x1 - 2.5)^2 + (x2 - 7.5)^2, r2 <= 50;
///     only Branin's minimiser (pi, 2.275) of the three lies inside the disc
/// Two-objective problem: branin_currin ([0,1]^2): Branin on the rescaled box and metric currin =
///   (1 - exp(-1/(2 x2))) (2300 x1^3 + 1900 x1^2 + 2092 x1 + 60)/(100 x1^3 + 500 x1^2 + 4 x1 + 20),
///   both minimised (reference point (18, 6) as in BoTorch). A "shifted" instance moves
/// the search box by a seeded random offset, small enough that a global minimiser stays inside,
/// so the optimum is not at a design-friendly location such as the centre.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "bo/space.hpp"

namespace hrsnn::bo {

/// A benchmark function on a box, with its minimum inside that box.
struct TestFunction {
  std::string name;                 ///< "branin", "hartmann6" or "ackley5"
  std::vector<double> low, high;    ///< search box
  double f_min = 0.0;               ///< global minimum value inside the box
  std::function<double(const std::vector<double>&)> f;  ///< the function
  std::string metric;               ///< constrained problems: name of the constrained metric ("" = none)
  double metric_max = 0.0;          ///< feasible iff metric <= metric_max
  std::function<double(const std::vector<double>&)> g;  ///< the constrained metric

  /// The box as a search space with parameters x0, x1, ...
  SearchSpace space() const;
  /// Evaluates at parameters named x0, x1, ...
  double operator()(const ParamMap& p) const;
  /// The constrained metric at parameters x0, x1, ... (constrained problems only).
  double metric_at(const ParamMap& p) const;
  /// True when the point meets the problem's constraint (always true without one).
  bool feasible(const ParamMap& p) const { return metric.empty() || metric_at(p) <= metric_max; }
};

/// The named function on its standard box; InputError for an unknown name.
TestFunction make_test_function(const std::string& name);
/// The same function with its box moved by a random offset drawn from `seed`.
TestFunction shifted(const TestFunction& tf, std::uint64_t seed);

}  // namespace hrsnn::bo
