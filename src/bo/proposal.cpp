#include "bo/proposal.hpp"

#include <algorithm>
#include <cmath>
#include <memory>

#include "bo/acquisition/log_ei.hpp"
#include "bo/acquisition/maximize.hpp"
#include "bo/acquisition/ucb.hpp"
#include "bo/gp.hpp"
#include "bo/init/sobol.hpp"
#include "bo/kernel/features.hpp"
#include "core/rng.hpp"

namespace hrsnn::bo {

namespace {

constexpr std::uint64_t kEvalStream = 0x6576616cULL, kGpStream = 0x6770ULL, kAcqStream = 0x616371ULL;



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

std::vector<Candidate> propose_round(const SearchSpace& s, const BoConfig& c, const std::vector<Record>& history,
                                     int round) {
  const int n = round_size(c, round);
  std::vector<Candidate> out;
  std::vector<const Record*> good;
  for (const auto& r : history)
    if (r.cand.round < round && r.result.ok()) good.push_back(&r);
  if (round == 0 || good.size() < 2) {
    // Too little data for a GP (e.g. the initial design failed): continue the design sequence.
    const Eigen::MatrixXd D = design(s, c, first_eval_id(c, round), n);
    for (int i = 0; i < n; ++i) out.push_back(make_candidate(s, c, round, i, D.row(i).transpose()));
    return out;
  }
  const auto fm = feature_map(s, c);
  const int d = static_cast<int>(s.size());
  Eigen::MatrixXd F(good.size(), fm->group_offsets().back());
  Eigen::VectorXd y(good.size());
  double best = INFINITY;
  std::vector<std::pair<double, Eigen::VectorXd>> ranked;
  for (std::size_t i = 0; i < good.size(); ++i) {
    F.row(i) = fm->features(good[i]->cand.unit).transpose();
    y(i) = c.maximize ? -good[i]->result.objective : good[i]->result.objective;
    best = std::min(best, y(i));
    ranked.emplace_back(y(i), good[i]->cand.unit);
  }
  std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<Eigen::VectorXd> extra;
  for (std::size_t i = 0; i < std::min<std::size_t>(3, ranked.size()); ++i) extra.push_back(ranked[i].second);

  GaussianProcess gp(fm->group_offsets());
  gp.set_data(F, y, true);
  gp.fit(c.gp, derive_seed(c.seed, {kGpStream, std::uint64_t(round)}));
  for (int i = 0; i < n; ++i) {
    auto acq = [&](const Eigen::VectorXd& u) {
      double m, v;
      gp.predict(fm->features(u), m, v);
      const double sd = std::sqrt(v);
      return c.acquisition == AcqKind::LogEI ? acquisition::log_expected_improvement(m, sd, best)
                                             : acquisition::ucb(m, sd, c.ucb_beta);
    };
    const Eigen::VectorXd u = maximize_acquisition(acq, d, c.acq, derive_seed(c.seed, {kAcqStream, std::uint64_t(round), std::uint64_t(i)}), extra);
    out.push_back(make_candidate(s, c, round, i, u));
    if (i + 1 < n) {
      double m, v;
      const Eigen::VectorXd f = fm->features(out.back().unit);
      gp.predict(f, m, v);
      gp.add_point(f, m);  // Kriging believer: pretend the mean was observed
    }
  }
  return out;
}

}  // namespace hrsnn::bo
