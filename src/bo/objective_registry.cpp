#include "bo/objective_registry.hpp"

#include <cmath>
#include <map>
#include <mutex>

#include "bo/test_functions.hpp"
#include "core/error.hpp"

namespace hrsnn::bo {

namespace {

ObjectiveFactory benchmark(const std::string& name) {
  return [name](const toml::table& t, const std::filesystem::path&) {
    TestFunction tf = make_test_function(name);
    if (auto s = t["shift_seed"].value<std::int64_t>()) tf = shifted(tf, static_cast<std::uint64_t>(*s));
    ObjectiveSpec spec;
    spec.default_space = tf.space();
    spec.evaluate = [tf](const ParamMap& p, std::uint64_t) {
      EvalResult r;
      r.objective = tf(p);
      if (!tf.metric.empty()) r.metrics[tf.metric] = tf.metric_at(p);
      return r;
    };
    spec.metrics = std::vector<std::string>{};
    if (!tf.metric.empty()) {
      spec.metrics = {tf.metric};
      if (std::isfinite(tf.metric_max)) spec.constraints.push_back({tf.metric, tf.metric_max, true, "objective " + name});
    }
    return spec;
  };
}

struct Registry {
  std::mutex m;
  std::vector<std::string> order;
  std::map<std::string, ObjectiveFactory> factories;
  Registry() {
    for (const char* n : {"branin", "hartmann6", "ackley5", "gardner", "branin_disc", "branin_currin"}) add(n, benchmark(n));
  }
  void add(std::string name, ObjectiveFactory f) {
    if (!factories.count(name)) order.push_back(name);
    factories[std::move(name)] = std::move(f);
  }
};

Registry& registry() {
  static Registry r;
  return r;
}

}  // namespace

void register_objective(std::string name, ObjectiveFactory factory) {
  Registry& r = registry();
  std::lock_guard<std::mutex> lock(r.m);
  r.add(std::move(name), std::move(factory));
}

std::vector<std::string> objective_names() {
  Registry& r = registry();
  std::lock_guard<std::mutex> lock(r.m);
  return r.order;
}

ObjectiveSpec make_objective(const std::string& name, const toml::table& t, const std::filesystem::path& dir) {
  ObjectiveFactory f;
  {
    Registry& r = registry();
    std::lock_guard<std::mutex> lock(r.m);
    auto it = r.factories.find(name);
    if (it == r.factories.end()) {
      std::string known;
      for (const auto& n : r.order) known += (known.empty() ? "" : ", ") + n;
      throw InputError("[objective] name = \"" + name + "\" is not a known objective (known: " + known + ")");
    }
    f = it->second;
  }
  return f(t, dir);
}

}  // namespace hrsnn::bo
