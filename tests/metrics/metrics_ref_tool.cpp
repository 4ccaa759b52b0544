/// \file metrics_ref_tool.cpp
/// \brief Bridge for ref_scipy_ttest.py: reads pairs "a b" from stdin, prints
/// "t p_greater p_less p_two_sided" of our paired t-test.
#include "metrics/stats.hpp"

#include <iomanip>
#include <iostream>
#include <vector>

int main() {
  using namespace hrsnn::metrics;
  std::vector<double> a, b;
  double x = 0.0, y = 0.0;
  while (std::cin >> x >> y) {
    a.push_back(x);
    b.push_back(y);
  }
  const TTestResult g = paired_t_test(a, b, Alternative::kGreater);
  std::cout << std::setprecision(17) << g.t << ' ' << g.p_value << ' '
            << paired_t_test(a, b, Alternative::kLess).p_value << ' '
            << paired_t_test(a, b, Alternative::kTwoSided).p_value << '\n';
  return 0;
}
