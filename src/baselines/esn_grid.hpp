/// \file esn_grid.hpp
/// \brief The echo state network's hyper-parameter grid and the record of what was chosen.
///
/// Every task searches the full product leak × ρ × input scaling (36 settings by default) on
/// one draw of W, W_in and b (the seed's), scoring each on a validation part carved from the
/// training data (never the test data); the ridge penalty α is chosen jointly from
/// `ridge_alphas` on the same validation part through one factorisation per setting
/// (readout::RidgePath). An empty list keeps the base EsnParams' value.
#pragma once

#include "baselines/esn.hpp"

#include <vector>

namespace hrsnn::baselines {

/// Candidate values; the product of the three lists is searched.
struct EsnGrid {
  std::vector<double> leaks = {0.1, 0.3, 0.5, 1.0};          ///< a
  std::vector<double> spectral_radii = {0.5, 0.9, 1.1};      ///< ρ
  std::vector<double> input_scalings = {0.1, 0.5, 1.0};      ///< s
  std::vector<double> ridge_alphas = {1e-10, 1e-8, 1e-6, 1e-4, 1e-2, 1.0, 1e2, 1e4};  ///< α
  double validation_fraction = 0.2;  ///< share of the training samples/sequences held out

  /// A grid of the base parameters only, with the given ridge penalties (no search over a, ρ, s).
  static EsnGrid fixed(std::vector<double> alphas);
};

/// The settings of the product in a fixed order (leak outermost); empty lists take base's value.
std::vector<EsnSetting> grid_settings(const EsnGrid& grid, const EsnParams& base);

/// Consecutive groups of settings for Esn::run_settings: at most 12 at once, and no more than
/// fit in 256 MB when each needs `bytes_per_setting` (states or features held at once).
std::vector<std::vector<EsnSetting>> setting_batches(const std::vector<EsnSetting>& settings, double bytes_per_setting);

/// What the validation search chose, returned with every task result.
struct EsnChoice {
  EsnParams params;              ///< the full parameters of the chosen network
  double ridge_alpha = 0.0;      ///< chosen α (NaN for memory capacity: α is chosen per delay)
  double validation_score = 0.0; ///< NRMSE, accuracy or raw capacity on the validation part
  int settings_tried = 0;        ///< size of the searched product
};

}  // namespace hrsnn::baselines
