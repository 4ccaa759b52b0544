/// \file evaluator.hpp
/// \brief Who runs the candidates of a round: threads in this process, or MPI workers.
///
/// An evaluator reports each finished candidate through `done(i, result, wall_s)` in any order
/// and from any thread; the optimiser serialises journal writes in candidate order. So the
/// journal is the same whatever the number of workers or the completion order.
#pragma once

#include <functional>
#include <vector>

#include "bo/types.hpp"

namespace hrsnn::bo {

/// Callback for one finished candidate: index in the round, its result, its wall time.
using DoneFn = std::function<void(std::size_t, const EvalResult&, double)>;

/// Evaluates all candidates of a round; returns after every `done` call has returned.
class Evaluator {
 public:
  virtual ~Evaluator() = default;
  /// Runs every candidate once and reports it through `done`.
  virtual void evaluate(const std::vector<Candidate>& cands, const DoneFn& done) = 0;
};

/// N worker threads pulling candidates by index from a shared counter.
class ThreadEvaluator final : public Evaluator {
 public:
  /// `threads` <= 1 evaluates in the calling thread.
  ThreadEvaluator(Objective f, int threads) : f_(std::move(f)), threads_(threads) {}
  void evaluate(const std::vector<Candidate>& cands, const DoneFn& done) override;

 private:
  Objective f_;
  int threads_;
};

/// Evaluates one candidate with safe_evaluate and measures its wall time in seconds.
EvalResult timed_evaluate(const Objective& f, const Candidate& c, double& wall_s);

}  // namespace hrsnn::bo
