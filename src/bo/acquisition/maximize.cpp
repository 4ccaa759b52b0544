#include "bo/acquisition/maximize.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include <nlopt.hpp>

#include "bo/init/sobol.hpp"
#include "core/rng.hpp"

namespace hrsnn::bo {

namespace {
struct LocalCtx {
  const std::function<double(const Eigen::VectorXd&)>* acq;
  Eigen::VectorXd x;
  double best = -std::numeric_limits<double>::infinity();
  Eigen::VectorXd best_x;
};

double local_obj(unsigned n, const double* x, double*, void* data) {
  auto* c = static_cast<LocalCtx*>(data);
  for (unsigned i = 0; i < n; ++i) c->x(i) = std::clamp(x[i], 0.0, 1.0);
  const double v = (*c->acq)(c->x);
  if (std::isfinite(v) && v > c->best) {
    c->best = v;
    c->best_x = c->x;
  }
  return std::isfinite(v) ? v : -1e300;
}
}  // namespace

Eigen::VectorXd maximize_acquisition(const std::function<double(const Eigen::VectorXd&)>& acq, int dim,
                                     const AcqSearchOptions& opt, std::uint64_t seed,
                                     const std::vector<Eigen::VectorXd>& extra_starts) {
  std::vector<Eigen::VectorXd> pts;
  const int n_sobol = dim <= kSobolMaxDim ? opt.n_global / 2 : 0;
  if (n_sobol > 0) {
    const Eigen::MatrixXd S = sobol_points(n_sobol, dim, true, derive_seed(seed, {1}));
    for (int i = 0; i < n_sobol; ++i) pts.push_back(S.row(i).transpose());
  }
  Rng rng(derive_seed(seed, {2}));
  for (int i = n_sobol; i < opt.n_global; ++i) {
    Eigen::VectorXd x(dim);
    for (int k = 0; k < dim; ++k) x(k) = rng.uniform();
    pts.push_back(x);
  }
  for (const auto& e : extra_starts) pts.push_back(e);
  std::vector<double> val(pts.size());
  for (std::size_t i = 0; i < pts.size(); ++i) {
    val[i] = acq(pts[i]);
    if (!std::isfinite(val[i])) val[i] = -std::numeric_limits<double>::infinity();
  }
  std::vector<std::size_t> order(pts.size());
  std::iota(order.begin(), order.end(), 0);
  // stable: ties keep generation order, so the result does not depend on sort internals
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return val[a] > val[b]; });
  LocalCtx ctx{&acq, Eigen::VectorXd(dim), val[order[0]], pts[order[0]]};
  std::vector<Eigen::VectorXd> starts;
  for (std::size_t i : order) {
    if (static_cast<int>(starts.size()) >= opt.n_local) break;
    bool distinct = true;
    for (const auto& s : starts) distinct = distinct && (s - pts[i]).norm() > 1e-3;
    if (distinct) starts.push_back(pts[i]);
  }
  for (const auto& s : starts) {
    nlopt::opt o(dim >= 2 ? nlopt::LN_BOBYQA : nlopt::LN_COBYLA, dim);  // BOBYQA needs n >= 2
    o.set_lower_bounds(std::vector<double>(dim, 0.0));
    o.set_upper_bounds(std::vector<double>(dim, 1.0));
    o.set_max_objective(local_obj, &ctx);
    o.set_maxeval(opt.local_evals);
    o.set_xtol_rel(1e-6);
    o.set_initial_step(std::vector<double>(dim, 0.05));
    std::vector<double> x(s.data(), s.data() + dim);
    double f = 0.0;
    try {
      o.optimize(x, f);
    } catch (const std::exception&) {
      // keep the best point seen
    }
  }
  return ctx.best_x;
}

}  // namespace hrsnn::bo
