#include "bo/report.hpp"

#include "bo/constraint.hpp"
#include "bo/pareto.hpp"
#include "bo/proposal.hpp"
#include "core/error.hpp"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <stdexcept>

namespace hrsnn::bo {

namespace {
std::string num(double v) {
  if (!std::isfinite(v)) return "nan";
  char b[40];
  std::snprintf(b, sizeof b, "%.17g", v);
  std::string s = b;
  if (s.find_first_of(".eE") == std::string::npos) s += ".0";  // keep TOML floats floats
  return s;
}

std::ofstream open_out(const std::filesystem::path& p) {
  std::ofstream o(p);
  if (!o) throw std::runtime_error("cannot write " + p.string());
  return o;
}
}  // namespace

void write_convergence_csv(const std::filesystem::path& path, const std::vector<Record>& records, bool maximize) {
  auto o = open_out(path);
  o << "eval,round,index,status,objective,best_so_far,wall_s\n";
  double best = NAN;
  for (const auto& r : records) {
    if (r.result.ok() && (std::isnan(best) || (maximize ? r.result.objective > best : r.result.objective < best)))
      best = r.result.objective;
    o << r.cand.eval_id << ',' << r.cand.round << ',' << r.cand.index << ',' << r.result.status << ','
      << num(r.result.objective) << ',' << num(best) << ',' << num(r.wall_s) << '\n';
  }
}

void write_best_toml(const std::filesystem::path& path, const Record& best, const std::string& runnable) {
  auto o = open_out(path);
  o << "# Best evaluation of an hrsnn optimize run\n[best]\neval = " << best.cand.eval_id
    << "\nseed = \"" << best.cand.seed << "\"  # evaluation seed (uint64, as text)"
    << "\nobjective = " << num(best.result.objective) << "\n\n[best.params]\n";
  for (const auto& [k, v] : best.cand.params) o << k << " = " << num(v) << "\n";
  if (!best.result.metrics.empty()) {
    o << "\n[best.metrics]\n";
    for (const auto& [k, v] : best.result.metrics) o << k << " = " << num(v) << "\n";
  }
  if (!runnable.empty()) o << "\n" << runnable;
}

namespace {
// Records that count for the front: successful and, with constraints, observed feasible.
std::vector<const Record*> front_candidates(const BoConfig& c, const std::vector<Record>& records, std::vector<int>& index) {
  std::vector<const Record*> out;
  index.clear();
  for (std::size_t i = 0; i < records.size(); ++i) {
    if (!records[i].result.ok() || (!c.constraints.empty() && !observed_feasible(c.constraints, records[i].result))) continue;
    out.push_back(&records[i]);
    index.push_back(static_cast<int>(i));
  }
  return out;
}
}  // namespace

std::vector<double> derived_reference(const BoConfig& c, const std::vector<Record>& records) {
  std::vector<int> rows;
  const Eigen::MatrixXd P = pareto_points(c, records, &rows);
  require(P.rows() > 0, "hypervolume reference: no evaluation reports every Pareto metric");
  const Eigen::VectorXd nadir = padded_nadir(P);
  std::vector<double> r(nadir.data(), nadir.data() + nadir.size());
  if (c.maximize) r[0] = -r[0];
  return r;
}

ParetoSummary pareto_summary(const BoConfig& c, const std::vector<Record>& records, const std::vector<double>& ref_user) {
  require(ref_user.size() == c.pareto_metrics.size() + 1, "pareto_summary: reference has the wrong length");
  ParetoSummary out;
  out.reference = Eigen::Map<const Eigen::VectorXd>(ref_user.data(), static_cast<Eigen::Index>(ref_user.size()));
  if (c.maximize) out.reference(0) = -out.reference(0);
  std::vector<int> index;
  const std::vector<const Record*> cand = front_candidates(c, records, index);
  std::vector<int> rows;
  const Eigen::MatrixXd P = pareto_points(c, cand, &rows);
  // Row k of P belongs to records[index[rows[k]]]; hypervolume after each record uses the rows so far.
  out.hypervolume.assign(records.size(), 0.0);
  std::size_t k = 0;
  for (std::size_t i = 0; i < records.size(); ++i) {
    while (k < rows.size() && static_cast<std::size_t>(index[static_cast<std::size_t>(rows[k])]) <= i) ++k;
    out.hypervolume[i] = hypervolume(P.topRows(static_cast<Eigen::Index>(k)), out.reference);
  }
  for (int r : non_dominated(P)) out.front.push_back(index[static_cast<std::size_t>(rows[static_cast<std::size_t>(r)])]);
  return out;
}

void write_pareto_files(const std::filesystem::path& dir, const BoConfig& c, const std::vector<Record>& records,
                        const ParetoSummary& p) {
  auto o = open_out(dir / "pareto.csv");
  o << "eval,objective";
  for (const auto& m : c.pareto_metrics) o << ',' << m;
  const ParamMap& first = records.at(static_cast<std::size_t>(p.front.empty() ? 0 : p.front[0])).cand.params;
  for (const auto& [k, v] : first) o << ',' << k;
  o << '\n';
  for (int i : p.front) {
    const Record& r = records[static_cast<std::size_t>(i)];
    o << r.cand.eval_id << ',' << num(r.result.objective);
    for (const auto& m : c.pareto_metrics) o << ',' << num(r.result.metrics.at(m));
    for (const auto& [k, v] : r.cand.params) o << ',' << num(v);
    o << '\n';
  }
  auto h = open_out(dir / "hypervolume.csv");
  h << "eval,hypervolume\n";
  for (std::size_t i = 0; i < records.size(); ++i) h << records[i].cand.eval_id << ',' << num(p.hypervolume[i]) << '\n';
}

}  // namespace hrsnn::bo
