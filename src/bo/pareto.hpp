/// \file pareto.hpp
/// \brief Multi-objective search: Pareto fronts, exact hypervolume, ParEGO scalarisation.
///
/// Every objective is minimised here (a maximised one enters negated). A point a dominates b when
/// a_i <= b_i for every i and a_j < b_j for some j. The hypervolume of a set against a reference
/// point r is the Lebesgue measure of the region dominated by the set and bounded by r; it is
/// computed exactly by slicing along the last objective (the HSO scheme of While et al. 2006),
/// which is cheap for the two or three objectives and the few hundred points a BO run has.
///
/// ParEGO (Knowles 2006): each BO round draws a weight vector w uniformly from the simplex
/// (seeded by the round, so runs stay deterministic), normalises every objective to [0, 1] by
/// the observed minimum and maximum, and models the augmented Chebyshev scalarisation
///     s_w(f) = max_i w_i f~_i + rho sum_i w_i f~_i,   rho = 0.05,
/// with the ordinary single-objective GP and log-EI; different rounds aim at different parts of
/// the front.
#pragma once

#include <cstdint>
#include <vector>

#include <Eigen/Core>

namespace hrsnn::bo {

/// Row indices of the non-dominated rows of F (n points x m objectives, minimised), in row order;
/// of identical rows only the first is kept.
std::vector<int> non_dominated(const Eigen::MatrixXd& F);
/// Exact hypervolume of the rows of F against reference r (rows not strictly better than r in
/// every objective contribute nothing).
double hypervolume(const Eigen::MatrixXd& F, const Eigen::VectorXd& r);
/// The default hypervolume reference of points F (minimised): each objective's worst value plus
/// 10 % of its observed range (of its magnitude, or 1e-12, when the range is 0).
Eigen::VectorXd padded_nadir(const Eigen::MatrixXd& F);
/// A weight vector drawn uniformly from the (m-1)-simplex, from `seed`.
Eigen::VectorXd simplex_weights(int m, std::uint64_t seed);
/// Augmented Chebyshev scalarisation of already normalised objectives f (ParEGO, rho = 0.05).
double chebyshev(const Eigen::VectorXd& f, const Eigen::VectorXd& w, double rho = 0.05);

}  // namespace hrsnn::bo
