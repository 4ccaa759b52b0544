/// \file maximize.hpp
/// \brief Maximises an acquisition over the unit cube: seeded global sampling, then local NLopt.
///
/// Global stage: a scrambled-Sobol set plus uniform random points (both seeded per call) and the
/// caller's extra starts (e.g. the best observed points). Local stage: LN_BOBYQA from the best
/// few distinct starts. Derivative-free, so the same code serves the ARD and the W2 kernels.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include <Eigen/Core>

namespace hrsnn::bo {

/// Effort of the acquisition search.
struct AcqSearchOptions {
  int n_global = 1024;   ///< global sample points (half Sobol, half uniform)
  int n_local = 4;       ///< local searches from the best distinct starts
  int local_evals = 150; ///< NLopt evaluations per local search
};

/// Returns argmax of `acq` over [0,1]^dim. Deterministic for a given seed.
Eigen::VectorXd maximize_acquisition(const std::function<double(const Eigen::VectorXd&)>& acq, int dim,
                                     const AcqSearchOptions& opt, std::uint64_t seed,
                                     const std::vector<Eigen::VectorXd>& extra_starts);

}  // namespace hrsnn::bo
