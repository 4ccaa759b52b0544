/// \file test_functions.hpp
/// \brief Benchmark objectives with known minima: Branin, Hartmann-6, Ackley-5.
///
///   Branin (2-D, [-5,10]x[0,15]):  a (x2 - b x1^2 + c x1 - r)^2 + s (1 - t) cos x1 + s,
///     a=1, b=5.1/(4 pi^2), c=5/pi, r=6, s=10, t=1/(8 pi); min 0.397887357729739
///   Hartmann-6 ([0,1]^6): -sum_i alpha_i exp(-sum_j A_ij (x_j - P_ij)^2); min -3.32236801141551
///   Ackley-5 ([-32.768, 32.768]^5): -20 exp(-0.2 sqrt(mean x^2)) - exp(mean cos 2 pi x) + 20 + e; min 0
/// (Surjanovic & Bingham, Virtual Library of Simulation Experiments.) A "shifted" instance moves
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

  /// The box as a search space with parameters x0, x1, ...
  SearchSpace space() const;
  /// Evaluates at parameters named x0, x1, ...
  double operator()(const ParamMap& p) const;
};

/// The named function on its standard box; InputError for an unknown name.
TestFunction make_test_function(const std::string& name);
/// The same function with its box moved by a random offset drawn from `seed`.
TestFunction shifted(const TestFunction& tf, std::uint64_t seed);

}  // namespace hrsnn::bo
