#include "bo/report.hpp"

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

}  // namespace hrsnn::bo
