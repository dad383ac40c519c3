#include "base/error.hpp"

namespace kulanz::base {

std::string Error::to_string() const {
  std::string out;
  if (!location.empty()) out += location + ": ";
  if (!field.empty()) out += field + ": ";
  out += detail.empty() ? std::string(info().message) : detail;
  out += " [E" + std::to_string(number()) + "]";
  return out;
}

}  // namespace kulanz::base
