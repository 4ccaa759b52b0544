// Threads inside one network (SimOptions::threads): the spikes, membrane potentials and weights
// are bit-identical to one thread's for every neuron model, precision, plastic layout, with and
// without an external drive, and for team sizes that do not divide the network. The team
// itself: every member runs once per call, many calls in a row.
#include "core/error.hpp"
#include "encode/poisson_spikes.hpp"
#include "sim/build_network.hpp"
#include "sim/external_drive.hpp"
#include "sim/simulator.hpp"
#include "sim/thread_team.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <vector>

#if defined(__x86_64__)
#include <xmmintrin.h>
#endif

namespace hrsnn::sim {
namespace {

struct Outcome {
  std::vector<std::int64_t> step;
  std::vector<std::uint32_t> neuron;
  std::vector<double> v, w;
};

// `in` covers the first steps / 2 steps; the second run gets no input spikes.
Outcome run(const Network& net, const SpikeEvents& in, std::int64_t steps, SimOptions o, const ExternalDrive* drive = nullptr) {
  Simulator sim(net, o);
  SpikeRecorder rec;
  sim.run(steps / 2, drive ? nullptr : &in, &rec, drive);  // two runs: state carries over between them
  ExternalDrive rest;
  if (drive) {
    rest = *drive;
    rest.offset_steps = steps / 2;
  }
  SpikeEvents none;
  none.n_sources = in.n_sources;
  sim.run(steps - steps / 2, &none, &rec, drive ? &rest : nullptr);
  return {rec.step, rec.neuron, sim.v(), sim.weights(net)};
}

Network heterogeneous(std::uint32_t n, bool adaptive, std::uint64_t seed) {
  NetworkSpec spec;
  spec.n = n;
  spec.dt = 0.1;
  spec.exc.tau_m = Law::gamma_shape(20.0, 3.0);
  spec.inh.tau_m = Law::gamma_shape(10.0, 3.0);
  spec.stdp.tau_plus = Law::gamma_shape(20.0, 3.0);
  spec.adaptive = adaptive;
  if (adaptive) spec.exc.b_a = Law::point(1.0);
  return build_network(spec, seed);
}

void expect_same(const Outcome& a, const Outcome& b, const char* what) {
  ASSERT_GT(a.step.size(), 50u) << what << ": too few spikes to mean anything";
  EXPECT_EQ(a.step, b.step) << what;
  EXPECT_EQ(a.neuron, b.neuron) << what;
  EXPECT_EQ(a.v, b.v) << what;  // bit for bit
  EXPECT_EQ(a.w, b.w) << what;
}

TEST(Threads, SpikesPotentialsAndWeightsDoNotDependOnTheThreadCount) {
  // Short runs: under ctest -j the members often share a busy core, where each step waits for a
  // descheduled member (correct, but slow).
  const std::int64_t steps = 2000;  // 200 ms
  for (bool adaptive : {false, true}) {
    const Network net = heterogeneous(1003, adaptive, 5);  // 1003: shares that do not divide it
    const SpikeEvents in = encode::spikes_from_rates(Eigen::MatrixXd::Constant(1, net.n_inputs, 30.0), steps / 2, net.dt, 3);
    for (Precision p : {Precision::Double, Precision::Single})
      for (PlasticLayout layout : {PlasticLayout::Wide, PlasticLayout::Compact})
        for (bool plastic : {false, true}) {
          if (layout == PlasticLayout::Compact && !plastic) continue;
          SimOptions o{plastic, Pairing::Nearest, layout, p};
          const Outcome one = run(net, in, steps, o);
          o.threads = p == Precision::Double && layout == PlasticLayout::Wide && plastic ? 3 : 2;
          expect_same(one, run(net, in, steps, o), adaptive ? "adaptive" : "lif");
        }
  }
}

TEST(Threads, ConductanceModelAndDriveAreThreadIndependentToo) {
  const std::int64_t steps = 2000;
  Network net = heterogeneous(701, false, 9);
  net.neurons.make_conductance();
  for (std::uint32_t i = 0; i < net.n_neurons(); ++i) net.neurons.g_l[i] = 8.0 + (i % 7);
  for (double& w : net.synapses.weight) w *= 0.4;  // mV-sized weights as nS: a busy network
  const SpikeEvents in = encode::spikes_from_rates(Eigen::MatrixXd::Constant(1, net.n_inputs, 30.0), steps / 2, net.dt, 4);
  for (Kernel k : {Kernel::Exact, Kernel::Fast}) {
    SimOptions o{true, Pairing::Nearest, PlasticLayout::Wide, Precision::Double, k};
    const Outcome one = run(net, in, steps, o);
    o.threads = 2;
    expect_same(one, run(net, in, steps, o), "coba");
  }
  // A current drive on the plain LIF network.
  const Network lif = heterogeneous(640, false, 11);
  ExternalDrive drive;
  drive.steps_per_window = 100;
  drive.d_mv = DriveMatrix::Constant(steps / 100, lif.n_neurons(), 0.0);
  for (Eigen::Index r = 0; r < drive.d_mv.rows(); ++r)
    for (Eigen::Index c = 0; c < drive.d_mv.cols(); ++c) drive.d_mv(r, c) = 12.0 + static_cast<double>((r * 7 + c * 13) % 11);
  SpikeEvents none;
  none.n_sources = lif.n_inputs;
  SimOptions o{true};
  const Outcome one = run(lif, none, steps, o, &drive);
  o.threads = 2;
  expect_same(one, run(lif, none, steps, o, &drive), "drive");
}

TEST(Threads, TeamRunsEveryMemberOncePerCallAndRefusesBadCounts) {
  ThreadTeam team(3);
  std::vector<std::atomic<int>> hits(3);
  auto task = [&](int m) { hits[static_cast<std::size_t>(m)].fetch_add(1); };
  for (int k = 0; k < 5000; ++k) team.run(task);
  for (auto& h : hits) EXPECT_EQ(h.load(), 5000);
#if defined(__x86_64__)
  // Workers run under the caller's control word: the simulator's flush-to-zero reaches them.
  const unsigned saved = _mm_getcsr();
  _mm_setcsr(saved | 0x8040u);
  std::vector<unsigned> csr(3);
  auto read_csr = [&](int m) { csr[static_cast<std::size_t>(m)] = _mm_getcsr(); };
  team.run(read_csr);
  _mm_setcsr(saved);
  for (unsigned c : csr) EXPECT_EQ(c & 0x8040u, 0x8040u);
#endif
  EXPECT_EQ(share(1003, 3, 0).first, 0u);
  EXPECT_EQ(share(1003, 3, 2).second, 1003u);
  EXPECT_EQ(share(1003, 3, 0).second, share(1003, 3, 1).first);
  EXPECT_EQ(share(1003, 3, 1).first % 64, 0u);
  EXPECT_EQ(share(5, 4, 3).first, 5u);  // fewer neurons than shares: empty tail shares
  EXPECT_EQ(share(100, 3, 1).first, 64u);
  EXPECT_EQ(share(100, 3, 2).first, 100u);
  const Network net = heterogeneous(200, false, 1);
  SimOptions o;
  o.threads = 0;
  EXPECT_THROW(Simulator(net, o), InputError);
}

}  // namespace
}  // namespace hrsnn::sim
