#include "base/error_codes.hpp"

#include <cassert>
#include <iterator>

namespace kulanz::base {
namespace {
constexpr ErrorInfo kRegistry[] = {
#define KULANZ_X(num, name, status, msg) {ErrorCode::name, #name, status, msg},
    KULANZ_ERROR_CODES(KULANZ_X)
#undef KULANZ_X
};
}  // namespace

const ErrorInfo& error_info(ErrorCode code) {
  for (const auto& e : kRegistry) {
    if (e.code == code) return e;
  }
  assert(false && "error code missing from registry");
  return kRegistry[0];
}

const ErrorInfo* error_registry_begin() { return std::begin(kRegistry); }
const ErrorInfo* error_registry_end() { return std::end(kRegistry); }

}  // namespace kulanz::base
