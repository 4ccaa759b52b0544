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

/// Loads `<root>/<name>/<name>_TRAIN.ts` and `_TEST.ts`.
ClassificationData load_ucr(const std::filesystem::path& root, const std::string& name);

/// Loads an FSDD folder (standard split); max_train_per_label_speaker 0 keeps all.
ClassificationData load_fsdd_mel(const std::filesystem::path& dir, int max_train_per_label_speaker);

}  // namespace hrsnn::experiments
