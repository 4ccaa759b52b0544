#include "io/npy.hpp"

#include "core/error.hpp"

#include <cstring>
#include <fstream>
#include <string>

namespace hrsnn::io {

void write_spikes_npy(const std::filesystem::path& file, const std::vector<std::int64_t>& steps,
                      const std::vector<std::uint32_t>& neurons) {
  require(steps.size() == neurons.size(), "write_spikes_npy: steps and neurons differ in length");
  std::string header = "{'descr': [('neuron', '<u4'), ('step', '<i8')], 'fortran_order': False, 'shape': (" +
                       std::to_string(steps.size()) + ",), }";
  const std::size_t preamble = 10;  // magic (6) + version (2) + header length (2)
  const std::size_t total = ((preamble + header.size() + 1 + 63) / 64) * 64;
  header.append(total - preamble - header.size() - 1, ' ');
  header.push_back('\n');
  std::ofstream out(file, std::ios::binary);
  require(out.good(), file.string() + ": cannot write");
  const char magic[8] = {'\x93', 'N', 'U', 'M', 'P', 'Y', 1, 0};
  out.write(magic, 8);
  const auto len = static_cast<std::uint16_t>(header.size());
  const char len_le[2] = {static_cast<char>(len & 0xFF), static_cast<char>(len >> 8)};
  out.write(len_le, 2);
  out.write(header.data(), static_cast<std::streamsize>(header.size()));
  std::vector<char> buffer;
  buffer.reserve(1 << 20);
  for (std::size_t k = 0; k < steps.size(); ++k) {  // x86-64 is little-endian, as the header says
    char rec[12];
    std::memcpy(rec, &neurons[k], 4);
    std::memcpy(rec + 4, &steps[k], 8);
    buffer.insert(buffer.end(), rec, rec + 12);
    if (buffer.size() >= (1 << 20)) {
      out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
      buffer.clear();
    }
  }
  out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
  out.flush();
  require(out.good(), file.string() + ": write failed (disk full?)");
}

}  // namespace hrsnn::io
