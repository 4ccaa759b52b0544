#include "io/config.hpp"

#include "core/error.hpp"
#include "core/format.hpp"

#include <sstream>

namespace hrsnn::io {
namespace {

std::vector<std::string> split_key(const std::string& key) {
  std::vector<std::string> parts;
  std::stringstream ss(key);
  std::string p;
  while (std::getline(ss, p, '.')) parts.push_back(p);
  return parts;
}

void collect_keys(const toml::table& t, const std::string& prefix, std::vector<std::string>& out) {
  for (const auto& [k, v] : t) {
    const std::string key = prefix.empty() ? std::string(k.str()) : prefix + "." + std::string(k.str());
    if (const toml::table* sub = v.as_table()) collect_keys(*sub, key, out);
    else out.push_back(key);
  }
}

// Inserts `value` (a concrete toml value, table or array) at a dotted path, creating tables.
template <class V>
void insert_path(toml::table& root, const std::string& key, V&& value, const std::string& what) {
  const auto parts = split_key(key);
  toml::table* t = &root;
  for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
    toml::node* child = t->get(parts[i]);
    if (!child) child = &t->insert_or_assign(parts[i], toml::table{}).first->second;
    t = child->as_table();
    require(t != nullptr, what + ": '" + parts[i] + "' in key '" + key + "' is not a table");
  }
  t->insert_or_assign(parts.back(), std::forward<V>(value));
}

}  // namespace

Config::Config(std::string source) : source_(std::move(source)) {}

Config Config::from_string(const std::string& text, const std::string& source) {
  Config c(source);
  try {
    c.root_ = toml::parse(text, source);
  } catch (const toml::parse_error& e) {
    throw InputError(source + ":" + std::to_string(e.source().begin.line) + ": " + std::string(e.description()));
  }
  return c;
}

Config Config::from_file(const std::filesystem::path& path) {
  require_file(std::filesystem::exists(path), path.string() + ": config file does not exist");
  Config c(path.string());
  try {
    c.root_ = toml::parse_file(path.string());
  } catch (const toml::parse_error& e) {
    throw InputError(path.string() + ":" + std::to_string(e.source().begin.line) + ": " + std::string(e.description()));
  }
  return c;
}

void Config::set(const std::string& assignment) {
  const auto eq = assignment.find('=');
  require(eq != std::string::npos && eq > 0, "--set '" + assignment + "': expected section.key=value");
  const std::string key = assignment.substr(0, eq);
  const std::string value = assignment.substr(eq + 1);
  toml::table parsed;
  try {
    parsed = toml::parse("v = " + value);
  } catch (const toml::parse_error&) {
    parsed = toml::table{{"v", value}};  // bare word: a string
  }
  parsed.get("v")->visit([&](const auto& v) { insert_path(root_, key, v, "--set"); });
}

const toml::node* Config::find(const std::string& key) const {
  const toml::node* n = &root_;
  for (const auto& part : split_key(key)) {
    const toml::table* t = n->as_table();
    if (!t) return nullptr;
    n = t->get(part);
    if (!n) return nullptr;
  }
  return n;
}

bool Config::has(const std::string& key) const { return find(key) != nullptr; }

bool Config::is_text(const std::string& key) const {
  const toml::node* n = find(key);
  return n != nullptr && n->is_string();
}

std::optional<toml::table> Config::take_table(const std::string& name) {
  toml::node* n = root_.get(name);
  if (n == nullptr) return std::nullopt;
  require(n->is_table(), where(name) + ": expected a table");
  toml::table t = std::move(*n->as_table());  // moved, not copied: a copy loses the line numbers
  root_.erase(name);
  return t;
}

std::string Config::where(const std::string& key) const {
  const toml::node* n = find(key);
  const auto line = n ? n->source().begin.line : 0;
  return source_ + (line ? ":" + std::to_string(line) : "") + ": key '" + key + "'";
}

double Config::number(const std::string& key, double fallback) {
  used_.insert(key);
  const toml::node* n = find(key);
  if (!n) {
    insert_path(resolved_, key, toml::value<double>(fallback), "record");
    return fallback;
  }
  std::optional<double> v = n->value<double>();  // integers convert
  require(v.has_value() && (n->is_floating_point() || n->is_integer()), where(key) + ": expected a number");
  require(std::isfinite(*v), where(key) + ": must be finite");
  insert_path(resolved_, key, toml::value<double>(*v), "record");
  return *v;
}

double Config::positive(const std::string& key, double fallback, bool allow_zero) {
  const double v = number(key, fallback);
  require(allow_zero ? v >= 0 : v > 0, where(key) + ": must be " + (allow_zero ? ">= 0" : "> 0") + ", got " + format_double(v));
  return v;
}

double Config::probability(const std::string& key, double fallback) {
  const double v = number(key, fallback);
  require(v >= 0 && v <= 1, where(key) + ": must be a probability in [0, 1], got " + format_double(v));
  return v;
}

std::int64_t Config::integer(const std::string& key, std::int64_t fallback, std::int64_t lo, std::int64_t hi) {
  used_.insert(key);
  const toml::node* n = find(key);
  std::int64_t v = fallback;
  if (n) {
    require(n->is_integer(), where(key) + ": expected an integer");
    v = *n->value<std::int64_t>();
  }
  require(v >= lo && v <= hi, where(key) + ": must lie in [" + std::to_string(lo) + ", " + std::to_string(hi) + "], got " + std::to_string(v));
  insert_path(resolved_, key, toml::value<std::int64_t>(v), "record");
  return v;
}

bool Config::boolean(const std::string& key, bool fallback) {
  used_.insert(key);
  const toml::node* n = find(key);
  bool v = fallback;
  if (n) {
    require(n->is_boolean(), where(key) + ": expected true or false");
    v = *n->value<bool>();
  }
  insert_path(resolved_, key, toml::value<bool>(v), "record");
  return v;
}

std::string Config::text(const std::string& key, const std::string& fallback) {
  used_.insert(key);
  const toml::node* n = find(key);
  std::string v = fallback;
  if (n) {
    require(n->is_string(), where(key) + ": expected a string");
    v = *n->value<std::string>();
  }
  insert_path(resolved_, key, toml::value<std::string>(v), "record");
  return v;
}

namespace {

// A scalar or an array of one TOML type at `n` as a vector; `what` names the type in messages.
template <class T>
std::vector<T> read_list(const toml::node& n, const std::string& where, const char* what) {
  std::vector<T> out;
  if (n.is<T>()) return {*n.value<T>()};
  const toml::array* a = n.as_array();
  require(a != nullptr, where + ": expected " + what + " or a list of them");
  for (const auto& x : *a) {
    require(x.is<T>(), where + ": every element must be " + what);
    out.push_back(*x.value<T>());
  }
  return out;
}

}  // namespace

std::vector<std::string> Config::text_list(const std::string& key, const std::vector<std::string>& fallback) {
  used_.insert(key);
  const toml::node* n = find(key);
  const std::vector<std::string> out = n ? read_list<std::string>(*n, where(key), "a string") : fallback;
  toml::array arr;
  for (const auto& v : out) arr.push_back(v);
  insert_path(resolved_, key, arr, "record");
  return out;
}

std::vector<std::int64_t> Config::integer_list(const std::string& key, const std::vector<std::int64_t>& fallback) {
  used_.insert(key);
  const toml::node* n = find(key);
  const std::vector<std::int64_t> out = n ? read_list<std::int64_t>(*n, where(key), "an integer") : fallback;
  toml::array arr;
  for (auto v : out) arr.push_back(v);
  insert_path(resolved_, key, arr, "record");
  return out;
}

std::vector<double> Config::number_list(const std::string& key, const std::vector<double>& fallback) {
  used_.insert(key);
  const toml::node* n = find(key);
  std::vector<double> out = fallback;
  if (n) {
    out.clear();
    auto one = [&](const toml::node& x) {
      const std::optional<double> v = x.is_number() ? x.value<double>() : std::nullopt;  // integers convert
      require(v.has_value(), where(key) + ": expected a number or a list of numbers");
      out.push_back(*v);
    };
    if (const toml::array* a = n->as_array()) {
      for (const auto& x : *a) one(x);
    } else {
      one(*n);
    }
  }
  toml::array arr;
  for (double v : out) arr.push_back(v);
  insert_path(resolved_, key, arr, "record");
  return out;
}

Law Config::law(const std::string& key, const Law& fallback) {
  const toml::node* n = find(key);
  if (!n || !n->is_table()) {
    const double v = number(key, fallback.is_point() ? fallback.mean : std::nan(""));
    if (!n && !fallback.is_point()) {  // default is a real law: record it as a table
      used_.insert(key);
      toml::table t{{"law", law_kind_name(fallback.kind)}, {"mean", fallback.mean}, {"cv", fallback.cv}};
      if (fallback.lo > -1e308) t.insert("lo", fallback.lo);
      if (fallback.hi < 1e308) t.insert("hi", fallback.hi);
      insert_path(resolved_, key, std::move(t), "record");
      return fallback;
    }
    return Law::point(v);
  }
  Law l;
  l.kind = parse_law_kind(text(key + ".law", "gamma"), where(key + ".law"));
  l.mean = number(key + ".mean", fallback.mean);
  const bool has_cv = has(key + ".cv"), has_shape = has(key + ".shape");
  require(!(has_cv && has_shape), where(key) + ": give cv or shape, not both");
  if (has_shape) {
    require(l.kind == LawKind::Gamma, where(key + ".shape") + ": shape is only for gamma laws (use cv)");
    const double shape = positive(key + ".shape", 1.0);
    l.cv = 1.0 / std::sqrt(shape);
  } else {
    l.cv = positive(key + ".cv", l.kind == LawKind::Point ? 0.0 : fallback.cv, true);
  }
  if (has(key + ".lo")) l.lo = number(key + ".lo", 0.0);
  if (has(key + ".hi")) l.hi = number(key + ".hi", 0.0);
  validate_law(l, where(key));
  return l;
}

void Config::reject_unknown_keys() const {
  std::vector<std::string> keys;
  collect_keys(root_, "", keys);
  for (const auto& k : keys)
    if (!used_.count(k)) throw InputError(where(k) + ": unknown key (check the spelling; see docs/configuration.md)");
}

nlohmann::json toml_to_json(const toml::table& table) {
  std::ostringstream s;
  s << toml::json_formatter(table);
  return nlohmann::json::parse(s.str());
}

nlohmann::json Config::to_json(const std::vector<std::string>& omit) const {
  nlohmann::json j = toml_to_json(resolved_);
  for (const std::string& key : omit) {
    nlohmann::json* node = &j;
    std::size_t start = 0;
    for (std::size_t dot; node != nullptr && (dot = key.find('.', start)) != std::string::npos; start = dot + 1) {
      const std::string part = key.substr(start, dot - start);
      node = node->is_object() && node->contains(part) ? &(*node)[part] : nullptr;
    }
    if (node != nullptr && node->is_object()) node->erase(key.substr(start));
  }
  return j;
}

std::string Config::dump() const {
  std::ostringstream s;
  s << toml::toml_formatter(resolved_);
  return s.str() + "\n";
}

}  // namespace hrsnn::io
