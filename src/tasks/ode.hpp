/// \file ode.hpp
/// \brief Classic fourth-order Runge-Kutta for small autonomous ODE systems.
///
///   k1 = f(x), k2 = f(x + h/2 k1), k3 = f(x + h/2 k2), k4 = f(x + h k3)
///   x(t+h) = x(t) + h/6 (k1 + 2 k2 + 2 k3 + k4)          (Butcher 2008, §23)
#pragma once

#include <array>
#include <cstddef>

namespace hrsnn::tasks {

/// One RK4 step of dx/dt = f(x) for an N-dimensional state, in place.
template <std::size_t N, class F>
void rk4_step(std::array<double, N>& x, double h, const F& f) {
  std::array<double, N> k1{}, k2{}, k3{}, k4{}, tmp{};
  f(x, k1);
  for (std::size_t i = 0; i < N; ++i) tmp[i] = x[i] + 0.5 * h * k1[i];
  f(tmp, k2);
  for (std::size_t i = 0; i < N; ++i) tmp[i] = x[i] + 0.5 * h * k2[i];
  f(tmp, k3);
  for (std::size_t i = 0; i < N; ++i) tmp[i] = x[i] + h * k3[i];
  f(tmp, k4);
  for (std::size_t i = 0; i < N; ++i) x[i] += h / 6.0 * (k1[i] + 2.0 * k2[i] + 2.0 * k3[i] + k4[i]);
}

}  // namespace hrsnn::tasks
