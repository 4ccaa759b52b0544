/// \file esn_grid.cpp
/// \brief Expansion of the ESN grid (see esn_grid.hpp).
#include "baselines/esn_grid.hpp"

#include "core/error.hpp"

#include <algorithm>

namespace hrsnn::baselines {

EsnGrid EsnGrid::fixed(std::vector<double> alphas) {
  EsnGrid g;
  g.leaks.clear();
  g.spectral_radii.clear();
  g.input_scalings.clear();
  g.ridge_alphas = std::move(alphas);
  return g;
}

std::vector<EsnSetting> grid_settings(const EsnGrid& grid, const EsnParams& base) {
  require(!grid.ridge_alphas.empty(), "esn grid: ridge_alphas is empty");
  for (double a : grid.ridge_alphas) require(a > 0.0, "esn grid: ridge_alphas must be > 0, got " + std::to_string(a));
  require(grid.validation_fraction > 0.0 && grid.validation_fraction < 1.0,
          "esn grid: validation_fraction must lie in (0, 1), got " + std::to_string(grid.validation_fraction));
  const auto or_base = [](const std::vector<double>& v, double b) { return v.empty() ? std::vector<double>{b} : v; };
  std::vector<EsnSetting> out;
  for (double a : or_base(grid.leaks, base.leak))
    for (double r : or_base(grid.spectral_radii, base.spectral_radius))
      for (double s : or_base(grid.input_scalings, base.input_scaling)) {
        EsnParams p = base;
        p.leak = a;
        p.spectral_radius = r;
        p.input_scaling = s;
        p.validate();
        out.push_back({a, r, s});
      }
  return out;
}

std::vector<std::vector<EsnSetting>> setting_batches(const std::vector<EsnSetting>& settings, double bytes_per_setting) {
  constexpr double kBudgetBytes = 256.0 * 1024 * 1024;
  const auto size = static_cast<std::size_t>(std::clamp(kBudgetBytes / std::max(bytes_per_setting, 1.0), 1.0, static_cast<double>(kMaxSettingsPerRun)));
  std::vector<std::vector<EsnSetting>> out;
  for (std::size_t i = 0; i < settings.size(); i += size)
    out.emplace_back(settings.begin() + static_cast<std::ptrdiff_t>(i),
                     settings.begin() + static_cast<std::ptrdiff_t>(std::min(settings.size(), i + size)));
  return out;
}

}  // namespace hrsnn::baselines
