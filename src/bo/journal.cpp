#include "bo/journal.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <type_traits>

#include "core/error.hpp"

namespace hrsnn::bo {

using nlohmann::json;

namespace {
constexpr const char* kFormat = "hrsnn-bo-journal/1";

json header_json(const JournalHeader& h) {
  return json{{"type", "header"}, {"format", kFormat}, {"fingerprint", h.fingerprint},
              {"space", h.space}, {"signature", h.signature}, {"extra", h.extra}};
}

[[noreturn]] void sys_fail(const std::string& what, const std::filesystem::path& p) {
  throw std::runtime_error(what + " " + p.string() + ": " + std::strerror(errno));
}
}  // namespace

json record_to_json(const Record& r) {
  json j{{"type", "eval"}, {"round", r.cand.round}, {"index", r.cand.index}, {"eval", r.cand.eval_id},
         {"seed", r.cand.seed}, {"status", r.result.status}};
  j["unit"] = std::vector<double>(r.cand.unit.data(), r.cand.unit.data() + r.cand.unit.size());
  j["params"] = r.cand.params;
  j["objective"] = std::isfinite(r.result.objective) ? json(r.result.objective) : json(nullptr);
  j["metrics"] = json::object();
  for (const auto& [k, v] : r.result.metrics) j["metrics"][k] = std::isfinite(v) ? json(v) : json(nullptr);
  j["error"] = r.result.error;
  j["wall_s"] = r.wall_s;
  return j;
}

namespace {
// An integer field read without narrowing: a double such as 1e300 or a value beyond the
// type's range would be undefined behaviour in a cast, so it is refused by name.
template <class T>
T integer_field(const json& j, const char* key) {
  const json& v = j.at(key);
  const bool fits = v.is_number_unsigned()
                        ? v.get<std::uint64_t>() <= static_cast<std::uint64_t>(std::numeric_limits<T>::max())
                        : v.is_number_integer() && v.get<std::int64_t>() >= static_cast<std::int64_t>(std::numeric_limits<T>::min()) &&
                              (std::is_unsigned_v<T> || v.get<std::int64_t>() <= static_cast<std::int64_t>(std::numeric_limits<T>::max()));
  if (!fits) throw InputError(std::string("'") + key + "' must be an integer in the range of its type, got " + v.dump());
  return v.is_number_unsigned() ? static_cast<T>(v.get<std::uint64_t>()) : static_cast<T>(v.get<std::int64_t>());
}
}  // namespace

Record record_from_json(const json& j) {
  try {
    Record r;
    r.cand.round = integer_field<int>(j, "round");
    r.cand.index = integer_field<int>(j, "index");
    r.cand.eval_id = integer_field<int>(j, "eval");
    r.cand.seed = integer_field<std::uint64_t>(j, "seed");
    const auto u = j.at("unit").get<std::vector<double>>();
    r.cand.unit = Eigen::Map<const Eigen::VectorXd>(u.data(), static_cast<Eigen::Index>(u.size()));
    r.cand.params = j.at("params").get<ParamMap>();
    r.result.status = j.at("status");
    r.result.objective = j.at("objective").is_null() ? NAN : j.at("objective").get<double>();
    for (const auto& [k, v] : j.at("metrics").items()) r.result.metrics[k] = v.is_null() ? NAN : v.get<double>();
    r.result.error = j.value("error", "");
    r.wall_s = j.value("wall_s", 0.0);
    return r;
  } catch (const json::exception& e) {
    throw InputError(std::string("malformed journal record: ") + e.what());
  }
}

void Journal::require_absent(const std::filesystem::path& path) {
  if (std::filesystem::exists(path) && std::filesystem::file_size(path) > 0)
    throw InputError("journal " + path.string() + " already exists: use --resume to continue it, or another --out");
}

Journal Journal::create(const std::filesystem::path& path, const JournalHeader& h) {
  require_absent(path);
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) sys_fail("cannot create journal", path);
  Journal j(fd, path);
  j.write_line(header_json(h).dump());
  return j;
}

Journal Journal::resume(const std::filesystem::path& path, const JournalHeader& h, std::vector<Record>& records,
                        std::string& warning) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError("cannot resume: no journal at " + path.string());
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string text = ss.str();
  records.clear();
  warning.clear();
  std::size_t pos = 0, good_end = 0;
  int line_no = 0;
  while (pos < text.size()) {
    const std::size_t nl = text.find('\n', pos);
    const bool complete = nl != std::string::npos;
    const std::string line = text.substr(pos, complete ? nl - pos : std::string::npos);
    ++line_no;
    json j;
    bool parsed = complete;
    if (parsed) {
      try {
        j = json::parse(line);
      } catch (const json::exception&) {
        parsed = false;
      }
    }
    if (!parsed) {
      // Only the last line may be torn: anything else is corruption we must not paper over.
      if (complete && nl + 1 < text.size())
        throw InputError(path.string() + ":" + std::to_string(line_no) + ": malformed journal line");
      warning = path.string() + ":" + std::to_string(line_no) + ": dropped a torn last line (" +
                std::to_string(line.size()) + " bytes) left by an interrupted run";
      break;
    }
    if (line_no == 1) {
      // Every header field must be a string: a field of another type is not our header.
      const auto text_of = [&j](const char* key) {
        return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
      };
      if (!j.is_object() || text_of("type") != "header" || text_of("format") != kFormat)
        throw InputError(path.string() + ":1: not an hrsnn BO journal");
      for (const char* key : {"fingerprint", "space", "signature"})
        if (!j[key].is_string()) throw InputError(path.string() + ":1: header field '" + key + "' is not a string");
      if (j.value("fingerprint", "") != h.fingerprint)
        throw InputError(path.string() + ": journal belongs to another search space (" + j.value("space", "") +
                         ") than the configured one (" + h.space + ")");
      if (j.value("signature", "") != h.signature)
        throw InputError(path.string() + ": journal was written with other [bo] settings (" +
                         j.value("signature", "") + ") than the configured ones (" + h.signature + ")");
    } else {
      try {
        records.push_back(record_from_json(j));
      } catch (const InputError& e) {
        throw InputError(path.string() + ":" + std::to_string(line_no) + ": " + e.what());
      }
    }
    good_end = nl + 1;
    pos = nl + 1;
  }
  if (line_no == 0 || good_end == 0) throw InputError("cannot resume: journal " + path.string() + " has no header");
  const int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
  if (fd < 0) sys_fail("cannot open journal", path);
  if (good_end < text.size() && ::ftruncate(fd, static_cast<off_t>(good_end)) != 0) sys_fail("cannot truncate", path);
  return Journal(fd, path);
}

void Journal::write_line(const std::string& line) {
  const std::string buf = line + "\n";
  std::size_t done = 0;
  while (done < buf.size()) {
    const ssize_t n = ::write(fd_, buf.data() + done, buf.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      sys_fail("cannot write journal", path_);
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd_) != 0) sys_fail("cannot fsync journal", path_);
}

void Journal::append(const Record& r) { write_line(record_to_json(r).dump()); }

Journal::~Journal() {
  if (fd_ >= 0) ::close(fd_);
}

}  // namespace hrsnn::bo
