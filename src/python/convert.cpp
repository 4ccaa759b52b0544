#include "convert.hpp"

namespace hrsnn::python {

py::object to_python(const nlohmann::json& j) {
  switch (j.type()) {
    case nlohmann::json::value_t::null:
      return py::none();
    case nlohmann::json::value_t::boolean:
      return py::bool_(j.get<bool>());
    case nlohmann::json::value_t::number_integer:
      return py::int_(j.get<std::int64_t>());
    case nlohmann::json::value_t::number_unsigned:
      return py::int_(j.get<std::uint64_t>());
    case nlohmann::json::value_t::number_float:
      return py::float_(j.get<double>());
    case nlohmann::json::value_t::string:
      return py::str(j.get_ref<const std::string&>());
    case nlohmann::json::value_t::array: {
      py::list out;
      for (const auto& x : j) out.append(to_python(x));
      return out;
    }
    case nlohmann::json::value_t::object: {
      py::dict out;
      for (const auto& [k, x] : j.items()) out[py::str(k)] = to_python(x);
      return out;
    }
    default:
      return py::none();  // binary and discarded values never occur in hrsnn's results
  }
}

io::Config make_config(const std::optional<std::string>& file, const std::vector<std::string>& assignments,
                       const std::string& source) {
  io::Config cfg = file ? io::Config::from_file(*file) : io::Config(source);
  for (const auto& kv : assignments) cfg.set(kv);
  return cfg;
}

}  // namespace hrsnn::python
