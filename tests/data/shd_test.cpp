#include "data/shd.hpp"

#include "core/error.hpp"
#include "data/test_files.hpp"

#include <gtest/gtest.h>
#include <hdf5.h>

namespace hrsnn::data {
namespace {

using testing::error_of;
using testing::ScratchDir;

// Writes a file in the SHD layout with the C API: float32 times, uint16 units, uint8 labels.
void write_shd(const std::filesystem::path& p, const std::vector<std::vector<float>>& times,
               const std::vector<std::vector<std::uint16_t>>& units, const std::vector<std::uint8_t>& labels,
               bool with_units = true) {
  const hid_t f = H5Fcreate(p.string().c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
  const hid_t g = H5Gcreate2(f, "spikes", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
  auto write_vlen = [&](const char* name, hid_t base, const auto& rows) {
    std::vector<hvl_t> buf(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) buf[i] = {rows[i].size(), const_cast<void*>(static_cast<const void*>(rows[i].data()))};
    const hsize_t n = rows.size();
    const hid_t space = H5Screate_simple(1, &n, nullptr);
    const hid_t type = H5Tvlen_create(base);
    const hid_t d = H5Dcreate2(g, name, type, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    H5Dwrite(d, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, buf.data());
    H5Dclose(d);
    H5Tclose(type);
    H5Sclose(space);
  };
  write_vlen("times", H5T_NATIVE_FLOAT, times);
  if (with_units) write_vlen("units", H5T_NATIVE_UINT16, units);
  const hsize_t n = labels.size();
  const hid_t space = H5Screate_simple(1, &n, nullptr);
  const hid_t d = H5Dcreate2(f, "labels", H5T_STD_U8LE, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
  H5Dwrite(d, H5T_NATIVE_UINT8, H5S_ALL, H5S_ALL, H5P_DEFAULT, labels.data());
  H5Dclose(d);
  H5Sclose(space);
  H5Gclose(g);
  H5Fclose(f);
}

TEST(Shd, EventsAreBinnedSortedAndDeduplicated) {
  ScratchDir dir;
  // Sample 0 (float32 times, away from half-step ties): unsorted,, two spikes of unit 3 within one 1 ms step.
  write_shd(dir / "s.h5", {{0.0107f, 0.0021f, 0.0024f, 0.0020f}, {}, {0.5f}},
            {{7, 3, 3, 1}, {}, {699}}, {4, 0, 19});
  const EventSet s = load_shd(dir / "s.h5", 1.0);
  ASSERT_EQ(s.samples.size(), 3u);
  EXPECT_EQ(s.labels, (std::vector<int>{4, 0, 19}));
  EXPECT_EQ(s.n_units, 700u);  // inferred max unit + 1
  const SpikeEvents& e = s.samples[0];
  EXPECT_EQ(e.n_sources, 700u);
  EXPECT_EQ(e.step, (std::vector<std::int64_t>{2, 2, 11}));   // round(t / 1 ms)
  EXPECT_EQ(e.source, (std::vector<std::uint32_t>{1, 3, 7}));
  EXPECT_EQ(s.merged_duplicates, 1u);
  EXPECT_EQ(s.samples[1].size(), 0u);
  EXPECT_EQ(s.n_steps, (std::vector<std::int64_t>{12, 0, 501}));
  const EventSet fine = load_shd(dir / "s.h5", 0.1, 800);
  EXPECT_EQ(fine.n_units, 800u);
  EXPECT_EQ(fine.samples[0].step, (std::vector<std::int64_t>{20, 21, 24, 107}));
  EXPECT_EQ(fine.merged_duplicates, 0u);
}

TEST(Shd, BadFilesAreClearErrors) {
  ScratchDir dir;
  write_shd(dir / "nounits.h5", {{0.1f}}, {{1}}, {0}, false);
  std::string msg = error_of([&] { load_shd(dir / "nounits.h5", 1.0); });
  EXPECT_NE(msg.find("nounits.h5: dataset /spikes/units not found"), std::string::npos) << msg;
  write_shd(dir / "ragged.h5", {{0.1f, 0.2f}}, {{1}}, {0});
  msg = error_of([&] { load_shd(dir / "ragged.h5", 1.0); });
  EXPECT_NE(msg.find("sample 0: times and units have different lengths"), std::string::npos) << msg;
  write_shd(dir / "count.h5", {{0.1f}}, {{1}}, {0, 1});
  EXPECT_THROW(load_shd(dir / "count.h5", 1.0), InputError);
  write_shd(dir / "neg.h5", {{-0.1f}}, {{1}}, {0});
  EXPECT_THROW(load_shd(dir / "neg.h5", 1.0), InputError);
  write_shd(dir / "far.h5", {{1e30f}}, {{1}}, {0});  // used to be narrowed by llround
  msg = error_of([&] { load_shd(dir / "far.h5", 1.0); });
  EXPECT_NE(msg.find("far.h5: sample 0: spike time"), std::string::npos) << msg;
  EXPECT_NE(msg.find("is too many steps"), std::string::npos) << msg;
  write_shd(dir / "unit.h5", {{0.1f}}, {{5}}, {0});
  msg = error_of([&] { load_shd(dir / "unit.h5", 1.0, 5); });
  EXPECT_NE(msg.find("unit 5 >= n_units 5"), std::string::npos) << msg;
  dir.write("text.h5", "not hdf5");
  msg = error_of([&] { load_shd(dir / "text.h5", 1.0); });
  EXPECT_NE(msg.find("text.h5: not a readable HDF5 file"), std::string::npos) << msg;
  EXPECT_THROW(load_shd(dir / "absent.h5", 1.0), InputError);
}

}  // namespace
}  // namespace hrsnn::data
