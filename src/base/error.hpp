#pragma once
#include <string>
#include <utility>

#include "base/error_codes.hpp"

namespace kulanz::base {

// An expected failure: a registry code plus what exactly went wrong and where.
// `field` names the input field/column ("amount", "due_date"); `location` names the
// place in the input ("invoices.csv:17") when there is one.
struct Error {
  ErrorCode code = ErrorCode::internal;
  std::string detail;    // specific, actionable: what is wrong and how to fix it
  std::string field;     // optional
  std::string location;  // optional

  Error() = default;
  Error(ErrorCode c, std::string d = {}, std::string f = {}) : code(c), detail(std::move(d)), field(std::move(f)) {}

  const ErrorInfo& info() const { return error_info(code); }
  int number() const { return static_cast<int>(code); }
  int http_status() const { return info().http_status; }
  // "E2006 Invalid date ...: '31.02.2026' does not exist"
  std::string to_string() const;
};

}  // namespace kulanz::base
