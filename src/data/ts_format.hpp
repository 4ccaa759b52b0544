/// \file ts_format.hpp
/// \brief Reader for the sktime/UCR/UEA `.ts` text format and the archive's train/test layout.
///
/// Format: '#' comment lines; '@key value' header lines (keys case-insensitive:
/// @problemName, @timeStamps, @missing, @univariate, @dimensions, @equalLength, @seriesLength,
/// @classLabel true|false [labels...], @targetLabel true|false, unknown keys ignored); then
/// '@data' and one case per line: dimensions separated by ':', values by ',', the class label
/// (or regression target) last. Missing values ('?', or 'NaN' as some UEA files pad) are
/// filled per dimension by linear interpolation between the nearest observed neighbours and
/// by the nearest observed value at the ends; a dimension with no observed value is an error.
/// Cases may differ in length; the dimensions of one case must have equal length.
/// @timeStamps true files are rejected (not supported).
#pragma once

#include "data/labelled_set.hpp"

#include <filesystem>
#include <string>

namespace hrsnn::data {

/// Reads one `.ts` file; throws InputError naming file and line on any malformed content.
LabelledSet read_ts(const std::filesystem::path& file);

/// Loads `<root>/<name>/<name>_TRAIN.ts` and `_TEST.ts` (or `<root>/<name>_TRAIN.ts`).
/// Test labels are mapped onto the training split's class names; a test label the training
/// split does not declare, or a different number of dimensions, is an InputError.
TrainTest load_ts_split(const std::filesystem::path& root, const std::string& name);

/// Replaces NaNs in each column by linear interpolation (ends: nearest observed value);
/// returns false if some column has no finite value.
bool fill_missing_linear(Eigen::MatrixXd& m);

}  // namespace hrsnn::data
