#include "bo/optimizer.hpp"

#include <chrono>
#include <exception>
#include <mutex>
#include <optional>
#include <stdexcept>

#include "bo/proposal.hpp"
#include "core/error.hpp"

namespace hrsnn::bo {

int best_record(const std::vector<Record>& records, bool maximize) { return best_observed(records, maximize); }

int best_feasible_record(const std::vector<Record>& records, const BoConfig& c) {
  if (c.constraints.empty()) return best_observed(records, c.maximize);
  return best_observed(records, c.maximize,
                       [&](const Record& r) { return observed_feasible(c.constraints, r.result); });
}

namespace {

int trailing_failures(const std::vector<Record>& rs) {
  int n = 0;
  for (auto it = rs.rbegin(); it != rs.rend() && !it->result.ok(); ++it) ++n;
  return n;
}

// Writes finished candidates to the journal strictly in index order, whatever order they finish in.
class OrderedWriter {
 public:
  OrderedWriter(std::vector<Candidate> todo, Journal& j, std::vector<Record>& records, const BoConfig& c,
                const RunOptions& o, std::chrono::steady_clock::time_point t0, int session_start)
      : todo_(std::move(todo)), slots_(todo_.size()), j_(j), records_(records), c_(c), o_(o), t0_(t0),
        session_start_(session_start) {}

  void done(std::size_t i, const EvalResult& r, double wall) {
    std::lock_guard<std::mutex> lock(m_);
    if (error_) return;
    try {
      slots_[i] = Record{todo_[i], r, wall};
      while (next_ < slots_.size() && slots_[next_]) {
        j_.append(*slots_[next_]);
        records_.push_back(*slots_[next_]);
        report(records_.back());
        ++next_;
      }
    } catch (...) {
      error_ = std::current_exception();
    }
  }

  void rethrow() const {
    if (error_) std::rethrow_exception(error_);
  }

 private:
  void report(const Record& rec) {
    if (!o_.on_record) return;
    Progress p;
    p.done = static_cast<int>(records_.size());
    p.budget = c_.budget;
    const int b = best_feasible_record(records_, c_);
    p.best_eval = b;
    p.best = b >= 0 ? records_[b].result.objective : 0.0;
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0_).count();
    const int session_done = p.done - session_start_;
    p.eta_s = session_done > 0 ? elapsed / session_done * (c_.budget - p.done) : 0.0;
    o_.on_record(rec, p);
  }

  std::vector<Candidate> todo_;
  std::vector<std::optional<Record>> slots_;
  Journal& j_;
  std::vector<Record>& records_;
  const BoConfig& c_;
  const RunOptions& o_;
  std::chrono::steady_clock::time_point t0_;
  int session_start_;
  std::size_t next_ = 0;
  std::mutex m_;
  std::exception_ptr error_;
};

Journal open_journal(const SearchSpace& space, const BoConfig& c, const RunOptions& o, std::vector<Record>& records) {
  const JournalHeader h{space.fingerprint_hash(), space.fingerprint(), proposal_signature(c), o.header_extra};
  if (!o.resume) return Journal::create(o.journal, h);
  std::string warning;
  Journal j = Journal::resume(o.journal, h, records, warning);
  if (!warning.empty() && o.on_warning) o.on_warning(warning);
  for (std::size_t i = 0; i < records.size(); ++i)
    require(records[i].cand.eval_id == static_cast<int>(i),
            o.journal.string() + ": record " + std::to_string(i + 2) + " is out of order (eval " +
                std::to_string(records[i].cand.eval_id) + ")");
  return j;
}

}  // namespace

RunSummary run_optimization(const SearchSpace& space, const BoConfig& c, Evaluator& ev, const RunOptions& o) {
  validate(c);
  RunSummary s;
  Journal journal = open_journal(space, c, o, s.records);
  const auto t0 = std::chrono::steady_clock::now();
  const int session_start = static_cast<int>(s.records.size());
  for (int round = 0; round < round_count(c); ++round) {
    const int n = round_size(c, round), first = first_eval_id(c, round);
    if (n <= 0) break;
    const int have = std::max(0, std::min(n, static_cast<int>(s.records.size()) - first));
    if (have == n) continue;
    if (trailing_failures(s.records) >= c.max_consecutive_failures) break;
    std::vector<Candidate> cands = propose_round(space, c, s.records, round);
    for (int k = 0; k < have; ++k)
      if (s.records[first + k].cand.unit != cands[k].unit)
        throw std::runtime_error("resume: candidate " + std::to_string(first + k) +
                                 " recomputed differently from the journal (a different hrsnn build?)");
    cands.erase(cands.begin(), cands.begin() + have);
    OrderedWriter w(cands, journal, s.records, c, o, t0, session_start);
    ev.evaluate(cands, [&](std::size_t i, const EvalResult& r, double wall) { w.done(i, r, wall); });
    w.rethrow();
  }
  s.best_index = constrained_winner(space, c, s.records);
  const int fails = trailing_failures(s.records);
  if (fails >= c.max_consecutive_failures && static_cast<int>(s.records.size()) < c.budget) {
    s.stopped_on_failures = true;
    s.message = "stopped: the last " + std::to_string(fails) + " evaluations failed (last error: " +
                s.records.back().result.error + ")";
  } else {
    s.message = "finished " + std::to_string(s.records.size()) + " evaluations";
  }
  return s;
}

}  // namespace hrsnn::bo
