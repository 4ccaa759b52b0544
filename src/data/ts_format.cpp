/// \file ts_format.cpp
/// \brief `.ts` reader (format and missing-value rule in ts_format.hpp).
#include "data/ts_format.hpp"

#include "core/error.hpp"
#include "data/text_fields.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <optional>
#include <sstream>

namespace hrsnn::data {
namespace {

using detail::where;

struct Header {
  std::optional<bool> univariate, equal_length;
  std::optional<long> dims, series_length;
  bool class_label = false, target_label = false;
  std::vector<std::string> classes;
  std::string problem;
};

bool parse_bool(std::string_view v, const std::string& at) {
  const std::string s = detail::lower(detail::trim(v));
  require(s == "true" || s == "false", at + "expected true or false, found '" + std::string(v) + "'");
  return s == "true";
}

long parse_count(std::string_view v, const std::string& at) {
  const auto d = detail::parse_double(v);
  require(d && *d >= 1 && *d == std::floor(*d), at + "expected a positive integer, found '" + std::string(v) + "'");
  return static_cast<long>(*d);
}

std::vector<std::string> words(std::string_view s) {
  std::istringstream is{std::string(s)};
  std::vector<std::string> out;
  for (std::string w; is >> w;) out.push_back(w);
  return out;
}

void parse_header(std::string_view key_in, std::string_view rest, Header& h, const std::string& at) {
  const std::string key = detail::lower(key_in);
  const auto w = words(rest);
  auto first = [&]() -> std::string_view {
    require(!w.empty(), at + "@" + std::string(key_in) + " needs a value");
    return w.front();
  };
  if (key == "problemname") {
    h.problem = std::string(detail::trim(rest));
  } else if (key == "timestamps") {
    require(!parse_bool(first(), at), at + "@timeStamps true is not supported");
  } else if (key == "missing") {
    (void)parse_bool(first(), at);  // '?' is accepted whatever this says
  } else if (key == "univariate") {
    h.univariate = parse_bool(first(), at);
  } else if (key == "dimensions" || key == "dimension") {
    h.dims = parse_count(first(), at);
  } else if (key == "equallength") {
    h.equal_length = parse_bool(first(), at);
  } else if (key == "serieslength") {
    h.series_length = parse_count(first(), at);
  } else if (key == "classlabel") {
    h.class_label = parse_bool(first(), at);
    h.classes.assign(w.begin() + 1, w.end());
    require(!h.class_label || !h.classes.empty(), at + "@classLabel true must list the class labels");
  } else if (key == "targetlabel") {
    h.target_label = parse_bool(first(), at);
  }
}

// One case line -> matrix (time x dims) and the trailing label text (empty if unlabelled).
Eigen::MatrixXd parse_case(std::string_view line, bool labelled, std::string& label, const std::string& at) {
  auto parts = detail::split(line, ':');
  if (labelled) {
    require(parts.size() >= 2, at + "expected dimensions followed by ':' and a label");
    label = std::string(detail::trim(parts.back()));
    require(!label.empty(), at + "empty label");
    parts.pop_back();
  }
  const std::size_t d = parts.size();
  std::vector<std::vector<std::string_view>> fields(d);
  for (std::size_t k = 0; k < d; ++k) {
    fields[k] = detail::split(detail::trim(parts[k]), ',');
    require(fields[k].size() == fields[0].size(),
            at + "dimension " + std::to_string(k + 1) + " has " + std::to_string(fields[k].size()) +
                " values but dimension 1 has " + std::to_string(fields[0].size()));
  }
  const std::size_t len = fields[0].size();
  Eigen::MatrixXd m(static_cast<Eigen::Index>(len), static_cast<Eigen::Index>(d));
  for (std::size_t k = 0; k < d; ++k) {
    for (std::size_t t = 0; t < len; ++t) {
      const std::string_view f = detail::trim(fields[k][t]);
      double v = std::numeric_limits<double>::quiet_NaN();
      if (f != "?" && detail::lower(f) != "nan") {
        const auto p = detail::parse_double(f);
        require(p.has_value(), at + "dimension " + std::to_string(k + 1) + ", value " + std::to_string(t + 1) +
                                   " is not a number: '" + std::string(f) + "'");
        require(std::isfinite(*p), at + "dimension " + std::to_string(k + 1) + ", value " + std::to_string(t + 1) +
                                       " is infinite");
        v = *p;
      }
      m(static_cast<Eigen::Index>(t), static_cast<Eigen::Index>(k)) = v;
    }
  }
  return m;
}

void check_shape(const Eigen::MatrixXd& m, const Header& h, const LabelledSet& set, const std::string& at) {
  const long want_dims = h.dims ? *h.dims : (h.univariate.value_or(false) ? 1 : (set.series.empty() ? m.cols() : set.dims()));
  require(m.cols() == want_dims, at + "expected " + std::to_string(want_dims) + " dimensions, found " + std::to_string(m.cols()));
  if (h.equal_length.value_or(false)) {
    const long want = h.series_length ? *h.series_length : (set.series.empty() ? m.rows() : set.series.front().rows());
    require(m.rows() == want, at + "@equalLength true but the series has " + std::to_string(m.rows()) +
                                  " values, expected " + std::to_string(want));
  }
}

}  // namespace

bool fill_missing_linear(Eigen::MatrixXd& m) {
  for (Eigen::Index c = 0; c < m.cols(); ++c) {
    Eigen::Index prev = -1;
    for (Eigen::Index t = 0; t < m.rows(); ++t) {
      if (std::isnan(m(t, c))) continue;
      if (prev < 0) {
        for (Eigen::Index k = 0; k < t; ++k) m(k, c) = m(t, c);  // leading gap: nearest value
      } else {
        for (Eigen::Index k = prev + 1; k < t; ++k) {
          const double w = static_cast<double>(k - prev) / static_cast<double>(t - prev);
          m(k, c) = (1.0 - w) * m(prev, c) + w * m(t, c);
        }
      }
      prev = t;
    }
    if (prev < 0) return false;
    for (Eigen::Index k = prev + 1; k < m.rows(); ++k) m(k, c) = m(prev, c);  // trailing gap
  }
  return true;
}

LabelledSet read_ts(const std::filesystem::path& file) {
  const std::string name = file.string();
  std::ifstream in(file);
  require_file(in.good(), name + ": cannot open .ts file");
  LabelledSet set;
  set.source = name;
  Header h;
  bool in_data = false;
  std::string line, label;
  for (std::size_t no = 1; std::getline(in, line); ++no) {
    const std::string_view t = detail::trim(no == 1 ? detail::strip_bom(line) : line);
    if (t.empty() || t.front() == '#') continue;
    const std::string at = where(name, no);
    if (!in_data) {
      require(t.front() == '@', at + "expected a '@' header line or '@data' before the data");
      const std::size_t sp = t.find_first_of(" \t");
      const std::string_view key = t.substr(1, sp == std::string_view::npos ? std::string_view::npos : sp - 1);
      if (detail::lower(key) == "data") {
        require(!(h.class_label && h.target_label), at + "both @classLabel and @targetLabel are true");
        in_data = true;
      } else {
        parse_header(key, sp == std::string_view::npos ? std::string_view{} : t.substr(sp), h, at);
      }
      continue;
    }
    Eigen::MatrixXd m = parse_case(t, h.class_label || h.target_label, label, at);
    check_shape(m, h, set, at);
    require(fill_missing_linear(m), at + "a dimension has no observed value (all missing)");
    if (h.class_label) {
      const auto it = std::find(h.classes.begin(), h.classes.end(), label);
      require(it != h.classes.end(), at + "label '" + label + "' is not declared in @classLabel");
      set.labels.push_back(static_cast<int>(it - h.classes.begin()));
    } else if (h.target_label) {
      const auto v = detail::parse_double(label);
      require(v && std::isfinite(*v), at + "target '" + label + "' is not a finite number");
      set.targets.push_back(*v);
    }
    set.series.push_back(std::move(m));
    set.source_lines.push_back(no);
  }
  require(in_data, name + ": no @data line");
  require(!set.series.empty(), name + ": no series after @data");
  set.class_names = h.classes;
  set.problem_name = h.problem;
  return set;
}

TrainTest load_ts_split(const std::filesystem::path& root, const std::string& name) {
  auto find = [&](const std::string& suffix) {
    const auto nested = root / name / (name + suffix);
    const auto flat = root / (name + suffix);
    if (std::filesystem::exists(nested)) return nested;
    require(std::filesystem::exists(flat),
            "data set '" + name + "': neither " + nested.string() + " nor " + flat.string() + " exists");
    return flat;
  };
  TrainTest tt{read_ts(find("_TRAIN.ts")), read_ts(find("_TEST.ts"))};
  require(tt.train.dims() == tt.test.dims(), tt.test.source + ": " + std::to_string(tt.test.dims()) +
                                                 " dimensions, but the training split " + tt.train.source + " has " +
                                                 std::to_string(tt.train.dims()));
  require(tt.train.labels.empty() == tt.test.labels.empty(),
          tt.test.source + ": one split has class labels and the other does not");
  for (std::size_t i = 0; i < tt.test.labels.size(); ++i) {
    const std::string& cls = tt.test.class_names[static_cast<std::size_t>(tt.test.labels[i])];
    const auto it = std::find(tt.train.class_names.begin(), tt.train.class_names.end(), cls);
    require(it != tt.train.class_names.end(), where(tt.test.source, tt.test.source_lines[i]) + "label '" + cls +
                                                  "' is not a class of the training split " + tt.train.source);
    tt.test.labels[i] = static_cast<int>(it - tt.train.class_names.begin());
  }
  tt.test.class_names = tt.train.class_names;
  return tt;
}

}  // namespace hrsnn::data
