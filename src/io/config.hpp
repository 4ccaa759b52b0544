/// \file config.hpp
/// \brief Strict TOML configuration: typed reads with defaults, `--set` overrides, and an error
/// for every key nobody read (a typo is never silently ignored).
///
/// Every error names the file, the line and the dotted key, e.g.
///   "run.toml:12: key 'network.n': expected an integer >= 1, got -3".
#pragma once

#include "core/law.hpp"

#include <nlohmann/json.hpp>
#include <toml++/toml.h>

#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace hrsnn::io {

/// A TOML table as JSON (for run.json settings and comparisons).
nlohmann::json toml_to_json(const toml::table& table);

/// A parsed configuration and the record of which keys were read.
class Config {
 public:
  /// An empty configuration (all defaults) named `source` in messages.
  explicit Config(std::string source = "<defaults>");
  /// Parses a TOML file; syntax errors throw InputError with file and line.
  static Config from_file(const std::filesystem::path& path);
  /// Parses TOML text (for tests and embedded examples).
  static Config from_string(const std::string& text, const std::string& source);

  /// Applies `section.key=value` (value in TOML syntax; bare words are taken as strings).
  void set(const std::string& assignment);

  /// Number at `key` or `fallback`; wrong type → InputError.
  double number(const std::string& key, double fallback);
  /// Integer at `key` within [lo, hi] or `fallback`.
  std::int64_t integer(const std::string& key, std::int64_t fallback, std::int64_t lo, std::int64_t hi);
  /// Boolean at `key` or `fallback`.
  bool boolean(const std::string& key, bool fallback);
  /// String at `key` or `fallback`.
  std::string text(const std::string& key, const std::string& fallback);
  /// List of strings at `key` (a single string is a list of one) or `fallback`.
  std::vector<std::string> text_list(const std::string& key, const std::vector<std::string>& fallback);
  /// List of integers at `key` (a single integer is a list of one) or `fallback`.
  std::vector<std::int64_t> integer_list(const std::string& key, const std::vector<std::int64_t>& fallback);
  /// List of numbers at `key` (a single number is a list of one; integers convert) or `fallback`.
  std::vector<double> number_list(const std::string& key, const std::vector<double>& fallback);
  /// A law: a bare number (point) or a table {law, mean, cv | shape, lo, hi}; validated.
  Law law(const std::string& key, const Law& fallback);
  /// Number at `key` required to be > 0 (or >= 0 when allow_zero).
  double positive(const std::string& key, double fallback, bool allow_zero = false);
  /// Number at `key` required to lie in [0, 1].
  double probability(const std::string& key, double fallback);
  /// Whether the key is present.
  bool has(const std::string& key) const;
  /// Whether the key holds a string (for keys that take a number or a word such as "point").
  bool is_text(const std::string& key) const;
  /// Removes the top-level table `name` and returns it (nullopt when absent), for sections a
  /// command reads itself (e.g. [sweep]) rather than through typed reads; not a table → InputError.
  std::optional<toml::table> take_table(const std::string& name);

  /// Throws InputError listing every key that was present but never read.
  void reject_unknown_keys() const;
  /// The whole configuration as TOML text (the resolved settings of a run).
  std::string dump() const;
  /// The resolved settings as JSON, without `omit` (dotted keys such as "experiment.threads").
  nlohmann::json to_json(const std::vector<std::string>& omit = {}) const;
  /// "file:line: key 'k'" for messages.
  std::string where(const std::string& key) const;

 private:
  const toml::node* find(const std::string& key) const;
  std::string source_;
  toml::table root_;
  toml::table resolved_;
  std::set<std::string> used_;
};

}  // namespace hrsnn::io
