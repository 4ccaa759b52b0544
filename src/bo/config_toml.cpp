#include "bo/config_toml.hpp"

#include <algorithm>
#include <limits>
#include <set>

#include "core/error.hpp"

namespace hrsnn::bo {

namespace {

std::string at(const std::filesystem::path& f, const toml::node& n) {
  return f.string() + ":" + std::to_string(n.source().begin.line);
}

void check_keys(const toml::table& t, const std::set<std::string>& known, const std::string& where,
                const std::filesystem::path& f) {
  for (const auto& [k, v] : t) {
    const std::string key(k.str());
    if (!known.count(key)) {
      std::string list;
      for (const auto& s : known) list += (list.empty() ? "" : ", ") + s;
      throw InputError(at(f, v) + ": " + where + " unknown key '" + key + "' (known: " + list + ")");
    }
  }
}

double number(const toml::node& n, const std::string& what, const std::filesystem::path& f) {
  if (auto v = n.value<double>()) return *v;  // toml++ converts integers too
  throw InputError(at(f, n) + ": " + what + " must be a number");
}

template <class T>
void get(const toml::table& t, const char* key, T& out, const std::filesystem::path& f) {
  if (const toml::node* n = t.get(key)) {
    if (auto v = n->value<T>()) out = *v;
    else throw InputError(at(f, *n) + ": [bo] " + key + " has the wrong type");
  }
}

// An integer key range-checked as int64 before it is narrowed to int (2^32 + 1 must not become 1).
int get_int(const toml::table& t, const char* key, int fallback, std::int64_t lo, const std::filesystem::path& f) {
  std::int64_t v = fallback;
  get(t, key, v, f);
  constexpr std::int64_t hi = std::numeric_limits<int>::max();
  if (v < lo || v > hi)
    throw InputError(at(f, *t.get(key)) + ": [bo] " + key + " must lie in [" + std::to_string(lo) + ", " + std::to_string(hi) +
                     "], got " + std::to_string(v));
  return static_cast<int>(v);
}

// A family's mean/cv: a parameter name (string) or a fixed number.
void param_or_value(const toml::table& t, const char* key, std::string& param, double& value,
                    const SearchSpace& s, const std::filesystem::path& f) {
  const toml::node* n = t.get(key);
  if (!n) throw InputError(f.string() + ": [[bo.family]] needs '" + key + "'");
  if (auto name = n->value<std::string>()) {
    try {
      s.index_of(*name);
    } catch (const InputError& e) {
      throw InputError(at(f, *n) + ": [[bo.family]] " + key + ": " + e.what());
    }
    param = *name;
  } else {
    value = number(*n, std::string("[[bo.family]] ") + key, f);
  }
}

}  // namespace

toml::table parse_toml_file(const std::filesystem::path& file) {
  if (!std::filesystem::exists(file)) throw InputError("config file " + file.string() + " does not exist");
  try {
    return toml::parse_file(file.string());
  } catch (const toml::parse_error& e) {
    throw InputError(file.string() + ":" + std::to_string(e.source().begin.line) + ": " + std::string(e.description()));
  }
}

std::optional<SearchSpace> read_space(const toml::table& root, const std::filesystem::path& f) {
  const toml::table* t = root["space"].as_table();
  if (!t) return std::nullopt;
  SearchSpace s;
  for (const auto& [k, v] : *t) {
    const std::string name(k.str());
    const toml::table* p = v.as_table();
    if (!p) throw InputError(at(f, v) + ": [space] " + name + " must be a table { low = .., high = .. }");
    check_keys(*p, {"low", "high", "scale", "type"}, "[space] " + name + ":", f);
    Param par;
    par.name = name;
    if (!p->get("low") || !p->get("high")) throw InputError(at(f, v) + ": [space] " + name + " needs low and high");
    par.low = number(*p->get("low"), "[space] " + name + ".low", f);
    par.high = number(*p->get("high"), "[space] " + name + ".high", f);
    const std::string scale = (*p)["scale"].value_or(std::string("linear"));
    const std::string type = (*p)["type"].value_or(std::string("real"));
    if (scale != "linear" && scale != "log") throw InputError(at(f, v) + ": [space] " + name + ".scale must be \"linear\" or \"log\"");
    if (type != "real" && type != "int") throw InputError(at(f, v) + ": [space] " + name + ".type must be \"real\" or \"int\"");
    par.scale = scale == "log" ? Scale::Log : Scale::Linear;
    par.integer = type == "int";
    try {
      s.add(par);
    } catch (const InputError& e) {
      throw InputError(at(f, v) + ": " + e.what());
    }
  }
  if (s.size() == 0) throw InputError(f.string() + ": [space] defines no parameter");
  return s;
}

BoConfig read_bo_config(const toml::table& root, const std::filesystem::path& f, const SearchSpace& space) {
  BoConfig c;
  const toml::table* t = root["bo"].as_table();
  if (!t) return c;
  check_keys(*t, {"budget", "initial", "q", "acquisition", "ucb_beta", "kernel", "initial_design", "maximize", "seed",
                  "gp_restarts", "max_consecutive_failures", "acq_global_points", "acq_local_starts", "family",
                  "constraint", "feasibility_probability", "pareto"},
             "[bo]", f);
  std::int64_t seed = 0;
  c.budget = get_int(*t, "budget", c.budget, 1, f);
  c.n_initial = get_int(*t, "initial", c.n_initial, 1, f);
  c.q = get_int(*t, "q", c.q, 1, f);
  get(*t, "seed", seed, f);
  c.gp.restarts = get_int(*t, "gp_restarts", c.gp.restarts, 0, f);
  c.max_consecutive_failures = get_int(*t, "max_consecutive_failures", c.max_consecutive_failures, 1, f);
  c.acq.n_global = get_int(*t, "acq_global_points", c.acq.n_global, 1, f);
  c.acq.n_local = get_int(*t, "acq_local_starts", c.acq.n_local, 1, f);
  get(*t, "ucb_beta", c.ucb_beta, f);
  get(*t, "maximize", c.maximize, f);
  get(*t, "initial_design", c.initial_design, f);
  get(*t, "feasibility_probability", c.feasibility_probability, f);
  if (const toml::node* cn = t->get("constraint")) {
    const toml::array* cs = cn->as_array();
    if (!cs) throw InputError(at(f, *cn) + ": [[bo.constraint]] must be an array of tables");
    for (const auto& node : *cs) {
      const toml::table* ct = node.as_table();
      if (!ct) throw InputError(at(f, node) + ": [[bo.constraint]] entries must be tables");
      check_keys(*ct, {"metric", "max", "min"}, "[[bo.constraint]]", f);
      Constraint k;
      k.origin = at(f, node);
      k.metric = (*ct)["metric"].value_or(std::string());
      if (k.metric.empty()) throw InputError(at(f, node) + ": [[bo.constraint]] needs metric = \"...\"");
      const toml::node* mx = ct->get("max");
      const toml::node* mn = ct->get("min");
      if ((mx == nullptr) == (mn == nullptr))
        throw InputError(at(f, node) + ": [[bo.constraint]] on '" + k.metric + "' needs exactly one of max or min");
      k.upper = mx != nullptr;
      k.bound = number(mx ? *mx : *mn, "[[bo.constraint]] " + std::string(mx ? "max" : "min"), f);
      c.constraints.push_back(k);
    }
  }
  if (const toml::node* pn = t->get("pareto")) {
    const toml::table* pt = pn->as_table();
    if (!pt) throw InputError(at(f, *pn) + ": [bo.pareto] must be a table");
    check_keys(*pt, {"metrics", "reference", "method"}, "[bo.pareto]", f);
    if (const toml::node* mn = pt->get("method")) {
      const auto m = mn->value<std::string>();
      if (!m) throw InputError(at(f, *mn) + ": [bo.pareto] method must be \"auto\", \"ehvi\" or \"parego\"");
      c.pareto_method = *m;
    }
    const toml::array* ms = (*pt)["metrics"].as_array();
    if (!ms || ms->empty()) throw InputError(at(f, *pn) + ": [bo.pareto] metrics must be a non-empty list of metric names");
    for (const auto& m : *ms) {
      const auto name = m.value<std::string>();
      if (!name || name->empty()) throw InputError(at(f, m) + ": [bo.pareto] metrics must be metric names");
      if (std::find(c.pareto_metrics.begin(), c.pareto_metrics.end(), *name) != c.pareto_metrics.end())
        throw InputError(at(f, m) + ": [bo.pareto] metric '" + *name + "' listed twice");
      c.pareto_metrics.push_back(*name);
    }
    if (const toml::node* rn = pt->get("reference")) {
      const toml::array* ra = rn->as_array();
      if (!ra) throw InputError(at(f, *rn) + ": [bo.pareto] reference must be a list of numbers");
      for (const auto& x : *ra) c.pareto_reference.push_back(number(x, "[bo.pareto] reference", f));
    }
  }
  if (seed < 0) throw InputError(f.string() + ": [bo] seed must be >= 0");
  c.seed = static_cast<std::uint64_t>(seed);
  std::string acq = "log_ei", kernel = "matern52_ard";
  get(*t, "acquisition", acq, f);
  get(*t, "kernel", kernel, f);
  if (acq != "log_ei" && acq != "ucb") throw InputError(f.string() + ": [bo] acquisition must be \"log_ei\" or \"ucb\", got \"" + acq + "\"");
  c.acquisition = acq == "ucb" ? AcqKind::UCB : AcqKind::LogEI;
  if (kernel != "matern52_ard" && kernel != "w2") throw InputError(f.string() + ": [bo] kernel must be \"matern52_ard\" or \"w2\", got \"" + kernel + "\"");
  if (const toml::array* fams = (*t)["family"].as_array()) {
    if (kernel != "w2") throw InputError(f.string() + ": [[bo.family]] is only used with kernel = \"w2\"");
    for (const auto& node : *fams) {
      const toml::table* ft = node.as_table();
      if (!ft) throw InputError(at(f, node) + ": [[bo.family]] entries must be tables");
      check_keys(*ft, {"name", "law", "mean", "cv", "lo", "hi"}, "[[bo.family]]", f);
      kernel::FamilySpec s;
      s.name = (*ft)["name"].value_or(std::string("family") + std::to_string(c.families.size()));
      s.kind = parse_law_kind((*ft)["law"].value_or(std::string("gamma")), at(f, node) + ": [[bo.family]] law");
      param_or_value(*ft, "mean", s.mean_param, s.mean_fixed, space, f);
      param_or_value(*ft, "cv", s.cv_param, s.cv_fixed, space, f);
      if (const toml::node* lo = ft->get("lo")) s.lo = number(*lo, "[[bo.family]] lo", f);
      if (const toml::node* hi = ft->get("hi")) s.hi = number(*hi, "[[bo.family]] hi", f);
      c.families.push_back(s);
    }
  }
  if (kernel == "w2" && c.families.empty()) throw InputError(f.string() + ": [bo] kernel = \"w2\" needs at least one [[bo.family]]");
  try {
    if (!c.families.empty()) kernel::W2Features check(space, c.families);  // impossible laws fail now
    validate(c);
  } catch (const InputError& e) {
    throw InputError(f.string() + ": " + e.what());
  }
  return c;
}

}  // namespace hrsnn::bo
