/// \file sobol.hpp
/// \brief Initial designs: scrambled Sobol sequence (up to 21 dimensions) and Latin hypercube.
///
/// Sobol (1967) points by Gray-code order (Antonov & Saleev 1979) with the Joe & Kuo (2008)
/// "new-joe-kuo-6.21201" direction numbers, the table scipy.stats.qmc.Sobol uses. Scrambling is
/// a random linear matrix scramble plus a random digital shift (Matoušek 1998; Owen 2003),
/// seeded: it keeps the (t, m, s)-net property (every 2^m block stratifies each coordinate).
#pragma once

#include <cstdint>

#include <Eigen/Core>

namespace hrsnn::bo {

/// Largest dimension sobol_points supports.
inline constexpr int kSobolMaxDim = 21;

/// First n points (rows) of the d-dimensional Sobol sequence, optionally scrambled by `seed`.
/// Throws InputError when d exceeds kSobolMaxDim.
Eigen::MatrixXd sobol_points(int n, int d, bool scramble, std::uint64_t seed);

/// n-point Latin hypercube in [0,1)^d: one point per 1/n stratum in each coordinate (seeded).
Eigen::MatrixXd latin_hypercube(int n, int d, std::uint64_t seed);

}  // namespace hrsnn::bo
