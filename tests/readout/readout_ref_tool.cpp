/// \file readout_ref_tool.cpp
/// \brief Command-line bridge for ref_sklearn.py: fits our readouts on files it writes.
///   readout_ref_tool ridge    X.txt Y.txt lambda out.txt   -> weights (p rows), intercept row
///   readout_ref_tool logistic X.txt y.txt C      out.txt   -> weights (p rows), intercept row
#include "readout/logistic.hpp"
#include "readout/ridge.hpp"
#include "text_matrix.hpp"

#include <fstream>
#include <iostream>
#include <string>

int main(int argc, char** argv) {
  using namespace hrsnn;
  if (argc != 6) {
    std::cerr << "usage: readout_ref_tool ridge|logistic X.txt Y.txt param out.txt\n";
    return 2;
  }
  const std::string mode = argv[1];
  const Eigen::MatrixXd X = testing::read_text_matrix(argv[2]);
  const Eigen::MatrixXd Y = testing::read_text_matrix(argv[3]);
  const double param = std::stod(argv[4]);
  std::ofstream out(argv[5]);
  Eigen::MatrixXd W;
  Eigen::RowVectorXd b;
  if (mode == "ridge") {
    const auto m = readout::ridge_fit(X, Y, param);
    W = m.weights;
    b = m.intercept;
  } else if (mode == "logistic") {
    std::vector<int> labels(static_cast<std::size_t>(Y.rows()));
    for (Eigen::Index i = 0; i < Y.rows(); ++i) labels[static_cast<std::size_t>(i)] = static_cast<int>(Y(i, 0));
    const int k = static_cast<int>(Y.maxCoeff()) + 1;
    readout::LogisticOptions o;
    o.C = param;
    const auto m = readout::logistic_fit(X, labels, k, o);
    W = m.weights;
    b = m.intercept;
    std::cerr << "logistic evaluations: " << m.iterations << "\n";
  } else {
    std::cerr << "unknown mode " << mode << "\n";
    return 2;
  }
  testing::write_text_matrix(out, W);
  testing::write_text_matrix(out, b);
  return 0;
}
