/// \file fsdd.hpp
/// \brief Loader for a folder of recordings in Free Spoken Digit Dataset naming.
///
/// Files are `{label}_{speaker}_{index}.wav` (label one digit 0-9, index at most 9 digits); the standard
/// split puts index 0-4 in the test set and the rest in the training set.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace hrsnn::data {

/// Labelled recordings, each mono at `sample_rate_hz` and of its own length.
struct AudioSet {
  std::vector<std::vector<double>> audio;   ///< samples in [-1, 1]
  std::vector<int> labels;                  ///< the {label} field of the file name
  std::vector<std::string> speakers;        ///< the {speaker} field
  std::vector<int> indices;                 ///< the {index} field
  std::vector<std::filesystem::path> files; ///< source file of each recording
  int sample_rate_hz = 8000;                ///< rate of every recording in `audio`

  /// Number of recordings.
  std::size_t size() const { return audio.size(); }
};

/// Options of load_fsdd.
struct FsddOptions {
  int sample_rate_hz = 8000;       ///< every recording is resampled to this rate
  int min_index = 0;               ///< recordings with a lower index are not read (validation: 5)
  int test_max_index = 4;          ///< min_index <= index <= this goes to the test split
  int max_train_per_label_speaker = 0;  ///< keep at most N training recordings (lowest indices) per (label, speaker); 0 = all
};

/// Train and test recordings of an FSDD-style folder.
struct AudioSplit {
  AudioSet train;  ///< index > test_max_index
  AudioSet test;   ///< min_index <= index <= test_max_index
};

/// Reads every *.wav in `dir` (or in `dir/recordings` if that exists), sorted by (label,
/// speaker, index). Throws InputError for a missing folder, a folder without recordings, a
/// .wav whose name does not follow the pattern, or a bad file (see read_pcm_mono).
AudioSplit load_fsdd(const std::filesystem::path& dir, const FsddOptions& options = {});

}  // namespace hrsnn::data
