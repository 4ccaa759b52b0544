/// \file report_tables.hpp
/// \brief Tables made from a comparison summary: CSV for tools, Markdown for the README.
#pragma once

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace hrsnn::experiments {

/// The metrics worth a column for a task kind (e.g. capacity, S, E, rates for "mc").
std::vector<std::string> headline_metrics(const std::string& kind);

/// Markdown table: one row per variant, "mean ± std" per metric.
std::string markdown_table(const nlohmann::json& summary, const std::vector<std::string>& metrics);

/// summary.csv: variant,metric,mean,std,n.
void write_summary_csv(const std::filesystem::path& file, const nlohmann::json& summary);

}  // namespace hrsnn::experiments
