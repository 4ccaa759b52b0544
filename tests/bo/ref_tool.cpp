// JSON-in/JSON-out driver for the Python reference tests: reads one JSON object on stdin,
// runs the requested hrsnn::bo computation, prints one JSON object on stdout.
#include <cmath>
#include <iostream>

#include <nlohmann/json.hpp>

#include "bo/gp.hpp"
#include "bo/init/sobol.hpp"
#include "bo/proposal.hpp"

using nlohmann::json;
using namespace hrsnn::bo;

namespace {

Eigen::MatrixXd matrix(const json& j) {
  Eigen::MatrixXd m(j.size(), j.at(0).size());
  for (std::size_t i = 0; i < j.size(); ++i)
    for (std::size_t k = 0; k < j[i].size(); ++k)  // null = missing (NaN), which JSON cannot spell
      m(i, k) = j[i][k].is_null() ? std::nan("") : j[i][k].get<double>();
  return m;
}

Eigen::VectorXd vec(const json& j) {
  Eigen::VectorXd v(j.size());
  for (std::size_t i = 0; i < j.size(); ++i) v(i) = j[i].get<double>();
  return v;
}

json gp(const json& in) {
  const Eigen::MatrixXd X = matrix(in.at("X")), Xs = matrix(in.at("Xs"));
  std::vector<int> offsets;
  for (int i = 0; i <= X.cols(); ++i) offsets.push_back(i);
  GaussianProcess g(offsets);
  g.set_data(X, vec(in.at("y")), false);
  GpHyper h;
  h.log_lengthscale = vec(in.at("log_l"));
  h.log_signal_var = in.at("log_s2");
  h.log_noise_var = in.at("log_sn2");
  g.set_hyper(h);
  json out;
  out["lml"] = g.log_marginal_likelihood();
  for (int i = 0; i < Xs.rows(); ++i) {
    double m = 0, v = 0;
    g.predict(Xs.row(i).transpose(), m, v);
    out["mean"].push_back(m);
    out["var"].push_back(v);
  }
  if (in.contains("fit")) {
    const json& f = in["fit"];
    GpFitOptions o;
    o.log_lengthscale_min = f.at("log_l_min");
    o.log_lengthscale_max = f.at("log_l_max");
    o.log_signal_min = f.at("log_s2_min");
    o.log_signal_max = f.at("log_s2_max");
    o.log_noise_min = f.at("log_sn2_min");
    o.log_noise_max = f.at("log_sn2_max");
    o.restarts = f.at("restarts");
    g.fit(o, 12345);
    out["fit_lml"] = g.log_marginal_likelihood();
    out["fit_log_l"] = std::vector<double>(g.hyper().log_lengthscale.data(),
                                           g.hyper().log_lengthscale.data() + g.groups());
    out["fit_log_s2"] = g.hyper().log_signal_var;
    out["fit_log_sn2"] = g.hyper().log_noise_var;
  }
  return out;
}

json sobol(const json& in) {
  const int n = in.at("n"), d = in.at("d");
  const Eigen::MatrixXd P = sobol_points(n, d, in.value("scramble", false), in.value("seed", 0ULL));
  json out = json::array();
  for (int i = 0; i < n; ++i) {
    json row = json::array();
    for (int k = 0; k < d; ++k) row.push_back(P(i, k));
    out.push_back(row);
  }
  return json{{"points", out}};
}

// Constraint GPs as the optimiser fits them: records at unit points X with metric values
// M (rows = records, columns = constraints, NaN = not reported), constraints (metric index,
// bound, upper), predictions at Xs.
json constraint(const json& in) {
  const Eigen::MatrixXd X = matrix(in.at("X")), Xs = matrix(in.at("Xs")), M = matrix(in.at("M"));
  SearchSpace s;
  for (int k = 0; k < X.cols(); ++k) s.add(Param{"x" + std::to_string(k), 0.0, 1.0});
  BoConfig c;
  c.seed = in.value("seed", 7ULL);
  c.gp.restarts = in.value("restarts", 3);
  for (const auto& j : in.at("constraints"))
    c.constraints.push_back(Constraint{"m" + std::to_string(j.at("metric").get<int>()), j.at("bound"), j.at("upper"), "test"});
  std::vector<Record> records(static_cast<std::size_t>(X.rows()));
  for (Eigen::Index i = 0; i < X.rows(); ++i) {
    Record& r = records[static_cast<std::size_t>(i)];
    r.cand.unit = X.row(i).transpose();
    r.result.objective = in.at("y")[static_cast<std::size_t>(i)];
    for (Eigen::Index k = 0; k < M.cols(); ++k)
      if (std::isfinite(M(i, k))) r.result.metrics["m" + std::to_string(k)] = M(i, k);
  }
  const FeasibilityPosterior p = feasibility_posterior(s, c, records, Xs);
  json out;
  for (std::size_t k = 0; k < p.hyper.size(); ++k) {
    const GpHyper& h = p.hyper[k];
    json g;
    g["log_l"] = std::vector<double>(h.log_lengthscale.data(), h.log_lengthscale.data() + h.log_lengthscale.size());
    g["log_s2"] = h.log_signal_var;
    g["log_sn2"] = h.log_noise_var;
    g["jitter"] = p.jitter[k];
    std::vector<double> m, v;
    for (Eigen::Index i = 0; i < Xs.rows(); ++i) m.push_back(p.slack_mean(i, Eigen::Index(k))), v.push_back(p.slack_var(i, Eigen::Index(k)));
    g["mean"] = m;
    g["var"] = v;
    out["gps"].push_back(g);
  }
  out["log_feasibility"] = std::vector<double>(p.log_feasibility.data(), p.log_feasibility.data() + p.log_feasibility.size());
  return out;
}

}  // namespace

int main() {
  try {
    json in;
    std::cin >> in;
    const std::string cmd = in.at("cmd");
    json out;
    if (cmd == "gp") out = gp(in);
    else if (cmd == "sobol") out = sobol(in);
    else if (cmd == "constraint") out = constraint(in);
    else throw std::runtime_error("unknown cmd " + cmd);
    std::cout << out.dump() << "\n";
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "bo_ref_tool: " << e.what() << "\n";
    return 1;
  }
}
