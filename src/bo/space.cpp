#include "bo/space.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "core/error.hpp"

namespace hrsnn::bo {

namespace {

std::string fmt(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

double unit_to_value(const Param& p, double u) {
  u = std::clamp(u, 0.0, 1.0);
  double x = p.scale == Scale::Log ? std::exp(std::log(p.low) + u * (std::log(p.high) - std::log(p.low)))
                                   : p.low + u * (p.high - p.low);
  if (p.integer) x = std::round(x);
  return std::clamp(x, p.low, p.high);
}

}  // namespace

double to_unit(const Param& p, double x) {
  if (p.scale == Scale::Log) return (std::log(x) - std::log(p.low)) / (std::log(p.high) - std::log(p.low));
  return (x - p.low) / (p.high - p.low);
}

void SearchSpace::add(const Param& p) {
  const std::string where = "search space parameter '" + p.name + "'";
  require(!p.name.empty(), "search space: a parameter has an empty name");
  for (const auto& q : params_) require(q.name != p.name, where + " is defined twice");
  require(std::isfinite(p.low) && std::isfinite(p.high), where + ": bounds must be finite");
  require(p.low < p.high, where + ": low (" + fmt(p.low) + ") must be < high (" + fmt(p.high) + ")");
  if (p.scale == Scale::Log)
    require(p.low > 0.0, where + ": log scale needs 0 < low, got range [" + fmt(p.low) + ", " +
                             fmt(p.high) + "] touching or crossing 0");
  if (p.integer)
    require(std::ceil(p.low) <= std::floor(p.high), where + ": integer range contains no integer");
  params_.push_back(p);
}

std::size_t SearchSpace::index_of(const std::string& name) const {
  for (std::size_t i = 0; i < params_.size(); ++i)
    if (params_[i].name == name) return i;
  std::string known;
  for (const auto& p : params_) known += (known.empty() ? "" : ", ") + p.name;
  throw InputError("unknown parameter '" + name + "' (the search space has: " + known + ")");
}

ParamMap SearchSpace::from_unit(const Eigen::VectorXd& u) const {
  ParamMap out;
  for (std::size_t i = 0; i < params_.size(); ++i) out[params_[i].name] = unit_to_value(params_[i], u(i));
  return out;
}

Eigen::VectorXd SearchSpace::to_unit(const ParamMap& values) const {
  for (const auto& kv : values) index_of(kv.first);  // rejects unknown names
  Eigen::VectorXd u(params_.size());
  for (std::size_t i = 0; i < params_.size(); ++i) {
    auto it = values.find(params_[i].name);
    require(it != values.end(), "parameter '" + params_[i].name + "' is missing");
    u(i) = hrsnn::bo::to_unit(params_[i], it->second);
  }
  return u;
}

Eigen::VectorXd SearchSpace::canonical_unit(const Eigen::VectorXd& u) const {
  Eigen::VectorXd c(u.size());
  for (std::size_t i = 0; i < params_.size(); ++i) {
    const Param& p = params_[i];
    const double uc = std::clamp(u(i), 0.0, 1.0);
    c(i) = p.integer ? hrsnn::bo::to_unit(p, unit_to_value(p, uc)) : uc;
  }
  return c;
}

std::string SearchSpace::fingerprint() const {
  std::ostringstream s;
  for (const auto& p : params_)
    s << p.name << ':' << (p.integer ? "int" : "real") << ':' << (p.scale == Scale::Log ? "log" : "linear")
      << ':' << fmt(p.low) << ':' << fmt(p.high) << ';';
  return s.str();
}

std::uint64_t fnv1a64(const std::string& text) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : text) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

std::string SearchSpace::fingerprint_hash() const {
  char buf[20];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(fnv1a64(fingerprint())));
  return buf;
}

}  // namespace hrsnn::bo
