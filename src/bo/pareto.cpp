/// \file pareto.cpp
/// \brief Non-dominated filtering, exact hypervolume and ParEGO weights (see pareto.hpp).
#include "bo/pareto.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/error.hpp"
#include "core/rng.hpp"

namespace hrsnn::bo {
namespace {

bool dominates(const Eigen::VectorXd& a, const Eigen::VectorXd& b) {
  bool strict = false;
  for (Eigen::Index i = 0; i < a.size(); ++i) {
    if (a(i) > b(i)) return false;
    strict = strict || a(i) < b(i);
  }
  return strict;
}

// Hypervolume of points (all strictly inside the reference box) by slicing along the last
// objective: between consecutive values of it, the slice's (m-1)-volume is that of the points
// at or below the slice.
double hv_rec(std::vector<Eigen::VectorXd> pts, const Eigen::VectorXd& r) {
  if (pts.empty()) return 0.0;
  const Eigen::Index m = r.size();
  if (m == 1) {
    double lo = r(0);
    for (const auto& p : pts) lo = std::min(lo, p(0));
    return r(0) - lo;
  }
  if (m == 2) {
    std::sort(pts.begin(), pts.end(), [](const auto& a, const auto& b) { return a(0) < b(0) || (a(0) == b(0) && a(1) < b(1)); });
    double v = 0.0, y = r(1);
    for (const auto& p : pts) {
      if (p(1) < y) {
        v += (r(0) - p(0)) * (y - p(1));
        y = p(1);
      }
    }
    return v;
  }
  std::sort(pts.begin(), pts.end(), [m](const auto& a, const auto& b) { return a(m - 1) < b(m - 1); });
  double v = 0.0;
  std::vector<Eigen::VectorXd> below;
  const Eigen::VectorXd r_head = r.head(m - 1);
  for (std::size_t k = 0; k < pts.size(); ++k) {
    below.push_back(pts[k].head(m - 1));
    const double top = k + 1 < pts.size() ? pts[k + 1](m - 1) : r(m - 1);
    const double depth = top - pts[k](m - 1);
    if (depth > 0.0) v += depth * hv_rec(below, r_head);
  }
  return v;
}

}  // namespace

std::vector<int> non_dominated(const Eigen::MatrixXd& F) {
  std::vector<int> out;
  for (Eigen::Index i = 0; i < F.rows(); ++i) {
    bool keep = F.row(i).allFinite();
    for (Eigen::Index j = 0; keep && j < F.rows(); ++j) {
      if (j == i || !F.row(j).allFinite()) continue;
      if (dominates(F.row(j).transpose(), F.row(i).transpose())) keep = false;
      else if (j < i && F.row(j) == F.row(i)) keep = false;  // duplicates: the first one stands
    }
    if (keep) out.push_back(static_cast<int>(i));
  }
  return out;
}

double hypervolume(const Eigen::MatrixXd& F, const Eigen::VectorXd& r) {
  require(F.rows() == 0 || F.cols() == r.size(), "hypervolume: points and reference differ in dimension");
  require(r.allFinite(), "hypervolume: reference point must be finite");
  std::vector<Eigen::VectorXd> pts;
  for (int i : non_dominated(F))
    if ((F.row(i).transpose().array() < r.array()).all()) pts.push_back(F.row(i).transpose());
  return hv_rec(std::move(pts), r);
}

Eigen::VectorXd simplex_weights(int m, std::uint64_t seed) {
  require(m >= 1, "simplex_weights: need m >= 1");
  // Normalised exponentials are uniform on the simplex.
  Rng rng(seed);
  Eigen::VectorXd w(m);
  for (int i = 0; i < m; ++i) w(i) = -std::log(1.0 - rng.uniform());
  return w / w.sum();
}

double chebyshev(const Eigen::VectorXd& f, const Eigen::VectorXd& w, double rho) {
  const Eigen::ArrayXd t = w.array() * f.array();
  return t.maxCoeff() + rho * t.sum();
}

Eigen::VectorXd padded_nadir(const Eigen::MatrixXd& F) {
  Eigen::VectorXd r(F.cols());
  for (Eigen::Index j = 0; j < F.cols(); ++j) {
    const double hi = F.col(j).maxCoeff(), span = hi - F.col(j).minCoeff();
    r(j) = hi + 0.1 * (span > 0.0 ? span : std::max(1e-12, std::abs(hi)));
  }
  return r;
}

}  // namespace hrsnn::bo
