/// \file text_matrix.hpp
/// \brief Whitespace-separated numeric matrices (numpy.savetxt layout) for reference tools.
#pragma once

#include <Eigen/Dense>

#include <fstream>
#include <iomanip>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace hrsnn::testing {

/// Reads a matrix written by numpy.savetxt (one row per line; a 1-D array gives a column).
inline Eigen::MatrixXd read_text_matrix(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::vector<std::vector<double>> rows;
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream ls(line);
    std::vector<double> r;
    double v = 0.0;
    while (ls >> v) r.push_back(v);
    if (!r.empty()) rows.push_back(std::move(r));
  }
  if (rows.empty()) throw std::runtime_error("empty matrix file " + path);
  Eigen::MatrixXd M(static_cast<Eigen::Index>(rows.size()), static_cast<Eigen::Index>(rows[0].size()));
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (rows[i].size() != rows[0].size()) throw std::runtime_error("ragged matrix in " + path);
    for (std::size_t j = 0; j < rows[i].size(); ++j)
      M(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = rows[i][j];
  }
  return M;
}

/// Writes a matrix with 17 significant digits (round-trips doubles exactly).
inline void write_text_matrix(std::ostream& out, const Eigen::MatrixXd& M) {
  out << std::setprecision(17);
  for (Eigen::Index i = 0; i < M.rows(); ++i) {
    for (Eigen::Index j = 0; j < M.cols(); ++j) out << (j ? " " : "") << M(i, j);
    out << '\n';
  }
}

}  // namespace hrsnn::testing
