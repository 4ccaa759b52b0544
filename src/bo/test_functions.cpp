#include "bo/test_functions.hpp"

#include <cmath>
#include <limits>
#include <numbers>

#include "core/error.hpp"
#include "core/rng.hpp"

namespace hrsnn::bo {

namespace {
using std::numbers::pi;

double branin(const std::vector<double>& x) {
  const double b = 5.1 / (4 * pi * pi), c = 5 / pi, t = 1 / (8 * pi);
  const double u = x[1] - b * x[0] * x[0] + c * x[0] - 6.0;
  return u * u + 10.0 * (1 - t) * std::cos(x[0]) + 10.0;
}

double hartmann6(const std::vector<double>& x) {
  static constexpr double alpha[4] = {1.0, 1.2, 3.0, 3.2};
  static constexpr double A[4][6] = {{10, 3, 17, 3.5, 1.7, 8}, {0.05, 10, 17, 0.1, 8, 14},
                                     {3, 3.5, 1.7, 10, 17, 8}, {17, 8, 0.05, 10, 0.1, 14}};
  static constexpr double P[4][6] = {{0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886},
                                     {0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991},
                                     {0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650},
                                     {0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381}};
  double s = 0.0;
  for (int i = 0; i < 4; ++i) {
    double e = 0.0;
    for (int j = 0; j < 6; ++j) e += A[i][j] * (x[j] - P[i][j]) * (x[j] - P[i][j]);
    s -= alpha[i] * std::exp(-e);
  }
  return s;
}

double ackley(const std::vector<double>& x) {
  double sq = 0.0, cs = 0.0;
  for (double v : x) {
    sq += v * v;
    cs += std::cos(2 * pi * v);
  }
  const double n = static_cast<double>(x.size());
  return -20.0 * std::exp(-0.2 * std::sqrt(sq / n)) - std::exp(cs / n) + 20.0 + std::numbers::e;
}
}  // namespace

SearchSpace TestFunction::space() const {
  SearchSpace s;
  for (std::size_t i = 0; i < low.size(); ++i) s.add({"x" + std::to_string(i), low[i], high[i]});
  return s;
}

double TestFunction::operator()(const ParamMap& p) const {
  std::vector<double> x(low.size());
  for (std::size_t i = 0; i < x.size(); ++i) x[i] = p.at("x" + std::to_string(i));
  return f(x);
}

double TestFunction::metric_at(const ParamMap& p) const {
  require(static_cast<bool>(g), "test function '" + name + "' has no constrained metric");
  std::vector<double> x(low.size());
  for (std::size_t i = 0; i < x.size(); ++i) x[i] = p.at("x" + std::to_string(i));
  return g(x);
}

namespace {
TestFunction plain(const std::string& name, std::vector<double> lo, std::vector<double> hi, double f_min,
                   std::function<double(const std::vector<double>&)> f) {
  TestFunction t;
  t.name = name;
  t.low = std::move(lo);
  t.high = std::move(hi);
  t.f_min = f_min;
  t.f = std::move(f);
  return t;
}
}  // namespace

TestFunction make_test_function(const std::string& name) {
  if (name == "branin") return plain(name, {-5.0, 0.0}, {10.0, 15.0}, 0.397887357729739, branin);
  if (name == "gardner") {
    TestFunction t = plain(name, {0.0, 0.0}, {6.0, 6.0}, std::asin(0.95) - 1.0,
                           [](const std::vector<double>& x) { return std::sin(x[0]) + x[1]; });
    t.metric = "g";
    t.metric_max = -0.95;
    t.g = [](const std::vector<double>& x) { return std::sin(x[0]) * std::sin(x[1]); };
    return t;
  }
  if (name == "branin_currin") {
    // Both on [0,1]^2 and minimised; metric "currin" is the second objective (BoTorch's
    // BraninCurrin, reference point (18, 6)).
    TestFunction t = plain(name, {0.0, 0.0}, {1.0, 1.0}, 0.397887357729739,
                           [](const std::vector<double>& x) { return branin({15.0 * x[0] - 5.0, 15.0 * x[1]}); });
    t.metric = "currin";
    t.metric_max = std::numeric_limits<double>::infinity();  // an objective, not a constraint
    t.g = [](const std::vector<double>& x) {
      const double a = x[1] > 0.0 ? 1.0 - std::exp(-1.0 / (2.0 * x[1])) : 1.0;
      const double u = x[0];
      return a * (2300 * u * u * u + 1900 * u * u + 2092 * u + 60) / (100 * u * u * u + 500 * u * u + 4 * u + 20);
    };
    return t;
  }
  if (name == "branin_disc") {
    TestFunction t = plain(name, {-5.0, 0.0}, {10.0, 15.0}, 0.397887357729739, branin);
    t.metric = "r2";
    t.metric_max = 50.0;
    t.g = [](const std::vector<double>& x) { return (x[0] - 2.5) * (x[0] - 2.5) + (x[1] - 7.5) * (x[1] - 7.5); };
    return t;
  }
  if (name == "hartmann6")
    return plain(name, std::vector<double>(6, 0.0), std::vector<double>(6, 1.0), -3.32236801141551, hartmann6);
  if (name == "ackley5")
    return plain(name, std::vector<double>(5, -32.768), std::vector<double>(5, 32.768), 0.0, ackley);
  throw InputError("unknown objective '" + name + "' (built in: branin, hartmann6, ackley5, gardner, branin_disc, branin_currin)");
}

TestFunction shifted(const TestFunction& tf, std::uint64_t seed) {
  // Offsets up to 10% of the width keep Branin's (pi, 2.275) and Hartmann-6's minimiser
  // inside; Ackley's minimiser at 0 stays inside up to 50%, so it is moved further.
  const double frac = tf.name == "ackley5" ? 0.3 : 0.1;
  TestFunction out = tf;
  Rng rng(derive_seed(seed, {0x7368696674ULL}));
  for (std::size_t i = 0; i < tf.low.size(); ++i) {
    const double o = frac * (tf.high[i] - tf.low[i]) * rng.uniform(-1.0, 1.0);
    out.low[i] += o;
    out.high[i] += o;
  }
  return out;
}

}  // namespace hrsnn::bo
