#include "experiments/report_tables.hpp"

#include "core/error.hpp"

#include <cstdio>
#include <fstream>

namespace hrsnn::experiments {

std::vector<std::string> headline_metrics(const std::string& kind) {
  // Every table shows what the spiking reservoir adds: its baselines sit beside it.
  if (kind == "mc")
    return {"capacity_corrected", "esn_capacity_corrected", "capacity_raw", "S", "efficiency", "rate_e_hz", "rate_i_hz", "isi_cv_e"};
  if (kind == "ucr" || kind == "fsdd")
    return {"accuracy", "accuracy_res", "accuracy_resin", "baseline_accuracy", "esn_accuracy", "S", "rate_hz"};
  return {"nrmse_h1", "input_nrmse_h1", "persistence_h1", "ar_h1", "esn_nrmse_h1",
          "nrmse_h10", "input_nrmse_h10", "persistence_h10", "ar_h10", "esn_nrmse_h10", "S", "rate_e_hz"};
}

std::string markdown_table(const nlohmann::json& summary, const std::vector<std::string>& metrics) {
  std::string out = "| variant |";
  for (const auto& m : metrics) out += " " + m + " |";
  out += "\n|---|";
  for (std::size_t k = 0; k < metrics.size(); ++k) out += "---|";
  out += "\n";
  for (const auto& [variant, values] : summary.items()) {
    out += "| " + variant + " |";
    for (const auto& m : metrics) {
      char cell[64] = "–";
      if (values.contains(m))
        std::snprintf(cell, sizeof cell, "%.4g ± %.2g", values[m]["mean"].get<double>(), values[m]["std"].get<double>());
      out += std::string(" ") + cell + " |";
    }
    out += "\n";
  }
  return out;
}

void write_summary_csv(const std::filesystem::path& file, const nlohmann::json& summary) {
  std::ofstream out(file);
  require(out.good(), file.string() + ": cannot write");
  out << "variant,metric,mean,std,n\n";
  for (const auto& [variant, values] : summary.items())
    for (const auto& [metric, s] : values.items())
      out << variant << ',' << metric << ',' << s["mean"].get<double>() << ',' << s["std"].get<double>() << ','
          << s["n"].get<std::size_t>() << '\n';
  require(out.good(), file.string() + ": write failed");
}

}  // namespace hrsnn::experiments
