#include "experiments/datasets.hpp"

#include "core/error.hpp"
#include "data/fsdd.hpp"
#include "data/ts_format.hpp"
#include "encode/mel.hpp"
#include "encode/min_max_scaler.hpp"

#include <map>
#include <set>

namespace hrsnn::experiments {
namespace {

// A training split of one class gives a classifier that cannot be wrong on it and says
// nothing: refuse it, naming the file and the class.
void require_two_classes(const std::vector<int>& labels, const std::vector<std::string>& names, const std::string& source) {
  const std::set<int> present(labels.begin(), labels.end());
  if (present.size() >= 2) return;
  const int only = present.empty() ? -1 : *present.begin();
  const std::string name = only >= 0 && static_cast<std::size_t>(only) < names.size() ? names[static_cast<std::size_t>(only)]
                                                                                       : std::to_string(only);
  throw InputError(source + ": the training split holds only class '" + name +
                   "'; classification needs at least 2 classes in training");
}

}  // namespace

ClassificationData load_ucr(const std::filesystem::path& root, const std::string& name, bool validation) {
  data::TrainTest tt = data::load_ts_split(root, name);
  if (validation) {
    // Stratified and deterministic: the 4th, 8th, ... series of each class in file order.
    data::LabelledSet fit = tt.train, held = tt.train;
    fit.series.clear(), fit.labels.clear(), held.series.clear(), held.labels.clear();
    std::map<int, int> seen;
    for (std::size_t i = 0; i < tt.train.series.size(); ++i) {
      data::LabelledSet& to = ++seen[tt.train.labels[i]] % 4 == 0 ? held : fit;
      to.series.push_back(tt.train.series[i]);
      to.labels.push_back(tt.train.labels[i]);
    }
    require(!held.series.empty(), tt.train.source + ": too few training series to hold out a validation split (every 4th of each class)");
    held.source = tt.train.source + " (validation: every 4th series of each class)";
    tt.train = std::move(fit);
    tt.test = std::move(held);
  }
  require(!tt.train.labels.empty(), tt.train.source + ": no class labels (classification needs @classLabel true)");
  require_two_classes(tt.train.labels, tt.train.class_names, tt.train.source);
  encode::MinMaxScaler scaler;
  scaler.fit(tt.train.series, tt.train.source);
  ClassificationData d;
  d.class_names = tt.train.class_names;
  d.n_classes = static_cast<int>(d.class_names.size());
  for (const auto& [set, out] : {std::pair{&tt.train, &d.train}, {&tt.test, &d.test}}) {
    for (const auto& s : set->series) out->sequences.push_back(scaler.transform(s));
    out->labels = set->labels;
  }
  return d;
}

ClassificationData load_fsdd_mel(const std::filesystem::path& dir, int max_train_per_label_speaker, bool validation) {
  data::FsddOptions fo;
  fo.max_train_per_label_speaker = max_train_per_label_speaker;
  if (validation) fo.min_index = 5, fo.test_max_index = 9;
  const data::AudioSplit split = data::load_fsdd(dir, fo);
  const std::string train_range = validation ? "10 and above" : "5 and above";
  const std::string test_range = validation ? "5–9, held out for validation" : "0–4";
  require(split.train.size() > 0, dir.string() + ": no training recordings (file index " + train_range + ") in the FSDD folder");
  require(split.test.size() > 0, dir.string() + ": no test recordings (file index " + test_range + ") in the FSDD folder");
  std::vector<std::string> digits;
  for (int k = 0; k < 10; ++k) digits.push_back(std::to_string(k));
  require_two_classes(split.train.labels, digits, dir.string() + " (training recordings, file index " + train_range + ")");
  const encode::MelFrontEnd front(split.train.sample_rate_hz);
  std::vector<Eigen::MatrixXd> train_mel, test_mel;
  for (const auto& a : split.train.audio) train_mel.push_back(front.log_mel(a));
  for (const auto& a : split.test.audio) test_mel.push_back(front.log_mel(a));
  encode::BandNormalizer norm;
  norm.fit(train_mel);
  ClassificationData d;
  d.n_classes = 10;
  for (int k = 0; k < 10; ++k) d.class_names.push_back(std::to_string(k));
  d.window_ms = 10.0;
  for (const auto& m : train_mel) d.train.sequences.push_back(norm.transform01(m));
  for (const auto& m : test_mel) d.test.sequences.push_back(norm.transform01(m));
  d.train.labels = split.train.labels;
  d.test.labels = split.test.labels;
  return d;
}

}  // namespace hrsnn::experiments
