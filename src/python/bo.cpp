/// \file bo.cpp
/// \brief hrsnn._core.AskTell: `hrsnn optimize`'s proposals (bo::propose_round over the same GP,
/// kernels, constraints and journal) driven from Python, one synchronous round at a time.
#include "bo/config.hpp"
#include "bo/config_toml.hpp"
#include "bo/constraint.hpp"
#include "bo/journal.hpp"
#include "bo/proposal.hpp"
#include "convert.hpp"
#include "core/error.hpp"

#include <pybind11/stl.h>
#include <toml++/toml.h>

#include <map>
#include <optional>

namespace hrsnn::python {
namespace {

/// The optimiser's state: the records of finished rounds, and the round being evaluated.
class AskTell {
 public:
  AskTell(const std::string& toml_text, const std::string& source, const std::optional<std::string>& journal) {
    toml::table root;
    try {
      root = toml::parse(toml_text, source);
    } catch (const toml::parse_error& e) {
      throw InputError(source + ":" + std::to_string(e.source().begin.line) + ": " + std::string(e.description()));
    }
    auto space = bo::read_space(root, source);
    require(space.has_value(), source + ": the space is empty");
    space_ = *space;
    config_ = bo::read_bo_config(root, source, space_);
    bo::validate(config_);
    bo::validate_constraints(config_.constraints);
    if (journal) {
      // The CLI's journal format and header, so `hrsnn report`-style tools read it alike.
      const bo::JournalHeader h{space_.fingerprint_hash(), space_.fingerprint(), bo::proposal_signature(config_),
                                {{"objective", "python"}}};
      journal_.emplace(bo::Journal::create(*journal, h));
    }
  }

  // The candidates of the current round not told yet (proposing the round when it starts);
  // empty once the budget is spent.
  py::list ask() {
    if (pending_.empty() && told_.empty()) {
      if (round_ >= bo::round_count(config_)) return py::list();
      std::vector<bo::Candidate> round;
      {
        py::gil_scoped_release release;  // GP fits and acquisition search touch no Python object
        round = bo::propose_round(space_, config_, history_, round_);
      }
      for (auto& c : round) pending_.emplace(c.eval_id, std::move(c));
    }
    py::list out;
    for (const auto& [id, c] : pending_) {
      py::dict d;
      d["eval_id"] = c.eval_id;
      d["round"] = c.round;
      d["index"] = c.index;
      d["seed"] = c.seed;
      py::dict params;
      for (const auto& [name, value] : c.params) params[py::str(name)] = value;
      d["params"] = params;
      out.append(d);
    }
    return out;
  }

  // Records a result; when the round is complete its records join the history (and the journal)
  // in candidate order, whatever the order of the tells.
  void tell(int eval_id, double objective, const std::map<std::string, double>& metrics, const std::string& error) {
    const auto it = pending_.find(eval_id);
    require(it != pending_.end(), "tell: eval_id " + std::to_string(eval_id) + " is not a pending candidate (ask first; each is told once)");
    bo::Record r;
    r.cand = std::move(it->second);
    pending_.erase(it);
    r.result.objective = objective;
    r.result.metrics = metrics;
    if (!error.empty() || !std::isfinite(objective)) {
      r.result.status = "failed";
      r.result.error = error.empty() ? "non-finite objective" : error;
    }
    told_.emplace(r.cand.index, std::move(r));
    if (!pending_.empty()) return;
    for (auto& [index, rec] : told_) {
      if (journal_) journal_->append(rec);
      history_.push_back(std::move(rec));
    }
    told_.clear();
    ++round_;
  }

  py::object records() const {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& r : history_) out.push_back(bo::record_to_json(r));
    return to_python(out);
  }

  int winner() const { return bo::constrained_winner(space_, config_, history_); }
  bool maximize() const { return config_.maximize; }
  int budget() const { return config_.budget; }

 private:
  bo::SearchSpace space_;
  bo::BoConfig config_;
  std::vector<bo::Record> history_;
  std::map<int, bo::Candidate> pending_;  // by eval id
  std::map<int, bo::Record> told_;        // by index in the round
  int round_ = 0;
  std::optional<bo::Journal> journal_;
};

}  // namespace

/// Adds AskTell to the module.
void bind_bo(py::module_& m) {
  py::class_<AskTell>(m, "AskTell", "Low-level ask/tell over hrsnn's BO; use hrsnn.Optimizer / hrsnn.optimize.")
      .def(py::init<const std::string&, const std::string&, const std::optional<std::string>&>(), py::arg("toml"),
           py::arg("source"), py::arg("journal"))
      .def("ask", &AskTell::ask, "Pending candidates of the current round (proposed when it starts).")
      .def("tell", &AskTell::tell, py::arg("eval_id"), py::arg("objective"), py::arg("metrics"), py::arg("error"),
           "Records one candidate's result.")
      .def("records", &AskTell::records, "Finished records (journal objects), in candidate order.")
      .def("winner", &AskTell::winner, "Index of the reported winner in records() (-1: none).")
      .def_property_readonly("maximize", &AskTell::maximize)
      .def_property_readonly("budget", &AskTell::budget);
}

}  // namespace hrsnn::python
