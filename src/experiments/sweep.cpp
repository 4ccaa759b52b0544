#include "experiments/sweep.hpp"
#include "experiments/parallel_jobs.hpp"

#include "core/error.hpp"
#include "core/format.hpp"
#include "core/progress.hpp"
#include "metrics/stats.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <fstream>
#include <iostream>
#include <limits>
#include <map>
#include <mutex>
#include <regex>
#include <set>
#include <thread>

namespace hrsnn::experiments {
namespace fs = std::filesystem;
namespace {

constexpr const char* kJournalLabel = "sweep";

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

std::string quote(const std::string& s) {
  std::string out = "\"";
  for (const unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (c < 0x20 || c == 0x7f) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

bool is_bare_key(const std::string& k) {
  static const std::regex bare("[A-Za-z0-9_-]+");
  return std::regex_match(k, bare);
}

bool is_dotted_key(const std::string& k) {
  static const std::regex dotted("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");
  return std::regex_match(k, dotted);
}

// "a" overlaps "a.b": setting one would replace or be replaced by the other.
bool overlaps(const std::string& a, const std::string& b) {
  auto under = [](const std::string& x, const std::string& y) { return x.size() > y.size() && x.compare(0, y.size(), y) == 0 && x[y.size()] == '.'; };
  return a == b || under(a, b) || under(b, a);
}

std::string where_in(const std::string& source, const toml::node& n, const std::string& key) {
  const auto line = n.source().begin.line;
  std::string out = source.empty() ? std::string("[sweep]") : source;
  if (line) {
    out += ':';
    out += std::to_string(line);
  }
  return out + ": [sweep] key '" + key + "'";
}

// Entries of a table in the order they appear in the file: toml++ keeps tables sorted by key,
// and axes should vary in the order the user wrote them.
// Where a node first appears: a table made by a dotted key has no position of its own, so it
// takes its earliest entry's.
std::pair<std::uint64_t, std::uint64_t> first_position(const toml::node& n) {
  const auto& b = n.source().begin;
  std::pair<std::uint64_t, std::uint64_t> at = b.line > 0 ? std::pair<std::uint64_t, std::uint64_t>{b.line, b.column}
                                                          : std::pair<std::uint64_t, std::uint64_t>{UINT64_MAX, UINT64_MAX};
  if (const toml::table* t = n.as_table())
    for (const auto& [k, v] : *t) at = std::min(at, first_position(v));
  return at;
}

std::vector<std::pair<std::string, const toml::node*>> in_file_order(const toml::table& t) {
  std::vector<std::pair<std::string, const toml::node*>> out;
  for (const auto& [k, v] : t) out.emplace_back(std::string(k.str()), &v);
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return first_position(*a.second) < first_position(*b.second); });
  return out;
}

void flatten_point(const toml::table& t, const std::string& prefix, const std::string& source, SweepPoint& point) {
  for (const auto& [k, v] : in_file_order(t)) {
    const std::string key = prefix.empty() ? k : prefix + "." + k;
    const toml::table* sub = v->as_table();
    if (sub != nullptr && !sub->is_inline()) flatten_point(*sub, key, source, point);  // dotted keys and [x.y] headers
    else point.values.emplace_back(key, toml_value_text(*v, where_in(source, *v, key)));
  }
}

void collect_axes(const toml::table& t, const std::string& prefix, const std::string& source, SweepSpec& spec) {
  for (const auto& [k, v] : in_file_order(t)) {
    const std::string key = prefix.empty() ? k : prefix + "." + k;
    if (prefix.empty() && k == "point") {
      const toml::array* points = v->as_array();
      require(points != nullptr, where_in(source, *v, "point") + ": explicit points are [[sweep.point]] tables");
      for (const toml::node& p : *points) {
        const toml::table* pt = p.as_table();
        require(pt != nullptr, where_in(source, p, "point") + ": every explicit point must be a table of key = value");
        SweepPoint point;
        flatten_point(*pt, "", source, point);
        require(!point.values.empty(), where_in(source, p, "point") + ": explicit point " +
                                           std::to_string(spec.points.size() + 1) + " sets no key");
        spec.points.push_back(std::move(point));
      }
      continue;
    }
    if (const toml::array* a = v->as_array()) {
      SweepAxis axis{key, {}};
      for (const toml::node& x : *a) axis.values.push_back(toml_value_text(x, where_in(source, x, key)));
      require(!axis.values.empty(), where_in(source, *v, key) + ": empty value list");
      spec.axes.push_back(std::move(axis));
    } else if (const toml::table* sub = v->as_table(); sub != nullptr && !sub->is_inline()) {
      collect_axes(*sub, key, source, spec);
    } else {
      throw InputError(where_in(source, *v, key) + ": expected an array of values (one value is written [v])");
    }
  }
}

// A CSV field: quoted when it holds a comma, quote or line break.
std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

// A swept value as a CSV cell: strings without their TOML quotes, so "point" reads as point
// beside the numeric shapes; everything else as TOML text.
std::string cell_value(const std::string& toml_text) {
  if (toml_text.empty() || toml_text.front() != '"') return toml_text;
  try {
    const toml::table t = toml::parse("v = " + toml_text);
    if (const auto s = t["v"].value<std::string>()) return *s;
  } catch (const toml::parse_error&) {
  }
  return toml_text;
}

std::string number_cell(double x) { return std::isfinite(x) ? format_double(x) : "nan"; }

// The key cells of a point, in plan.keys order (empty when the point does not set the key).
std::string key_cells(const SweepPlan& plan, std::size_t p) {
  std::string out;
  for (const std::string& key : plan.keys) {
    std::string v;
    for (const auto& [k, text] : plan.points[p].values)
      if (k == key) v = cell_value(text);
    out += ',';
    out += csv_field(v);
  }
  return out;
}

std::string key_header(const SweepPlan& plan) {
  std::string out;
  for (const std::string& key : plan.keys) {
    out += ',';
    out += csv_field(key);
  }
  return out;
}

std::size_t row_index(const SweepPlan& plan, std::size_t p, std::size_t vi, std::size_t si) {
  return (p * plan.variants.size() + vi) * plan.seeds.size() + si;
}

// The row a journal line stands for, or nullopt when it belongs to no row of this plan.
std::optional<std::size_t> journal_row(const SweepPlan& plan, const nlohmann::json& line, const std::string& variant,
                                       std::uint64_t seed) {
  if (!line.is_object() || !line.contains("point") || !line["point"].is_number_unsigned()) return std::nullopt;
  const auto p = line["point"].get<std::uint64_t>();
  if (p < 1 || p > plan.points.size() || line.value("point_label", "") != plan.points[p - 1].label()) return std::nullopt;
  const auto vi = std::find_if(plan.variants.begin(), plan.variants.end(), [&](Variant v) { return variant_name(v) == variant; });
  const auto si = std::find(plan.seeds.begin(), plan.seeds.end(), seed);
  if (vi == plan.variants.end() || si == plan.seeds.end()) return std::nullopt;
  return row_index(plan, p - 1, static_cast<std::size_t>(vi - plan.variants.begin()),
                   static_cast<std::size_t>(si - plan.seeds.begin()));
}

double time_one_run(const SweepPlan& plan, std::size_t p) {
  const Experiment& e = plan.experiments[p];
  const auto start = std::chrono::steady_clock::now();
  e.task(apply_variant(e.base, plan.variants.front(), e.comparison.shapes), plan.seeds.front());
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

std::string SweepPoint::label() const {
  std::string out;
  for (const auto& [k, v] : values) out += (out.empty() ? "" : "; ") + k + "=" + v;
  return out;
}

std::uint64_t SweepSpec::count() const {
  std::uint64_t n = std::max<std::uint64_t>(1, points.size());
  for (const SweepAxis& a : axes) {
    const std::uint64_t m = a.values.size();
    if (m == 0) return 0;
    n = n > std::numeric_limits<std::uint64_t>::max() / m ? std::numeric_limits<std::uint64_t>::max() : n * m;
  }
  return n;
}

std::vector<SweepPoint> SweepSpec::expand() const {
  std::vector<SweepPoint> out;
  const std::vector<SweepPoint> outer = points.empty() ? std::vector<SweepPoint>{SweepPoint{}} : points;
  for (const SweepPoint& base : outer) {
    std::vector<std::size_t> at(axes.size(), 0);  // an odometer over the axes, the last fastest
    for (bool more = std::all_of(axes.begin(), axes.end(), [](const SweepAxis& a) { return !a.values.empty(); }); more;) {
      SweepPoint p = base;
      for (std::size_t i = 0; i < axes.size(); ++i) p.values.emplace_back(axes[i].key, axes[i].values[at[i]]);
      out.push_back(std::move(p));
      more = false;
      for (std::size_t i = axes.size(); i-- > 0;) {
        if (++at[i] < axes[i].values.size()) {
          more = true;
          break;
        }
        at[i] = 0;
      }
    }
  }
  return out;
}

std::vector<std::string> SweepSpec::keys() const {
  std::vector<std::string> out;
  auto add = [&](const std::string& k) {
    if (std::find(out.begin(), out.end(), k) == out.end()) out.push_back(k);
  };
  for (const SweepPoint& p : points)
    for (const auto& [k, v] : p.values) add(k);
  for (const SweepAxis& a : axes) add(a.key);
  return out;
}

nlohmann::json SweepSpec::to_json() const {
  nlohmann::json ax = nlohmann::json::array(), pts = nlohmann::json::array();
  for (const SweepAxis& a : axes) ax.push_back({{"key", a.key}, {"values", a.values}});
  for (const SweepPoint& p : points) {
    nlohmann::json one = nlohmann::json::array();
    for (const auto& [k, v] : p.values) one.push_back({{"key", k}, {"value", v}});
    pts.push_back(one);
  }
  return {{"axes", ax}, {"points", pts}};
}

std::string toml_value_text(const toml::node& n, const std::string& where) {
  if (const auto* s = n.as_string()) return quote(s->get());
  if (const auto* i = n.as_integer()) return std::to_string(i->get());
  if (const auto* b = n.as_boolean()) return b->get() ? "true" : "false";
  if (const auto* f = n.as_floating_point()) {
    const double x = f->get();
    if (std::isnan(x)) return "nan";
    if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
    std::string s = format_double(x);
    if (s.find_first_of(".eE") == std::string::npos) s += ".0";  // stays a float when read back
    return s;
  }
  if (const auto* a = n.as_array()) {
    std::string s = "[";
    for (std::size_t i = 0; i < a->size(); ++i) s += (i ? ", " : "") + toml_value_text(*a->get(i), where);
    return s + "]";
  }
  if (const auto* t = n.as_table()) {
    std::string s = "{";
    bool first = true;
    for (const auto& [k, v] : in_file_order(*t)) {
      s += std::string(first ? "" : ", ") + (is_bare_key(k) ? k : quote(k)) + " = " + toml_value_text(*v, where);
      first = false;
    }
    return s + "}";
  }
  throw InputError(where + ": dates and times are not config values");
}

SweepAxis parse_grid_arg(const std::string& arg) {
  const auto eq = arg.find('=');
  require(eq != std::string::npos && eq > 0 && !trim(arg.substr(0, eq)).empty(),
          "--grid '" + arg + "': expected KEY=V1,V2,... (e.g. --grid network.n=200,500)");
  SweepAxis axis{trim(arg.substr(0, eq)), {}};
  const std::string where = "--grid " + axis.key;
  const std::string text = arg.substr(eq + 1);
  require(!trim(text).empty(), where + ": empty value list");
  std::vector<std::string> pieces;
  std::string piece;
  int depth = 0;
  char in_string = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\' && in_string == '"' && i + 1 < text.size()) {
        piece += c;
        piece += text[++i];
        continue;
      }
      if (c == in_string) in_string = 0;
    } else if (c == '"' || c == '\'') {
      in_string = c;
    } else if (c == '[' || c == '{') {
      ++depth;
    } else if (c == ']' || c == '}') {
      require(--depth >= 0, where + ": malformed value list '" + text + "' (a closing bracket without an opening one)");
    } else if (c == ',' && depth == 0) {
      pieces.push_back(piece);
      piece.clear();
      continue;
    }
    piece += c;
  }
  require(!in_string && depth == 0, where + ": malformed value list '" + text + "' (an unclosed bracket or quote)");
  pieces.push_back(piece);
  static const std::regex bare_word("[A-Za-z0-9_.+-]+");
  for (const std::string& raw : pieces) {
    const std::string v = trim(raw);
    require(!v.empty(), where + ": empty value in '" + text + "' (two commas in a row, or one at an end)");
    toml::table parsed;
    try {
      parsed = toml::parse("v = " + v);
      require(parsed.size() == 1, where + ": malformed value '" + v + "'");
    } catch (const toml::parse_error& e) {
      // A bare word is a string, as with --set (--grid task.kind=mc,lorenz).
      require(std::regex_match(v, bare_word),
              where + ": malformed value '" + v + "' (not a TOML value: " + std::string(e.description()) + ")");
      parsed = toml::table{{"v", v}};
    }
    axis.values.push_back(toml_value_text(*parsed.get("v"), where));
  }
  return axis;
}

SweepSpec read_sweep_table(const toml::table& sweep, const std::string& source) {
  SweepSpec spec;
  collect_axes(sweep, "", source, spec);
  return spec;
}

void check_sweep_spec(const SweepSpec& spec, const std::vector<std::string>& set_keys) {
  require(!spec.axes.empty() || !spec.points.empty(),
          "sweep: nothing to sweep; give --grid KEY=V1,V2,... or a [sweep] table in the config");
  auto check_key = [&](const std::string& key) {
    require(is_dotted_key(key), "sweep: key '" + key + "' is not a dotted config key such as network.n");
    require(key != "experiment" && key.rfind("experiment.", 0) != 0,
            "sweep: key '" + key + "' cannot be swept: every point runs the same variants, seeds and threads "
            "(set experiment.* in the config or with --set)");
    require(key != "sweep" && key.rfind("sweep.", 0) != 0, "sweep: key '" + key + "' cannot be swept");
    for (const std::string& s : set_keys)
      require(!overlaps(key, s), "sweep: key '" + key + "' is both swept and set by --set " + s + "; give it in one place");
  };
  for (std::size_t i = 0; i < spec.axes.size(); ++i) {
    const SweepAxis& a = spec.axes[i];
    check_key(a.key);
    require(!a.values.empty(), "sweep: key '" + a.key + "': empty value list");
    std::set<std::string> seen;
    for (const std::string& v : a.values)
      require(seen.insert(v).second, "sweep: key '" + a.key + "': value " + v + " is listed twice");
    for (std::size_t j = 0; j < i; ++j)
      require(!overlaps(a.key, spec.axes[j].key), a.key == spec.axes[j].key
                                                      ? "sweep: key '" + a.key + "' is swept twice (duplicate key)"
                                                      : "sweep: keys '" + spec.axes[j].key + "' and '" + a.key + "' overlap");
  }
  std::set<std::string> labels;
  for (std::size_t n = 0; n < spec.points.size(); ++n) {
    const SweepPoint& p = spec.points[n];
    const std::string which = "sweep: explicit point " + std::to_string(n + 1);
    for (std::size_t i = 0; i < p.values.size(); ++i) {
      const std::string& key = p.values[i].first;
      check_key(key);
      for (std::size_t j = 0; j < i; ++j)
        require(!overlaps(key, p.values[j].first), which + ": key '" + key + "' is given twice (duplicate key)");
      for (const SweepAxis& a : spec.axes)
        require(!overlaps(key, a.key), which + ": key '" + key + "' is also a grid axis (duplicate key)");
    }
    require(labels.insert(p.label()).second, which + " repeats an earlier point (" + p.label() + ")");
  }
}

SweepPlan plan_sweep(const BaseConfig& base, const SweepSpec& spec, const std::vector<std::string>& set_keys,
                     int threads, bool yes) {
  check_sweep_spec(spec, set_keys);
  const std::uint64_t n = spec.count();
  std::string sizes;
  if (!spec.points.empty()) sizes = std::to_string(spec.points.size()) + " explicit points";
  for (const SweepAxis& a : spec.axes) sizes += (sizes.empty() ? "" : " x ") + std::to_string(a.values.size()) + " " + a.key;
  require(yes || n <= kSweepConfirmPoints, "sweep: the grid has " + (n == std::numeric_limits<std::uint64_t>::max() ? std::string("more than 2^64") : std::to_string(n)) +
                                               " points (" + sizes + "), more than " + std::to_string(kSweepConfirmPoints) +
                                               "; pass --yes to run it anyway");
  // Beyond this even the list of points would not fit in memory: refuse rather than crash.
  require(n <= 100'000'000, "sweep: the grid has " + std::to_string(n) + " points (" + sizes + "), more than hrsnn can hold");
  SweepPlan plan;
  plan.points = spec.expand();
  plan.keys = spec.keys();
  std::vector<std::string> omit = plan.keys;
  omit.push_back("experiment.threads");
  for (std::size_t i = 0; i < plan.points.size(); ++i) {
    const SweepPoint& point = plan.points[i];
    try {
      io::Config cfg = base();
      for (const auto& [k, v] : point.values) cfg.set(k + "=" + v);
      if (threads > 0) cfg.set("experiment.threads=" + std::to_string(threads));
      Experiment e = read_experiment(cfg);
      cfg.reject_unknown_keys();
      if (i == 0) {
        plan.variants = e.comparison.variants;
        plan.seeds = e.comparison.seeds;
        plan.threads = e.comparison.threads;
        plan.kind = e.kind;
        // The base settings without the swept keys, so a changed grid is reported as the grid.
        plan.settings = {{"sweep", spec.to_json()}, {"config", cfg.to_json(omit)}};
      }
      plan.experiments.push_back(std::move(e));
    } catch (const InputError& err) {
      throw InputError("sweep point " + std::to_string(i + 1) + " of " + std::to_string(plan.points.size()) + " (" +
                       point.label() + "): " + err.what());
    }
  }
  return plan;
}

SweepOutcome run_sweep(const SweepPlan& plan, const std::optional<fs::path>& journal,
                       const std::function<void(int, int, const std::string&)>& progress) {
  require(!plan.variants.empty() && !plan.seeds.empty(), "sweep: need at least one variant and one seed");
  SweepOutcome out;
  const std::size_t total = plan.runs();
  out.rows.resize(total);
  std::vector<bool> done(total, false);
  for (std::size_t p = 0; p < plan.points.size(); ++p)
    for (std::size_t vi = 0; vi < plan.variants.size(); ++vi)
      for (std::size_t si = 0; si < plan.seeds.size(); ++si)
        out.rows[row_index(plan, p, vi, si)] = {p, plan.variants[vi], plan.seeds[si], {}};
  if (journal)
    for (const JournalEntry& e : read_journal(*journal, kJournalLabel))
      if (const auto k = journal_row(plan, e.line, e.variant, e.seed); k && !done[*k]) {
        out.rows[*k].result = e.result;
        done[*k] = true;
      }
  std::vector<std::size_t> todo;
  for (std::size_t k = 0; k < total; ++k)
    if (!done[k]) todo.push_back(k);
  int finished = static_cast<int>(total - todo.size());
  const int threads = static_cast<int>(std::min<std::size_t>(static_cast<std::size_t>(std::max(1, plan.threads)), 1 << 20));
  run_jobs(todo, threads,
           [&](std::size_t k) {
             const SweepRow& row = out.rows[k];
             const Experiment& e = plan.experiments[row.point];
             return e.task(apply_variant(e.base, row.variant, e.comparison.shapes), row.seed);
           },
           [&](std::size_t k, TaskResult&& r) {
             SweepRow& row = out.rows[k];
             row.result = std::move(r);
             if (journal) {
               nlohmann::json line = journal_line(kJournalLabel, row.variant, row.seed, row.result);
               line["point"] = row.point + 1;
               line["point_label"] = plan.points[row.point].label();
               append_journal(*journal, line);
             }
             ++finished;
             ++out.computed;
             if (progress)
               progress(finished, static_cast<int>(total), "point " + std::to_string(row.point + 1) + " " +
                                                               variant_name(row.variant) + " seed " + std::to_string(row.seed));
           });
  return out;
}

void write_sweep_csv(const fs::path& file, const SweepPlan& plan, const SweepOutcome& outcome) {
  std::set<std::string> metrics;
  for (const SweepRow& r : outcome.rows)
    for (const auto& [k, v] : r.result.scalars) metrics.insert(k);
  std::ofstream out(file);
  require(out.good(), file.string() + ": cannot write");
  out << "point" << key_header(plan) << ",variant,seed";
  for (const std::string& m : metrics) out << ',' << csv_field(m);
  out << '\n';
  for (const SweepRow& r : outcome.rows) {
    out << r.point + 1 << key_cells(plan, r.point) << ',' << variant_name(r.variant) << ',' << r.seed;
    for (const std::string& m : metrics) {
      const auto it = r.result.scalars.find(m);
      out << ',' << (it == r.result.scalars.end() ? std::string() : number_cell(it->second));
    }
    out << '\n';
  }
  out.flush();
  require(out.good(), file.string() + ": write failed (disk full?)");
}

void write_sweep_summary_csv(const fs::path& file, const SweepPlan& plan, const SweepOutcome& outcome) {
  std::ofstream out(file);
  require(out.good(), file.string() + ": cannot write");
  out << "point" << key_header(plan) << ",variant,minus,metric,mean,std,n,p_value\n";
  const std::size_t nv = plan.variants.size(), ns = plan.seeds.size();
  for (std::size_t p = 0; p < plan.points.size(); ++p) {
    const std::string prefix = std::to_string(p + 1) + key_cells(plan, p);
    // values[vi][metric][si]: NaN where a seed has no finite value
    std::vector<std::map<std::string, std::vector<double>>> values(nv);
    for (std::size_t vi = 0; vi < nv; ++vi)
      for (std::size_t si = 0; si < ns; ++si)
        for (const auto& [m, x] : outcome.rows[row_index(plan, p, vi, si)].result.scalars) {
          auto& col = values[vi][m];
          col.resize(ns, std::nan(""));
          col[si] = x;
        }
    for (std::size_t vi = 0; vi < nv; ++vi)
      for (const auto& [m, col] : values[vi]) {
        std::vector<double> finite;
        for (double x : col)
          if (std::isfinite(x)) finite.push_back(x);
        if (finite.empty()) continue;
        const metrics::MeanStd s = metrics::mean_std(finite);
        out << prefix << ',' << variant_name(plan.variants[vi]) << ",," << csv_field(m) << ',' << number_cell(s.mean) << ','
            << number_cell(s.std) << ',' << s.n << ",\n";
      }
    // Paired differences: the seeds are shared, so a − b per seed removes what the seed alone sets.
    for (std::size_t a = 1; a < nv; ++a)
      for (std::size_t b = 0; b < a; ++b)
        for (const auto& [m, col_a] : values[a]) {
          const auto it = values[b].find(m);
          if (it == values[b].end()) continue;
          std::vector<double> xa, xb, d;
          for (std::size_t si = 0; si < ns; ++si)
            if (std::isfinite(col_a[si]) && std::isfinite(it->second[si])) {
              xa.push_back(col_a[si]);
              xb.push_back(it->second[si]);
              d.push_back(col_a[si] - it->second[si]);
            }
          if (d.empty()) continue;
          const metrics::MeanStd s = metrics::mean_std(d);
          const std::string pv = d.size() >= 2 ? number_cell(metrics::paired_t_test(xa, xb, metrics::Alternative::kTwoSided).p_value) : "";
          out << prefix << ',' << variant_name(plan.variants[a]) << ',' << variant_name(plan.variants[b]) << ','
              << csv_field(m) << ',' << number_cell(s.mean) << ',' << number_cell(s.std) << ',' << s.n << ',' << pv << '\n';
        }
  }
  out.flush();
  require(out.good(), file.string() + ": write failed (disk full?)");
}

SweepOutcome run_sweep_folder(const SweepPlan& plan, const fs::path& out, bool force) {
  std::error_code ec;
  // RunFolder's own messages speak of --resume; a sweep continues without it, so say it plainly.
  if (!force && fs::is_directory(out, ec) && !fs::is_empty(out, ec)) {
    require(fs::exists(out / "run.json"),
            out.string() + ": folder is not empty and holds no hrsnn run; nothing in it was touched; choose another --out");
    nlohmann::json before;
    try {
      std::ifstream in(out / "run.json");
      before = nlohmann::json::parse(in);
    } catch (const nlohmann::json::exception&) {
      throw InputError((out / "run.json").string() + ": not valid JSON; choose another --out");
    }
    const std::string was = before.is_object() ? before.value("command", "") : "";
    require(was == "sweep", out.string() + ": holds a run of `hrsnn " + was +
                                "`, not a sweep; choose another --out (or --force to replace it)");
    const std::string diff = before.contains("settings") ? io::first_difference(before["settings"], plan.settings) : "settings";
    require(diff.empty(), out.string() + ": holds a sweep with other settings (" + diff +
                              "); a sweep continues only with the same grid and config: choose another --out, or --force to start again");
  }
  io::RunFolder run(out, "sweep", force ? io::ExistingFolder::Force : io::ExistingFolder::Resume, plan.settings);
  run.log(std::to_string(plan.points.size()) + " points x " + std::to_string(plan.variants.size()) + " variants x " +
          std::to_string(plan.seeds.size()) + " seeds on " + std::to_string(plan.threads) + " threads" +
          (run.resumed() ? " (continuing)" : ""));
  std::cerr << "hrsnn sweep: " << plan.points.size() << " points x " << plan.variants.size() << " variants x "
            << plan.seeds.size() << " seeds (" << plan.kind << ") -> " << out.string() << '\n';
  Progress bar("sweep", static_cast<int>(plan.runs()));
  const SweepOutcome o = run_sweep(plan, run.file("runs.jsonl"), [&](int done, int total, const std::string& what) {
    bar.update(done, what);
    run.log("finished " + what + " (" + std::to_string(done) + "/" + std::to_string(total) + ")");
  });
  write_sweep_csv(run.file("sweep.csv"), plan, o);
  write_sweep_summary_csv(run.file("summary.csv"), plan, o);
  run.log("done: " + std::to_string(o.computed) + " rows computed, " + std::to_string(o.rows.size() - o.computed) +
          " taken from runs.jsonl");
  return o;
}

std::size_t finished_rows(const SweepPlan& plan, const fs::path& out) {
  std::error_code ec;
  if (!fs::exists(out / "run.json", ec) || !fs::exists(out / "runs.jsonl", ec)) return 0;
  try {
    std::ifstream meta(out / "run.json");
    const nlohmann::json before = nlohmann::json::parse(meta);
    if (before.value("command", "") != "sweep" || !before.contains("settings") ||
        !io::first_difference(before["settings"], plan.settings).empty())
      return 0;
  } catch (const nlohmann::json::exception&) {
    return 0;
  }
  // Read-only (a dry run changes nothing): lines that do not parse, torn or not, count as missing.
  std::set<std::size_t> rows;
  std::ifstream in(out / "runs.jsonl");
  std::string text;
  while (std::getline(in, text)) {
    try {
      const nlohmann::json line = nlohmann::json::parse(text);
      if (!line.is_object() || line.value("label", "") != kJournalLabel || !line.contains("seed") ||
          !line["seed"].is_number_unsigned() || !line.contains("variant") || !line["variant"].is_string())
        continue;
      if (const auto k = journal_row(plan, line, line["variant"].get<std::string>(), line["seed"].get<std::uint64_t>()))
        rows.insert(*k);
    } catch (const nlohmann::json::exception&) {
    }
  }
  return rows.size();
}

double calibrate_seconds_per_run(const SweepPlan& plan) {
  require(!plan.points.empty(), "sweep: no points to time");
  const double first = time_one_run(plan, 0);
  if (plan.points.size() == 1) return first;
  return 0.5 * (first + time_one_run(plan, plan.points.size() - 1));
}

SweepPlan plan_sweep_args(const std::string& config_file, const std::vector<std::string>& grids,
                          const std::vector<std::string>& sets, int threads, bool yes, const std::string& source) {
  auto base = [&] {
    io::Config cfg = config_file.empty() ? io::Config(source) : io::Config::from_file(config_file);
    cfg.take_table("sweep");
    for (const std::string& s : sets) cfg.set(s);
    return cfg;
  };
  SweepSpec spec;
  if (!config_file.empty()) {
    io::Config file = io::Config::from_file(config_file);
    if (auto table = file.take_table("sweep")) spec = read_sweep_table(*table, config_file);
  }
  for (const std::string& g : grids) spec.axes.push_back(parse_grid_arg(g));
  std::vector<std::string> set_keys;
  for (const std::string& s : sets) {
    require(s.find('=') != std::string::npos && s.find('=') > 0, "--set '" + s + "': expected section.key=value");
    set_keys.push_back(s.substr(0, s.find('=')));
  }
  return plan_sweep(base, spec, set_keys, threads, yes);
}

}  // namespace hrsnn::experiments
