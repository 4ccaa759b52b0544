/// \file journal.hpp
/// \brief The run's journal: JSON lines, appended durably, read back to resume.
///
/// Line 1 is a header {"type":"header", "format", "fingerprint", "space", "signature", ...};
/// each further line is one finished evaluation {"type":"eval", "round", "index", "eval",
/// "seed", "unit", "params", "status", "objective", "metrics", "error", "wall_s"}. Every line is
/// written with one write(2), then fsync(2), so after a crash (kill -9 included) the file holds
/// whole lines plus at most one torn last line, which resume drops with a warning. Doubles are
/// printed with round-trip precision, so a resumed run sees bit-identical history.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bo/types.hpp"

namespace hrsnn::bo {

/// What identifies the run a journal belongs to.
struct JournalHeader {
  std::string fingerprint;  ///< SearchSpace::fingerprint_hash()
  std::string space;        ///< SearchSpace::fingerprint() (readable)
  std::string signature;    ///< proposal_signature(config)
  nlohmann::json extra;     ///< free-form context (objective name, budget, ...)
};

/// Serialises a record to one JSON object.
nlohmann::json record_to_json(const Record& r);
/// Parses a record; throws InputError on a malformed object.
Record record_from_json(const nlohmann::json& j);

/// An append-only journal file.
class Journal {
 public:
  /// Creates a new journal (refuses to overwrite an existing non-empty file) and writes the header.
  static Journal create(const std::filesystem::path& path, const JournalHeader& h);
  /// Throws InputError when `path` already holds a journal (a fresh run must not replace it).
  static void require_absent(const std::filesystem::path& path);
  /// Opens an existing journal for resuming: checks the header against `h` (InputError on a
  /// different space or settings), drops a torn last line (truncating the file, warning text
  /// in `warning`), and returns the records in `records`.
  static Journal resume(const std::filesystem::path& path, const JournalHeader& h, std::vector<Record>& records,
                        std::string& warning);
  /// Appends one record durably (single write + fsync).
  void append(const Record& r);
  /// Closes the file descriptor.
  ~Journal();
  /// Movable, not copyable (owns a descriptor).
  Journal(Journal&& o) noexcept : fd_(o.fd_), path_(std::move(o.path_)) { o.fd_ = -1; }
  Journal(const Journal&) = delete;
  Journal& operator=(const Journal&) = delete;

 private:
  Journal(int fd, std::filesystem::path p) : fd_(fd), path_(std::move(p)) {}
  void write_line(const std::string& line);
  int fd_ = -1;
  std::filesystem::path path_;
};

}  // namespace hrsnn::bo
