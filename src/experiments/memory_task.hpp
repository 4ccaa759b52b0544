/// \file memory_task.hpp
/// \brief Memory capacity, spiking activity and spike efficiency of one network (docs/model.md §5).
///
/// u(t) i.i.d. uniform on [0, 1], one value per window, rate coded (M neurons, Gaussian
/// tuning). Protocol: STDP phase over the training windows, freeze, reset, then a frozen run
/// over washout + train + test windows; states are per-window features; C from
/// metrics::memory_capacity; S = spikes per neuron per window over the test windows; E = C/S.
/// u and its spikes depend only on the seed, so every variant sees the same input.
#pragma once

#include <memory>

#include "sim/simulator.hpp"

#include "encode/rate_encoder.hpp"
#include "experiments/baseline_cache.hpp"
#include "experiments/reservoir.hpp"
#include "experiments/task_result.hpp"
#include "metrics/memory_capacity.hpp"
#include "sim/network_spec.hpp"

namespace hrsnn::experiments {

/// Settings of the memory-capacity task.
struct MemoryTaskOptions {
  metrics::MemoryCapacityOptions mc;  ///< washout 200, train 2000, test 1000, K = 100
  encode::RateCodeParams code;        ///< M = 20, 200 Hz, 20 ms windows
  FeatureSpec features;               ///< counts or traces (at one or more τ)
  bool stdp_phase = true;             ///< run the unsupervised STDP phase first
  bool shuffle_learned_ee = false;    ///< permute the learned E→E weights after that phase (shuffle_plastic_ee)
  sim::SimOptions engine{true};  ///< pairing, plastic layout and precision (plastic is switched by the task)
  std::shared_ptr<BaselineCache> esn; ///< the echo-state-network baseline, per seed (none: not run)
};

/// Runs the task for one network; scalars: capacity_raw, capacity_corrected, esn_capacity_corrected, S, efficiency
/// (C_corrected / S), s_over_c, rates, ISI CV, effective_dim, log det heterogeneity.
TaskResult run_memory_task(const sim::NetworkSpec& spec, std::uint64_t seed, const MemoryTaskOptions& options);

}  // namespace hrsnn::experiments
