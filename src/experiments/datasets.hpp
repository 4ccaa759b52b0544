/// \file datasets.hpp
/// \brief Turns the loaders' outputs into what the tasks consume: sequences in [0, 1].
///
/// UCR/UEA: per-dimension min–max scaling fitted on the training set (later values clipped).
/// FSDD: log-mel frames (25 ms / 10 ms, 32 bands) normalised per band on the training set and
/// squashed into (0, 1) (encode/mel.hpp), one frame per 10 ms window.
#pragma once

#include "experiments/classification_task.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace hrsnn::experiments {

/// A labelled train/test pair ready for run_classification_task.
struct ClassificationData {
  SequenceSet train, test;
  int n_classes = 0;
  std::vector<std::string> class_names;
  double window_ms = 20.0;  ///< natural presentation window (10 ms for audio frames)
};

/// Loads `<root>/<name>/<name>_TRAIN.ts` and `_TEST.ts`. With `validation`, the test split is
/// not used: every 4th training series of each class (in file order) is held out as the
/// "test" set and the scaler is fitted on the rest.
ClassificationData load_ucr(const std::filesystem::path& root, const std::string& name, bool validation = false);

/// Loads an FSDD folder (standard split: test = file index 0–4); max_train_per_label_speaker 0
/// keeps all. With `validation`, the test recordings are not read: index 5–9 is held out as
/// the "test" set (300 recordings, the standard test split's mirror) and index ≥ 10 trains.
ClassificationData load_fsdd_mel(const std::filesystem::path& dir, int max_train_per_label_speaker, bool validation = false);

}  // namespace hrsnn::experiments
