#include "bo/proposal.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <optional>

#include "bo/acquisition/log_ehvi.hpp"
#include "bo/acquisition/log_ei.hpp"
#include "bo/acquisition/maximize.hpp"
#include "bo/acquisition/ucb.hpp"
#include "bo/constraint.hpp"
#include "bo/gp.hpp"
#include "bo/pareto.hpp"
#include "bo/init/sobol.hpp"
#include "bo/kernel/features.hpp"
#include "core/error.hpp"
#include "core/rng.hpp"

namespace hrsnn::bo {

namespace {

constexpr std::uint64_t kEvalStream = 0x6576616cULL, kGpStream = 0x6770ULL, kAcqStream = 0x616371ULL,
                        kConstraintStream = 0x636f6eULL, kWinnerStream = 0x77696eULL, kParegoStream = 0x70617265ULL,
                        kMetricStream = 0x6d6574ULL;



Candidate make_candidate(const SearchSpace& s, const BoConfig& c, int round, int index, const Eigen::VectorXd& u) {
  Candidate k;
  k.round = round;
  k.index = index;
  k.eval_id = first_eval_id(c, round) + index;
  k.seed = derive_seed(c.seed, {kEvalStream, std::uint64_t(k.eval_id)});
  k.unit = s.canonical_unit(u);
  k.params = s.from_unit(k.unit);
  return k;
}

// Design points [from, from + n) of the run's (seeded) initial design sequence.
Eigen::MatrixXd design(const SearchSpace& s, const BoConfig& c, int from, int n) {
  const int d = static_cast<int>(s.size());
  if (c.initial_design == "lhs" || d > kSobolMaxDim) {
    // LHS strata depend on n, so extra points (after failures) come from a fresh seeded LHS.
    return latin_hypercube(n, d, derive_seed(c.seed, {0x6c6873ULL, std::uint64_t(from)}));
  }
  return sobol_points(from + n, d, true, derive_seed(c.seed, {0x736f626f6cULL})).bottomRows(n);
}

std::unique_ptr<kernel::FeatureMap> feature_map(const SearchSpace& s, const BoConfig& c) {
  if (c.families.empty()) return std::make_unique<kernel::ArdFeatures>(static_cast<int>(s.size()));
  return std::make_unique<kernel::W2Features>(s, c.families);
}

}  // namespace

int first_eval_id(const BoConfig& c, int round) { return round == 0 ? 0 : c.n_initial + (round - 1) * c.q; }

int round_count(const BoConfig& c) { return 1 + (c.budget - c.n_initial + c.q - 1) / c.q; }

int round_size(const BoConfig& c, int round) {
  if (round == 0) return c.n_initial;
  return std::max(0, std::min(c.q, c.budget - first_eval_id(c, round)));
}

namespace {

/// GPs of the objective and of each constraint's slack, fitted to the successful records before
/// round `round` (all records when round < 0).
struct Surrogates {
  std::unique_ptr<kernel::FeatureMap> fm;
  std::vector<const Record*> good;
  Eigen::MatrixXd F;
  Eigen::VectorXd y;  // minimised sense
  std::optional<GaussianProcess> objective;
  std::vector<GaussianProcess> constraints;
  Eigen::MatrixXd P;                      ///< with EHVI: (objective, metric) of `good`, minimised
  std::optional<GaussianProcess> metric;  ///< with EHVI: the second objective's GP

  /// `scalarise`: with [bo.pareto], model round `round`'s ParEGO scalarisation instead of the
  /// objective (records lacking a Pareto metric are then left out).
  Surrogates(const SearchSpace& s, const BoConfig& c, const std::vector<Record>& history, int round, bool scalarise = false)
      : fm(feature_map(s, c)) {
    const bool ehvi = scalarise && pareto_uses_ehvi(c);
    const bool parego = scalarise && !c.pareto_metrics.empty() && !ehvi;
    for (const auto& r : history)
      if ((round < 0 || r.cand.round < round) && r.result.ok()) good.push_back(&r);
    if (parego || ehvi) {
      std::vector<int> rows;
      P = pareto_points(c, good, &rows);
      std::vector<const Record*> kept;
      for (int i : rows) kept.push_back(good[static_cast<std::size_t>(i)]);
      good = kept;
    }
    F.resize(static_cast<Eigen::Index>(good.size()), fm->group_offsets().back());
    y.resize(static_cast<Eigen::Index>(good.size()));
    for (std::size_t i = 0; i < good.size(); ++i) {
      F.row(i) = fm->features(good[i]->cand.unit).transpose();
      y(i) = c.maximize ? -good[i]->result.objective : good[i]->result.objective;
    }
    if (parego && good.size() >= 2) {
      const Eigen::RowVectorXd lo = P.colwise().minCoeff(), hi = P.colwise().maxCoeff();
      const Eigen::RowVectorXd span = (hi - lo).cwiseMax(1e-300);
      const Eigen::VectorXd w = simplex_weights(static_cast<int>(P.cols()), derive_seed(c.seed, {kParegoStream, std::uint64_t(round)}));
      for (Eigen::Index i = 0; i < P.rows(); ++i)
        y(i) = chebyshev(((P.row(i) - lo).array() / span.array()).matrix().transpose(), w);
    }
  }

  void fit(const BoConfig& c, std::uint64_t seed) {
    objective.emplace(fm->group_offsets());
    objective->set_data(F, y, true);
    objective->fit(c.gp, seed);
    if (P.cols() == 2 && pareto_uses_ehvi(c)) {
      metric.emplace(fm->group_offsets());
      metric->set_data(F, P.col(1), true);
      metric->fit(c.gp, derive_seed(seed, {kMetricStream}));
    }
    for (std::size_t k = 0; k < c.constraints.size(); ++k) {
      // A record without the constraint's metric tells nothing about it: left out of that GP.
      std::vector<Eigen::Index> rows;
      std::vector<double> g;
      for (std::size_t i = 0; i < good.size(); ++i) {
        const double v = constraint_slack(c.constraints[k], good[i]->result);
        if (std::isfinite(v)) rows.push_back(static_cast<Eigen::Index>(i)), g.push_back(v);
      }
      GaussianProcess gp(fm->group_offsets());
      gp.set_data(F(rows, Eigen::all), Eigen::Map<const Eigen::VectorXd>(g.data(), static_cast<Eigen::Index>(g.size())), true);
      if (g.size() >= 2) gp.fit(c.gp, derive_seed(seed, {kConstraintStream, std::uint64_t(k)}));
      else if (g.size() == 1) gp.set_hyper(gp.hyper());  // factorise at the default hyperparameters
      constraints.push_back(std::move(gp));
    }
  }

  /// log P(every constraint met) at feature vector f.
  double log_feasibility(const Eigen::VectorXd& f) const {
    double lp = 0.0;
    for (const auto& gp : constraints) {
      if (gp.size() == 0) continue;  // no data: no information
      double m, v;
      gp.predict(f, m, v);
      const double sd = std::sqrt(std::max(v, 0.0));
      lp += sd > 0.0 ? log_normal_cdf(-m / sd) : (m <= 0.0 ? 0.0 : -std::numeric_limits<double>::infinity());
    }
    return lp;
  }

  /// Index into `good` of the best posterior mean among points with P(feasible) >= level (-1: none).
  int incumbent(double level, double* mean_out) const {
    int best = -1;
    double best_m = std::numeric_limits<double>::infinity();
    const double log_level = std::log(level);
    for (std::size_t i = 0; i < good.size(); ++i) {
      const Eigen::VectorXd f = F.row(static_cast<Eigen::Index>(i)).transpose();
      if (log_feasibility(f) < log_level) continue;
      double m, v;
      objective->predict(f, m, v);
      if (m < best_m) best_m = m, best = static_cast<int>(i);
    }
    if (mean_out) *mean_out = best_m;
    return best;
  }
};

}  // namespace

int constrained_winner(const SearchSpace& s, const BoConfig& c, const std::vector<Record>& records) {
  int ok = 0;
  for (const auto& r : records) ok += r.result.ok();
  if (c.constraints.empty() || ok < 2) {
    if (c.constraints.empty()) return best_observed(records, c.maximize);
    for (std::size_t i = 0; i < records.size(); ++i)  // too few points for a model: observed feasibility
      if (observed_feasible(c.constraints, records[i].result)) return static_cast<int>(i);
    return -1;
  }
  Surrogates m(s, c, records, -1);
  m.fit(c, derive_seed(c.seed, {kWinnerStream}));
  const int g = m.incumbent(c.feasibility_probability, nullptr);
  if (g < 0) return -1;
  for (std::size_t i = 0; i < records.size(); ++i)
    if (&records[i] == m.good[static_cast<std::size_t>(g)]) return static_cast<int>(i);
  return -1;
}

FeasibilityPosterior feasibility_posterior(const SearchSpace& s, const BoConfig& c, const std::vector<Record>& records,
                                           const Eigen::MatrixXd& U) {
  require(U.cols() == static_cast<Eigen::Index>(s.size()), "feasibility_posterior: points have the wrong dimension");
  Surrogates m(s, c, records, -1);
  m.fit(c, derive_seed(c.seed, {kWinnerStream}));
  FeasibilityPosterior out;
  const auto K = static_cast<Eigen::Index>(m.constraints.size());
  out.slack_mean.resize(U.rows(), K);
  out.slack_var.resize(U.rows(), K);
  out.log_feasibility.resize(U.rows());
  for (const auto& gp : m.constraints) out.hyper.push_back(gp.hyper()), out.jitter.push_back(gp.jitter());
  for (Eigen::Index i = 0; i < U.rows(); ++i) {
    const Eigen::VectorXd f = m.fm->features(U.row(i).transpose());
    for (Eigen::Index k = 0; k < K; ++k) m.constraints[static_cast<std::size_t>(k)].predict(f, out.slack_mean(i, k), out.slack_var(i, k));
    out.log_feasibility(i) = m.log_feasibility(f);
  }
  return out;
}

Eigen::MatrixXd pareto_points(const BoConfig& c, const std::vector<Record>& records, std::vector<int>* rows) {
  std::vector<const Record*> all;
  all.reserve(records.size());
  for (const auto& r : records) all.push_back(&r);
  return pareto_points(c, all, rows);
}

Eigen::MatrixXd pareto_points(const BoConfig& c, std::span<const Record* const> records, std::vector<int>* rows) {
  Eigen::MatrixXd P(static_cast<Eigen::Index>(records.size()), static_cast<Eigen::Index>(1 + c.pareto_metrics.size()));
  Eigen::Index n = 0;
  if (rows) rows->clear();
  for (std::size_t i = 0; i < records.size(); ++i) {
    const EvalResult& r = records[i]->result;
    if (!r.ok()) continue;
    P(n, 0) = c.maximize ? -r.objective : r.objective;
    bool finite = true;
    for (std::size_t k = 0; k < c.pareto_metrics.size(); ++k) {
      const auto it = r.metrics.find(c.pareto_metrics[k]);
      const double v = it == r.metrics.end() ? std::nan("") : it->second;
      finite = finite && std::isfinite(v);
      P(n, static_cast<Eigen::Index>(k + 1)) = v;
    }
    if (!finite) continue;
    if (rows) rows->push_back(static_cast<int>(i));
    ++n;
  }
  return P.topRows(n);
}

int best_observed(const std::vector<Record>& records, bool maximize,
                  const std::function<bool(const Record&)>& admit) {
  int best = -1;
  for (std::size_t i = 0; i < records.size(); ++i) {
    if (!records[i].result.ok() || (admit && !admit(records[i]))) continue;
    const double v = records[i].result.objective;
    if (best < 0 || (maximize ? v > records[best].result.objective : v < records[best].result.objective))
      best = static_cast<int>(i);
  }
  return best;
}

std::vector<Candidate> propose_round(const SearchSpace& s, const BoConfig& c, const std::vector<Record>& history,
                                     int round) {
  const int n = round_size(c, round);
  std::vector<Candidate> out;
  std::size_t n_good = 0;
  for (const auto& r : history) n_good += r.cand.round < round && r.result.ok();
  if (round == 0 || n_good < 2) {
    // Too little data for a GP (e.g. the initial design failed): continue the design sequence.
    const Eigen::MatrixXd D = design(s, c, first_eval_id(c, round), n);
    for (int i = 0; i < n; ++i) out.push_back(make_candidate(s, c, round, i, D.row(i).transpose()));
    return out;
  }
  Surrogates m(s, c, history, round, true);
  if (m.good.size() < 2) {
    // Too few records carry every Pareto metric to model their scalarisation.
    const Eigen::MatrixXd D = design(s, c, first_eval_id(c, round), n);
    for (int i = 0; i < n; ++i) out.push_back(make_candidate(s, c, round, i, D.row(i).transpose()));
    return out;
  }
  const int d = static_cast<int>(s.size());
  const bool constrained = !c.constraints.empty();
  // Local searches also start from the best observed points (feasible ones first when constrained).
  std::vector<std::pair<std::pair<int, double>, Eigen::VectorXd>> ranked;
  double best = INFINITY;
  for (std::size_t i = 0; i < m.good.size(); ++i) {
    const int infeasible = constrained && !observed_feasible(c.constraints, m.good[i]->result);
    ranked.push_back({{infeasible, m.y(i)}, m.good[i]->cand.unit});
    best = std::min(best, m.y(i));
  }
  std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<Eigen::VectorXd> extra;
  for (std::size_t i = 0; i < std::min<std::size_t>(3, ranked.size()); ++i) extra.push_back(ranked[i].second);

  m.fit(c, derive_seed(c.seed, {kGpStream, std::uint64_t(round)}));
  GaussianProcess& gp = *m.objective;
  // Exact two-objective EHVI: the front of the (observed-feasible) records so far and a reference
  // in the minimised sense, configured or the padded nadir of the points seen.
  const bool ehvi = m.metric.has_value();
  std::vector<std::pair<double, double>> front;
  double r1 = 0, r2 = 0;
  if (ehvi) {
    for (std::size_t i = 0; i < m.good.size(); ++i)
      if (!constrained || observed_feasible(c.constraints, m.good[i]->result)) front.push_back({m.P(Eigen::Index(i), 0), m.P(Eigen::Index(i), 1)});
    if (c.pareto_reference.empty()) {
      const Eigen::VectorXd r = padded_nadir(m.P);
      r1 = r(0), r2 = r(1);
    } else {  // configured in the user's sense: a maximised objective enters negated
      r1 = c.maximize ? -c.pareto_reference[0] : c.pareto_reference[0];
      r2 = c.pareto_reference[1];
    }
  }
  for (int i = 0; i < n; ++i) {
    // Constrained (Gardner et al. 2014): log EI over the incumbent with P(feasible) >= level, plus
    // log P(feasible); with no such incumbent yet, log P(feasible) alone finds the feasible region.
    bool have_incumbent = true;
    if (constrained) have_incumbent = m.incumbent(c.feasibility_probability, &best) >= 0;
    auto acq = [&](const Eigen::VectorXd& u) {
      const Eigen::VectorXd f = m.fm->features(u);
      if (constrained && !have_incumbent) return m.log_feasibility(f);
      double mu, v;
      gp.predict(f, mu, v);
      const double sd = std::sqrt(v);
      double a;
      if (ehvi) {
        double mu2, v2;
        m.metric->predict(f, mu2, v2);
        a = acquisition::log_ehvi_2d(front, r1, r2, mu, sd, mu2, std::sqrt(v2));
      } else {
        a = c.acquisition == AcqKind::LogEI ? acquisition::log_expected_improvement(mu, sd, best)
                                            : acquisition::ucb(mu, sd, c.ucb_beta);
      }
      return constrained ? a + m.log_feasibility(f) : a;
    };
    const Eigen::VectorXd u = maximize_acquisition(acq, d, c.acq, derive_seed(c.seed, {kAcqStream, std::uint64_t(round), std::uint64_t(i)}), extra);
    out.push_back(make_candidate(s, c, round, i, u));
    if (i + 1 < n) {
      double mu, v;
      const Eigen::VectorXd f = m.fm->features(out.back().unit);
      gp.predict(f, mu, v);
      gp.add_point(f, mu);  // Kriging believer: pretend the mean was observed
      if (ehvi) {
        double mu2, v2;
        m.metric->predict(f, mu2, v2);
        m.metric->add_point(f, mu2);
        front.push_back({mu, mu2});
      }
      for (auto& cg : m.constraints) {
        if (cg.size() == 0) continue;
        cg.predict(f, mu, v);
        cg.add_point(f, mu);
      }
      if (constrained) {
        // The believed point is also a candidate incumbent from now on.
        m.F.conservativeResize(m.F.rows() + 1, Eigen::NoChange);
        m.F.row(m.F.rows() - 1) = f.transpose();
        m.good.push_back(nullptr);
      }
    }
  }
  return out;
}

}  // namespace hrsnn::bo
