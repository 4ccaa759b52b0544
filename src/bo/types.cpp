#include "bo/types.hpp"

#include <cmath>

namespace hrsnn::bo {

EvalResult safe_evaluate(const Objective& f, const Candidate& c) {
  EvalResult r;
  try {
    r = f(c.params, c.seed);
  } catch (const std::exception& e) {
    r = EvalResult{};
    r.status = "failed";
    r.error = e.what();
    return r;
  } catch (...) {
    r = EvalResult{};
    r.status = "failed";
    r.error = "unknown exception";
    return r;
  }
  if (r.status == "ok" && !std::isfinite(r.objective)) {
    r.status = "failed";
    r.error = "objective is not finite";
  }
  if (r.status != "ok" && r.error.empty()) r.error = "objective reported failure";
  return r;
}

}  // namespace hrsnn::bo
