// The piecewise-constant external drive (sim/external_drive.hpp): one neuron against the closed
// form of tau_m du/dt = -u + I_e + I_i + D(t) evaluated directly (long double), firing periods on
// the dt grid, window switching, runs in pieces, zero drive = no drive bit for bit in every
// precision and plastic layout, float32 beside float64, and the input-side builder D = s G W_inᵀ.
#include "core/error.hpp"
#include "core/rng.hpp"
#include "encode/poisson_spikes.hpp"
#include "sim/build_network.hpp"
#include "sim/external_drive.hpp"
#include "sim/simulator.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>
#include <vector>

namespace hrsnn::sim {
namespace {

// Membrane response at time t after a unit current jump at 0 (exact, or the τs = τm limit).
long double kernel(long double t, long double tau_m, long double tau_s) {
  if (t < 0) return 0;
  if (tau_m == tau_s) return t / tau_m * std::exp(-t / tau_m);
  return tau_s / (tau_s - tau_m) * (std::exp(-t / tau_s) - std::exp(-t / tau_m));
}

struct Case {
  double dt, tau_m, tau_e, tau_i;
};

// One probe neuron (threshold out of reach) with excitatory and inhibitory input spikes and a
// drive of random level in [-5, 20] mV per window of 173 steps (windows end off any round step).
void check_driven_trace(const Case& c, std::uint64_t seed, Precision precision = Precision::Double) {
  Network net;
  net.dt = c.dt;
  net.neurons.resize(1);
  auto& nt = net.neurons;
  nt.tau_m = {c.tau_m};
  nt.v_rest = {-65.0};
  nt.v_reset = {-65.0};
  nt.v_th = {1e9};
  nt.v_init = {-61.5};
  nt.tau_ref = {0.0};
  nt.tau_syn_e = {c.tau_e};
  nt.tau_syn_i = {c.tau_i};
  nt.excitatory = {1};
  net.n_inputs = 2;
  net.synapses.add(1, 0, 1.25, 2);
  net.synapses.add(2, 0, 0.0, 0);  // an input that contributes only through the (absent) drive

  const std::int64_t n_steps = 60000, per_window = 173;
  Rng rng(seed);
  SpikeEvents in;
  in.n_sources = 2;
  for (std::int64_t s = 0; s < n_steps; ++s)
    if (rng.uniform() < 0.02) in.push(s, 0);
  ExternalDrive drive;
  drive.steps_per_window = per_window;
  drive.d_mv.resize((n_steps + per_window - 1) / per_window, 1);
  for (Eigen::Index k = 0; k < drive.d_mv.rows(); ++k) drive.d_mv(k, 0) = -5.0 + 25.0 * rng.uniform();

  Simulator sim(net, SimOptions{false, Pairing::Nearest, PlasticLayout::Auto, precision});
  SpikeRecorder rec;
  rec.neurons_probe = {0};
  sim.run(n_steps, &in, &rec, &drive);

  // v after step n is v(t_{n+1}); window k acts on [k W dt, (k+1) W dt); a spike delivered
  // in step a (= input step + delay) acts from t_{a+1}.
  const long double dt = c.dt, tau = c.tau_m;
  double max_u = 0.0, max_err = 0.0;
  Rng pick(seed + 1);
  for (int sample = 0; sample < 300; ++sample) {
    const std::int64_t n = static_cast<std::int64_t>(pick.below(n_steps));
    const long double t = (n + 1) * dt;
    long double u = 3.5L * std::exp(-t / tau);
    for (std::size_t k = 0; k < in.size(); ++k) {
      const long double t0 = (in.step[k] + 2 + 1) * dt;
      if (t0 <= t) u += 1.25L * kernel(t - t0, tau, c.tau_e);
    }
    for (Eigen::Index k = 0; k * per_window * dt < t; ++k) {
      const long double b0 = k * per_window * dt, b1 = std::min(t, (k + 1) * per_window * dt);
      u += drive.d_mv(k, 0) * (std::exp(-(t - b1) / tau) - std::exp(-(t - b0) / tau));
    }
    const double got = rec.v_samples[static_cast<std::size_t>(n)] + 65.0;
    max_u = std::max(max_u, std::abs(static_cast<double>(u)));
    max_err = std::max(max_err, std::abs(got - static_cast<double>(u)));
  }
  ASSERT_GT(max_u, 1.0);
  const double tolerance = precision == Precision::Double ? 1e-9 : 1e-4;
  EXPECT_LE(max_err / max_u, tolerance) << "dt " << c.dt << " tau_m " << c.tau_m << " tau_e " << c.tau_e;
}

TEST(ExternalDrive, TraceEqualsAnalyticSolution) { check_driven_trace({0.1, 20.0, 5.0, 10.0}, 1); }
TEST(ExternalDrive, TraceEqualsAnalyticSolutionAtDt1) { check_driven_trace({1.0, 13.0, 3.0, 8.0}, 2); }
TEST(ExternalDrive, TraceEqualsAnalyticSolutionTauMEqualsTauSyn) { check_driven_trace({0.1, 10.0, 10.0, 10.0}, 3); }
TEST(ExternalDrive, TraceEqualsAnalyticSolutionTauMMuchSmallerThanDt) { check_driven_trace({1.0, 1e-3, 5.0, 10.0}, 4); }
TEST(ExternalDrive, Float32TraceStaysCloseToTheAnalyticSolution) {
  check_driven_trace({0.1, 20.0, 5.0, 10.0}, 1, Precision::Single);
  check_driven_trace({1.0, 13.0, 3.0, 8.0}, 2, Precision::Single);
}

// Below threshold from rest: v(t) = v_rest + D (1 − e^{−t/τm}) at every step.
TEST(ExternalDrive, ConstantDriveBelowThresholdChargesExponentially) {
  Network net;
  net.dt = 0.1;
  net.neurons.resize(1);
  auto& nt = net.neurons;
  nt.tau_m = {17.0}; nt.v_rest = {-65.0}; nt.v_reset = {-65.0}; nt.v_th = {-50.0}; nt.v_init = {-65.0};
  nt.tau_ref = {2.0}; nt.tau_syn_e = {5.0}; nt.tau_syn_i = {10.0}; nt.excitatory = {1};
  ExternalDrive drive;
  drive.steps_per_window = 20000;
  drive.d_mv = DriveMatrix::Constant(1, 1, 14.5);
  Simulator sim(net, SimOptions{});
  SpikeRecorder rec;
  rec.neurons_probe = {0};
  sim.run(20000, nullptr, &rec, &drive);
  EXPECT_EQ(rec.size(), 0u);
  double max_err = 0.0;
  for (std::int64_t n = 0; n < 20000; ++n) {
    const double want = 14.5 * -std::expm1(-(n + 1) * 0.1 / 17.0);
    max_err = std::max(max_err, std::abs(rec.v_samples[static_cast<std::size_t>(n)] + 65.0 - want));
  }
  EXPECT_LE(max_err, 14.5 * 1e-12);
}

Network tonic_neuron(double dt, double tau_m, double tau_ref) {
  Network net;
  net.dt = dt;
  net.neurons.resize(1);
  auto& nt = net.neurons;
  nt.tau_m = {tau_m}; nt.v_rest = {-65.0}; nt.v_reset = {-65.0}; nt.v_th = {-50.0}; nt.v_init = {-65.0};
  nt.tau_ref = {tau_ref}; nt.tau_syn_e = {5.0}; nt.tau_syn_i = {10.0}; nt.excitatory = {1};
  return net;
}

std::vector<std::int64_t> driven_spikes(const Network& net, const ExternalDrive& drive, std::int64_t n_steps,
                                        Precision p = Precision::Double) {
  Simulator sim(net, SimOptions{false, Pairing::Nearest, PlasticLayout::Auto, p});
  SpikeRecorder rec;
  sim.run(n_steps, nullptr, &rec, &drive);
  return rec.step;
}

// Free integrations needed from rest to reach θ = 15 mV under D: the first k with
// D (1 − e^{−k dt/τm}) ≥ θ, i.e. ceil(τm/dt · ln(D/(D − θ))).
std::int64_t charge_steps(double dt, double tau_m, double d) {
  const double x = tau_m / dt * std::log(d / (d - 15.0));
  EXPECT_GT(std::abs(x - std::round(x)), 1e-6) << "parameters sit on a rounding boundary";
  return static_cast<std::int64_t>(std::ceil(x));
}

// Above threshold: the first spike after k* − 1 steps, then every max(R, 1) − 1 + k* steps
// (R refractory steps, as fi_curve_test), within dt of τ_ref + τm ln(D/(D − θ)).
TEST(ExternalDrive, FiringPeriodOnTheGrid) {
  for (Precision p : {Precision::Double, Precision::Single})
    for (double dt : {1.0, 0.1})
      for (double d : {15.7, 22.0, 60.0})
        for (double tau_ref : {0.0, 2.0, 3.0})
          for (double tau_m : {7.3, 20.0}) {
            ExternalDrive drive;
            const auto n_steps = static_cast<std::int64_t>(1000 / dt);
            drive.steps_per_window = n_steps;
            drive.d_mv = DriveMatrix::Constant(1, 1, d);
            const auto steps = driven_spikes(tonic_neuron(dt, tau_m, tau_ref), drive, n_steps, p);
            const std::int64_t k = charge_steps(dt, tau_m, d);
            const auto r = static_cast<std::int64_t>(std::floor(tau_ref / dt + 0.001));
            const std::int64_t isi = std::max<std::int64_t>(r, 1) - 1 + k;
            const double period = tau_ref + tau_m * std::log(d / (d - 15.0));
            ASSERT_LE(std::abs(isi * dt - period), dt + 1e-9);
            ASSERT_GE(steps.size(), 2u) << "dt " << dt << " D " << d;
            EXPECT_EQ(steps[0], k - 1) << "dt " << dt << " D " << d << " tau_m " << tau_m;
            for (std::size_t j = 1; j < steps.size(); ++j)
              ASSERT_EQ(steps[j] - steps[j - 1], isi) << "dt " << dt << " D " << d << " tau_ref " << tau_ref;
          }
}

// D = 0, 30, 0, 30 mV in windows of 500 steps: silent in the zero windows; in window 1 the
// neuron starts exactly at rest, so its spikes follow the grid formula from step 500.
TEST(ExternalDrive, SwitchesAtWindowBoundaries) {
  const double dt = 0.1, tau_m = 20.0;
  ExternalDrive drive;
  drive.steps_per_window = 500;
  drive.d_mv.resize(4, 1);
  drive.d_mv << 0.0, 30.0, 0.0, 30.0;
  const auto steps = driven_spikes(tonic_neuron(dt, tau_m, 2.0), drive, 2000);
  const std::int64_t k = charge_steps(dt, tau_m, 30.0), isi = 20 - 1 + k;
  std::vector<std::int64_t> want;
  for (std::int64_t s = 500 + k - 1; s < 1000; s += isi) want.push_back(s);
  std::vector<std::int64_t> in_window1, later;
  for (std::int64_t s : steps) {
    ASSERT_TRUE((s >= 500 && s < 1000) || s >= 1500) << "spike at step " << s << " in a zero-drive window";
    (s < 1000 ? in_window1 : later).push_back(s);
  }
  EXPECT_EQ(in_window1, want);
  ASSERT_FALSE(later.empty());
  EXPECT_LE(later.front(), 1500 + k - 1);  // starts above rest (charge left from window 1)
}

// Runs in pieces, advancing offset_steps, give the bits of one run (the window countdown starts
// mid-window).
TEST(ExternalDrive, PiecewiseRunsEqualOneRun) {
  NetworkSpec spec;
  spec.n = 200;
  spec.dt = 0.1;
  spec.exc.tau_m = Law::gamma_shape(20.0, 3.0);
  const Network net = build_network(spec, 5);
  Rng rng(9);
  Eigen::MatrixXd g(12, spec.n_inputs);
  for (Eigen::Index k = 0; k < g.size(); ++k) g(k) = rng.uniform();
  const ExternalDrive drive = drive_from_inputs(net, g, 0.3, 200);
  const std::int64_t total = 12 * 200;
  Simulator whole(net, SimOptions{}), pieces(net, SimOptions{});
  SpikeRecorder a, b;
  whole.run(total, nullptr, &a, &drive);
  ASSERT_GT(a.size(), 100u);
  ExternalDrive piece = drive;
  for (std::int64_t len : {337, 663, 1, 1399}) {
    pieces.run(len, nullptr, &b, &piece);
    piece.offset_steps += len;
  }
  ASSERT_EQ(piece.offset_steps, total);
  EXPECT_EQ(a.step, b.step);
  EXPECT_EQ(a.neuron, b.neuron);
  EXPECT_EQ(whole.v(), pieces.v());
}

struct RunBits {
  std::vector<std::int64_t> steps;
  std::vector<std::uint32_t> neurons;
  std::vector<double> v, w;
};

RunBits run_bits(const Network& net, const SpikeEvents& in, std::int64_t n_steps, const SimOptions& o,
                 const ExternalDrive* drive) {
  Simulator sim(net, o);
  SpikeRecorder rec;
  sim.run(n_steps, &in, &rec, drive);
  return {rec.step, rec.neuron, sim.v(), sim.weights(net)};
}

bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

// A drive of zeros changes no bit: every precision and plastic layout, STDP on.
TEST(ExternalDrive, ZeroDriveEqualsNoDriveBitForBit) {
  NetworkSpec spec;
  spec.n = 300;
  spec.dt = 0.1;
  spec.exc.tau_m = Law::gamma_shape(20.0, 3.0);
  const Network net = build_network(spec, 6);
  const std::int64_t steps = 10000;
  const SpikeEvents in = encode::spikes_from_rates(Eigen::MatrixXd::Constant(1, spec.n_inputs, 20.0), steps, spec.dt, 3);
  ExternalDrive zero;
  zero.steps_per_window = 200;
  zero.d_mv = DriveMatrix::Zero(steps / 200, spec.n);
  for (Precision p : {Precision::Double, Precision::Single})
    for (PlasticLayout layout : {PlasticLayout::Wide, PlasticLayout::Compact}) {
      const SimOptions o{true, Pairing::Nearest, layout, p};
      const RunBits a = run_bits(net, in, steps, o, nullptr), b = run_bits(net, in, steps, o, &zero);
      ASSERT_GT(a.steps.size(), 1000u);
      EXPECT_EQ(a.steps, b.steps);
      EXPECT_EQ(a.neurons, b.neurons);
      EXPECT_TRUE(same_bits(a.v, b.v));
      EXPECT_TRUE(same_bits(a.w, b.w));
    }
}

// With a drive (and input spikes), two runs are identical, and STDP sees the driven spikes.
TEST(ExternalDrive, DrivenPlasticRunsAreDeterministic) {
  NetworkSpec spec;
  spec.n = 300;
  spec.dt = 0.1;
  const Network net = build_network(spec, 7);
  const std::int64_t steps = 8000;
  const SpikeEvents in = encode::spikes_from_rates(Eigen::MatrixXd::Constant(1, spec.n_inputs, 5.0), steps, spec.dt, 4);
  Rng rng(2);
  Eigen::MatrixXd g(steps / 200, spec.n_inputs);
  for (Eigen::Index k = 0; k < g.size(); ++k) g(k) = rng.uniform();
  const ExternalDrive drive = drive_from_inputs(net, g, 0.2, 200);
  for (Precision p : {Precision::Double, Precision::Single})
    for (PlasticLayout layout : {PlasticLayout::Wide, PlasticLayout::Compact}) {
      const SimOptions o{true, Pairing::Nearest, layout, p};
      const RunBits a = run_bits(net, in, steps, o, &drive), b = run_bits(net, in, steps, o, &drive);
      const RunBits undriven = run_bits(net, in, steps, o, nullptr);
      EXPECT_GT(a.steps.size(), undriven.steps.size());
      EXPECT_EQ(a.steps, b.steps);
      EXPECT_EQ(a.neurons, b.neurons);
      EXPECT_TRUE(same_bits(a.v, b.v));
      EXPECT_TRUE(same_bits(a.w, b.w));
      EXPECT_FALSE(same_bits(a.w, undriven.w));
    }
}

// A drive-only network (the `current` pathway): float32 keeps double's statistics, as
// precision_test asks of spike input.
TEST(ExternalDrive, Float32KeepsTheDrivenNetworksRates) {
  NetworkSpec spec;
  spec.n = 1000;
  spec.dt = 0.1;
  spec.exc.tau_m = Law::gamma_shape(20.0, 3.0);
  const Network net = build_network(spec, 8);
  const std::int64_t steps = 30000, per_window = 200;
  Rng rng(3);
  Eigen::MatrixXd g(steps / per_window, spec.n_inputs);
  for (Eigen::Index k = 0; k < g.size(); ++k) g(k) = rng.uniform();
  const ExternalDrive drive = drive_from_inputs(net, g, 0.4, per_window);
  const SpikeEvents none;
  std::size_t spikes[2];
  int q = 0;
  for (Precision p : {Precision::Double, Precision::Single})
    spikes[q++] = run_bits(net, none, steps, SimOptions{false, Pairing::Nearest, PlasticLayout::Auto, p}, &drive).steps.size();
  ASSERT_GT(spikes[0], 5000u);
  std::printf("driven network: %zu spikes in double, %zu in float32\n", spikes[0], spikes[1]);
  EXPECT_NEAR(static_cast<double>(spikes[1]), static_cast<double>(spikes[0]), 0.03 * spikes[0]);
}

// D = s G W_inᵀ by hand: 3 neurons, 2 sources, recurrent synapses ignored.
TEST(ExternalDrive, BuilderMatchesHandComputedDrive) {
  Network net;
  net.dt = 1.0;
  net.neurons.resize(3);
  net.n_inputs = 2;
  net.synapses.add(0, 1, 7.0, 1);   // recurrent: no drive
  net.synapses.add(3, 0, 2.0, 4);   // source 0 -> neuron 0 (the delay does not apply)
  net.synapses.add(3, 2, 1.0, 0);   // source 0 -> neuron 2
  net.synapses.add(4, 2, 4.0, 0);   // source 1 -> neuron 2
  Eigen::MatrixXd g(2, 2);
  g << 0.5, 0.25,
       1.0, 0.0;
  const ExternalDrive d = drive_from_inputs(net, g, 0.5, 20);
  DriveMatrix want(2, 3);
  want << 0.5 * 2.0 * 0.5, 0.0, 0.5 * 1.0 * 0.5 + 0.5 * 4.0 * 0.25,
          0.5 * 2.0 * 1.0, 0.0, 0.5 * 1.0 * 1.0;
  EXPECT_EQ(d.d_mv, want);
  EXPECT_EQ(d.steps_per_window, 20);
  EXPECT_EQ(d.offset_steps, 0);
  const std::vector<double> w = {7.0, 2.0, 3.0, 0.0};  // e.g. weights after STDP
  const ExternalDrive d2 = drive_from_inputs(net, g, 1.0, 20, &w);
  EXPECT_DOUBLE_EQ(d2.d_mv(0, 2), 3.0 * 0.5);
  EXPECT_DOUBLE_EQ(d2.d_mv(1, 0), 2.0);

  EXPECT_THROW(drive_from_inputs(net, Eigen::MatrixXd::Zero(2, 3), 1.0, 20), InputError);
  EXPECT_THROW(drive_from_inputs(net, g, -1.0, 20), InputError);
  EXPECT_THROW(drive_from_inputs(net, g, 1.0, 0), InputError);
  Eigen::MatrixXd bad = g;
  bad(1, 1) = std::numeric_limits<double>::quiet_NaN();
  EXPECT_THROW(drive_from_inputs(net, bad, 1.0, 20), InputError);
  const std::vector<double> short_w = {1.0};
  EXPECT_THROW(drive_from_inputs(net, g, 1.0, 20, &short_w), InputError);
}

TEST(ExternalDrive, RunRefusesADriveThatDoesNotFit) {
  const Network net = tonic_neuron(1.0, 20.0, 2.0);
  Simulator sim(net, SimOptions{});
  ExternalDrive d;
  d.steps_per_window = 10;
  d.d_mv = DriveMatrix::Zero(3, 1);
  EXPECT_NO_THROW(sim.run(30, nullptr, nullptr, &d));
  EXPECT_THROW(sim.run(31, nullptr, nullptr, &d), InputError);   // beyond the last window
  d.offset_steps = 5;
  EXPECT_THROW(sim.run(26, nullptr, nullptr, &d), InputError);
  EXPECT_NO_THROW(sim.run(25, nullptr, nullptr, &d));
  d.offset_steps = -1;
  EXPECT_THROW(sim.run(1, nullptr, nullptr, &d), InputError);
  d.offset_steps = 0;
  d.steps_per_window = 0;
  EXPECT_THROW(sim.run(1, nullptr, nullptr, &d), InputError);
  d.steps_per_window = 10;
  d.d_mv = DriveMatrix::Zero(3, 2);  // two neurons' columns for one neuron
  EXPECT_THROW(sim.run(1, nullptr, nullptr, &d), InputError);
  d.d_mv = DriveMatrix::Constant(3, 1, std::numeric_limits<double>::infinity());
  EXPECT_THROW(sim.run(1, nullptr, nullptr, &d), InputError);
}

}  // namespace
}  // namespace hrsnn::sim
