/// \file shd.cpp
/// \brief SHD HDF5 reader on the HDF5 C API (layout in shd.hpp).
#include "data/shd.hpp"

#include "core/error.hpp"

#include <hdf5.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

namespace hrsnn::data {
namespace {

// Closes an HDF5 handle with the matching close function when it leaves scope.
struct Handle {
  hid_t id;
  herr_t (*close)(hid_t);
  ~Handle() {
    if (id >= 0) close(id);
  }
};

// Silences HDF5's own error printing while we turn failures into InputErrors.
struct QuietHdf5 {
  H5E_auto2_t func = nullptr;
  void* data = nullptr;
  QuietHdf5() {
    H5Eget_auto2(H5E_DEFAULT, &func, &data);
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  }
  ~QuietHdf5() { H5Eset_auto2(H5E_DEFAULT, func, data); }
};

hsize_t length_of(hid_t dset, const std::string& what) {
  Handle space{H5Dget_space(dset), H5Sclose};
  require(space.id >= 0 && H5Sget_simple_extent_ndims(space.id) == 1, what + " must be a 1-D dataset");
  hsize_t n = 0;
  H5Sget_simple_extent_dims(space.id, &n, nullptr);
  return n;
}

// Reads a 1-D vlen dataset converting elements to `mem_base`; returns one vector per row.
template <class T>
std::vector<std::vector<T>> read_vlen(hid_t file, const char* path, hid_t mem_base, const std::string& name) {
  Handle d{H5Dopen2(file, path, H5P_DEFAULT), H5Dclose};
  require(d.id >= 0, name + ": dataset " + path + " not found");
  const hsize_t n = length_of(d.id, name + ": " + path);
  Handle mt{H5Tvlen_create(mem_base), H5Tclose};
  std::vector<hvl_t> buf(n);
  require(H5Dread(d.id, mt.id, H5S_ALL, H5S_ALL, H5P_DEFAULT, buf.data()) >= 0,
          name + ": dataset " + path + " is not a variable-length numeric list");
  std::vector<std::vector<T>> out(n);
  for (hsize_t i = 0; i < n; ++i) {
    const T* p = static_cast<const T*>(buf[i].p);
    out[i].assign(p, p + buf[i].len);
  }
  Handle space{H5Dget_space(d.id), H5Sclose};
  H5Dvlen_reclaim(mt.id, space.id, H5P_DEFAULT, buf.data());
  return out;
}

std::vector<int> read_labels(hid_t file, const std::string& name) {
  Handle d{H5Dopen2(file, "/labels", H5P_DEFAULT), H5Dclose};
  require(d.id >= 0, name + ": dataset /labels not found");
  std::vector<int> labels(length_of(d.id, name + ": /labels"));
  require(H5Dread(d.id, H5T_NATIVE_INT, H5S_ALL, H5S_ALL, H5P_DEFAULT, labels.data()) >= 0,
          name + ": /labels is not an integer dataset");
  return labels;
}

}  // namespace

EventSet load_shd(const std::filesystem::path& path, double dt_ms, std::uint32_t n_units) {
  const std::string name = path.string();
  require(dt_ms > 0.0, "load_shd: dt_ms must be positive");
  require_file(std::filesystem::exists(path), name + ": file does not exist");
  QuietHdf5 quiet;
  Handle f{H5Fopen(name.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose};
  require(f.id >= 0, name + ": not a readable HDF5 file");
  const auto times = read_vlen<double>(f.id, "/spikes/times", H5T_NATIVE_DOUBLE, name);
  const auto units = read_vlen<std::uint32_t>(f.id, "/spikes/units", H5T_NATIVE_UINT32, name);
  EventSet set;
  set.labels = read_labels(f.id, name);
  require(times.size() == units.size() && times.size() == set.labels.size(),
          name + ": /spikes/times, /spikes/units and /labels have different numbers of samples");
  std::uint32_t max_unit = 0;
  for (const auto& u : units)
    for (auto v : u) max_unit = std::max(max_unit, v);
  require(n_units > 0 || max_unit < std::numeric_limits<std::uint32_t>::max(),
          name + ": unit id " + std::to_string(max_unit) + " is too large");  // max_unit + 1 must not wrap to 0
  set.n_units = n_units > 0 ? n_units : max_unit + 1;
  set.dt_ms = dt_ms;
  std::vector<std::pair<std::int64_t, std::uint32_t>> ev;
  for (std::size_t s = 0; s < times.size(); ++s) {
    const std::string at = name + ": sample " + std::to_string(s);
    require(times[s].size() == units[s].size(), at + ": times and units have different lengths");
    ev.clear();
    for (std::size_t k = 0; k < times[s].size(); ++k) {
      const double t = times[s][k];
      require(std::isfinite(t) && t >= 0.0, at + ": negative or non-finite spike time");
      require(t * 1000.0 / dt_ms < 9e15, at + ": spike time " + std::to_string(t) + " s is too many steps of " +
                                             std::to_string(dt_ms) + " ms");  // checked before llround narrows it
      require(units[s][k] < set.n_units, at + ": unit " + std::to_string(units[s][k]) + " >= n_units " +
                                             std::to_string(set.n_units));
      ev.emplace_back(std::llround(t * 1000.0 / dt_ms), units[s][k]);
    }
    std::sort(ev.begin(), ev.end());
    const auto end = std::unique(ev.begin(), ev.end());
    set.merged_duplicates += static_cast<std::size_t>(ev.end() - end);
    ev.erase(end, ev.end());
    SpikeEvents se;
    se.n_sources = set.n_units;
    se.step.reserve(ev.size());
    se.source.reserve(ev.size());
    for (const auto& [st, src] : ev) se.push(st, src);
    set.n_steps.push_back(ev.empty() ? 0 : ev.back().first + 1);
    set.samples.push_back(std::move(se));
  }
  return set;
}

}  // namespace hrsnn::data
