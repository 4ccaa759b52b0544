// The conductance-based LIF (docs/model.md §2.2) against the ODE it discretises: with no
// conductance exponential Euler is exact; with decaying conductances it converges to the ODE's
// solution (first order in dt, checked at two steps against a fine RK4 in long double);
// v stays between the reversal potentials; and bad parameters or a drive are refused. The
// Brian2 comparison (identical spikes) is reference case G (scripts/reference).
#include "sim/simulator.hpp"

#include "core/error.hpp"
#include "sim/external_drive.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace hrsnn::sim {
namespace {

// One conductance-based neuron whose threshold (0 mV by default) it never reaches unless a
// test lowers it; inputs are excitatory, so inhibition comes from a second neuron.
Network one_neuron(double dt, double v_th = 0.0) {
  Network net;
  net.dt = dt;
  net.neurons.resize(1);
  auto& nt = net.neurons;
  nt.tau_m = {20.0};
  nt.v_rest = {-65.0};
  nt.v_reset = {-65.0};
  nt.v_th = {v_th};
  nt.v_init = {-55.0};
  nt.tau_ref = {0.0};
  nt.tau_syn_e = {5.0};
  nt.tau_syn_i = {10.0};
  nt.excitatory = {1};
  nt.make_conductance();
  nt.g_l = {12.0};
  nt.e_e = {5.0};
  nt.e_i = {-80.0};
  return net;
}

std::vector<double> probe_v(Simulator& sim, std::int64_t steps, const SpikeEvents* in) {
  SpikeRecorder rec;
  rec.neurons_probe = {0};
  sim.run(steps, in, &rec);
  return rec.v_samples;
}

TEST(ConductanceLif, WithoutConductanceItRelaxesExactlyToRest) {
  const double dt = 0.25;
  Network net = one_neuron(dt);
  Simulator sim(net, SimOptions{});
  const std::vector<double> v = probe_v(sim, 400, nullptr);
  for (std::size_t k = 0; k < v.size(); k += 37) {
    const double t = (k + 1) * dt;
    EXPECT_NEAR(v[k], -65.0 + 10.0 * std::exp(-t / 20.0), 1e-12) << "step " << k;
  }
}

// v at t = dt, 2·dt, ..., steps·dt of τ_m dv/dt = (v_rest − v) + g_e(t)(E_e − v)/g_L with
// g_e = w·e^{−(t − t0)/τ_e} after t0, by RK4 at dt/200 in long double: the ODE itself, not
// the engine's scheme (t0 falls on the coarse grid, so no RK4 step straddles the jump).
std::vector<long double> rk4_v(long double dt, std::int64_t steps, long double t0, long double w) {
  const long double tau = 20, rest = -65, ee = 5, gl = 12, tau_e = 5, h = dt / 200;
  auto f = [&](long double t, long double v) {
    const long double g = t >= t0 - h / 4 ? w * std::exp(-(t - t0) / tau_e) : 0.0L;
    return ((rest - v) + g * (ee - v) / gl) / tau;
  };
  std::vector<long double> out;
  long double v = -55;
  for (std::int64_t k = 0; k < steps; ++k)
    for (int j = 0; j < 200; ++j) {
      const long double t = k * dt + j * h;
      const long double k1 = f(t, v), k2 = f(t + h / 2, v + h / 2 * k1), k3 = f(t + h / 2, v + h / 2 * k2),
                        k4 = f(t + h, v + h * k3);
      v += h / 6 * (k1 + 2 * k2 + 2 * k3 + k4);
      if (j == 199) out.push_back(v);
    }
  return out;
}

// Largest |v − v_ODE| over the first 30 ms after a 20 nS input spike that arrives at 5 ms.
double max_error(double dt) {
  Network net = one_neuron(dt);
  net.n_inputs = 1;
  const double w = 20.0;
  const auto delay = static_cast<std::int32_t>(std::lround(1.0 / dt));
  net.synapses.add(1, 0, w, delay);
  SpikeEvents in;
  in.n_sources = 1;
  const std::int64_t spike_step = std::lround(4.0 / dt);  // arrives at step (5 ms)/dt
  in.push(spike_step, 0);
  Simulator sim(net, SimOptions{});
  const auto steps = static_cast<std::int64_t>(std::lround(35.0 / dt));
  const std::vector<double> v = probe_v(sim, steps, &in);
  // The conductance jumps at the end of the arrival step and acts from the next step on (§8).
  const long double t0 = (spike_step + delay + 1) * static_cast<long double>(dt);
  const std::vector<long double> ode = rk4_v(dt, steps, t0, w);
  double worst = 0;
  for (std::int64_t k = 0; k < steps; ++k) worst = std::max(worst, static_cast<double>(std::fabs(v[k] - ode[k])));
  return worst;
}

TEST(ConductanceLif, ConvergesToTheOdeAtFirstOrder) {
  const double coarse = max_error(0.1), fine = max_error(0.025);
  EXPECT_GT(coarse, 1e-4);  // the step is not exact while g varies...
  EXPECT_LT(coarse, 0.5);   // ...but close: the 20 nS spike moves v by about 10 mV
  EXPECT_LT(fine, coarse / 3.0) << "coarse " << coarse << ", fine " << fine;  // ≈ 4× smaller for dt/4
  EXPECT_GT(fine, coarse / 6.0) << "coarse " << coarse << ", fine " << fine;
}

TEST(ConductanceLif, VoltageStaysBetweenTheReversalPotentials) {
  // A huge excitatory barrage drives v towards E_e but never beyond it; a huge inhibitory one
  // (from a second, tonic neuron) pulls v towards E_i but never below it. A current-based
  // neuron would overshoot both.
  Network net = one_neuron(0.1, 4.9);
  net.neurons.resize(2);
  auto& nt = net.neurons;
  nt.tau_m[1] = 10.0, nt.v_rest[1] = -40.0, nt.v_reset[1] = -60.0, nt.v_th[1] = -50.0, nt.v_init[1] = -60.0;
  nt.tau_ref[1] = 0.0, nt.tau_syn_e[1] = 5.0, nt.tau_syn_i[1] = 10.0, nt.excitatory[1] = 0;
  nt.g_l[1] = 10.0, nt.e_e[1] = 0.0, nt.e_i[1] = -80.0;
  net.n_inputs = 1;
  net.synapses.add(2, 0, 5000.0, 1);  // input → neuron 0: 5 µS
  SpikeEvents in;
  in.n_sources = 1;
  for (int k = 0; k < 100; ++k) in.push(k, 0);
  Simulator sim(net, SimOptions{});
  std::vector<double> v = probe_v(sim, 200, &in);
  const double top = *std::max_element(v.begin(), v.end());
  EXPECT_GT(top, 4.0);   // reached close to E_e = 5 mV
  EXPECT_LE(top, 5.0);
  // Now inhibition: neuron 1 fires tonically onto neuron 0 with 2 µS.
  Network inh = one_neuron(0.1);
  inh.neurons = nt;
  inh.neurons.v_th[0] = 0.0;
  inh.synapses.add(1, 0, -2000.0, 1);
  Simulator sim2(inh, SimOptions{});
  v = probe_v(sim2, 3000, nullptr);
  const double bottom = *std::min_element(v.begin(), v.end());
  EXPECT_LT(bottom, -79.0);  // close to E_i = −80 mV
  EXPECT_GE(bottom, -80.0);
}

TEST(ConductanceLif, SinglePrecisionFollowsDouble) {
  Network net = one_neuron(0.1);
  net.n_inputs = 1;
  net.synapses.add(1, 0, 20.0, 10);
  SpikeEvents in;
  in.n_sources = 1;
  for (int k = 0; k < 300; k += 30) in.push(k, 0);
  Simulator d(net, SimOptions{}), s(net, SimOptions{false, Pairing::Nearest, PlasticLayout::Auto, Precision::Single});
  const std::vector<double> vd = probe_v(d, 400, &in), vs = probe_v(s, 400, &in);
  for (std::size_t k = 0; k < vd.size(); ++k) EXPECT_NEAR(vs[k], vd[k], 1e-3) << "step " << k;
}

TEST(ConductanceLif, ImpossibleParametersAndADriveAreRefused) {
  Network net = one_neuron(0.1, -50.0);
  net.neurons.e_e = {-60.0};  // below threshold: excitation would inhibit
  EXPECT_THROW(Simulator(net, SimOptions{}), InputError);
  net = one_neuron(0.1, -50.0);
  net.neurons.g_l = {0.0};
  EXPECT_THROW(Simulator(net, SimOptions{}), InputError);
  net = one_neuron(0.1, -50.0);
  net.neurons.make_adaptive();  // one model or the other
  EXPECT_THROW(Simulator(net, SimOptions{}), InputError);
  net = one_neuron(0.1, -50.0);
  Simulator sim(net, SimOptions{});
  ExternalDrive drive;
  drive.steps_per_window = 10;
  drive.d_mv = DriveMatrix::Zero(1, 1);
  try {
    sim.run(10, nullptr, nullptr, &drive);
    FAIL() << "a drive on a conductance model must be refused";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("coba"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace hrsnn::sim
