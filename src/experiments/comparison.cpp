#include "experiments/comparison.hpp"
#include "experiments/parallel_jobs.hpp"

#include "core/error.hpp"
#include "metrics/stats.hpp"

#include <atomic>
#include <cmath>
#include <fcntl.h>
#include <fstream>
#include <iostream>
#include <iterator>
#include <mutex>
#include <set>
#include <thread>
#include <unistd.h>

namespace hrsnn::experiments {
namespace {

// Appends one line and makes it durable before returning.
void append_durably(const std::filesystem::path& file, const std::string& line) {
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  require(fd >= 0, file.string() + ": cannot open for appending");
  const std::string text = line + "\n";
  const ssize_t written = ::write(fd, text.data(), text.size());
  const bool ok = written == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
  ::close(fd);
  require(ok, file.string() + ": write failed (disk full?)");
}

TaskResult from_json(const nlohmann::json& j) {
  TaskResult r;
  for (const auto& [k, v] : j.at("scalars").items())
    r.scalars[k] = v.is_null() ? std::nan("") : v.get<double>();
  r.details = j.value("details", nlohmann::json::object());
  return r;
}

nlohmann::json to_json(const TaskResult& r) {
  nlohmann::json s = nlohmann::json::object();
  for (const auto& [k, v] : r.scalars) s[k] = std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr);
  return {{"scalars", s}, {"details", r.details}};
}

}  // namespace

std::vector<JournalEntry> read_journal(const std::filesystem::path& file, const std::string& label) {
  std::vector<JournalEntry> out;
  if (!std::filesystem::exists(file)) return out;
  // A torn last line is cut off first, so the next append starts on a line of its own.
  std::string text;
  {
    std::ifstream whole(file, std::ios::binary);
    text.assign(std::istreambuf_iterator<char>(whole), std::istreambuf_iterator<char>());
  }
  if (!text.empty() && text.back() != '\n') {
    const std::size_t keep = text.rfind('\n') == std::string::npos ? 0 : text.rfind('\n') + 1;
    std::cerr << "warning: " << file.string() << ": dropping a torn last line (" << text.size() - keep << " bytes)\n";
    std::filesystem::resize_file(file, keep);
  }
  // Every line but a torn last one was written whole (one write + fsync): a line that does
  // not parse was damaged afterwards.
  std::ifstream in(file);
  std::string line;
  for (int line_no = 1; std::getline(in, line); ++line_no) {
    const std::string where = file.string() + ":" + std::to_string(line_no);
    JournalEntry e;
    try {
      e.line = nlohmann::json::parse(line);
      if (e.line.value("label", "") != label) continue;
      e.result = from_json(e.line);
      e.variant = e.line.at("variant").get<std::string>();
      // A seed is a non-negative integer; a double such as 1e300 would be undefined behaviour
      // in the conversion.
      if (!e.line.at("seed").is_number_unsigned())
        throw InputError(where + ": corrupted line in the run journal ('seed' must be a non-negative integer, got " +
                         e.line.at("seed").dump() + "); restore it or delete the line to recompute that job");
      e.seed = e.line.at("seed").get<std::uint64_t>();
    } catch (const nlohmann::json::exception& err) {
      throw InputError(where + ": corrupted line in the run journal (" + std::string(err.what()) +
                       "); restore it or delete the line to recompute that job");
    }
    out.push_back(std::move(e));
  }
  return out;
}

nlohmann::json journal_line(const std::string& label, Variant v, std::uint64_t seed, const TaskResult& r) {
  nlohmann::json j = to_json(r);
  j["label"] = label;
  j["variant"] = variant_name(v);
  j["seed"] = seed;
  return j;
}

void append_journal(const std::filesystem::path& file, const nlohmann::json& line) { append_durably(file, line.dump()); }

Comparison run_comparison(const sim::NetworkSpec& base, const TaskFn& task, const ComparisonOptions& o,
                          const std::function<void(int, int, const std::string&)>& progress) {
  require(!o.seeds.empty() && !o.variants.empty(), "comparison: need at least one seed and one variant");
  struct Job { Variant v; std::uint64_t seed; std::size_t seed_index; };
  std::vector<Job> jobs;
  for (std::size_t k = 0; k < o.seeds.size(); ++k)
    for (Variant v : o.variants) jobs.push_back({v, o.seeds[k], k});
  Comparison c;
  c.seeds = o.seeds;
  for (Variant v : o.variants) c.results[v].resize(o.seeds.size());
  std::vector<bool> done(jobs.size(), false);
  if (o.journal)
    for (const JournalEntry& e : read_journal(*o.journal, o.label))
      for (std::size_t k = 0; k < jobs.size(); ++k)
        if (!done[k] && e.variant == variant_name(jobs[k].v) && e.seed == jobs[k].seed) {
          c.results[jobs[k].v][jobs[k].seed_index] = e.result;
          done[k] = true;
        }
  std::vector<std::size_t> todo;
  for (std::size_t k = 0; k < jobs.size(); ++k)
    if (!done[k]) todo.push_back(k);
  int finished = static_cast<int>(jobs.size() - todo.size());
  run_jobs(todo, o.threads,
           [&](std::size_t k) { return task(apply_variant(base, jobs[k].v, o.shapes), jobs[k].seed); },
           [&](std::size_t k, TaskResult&& r) {
             const Job& job = jobs[k];
             c.results[job.v][job.seed_index] = std::move(r);
             if (o.journal) append_journal(*o.journal, journal_line(o.label, job.v, job.seed, c.results[job.v][job.seed_index]));
             ++finished;
             if (progress) progress(finished, static_cast<int>(jobs.size()), variant_name(job.v) + " seed " + std::to_string(job.seed));
           });
  return c;
}

nlohmann::json summarize(const Comparison& c) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [v, runs] : c.results) {
    std::map<std::string, std::vector<double>> values;
    for (const TaskResult& r : runs)
      for (const auto& [k, x] : r.scalars)
        if (std::isfinite(x)) values[k].push_back(x);
    for (const auto& [k, xs] : values) {
      const metrics::MeanStd ms = metrics::mean_std(xs);
      out[variant_name(v)][k] = {{"mean", ms.mean}, {"std", ms.std}, {"n", ms.n}, {"values", xs}};
    }
  }
  return out;
}

nlohmann::json paired_test(const std::vector<double>& a_in, const std::vector<double>& b_in, const std::string& name_a,
                           const std::string& name_b, const std::string& metric, bool greater) {
  std::vector<double> a, b;
  for (std::size_t k = 0; k < std::min(a_in.size(), b_in.size()); ++k)
    if (std::isfinite(a_in[k]) && std::isfinite(b_in[k])) {
      a.push_back(a_in[k]);
      b.push_back(b_in[k]);
    }
  nlohmann::json j = {{"metric", metric}, {"a", name_a}, {"b", name_b},
                      {"alternative", greater ? "greater" : "less"}, {"n", a.size()}};
  if (a.size() < 2) {
    j["holds"] = false;
    j["note"] = "fewer than 2 paired seeds";
    return j;
  }
  const metrics::MeanStd ma = metrics::mean_std(a), mb = metrics::mean_std(b);
  const metrics::TTestResult t =
      metrics::paired_t_test(a, b, greater ? metrics::Alternative::kGreater : metrics::Alternative::kLess);
  j["mean_a"] = ma.mean;
  j["std_a"] = ma.std;
  j["mean_b"] = mb.mean;
  j["std_b"] = mb.std;
  j["t"] = std::isfinite(t.t) ? nlohmann::json(t.t) : nlohmann::json(nullptr);
  j["p_value"] = t.p_value;
  j["holds"] = t.p_value < 0.05;
  return j;
}

nlohmann::json paired_claim(const Comparison& c, Variant va, Variant vb, const std::string& metric, bool greater) {
  return paired_test(metric_column(c.results.at(va), metric), metric_column(c.results.at(vb), metric),
                     variant_name(va), variant_name(vb), metric, greater);
}

nlohmann::json test_claims(const Comparison& c) {
  nlohmann::json claims = nlohmann::json::array();
  auto has = [&](Variant v) { return c.results.count(v) > 0; };
  if (!has(Variant::MRSNN) || c.results.at(Variant::MRSNN).empty() ||
      !c.results.at(Variant::MRSNN).front().scalars.count("capacity_corrected"))
    return claims;  // C1–C3 are claims about memory capacity runs
  if (has(Variant::HeNHoS)) {
    nlohmann::json j = paired_claim(c, Variant::HeNHoS, Variant::MRSNN, "capacity_corrected", true);
    j["id"] = "C1";
    j["name"] = "capacity-up";
    claims.push_back(j);
  }
  if (has(Variant::HoNHeS)) {
    nlohmann::json j = paired_claim(c, Variant::HoNHeS, Variant::MRSNN, "S", false);
    const nlohmann::json cap = paired_claim(c, Variant::HoNHeS, Variant::MRSNN, "capacity_corrected", true);
    const double ca = cap.value("mean_a", 0.0), cb = cap.value("mean_b", 0.0);
    const bool kept = cb > 0 && std::abs(ca - cb) <= 0.05 * cb;
    j["id"] = "C2";
    j["name"] = "spikes-down";
    j["capacity_a"] = ca;
    j["capacity_b"] = cb;
    j["capacity_kept_within_5pct"] = kept;
    j["holds"] = j["holds"].get<bool>() && kept;
    claims.push_back(j);
  }
  if (has(Variant::HeNHeS)) {
    nlohmann::json j = paired_claim(c, Variant::HeNHeS, Variant::MRSNN, "efficiency", true);
    j["id"] = "C3";
    j["name"] = "efficiency-up";
    claims.push_back(j);
  }
  return claims;
}

}  // namespace hrsnn::experiments
