/// \file fsdd.cpp
/// \brief FSDD folder loader (naming and split in fsdd.hpp).
#include "data/fsdd.hpp"

#include "core/error.hpp"
#include "data/wav.hpp"

#include <algorithm>
#include <map>
#include <regex>
#include <tuple>

namespace hrsnn::data {
namespace {

struct Entry {
  int label;
  std::string speaker;
  int index;
  std::filesystem::path file;
  auto key() const { return std::tie(label, speaker, index); }
};

void append(AudioSet& set, const Entry& e, int rate) {
  set.audio.push_back(read_pcm_mono(e.file, rate));
  set.labels.push_back(e.label);
  set.speakers.push_back(e.speaker);
  set.indices.push_back(e.index);
  set.files.push_back(e.file);
}

}  // namespace

AudioSplit load_fsdd(const std::filesystem::path& dir_in, const FsddOptions& o) {
  namespace fs = std::filesystem;
  require_file(fs::is_directory(dir_in), dir_in.string() + ": recordings folder does not exist");
  const fs::path dir = fs::is_directory(dir_in / "recordings") ? dir_in / "recordings" : dir_in;
  static const std::regex pattern(R"(([0-9]+)_([^_]+)_([0-9]+)\.wav)", std::regex::icase);
  std::vector<Entry> entries;
  for (const auto& de : fs::directory_iterator(dir)) {
    if (!de.is_regular_file()) continue;
    const std::string fname = de.path().filename().string();
    if (fname.size() < 4) continue;
    std::string ext = fname.substr(fname.size() - 4);
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (ext != ".wav") continue;
    std::smatch m;
    require(std::regex_match(fname, m, pattern),
            de.path().string() + ": file name does not follow {label}_{speaker}_{index}.wav");
    // Range-checked as text before any conversion: std::stoi would throw out_of_range on 20 digits.
    const std::string label = m[1].str(), index = m[3].str();
    require(label.size() == 1, de.path().string() + ": label '" + label + "' is not a digit 0-9");
    require(index.size() <= 9, de.path().string() + ": index '" + index + "' is too large");
    entries.push_back({label[0] - '0', m[2].str(), std::stoi(index), de.path()});
  }
  require(!entries.empty(), dir.string() + ": no .wav recordings found");
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.key() < b.key(); });
  AudioSplit split;
  split.train.sample_rate_hz = split.test.sample_rate_hz = o.sample_rate_hz;
  std::map<std::pair<int, std::string>, int> kept;
  for (const Entry& e : entries) {
    if (e.index < o.min_index) continue;
    if (e.index <= o.test_max_index) {
      append(split.test, e, o.sample_rate_hz);
    } else {
      int& n = kept[{e.label, e.speaker}];
      if (o.max_train_per_label_speaker > 0 && n >= o.max_train_per_label_speaker) continue;
      ++n;
      append(split.train, e, o.sample_rate_hz);
    }
  }
  return split;
}

}  // namespace hrsnn::data
