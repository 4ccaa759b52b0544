#include "io/network_files.hpp"

#include "core/error.hpp"
#include "core/format.hpp"
#include "core/rng.hpp"
#include "io/csv_table.hpp"
#include "sim/neuron_models.hpp"
#include "core/memory_budget.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <numeric>

namespace hrsnn::io {
namespace fs = std::filesystem;
namespace {

// Bytes one input source costs (per-source row offsets, flags and spike rings in the
// simulator): peak RSS grew by 25 B (static) and 45 B (plastic, compact layout) per source for
// a folder whose one spike came from id 1e7; 100 B leaves room for the commands' own tables.
constexpr double kBytesPerInputSource = 100.0;

const char* kStdp[] = {"tau_plus", "tau_minus", "eta_plus", "eta_minus", "w_min", "w_max"};

std::vector<CsvColumnSpec> synapse_spec(const char* pre_name) {
  std::vector<CsvColumnSpec> spec{{pre_name}, {"post"}, {"weight"}, {"delay"}};
  for (const char* c : kStdp) spec.push_back({c, false, false, true});
  return spec;
}

// Appends the rows of a synapse file; pre indices are offset by `pre_offset` (N for inputs).
void read_synapses(const fs::path& file, const char* pre_name, std::uint32_t pre_offset, std::size_t n_pre_max,
                   double dt, sim::Network& net) {
  check_file_fits(file, 16.0 * 4 + 6 * 8);
  const CsvTable t = CsvTable::read(file, synapse_spec(pre_name));
  sim::SynapseTable& st = net.synapses;
  const bool has_stdp = t.has("tau_plus");
  for (const char* c : kStdp)
    HRSNN_REQUIRE(t.has(c) == has_stdp, file.string() + ": the STDP columns tau_plus,tau_minus,eta_plus,eta_minus,w_min,w_max come all six or none");
  auto& sp = st.stdp;
  // Rows without STDP columns are static: unit time constants and zero rates.
  auto pad_static = [&sp](std::size_t size) {
    for (auto* c : {&sp.tau_plus, &sp.tau_minus}) c->resize(size, 1.0);
    for (auto* c : {&sp.eta_plus, &sp.eta_minus, &sp.w_min, &sp.w_max}) c->resize(size, 0.0);
  };
  if (has_stdp) pad_static(st.size());
  const std::size_t n = net.n_neurons();
  for (std::size_t r = 0; r < t.rows(); ++r) {
    const std::int64_t pre = t.integer(pre_name, r), post = t.integer("post", r);
    HRSNN_REQUIRE(pre >= 0 && static_cast<std::size_t>(pre) < n_pre_max,
            t.where(r) + ": " + pre_name + " " + std::to_string(pre) + " out of range [0, " + std::to_string(n_pre_max) + ")");
    HRSNN_REQUIRE(post >= 0 && static_cast<std::size_t>(post) < n,
            t.where(r) + ": post " + std::to_string(post) + " out of range [0, " + std::to_string(n) + ")");
    const double w = t.numbers("weight")[r];
    const bool exc = pre_offset > 0 || net.neurons.excitatory[pre];
    HRSNN_REQUIRE(!exc || w >= 0, t.where(r) + ": weight " + format_double(w) + " < 0 from an excitatory source");
    HRSNN_REQUIRE(exc || w <= 0, t.where(r) + ": weight " + format_double(w) + " > 0 from an inhibitory neuron");
    const std::int32_t d = sim::delay_to_steps(t.numbers("delay")[r], dt, t.where(r));
    st.add(static_cast<std::uint32_t>(pre + pre_offset), static_cast<std::uint32_t>(post), w, d);
    if (!has_stdp) continue;
    double v[6];
    int blanks = 0;
    for (int k = 0; k < 6; ++k) {
      v[k] = t.numbers(kStdp[k])[r];
      blanks += std::isnan(v[k]) ? 1 : 0;
    }
    HRSNN_REQUIRE(blanks == 0 || blanks == 6, t.where(r) + ": STDP cells must be all filled or all blank");
    if (blanks == 6) {
      pad_static(st.size());
      continue;
    }
    HRSNN_REQUIRE(v[0] > 0 && v[1] > 0, t.where(r) + ": tau_plus and tau_minus must be > 0");
    HRSNN_REQUIRE(v[2] >= 0 && v[3] >= 0, t.where(r) + ": eta_plus and eta_minus must be >= 0");
    HRSNN_REQUIRE(v[4] <= v[5], t.where(r) + ": w_min " + format_double(v[4]) + " > w_max " + format_double(v[5]));
    HRSNN_REQUIRE(w >= v[4] && w <= v[5], t.where(r) + ": weight " + format_double(w) + " outside [w_min, w_max]");
    sp.tau_plus.push_back(v[0]); sp.tau_minus.push_back(v[1]); sp.eta_plus.push_back(v[2]);
    sp.eta_minus.push_back(v[3]); sp.w_min.push_back(v[4]); sp.w_max.push_back(v[5]);
  }
  if (sp.present()) pad_static(st.size());
}

// Sources are numbered densely from 0, so the largest id sets the per-source arrays the
// simulator allocates (row offsets, flags, spike rings): refuse before any of them exists.
void check_source_count(std::int64_t max_source, const std::string& at) {
  if (max_source < 0) return;
  const double sources = static_cast<double>(max_source) + 1.0;
  check_memory(sources * kBytesPerInputSource, at + ": source id " + std::to_string(max_source) + " implies " +
                                                   format_double(sources) + " input sources (ids count from 0), which");
}

// The optional `model` column (lif | adaptive | coba) and each model's columns: required on its
// rows, blank on the others. One model per population; coba for every neuron or none, since its
// weights are conductances (nS) where the others' are currents (mV). Without a model column a
// model's columns, when present, make every neuron of that model.
void read_neuron_models(const CsvTable& t, sim::NeuronTable& nt) {
  const std::string file = t.where(0).substr(0, t.where(0).rfind(':'));
  const std::vector<sim::NeuronModel>& models = sim::neuron_models();
  std::vector<int> model(t.rows(), -1);  // index into models, -1 = lif
  if (t.has("model")) {
    int population_model[2] = {-2, -2};  // per type (I, E)
    for (std::size_t r = 0; r < t.rows(); ++r) {
      const std::string& m = t.texts("model")[r];
      int k = -2;
      if (m == "lif") k = -1;
      for (std::size_t j = 0; j < models.size(); ++j)
        if (m == models[j].name) k = static_cast<int>(j);
      HRSNN_REQUIRE(k > -2, t.where(r) + ": model must be lif, adaptive or coba, got '" + m + "'");
      model[r] = k;
      int& seen = population_model[nt.excitatory[r]];
      HRSNN_REQUIRE(seen == -2 || seen == k, t.where(r) + ": model '" + m + "' differs from earlier " +
                                                 (nt.excitatory[r] ? "E" : "I") + " neurons; one model per population");
      seen = k;
    }
  } else {
    for (std::size_t j = 0; j < models.size(); ++j)
      for (const sim::ModelColumn& c : models[j].columns)
        if (t.has(c.name)) {
          for (int& m : model) {
            HRSNN_REQUIRE(m == -1 || m == static_cast<int>(j), file + ": columns of models " + models[m].name + " and " +
                                                                   models[j].name + " together; add a model column");
            m = static_cast<int>(j);
          }
        }
  }
  std::vector<std::uint8_t> used(models.size(), 0);
  for (int m : model)
    if (m >= 0) used[m] = 1;
  int coba = 0;
  while (std::string(models[coba].name) != "coba") ++coba;
  if (used[coba])
    for (std::size_t r = 0; r < t.rows(); ++r)
      HRSNN_REQUIRE(model[r] == coba, t.where(r) + ": model " + (model[r] < 0 ? "lif" : models[model[r]].name) +
                                          " beside coba neurons; coba must be every neuron's model (its weights are conductances)");
  for (std::size_t j = 0; j < models.size(); ++j) {
    const sim::NeuronModel& mc = models[j];
    for (const sim::ModelColumn& c : mc.columns) {
      HRSNN_REQUIRE(!used[j] || t.has(c.name), file + ": model " + mc.name + " needs the column " + c.name);
      if (!t.has(c.name)) continue;
      for (std::size_t r = 0; r < t.rows(); ++r)
        if (model[r] != static_cast<int>(j))
          HRSNN_REQUIRE(std::isnan(t.numbers(c.name)[r]), t.where(r) + ": " + c.name + " is not a parameter of model " +
                                                              (model[r] < 0 ? "lif" : models[model[r]].name) + " (leave it blank)");
    }
    if (!used[j]) continue;
    sim::add_model_columns(nt, mc);  // rows of other models keep the neutral values (no adaptation: b_a = d_theta = 0)
    for (std::size_t r = 0; r < t.rows(); ++r) {
      if (model[r] != static_cast<int>(j)) continue;
      for (const sim::ModelColumn& c : mc.columns) {
        const double x = t.numbers(c.name)[r];
        HRSNN_REQUIRE(!std::isnan(x), t.where(r) + ": " + c.name + " is blank but the neuron's model is " + mc.name);
        const char* rule = nullptr;
        HRSNN_REQUIRE(sim::sign_ok(c.sign, x, &rule), t.where(r) + ": " + c.name + " must be " + rule + ", got " + format_double(x));
        (nt.*c.values)[r] = x;
      }
    }
  }
}

void read_neurons(const fs::path& file, double dt, sim::Network& net) {
  check_file_fits(file, 200.0);
  std::vector<CsvColumnSpec> spec = {{"id"}, {"type", true, true}};
  for (const auto& [name, column] : sim::lif_columns()) spec.push_back({name});
  spec.push_back({"model", false, true});
  for (const sim::NeuronModel& m : sim::neuron_models())
    for (const sim::ModelColumn& c : m.columns) spec.push_back({c.name, false, false, true});  // blank on other models' rows
  const CsvTable t = CsvTable::read(file, spec);
  HRSNN_REQUIRE(t.rows() > 0, file.string() + ": no neurons");
  sim::NeuronTable& nt = net.neurons;
  nt.resize(t.rows());
  for (std::size_t r = 0; r < t.rows(); ++r) {
    HRSNN_REQUIRE(t.integer("id", r) == static_cast<std::int64_t>(r),
            t.where(r) + ": id " + format_double(t.numbers("id")[r]) + " out of order (expected " + std::to_string(r) + ")");
    const std::string& type = t.texts("type")[r];
    HRSNN_REQUIRE(type == "E" || type == "I", t.where(r) + ": type must be E or I, got '" + type + "'");
    nt.excitatory[r] = type == "E";
    auto get = [&](const char* c, bool positive) {
      const double x = t.numbers(c)[r];
      HRSNN_REQUIRE(!positive || x > 0, t.where(r) + ": " + c + " must be > 0, got " + format_double(x));
      return x;
    };
    nt.tau_m[r] = get("tau_m", true);
    nt.v_rest[r] = get("v_rest", false);
    nt.v_reset[r] = get("v_reset", false);
    nt.v_th[r] = get("v_th", false);
    nt.v_init[r] = get("v_init", false);
    nt.tau_ref[r] = get("tau_ref", false);
    HRSNN_REQUIRE(nt.tau_ref[r] >= 0, t.where(r) + ": tau_ref must be >= 0");
    const std::int64_t ref = sim::to_steps(nt.tau_ref[r], dt, t.where(r) + ": tau_ref");
    HRSNN_REQUIRE(ref < std::numeric_limits<std::int32_t>::max(),  // the simulator counts them in 32 bits
                  t.where(r) + ": tau_ref " + format_double(nt.tau_ref[r]) + " ms is " + std::to_string(ref) +
                      " steps at dt = " + format_double(dt) + " ms, above the supported 2147483647");
    nt.tau_syn_e[r] = get("tau_syn_e", true);
    nt.tau_syn_i[r] = get("tau_syn_i", true);
  }
  read_neuron_models(t, nt);
}

}  // namespace

NetworkFolder read_network_folder(const fs::path& dir, double dt, double duration_ms) {
  HRSNN_REQUIRE(std::isfinite(dt) && dt > 0, "--dt must be > 0, got " + format_double(dt));
  HRSNN_REQUIRE(std::isfinite(duration_ms) && duration_ms > 0, "--duration must be > 0, got " + format_double(duration_ms));
  require_file(fs::is_directory(dir), dir.string() + ": network folder does not exist");
  NetworkFolder out;
  sim::Network& net = out.network;
  net.dt = dt;
  read_neurons(dir / "neurons.csv", dt, net);
  const std::size_t n = net.n_neurons();
  require_file(fs::exists(dir / "synapses.csv"), (dir / "synapses.csv").string() + ": file missing");
  read_synapses(dir / "synapses.csv", "pre", 0, n, dt, net);
  const std::size_t n_recurrent = net.synapses.size();

  std::vector<std::int64_t> steps;
  std::vector<std::uint32_t> sources;
  const std::int64_t n_steps = sim::to_steps(duration_ms, dt, "--duration");
  std::int64_t max_source = -1;
  std::string max_source_at;  // file:line of the largest source id, for the memory estimate
  auto note_source = [&](std::int64_t src, const CsvTable& t, std::size_t r) {
    HRSNN_REQUIRE(src >= 0 && src < (1LL << 31), t.where(r) + ": source " + std::to_string(src) + " out of range [0, 2147483648)");
    if (src > max_source) {
      max_source = src;
      max_source_at = t.where(r);
    }
  };
  if (fs::exists(dir / "inputs.csv")) {
    check_file_fits(dir / "inputs.csv", 40.0);
    const CsvTable t = CsvTable::read(dir / "inputs.csv", {{"source"}, {"time"}});
    for (std::size_t r = 0; r < t.rows(); ++r) {
      const std::int64_t src = t.integer("source", r);
      note_source(src, t, r);
      const std::int64_t s = sim::to_steps(t.numbers("time")[r], dt, t.where(r) + ": time");
      HRSNN_REQUIRE(s >= 0 && s < n_steps, t.where(r) + ": time " + format_double(t.numbers("time")[r]) +
                                         " ms outside [0, " + format_double(duration_ms) + ")");
      steps.push_back(s);
      sources.push_back(static_cast<std::uint32_t>(src));
    }
    HRSNN_REQUIRE(t.rows() == 0 || fs::exists(dir / "input_synapses.csv"),
                  (dir / "inputs.csv").string() + ": " + std::to_string(t.rows()) +
                      " input spikes but no input_synapses.csv connects their sources to the network; add " +
                      (dir / "input_synapses.csv").string() + " or remove inputs.csv");
    std::vector<std::size_t> order(steps.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return steps[a] != steps[b] ? steps[a] < steps[b] : sources[a] < sources[b];
    });
    for (std::size_t k = 0; k < order.size(); ++k) {
      const std::size_t r = order[k];
      if (k > 0 && steps[r] == steps[order[k - 1]] && sources[r] == sources[order[k - 1]])
        throw InputError(t.where(std::max(r, order[k - 1])) + ": source " + std::to_string(sources[r]) +
                         " spikes twice in step " + std::to_string(steps[r]));
      out.inputs.push(steps[r], sources[r]);
    }
  }
  if (fs::exists(dir / "input_synapses.csv")) {
    // Sources are numbered by inputs.csv; input_synapses may name more (silent) sources.
    const CsvTable probe = CsvTable::read(dir / "input_synapses.csv", synapse_spec("source"));
    for (std::size_t r = 0; r < probe.rows(); ++r) note_source(probe.integer("source", r), probe, r);
    check_source_count(max_source, max_source_at);
    net.n_inputs = static_cast<std::uint32_t>(max_source + 1);
    read_synapses(dir / "input_synapses.csv", "source", static_cast<std::uint32_t>(n), net.n_inputs, dt, net);
  } else {
    check_source_count(max_source, max_source_at);
    net.n_inputs = static_cast<std::uint32_t>(max_source + 1);
  }
  out.inputs.n_sources = net.n_inputs;
  net.n_input_synapses = net.synapses.size() - n_recurrent;
  sim::validate(net, dir.string());
  return out;
}

namespace {
/// dt's shortest decimal form as digits × 10^exponent (the digits as text: at most 17 of them).
struct ShortestDecimal {
  std::string digits;
  int exponent = 0;
};

ShortestDecimal shortest_decimal(double dt) {
  char buf[64];
  auto [ptr, ec] = std::to_chars(buf, buf + sizeof buf, dt, std::chars_format::scientific);
  const std::string s(buf, ptr);
  const std::size_t e = s.find('e');
  ShortestDecimal d;
  for (char c : s.substr(0, e))
    if (c != '.') d.digits += c;
  d.exponent = std::stoi(s.substr(e + 1)) - static_cast<int>(d.digits.size() - 1);
  return d;
}
}  // namespace

std::string format_time(std::int64_t step, double dt) {
  // dt's shortest decimal form in scientific notation: digits × 10^exp, then exact integer product.
  const ShortestDecimal sd = shortest_decimal(dt);
  const std::string& digits = sd.digits;
  int exponent = sd.exponent;
  const uint128_t prod = static_cast<uint128_t>(std::stoull(digits)) *
                                 static_cast<uint128_t>(step < 0 ? -step : step);
  std::string p;
  uint128_t q = prod;
  do {
    p.push_back(static_cast<char>('0' + static_cast<int>(q % 10)));
    q /= 10;
  } while (q > 0);
  std::reverse(p.begin(), p.end());
  if (exponent >= 0) {
    if (prod != 0) p.append(static_cast<std::size_t>(exponent), '0');
  } else {
    const std::size_t frac = static_cast<std::size_t>(-exponent);
    if (p.size() <= frac) p = std::string(frac - p.size() + 1, '0') + p;
    p = p.substr(0, p.size() - frac) + "." + p.substr(p.size() - frac);
    while (p.back() == '0') p.pop_back();
    if (p.back() == '.') p.pop_back();
  }
  return (step < 0 ? "-" : "") + p;
}

void write_spikes_csv(const fs::path& file, const std::vector<std::int64_t>& steps,
                      const std::vector<std::uint32_t>& neurons, double dt) {
  std::ofstream out(file);
  HRSNN_REQUIRE(out.good(), file.string() + ": cannot write");
  out << "neuron,step,time\n";
  for (std::size_t k = 0; k < steps.size(); ++k)
    out << neurons[k] << ',' << steps[k] << ',' << format_time(steps[k], dt) << '\n';
  out.flush();
  HRSNN_REQUIRE(out.good(), file.string() + ": write failed (disk full?)");
}

void write_weights_csv(const fs::path& file, const std::vector<double>& weights) {
  std::FILE* f = std::fopen(file.string().c_str(), "w");
  HRSNN_REQUIRE(f != nullptr, file.string() + ": cannot write");
  std::fputs("weight\n", f);
  for (double w : weights) std::fprintf(f, "%.17g\n", w);
  const bool ok = std::fflush(f) == 0;
  std::fclose(f);
  HRSNN_REQUIRE(ok, file.string() + ": write failed (disk full?)");
}

}  // namespace hrsnn::io

namespace hrsnn::io {

void write_network_folder(const fs::path& dir, const sim::Network& net, const SpikeEvents& inputs) {
  fs::create_directories(dir);
  const sim::NeuronTable& nt = net.neurons;
  {
    std::ofstream out(dir / "neurons.csv");
    HRSNN_REQUIRE(out.good(), (dir / "neurons.csv").string() + ": cannot write");
    // Every neuron of a table with a model's columns is written as that model (a lif row of an
    // adaptive table holds the neutral b_a = d_theta = 0, which is the same dynamics).
    const sim::NeuronModel* model = nullptr;
    for (const sim::NeuronModel& m : sim::neuron_models())
      if ((nt.*m.present)()) model = &m;
    out << "id,type";
    for (const auto& [name, column] : sim::lif_columns()) out << ',' << name;
    if (model) {
      out << ",model";
      for (const sim::ModelColumn& c : model->columns) out << ',' << c.name;
    }
    out << '\n';
    for (std::size_t i = 0; i < nt.size(); ++i) {
      out << i << ',' << (nt.excitatory[i] ? 'E' : 'I');
      for (const auto& [name, column] : sim::lif_columns()) out << ',' << format_double((nt.*column)[i]);
      if (model) {
        out << ',' << model->name;
        for (const sim::ModelColumn& c : model->columns) out << ',' << format_double((nt.*c.values)[i]);
      }
      out << '\n';
    }
  }
  const sim::SynapseTable& st = net.synapses;
  const std::size_t n = nt.size();
  auto write_rows = [&](const fs::path& file, const char* pre_name, bool inputs_only) {
    std::ofstream out(file);
    HRSNN_REQUIRE(out.good(), file.string() + ": cannot write");
    out << pre_name << ",post,weight,delay";
    if (st.stdp.present()) out << ",tau_plus,tau_minus,eta_plus,eta_minus,w_min,w_max";
    out << '\n';
    for (std::size_t s = 0; s < st.size(); ++s) {
      if ((st.pre[s] >= n) != inputs_only) continue;
      out << (inputs_only ? st.pre[s] - n : st.pre[s]) << ',' << st.post[s] << ',' << format_double(st.weight[s])
          << ',' << format_time(st.delay[s], net.dt);
      if (st.stdp.present()) {
        if (st.stdp.plastic(s))
          out << ',' << format_double(st.stdp.tau_plus[s]) << ',' << format_double(st.stdp.tau_minus[s]) << ','
              << format_double(st.stdp.eta_plus[s]) << ',' << format_double(st.stdp.eta_minus[s]) << ','
              << format_double(st.stdp.w_min[s]) << ',' << format_double(st.stdp.w_max[s]);
        else
          out << ",,,,,,";
      }
      out << '\n';
    }
  };
  write_rows(dir / "synapses.csv", "pre", false);
  write_rows(dir / "input_synapses.csv", "source", true);
  std::ofstream out(dir / "inputs.csv");
  out << "source,time\n";
  for (std::size_t k = 0; k < inputs.size(); ++k) out << inputs.source[k] << ',' << format_time(inputs.step[k], net.dt) << '\n';
  HRSNN_REQUIRE(out.good(), (dir / "inputs.csv").string() + ": write failed");
}

std::vector<double> times_ms(const std::vector<std::int64_t>& steps, double dt) {
  // dt = m * 10^e in its shortest decimal form. With m * step and 10^-e exact doubles (below
  // 2^53 and 10^22), one IEEE division is correctly rounded: the nearest double to the exact
  // decimal that format_time prints. Otherwise parse that decimal (exact, slower, rare).
  const ShortestDecimal sd = shortest_decimal(dt);
  const std::string& digits = sd.digits;
  const int exponent = sd.exponent;
  const double m = static_cast<double>(std::stoull(digits));
  constexpr double exact = 9007199254740992.0;  // 2^53
  double scale = 1.0;
  for (int k = 0; k < std::abs(exponent) && k < 23; ++k) scale *= 10.0;
  std::vector<double> out(steps.size());
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const double prod = m * static_cast<double>(steps[i]);
    if (std::abs(prod) < exact && std::abs(static_cast<double>(steps[i])) < exact && std::abs(exponent) <= 22)
      out[i] = exponent >= 0 ? prod * scale : prod / scale;
    else
      out[i] = std::strtod(format_time(steps[i], dt).c_str(), nullptr);
  }
  return out;
}

}  // namespace hrsnn::io
