/// \file bench_esn_classify.cpp
/// \brief The built-in ESN baseline on a real classification set, as hrsnn's tasks prepare it:
/// FSDD as 32-band log-mel frames every 10 ms, band-normalised on training and mapped to [0, 1]
/// (experiments/datasets.cpp's steps), or a UCR/UEA `.ts` pair. Prints one JSON line.
///
/// Usage: bench_esn_classify fsdd DIR [n=500] [seed=1] [max_train_per_label_speaker=0] [readout=ridge]
///        bench_esn_classify ucr ROOT NAME [n=500] [seed=1] [readout=ridge]
#include "baselines/esn_tasks.hpp"
#include "data/fsdd.hpp"
#include "data/ts_format.hpp"
#include "encode/mel.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

struct Sets {
  std::vector<Eigen::MatrixXd> train, test;
  std::vector<int> train_labels, test_labels;
  int n_classes = 0;
};

Sets fsdd(const std::string& dir, int max_per) {
  hrsnn::data::FsddOptions fo;
  fo.max_train_per_label_speaker = max_per;
  const hrsnn::data::AudioSplit split = hrsnn::data::load_fsdd(dir, fo);
  const hrsnn::encode::MelFrontEnd front(split.train.sample_rate_hz);
  std::vector<Eigen::MatrixXd> train_mel, test_mel;
  for (const auto& a : split.train.audio) train_mel.push_back(front.log_mel(a));
  for (const auto& a : split.test.audio) test_mel.push_back(front.log_mel(a));
  hrsnn::encode::BandNormalizer norm;
  norm.fit(train_mel);
  Sets s;
  for (const auto& m : train_mel) s.train.push_back(norm.transform01(m));
  for (const auto& m : test_mel) s.test.push_back(norm.transform01(m));
  s.train_labels = split.train.labels;
  s.test_labels = split.test.labels;
  s.n_classes = 10;
  return s;
}

Sets ucr(const std::string& root, const std::string& name) {
  const hrsnn::data::TrainTest tt = hrsnn::data::load_ts_split(root, name);
  Sets s;
  s.train = tt.train.series;  // the ESN z-scores its input itself, so no [0, 1] scaling here
  s.test = tt.test.series;
  s.train_labels = tt.train.labels;
  s.test_labels = tt.test.labels;
  s.n_classes = static_cast<int>(tt.train.class_names.size());
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: bench_esn_classify fsdd DIR [n] [seed] [max_per] [readout] | ucr ROOT NAME [n] [seed] [readout]\n");
    return 2;
  }
  const std::string kind = argv[1];
  const int base = kind == "ucr" ? 4 : 3;  // first optional argument
  const auto arg = [&](int i, const char* fallback) { return std::string(argc > base + i ? argv[base + i] : fallback); };
  const auto t0 = std::chrono::steady_clock::now();
  const Sets s = kind == "ucr" ? ucr(argv[2], argv[3]) : fsdd(argv[2], std::atoi(arg(2, "0").c_str()));
  const double load_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  hrsnn::baselines::EsnClassificationOptions o;
  o.base.n = std::atoi(arg(0, "500").c_str());
  o.base.seed = std::strtoull(arg(1, "1").c_str(), nullptr, 10);
  o.readout = kind == "ucr" ? arg(2, "ridge") : arg(3, "ridge");
  const auto r = hrsnn::baselines::esn_classification(s.train, s.train_labels, s.test, s.test_labels, s.n_classes, o);
  const auto& c = r.chosen;
  const nlohmann::json out = {{"set", kind == "ucr" ? std::string(argv[3]) : std::string("fsdd")}, {"n", o.base.n},
                              {"seed", o.base.seed}, {"readout", o.readout}, {"train", s.train.size()}, {"test", s.test.size()},
                              {"accuracy", r.accuracy}, {"leak", c.params.leak}, {"spectral_radius", c.params.spectral_radius},
                              {"input_scaling", c.params.input_scaling}, {"ridge_alpha", c.ridge_alpha},
                              {"validation_accuracy", c.validation_score}, {"settings_tried", c.settings_tried},
                              {"esn_seconds", r.seconds}, {"load_seconds", load_s}};
  std::printf("%s\n", out.dump().c_str());
  return 0;
}
