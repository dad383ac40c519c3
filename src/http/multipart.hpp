#pragma once
// multipart/form-data bodies (RFC 7578), as browsers send forms with files. The body is
// hostile input: the boundary, every part's headers and the number of parts are checked,
// and anything malformed is an error rather than a guess.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"

namespace kulanz::http {

struct FormPart {
  std::string name;          // the form field
  std::string filename;      // empty for a plain field
  bool is_file = false;      // the part carried a filename parameter (maybe empty: no file chosen)
  std::string content_type;  // as declared (never trusted for files)
  std::string data;
};

inline constexpr std::size_t kMaxFormParts = 32;

// The boundary of a `multipart/form-data; boundary=...` Content-Type, or empty when the
// header is not one (other types, no boundary, a boundary of more than 70 characters).
std::string multipart_boundary(std::string_view content_type);

// The parts of `body`. Errors (request_invalid, field "body"): no opening boundary, a part
// without the closing boundary, a part without Content-Disposition form-data and a name,
// headers over 8 KiB, more than `max_parts` parts.
base::Result<std::vector<FormPart>> parse_multipart(std::string_view body, std::string_view boundary,
                                                    std::size_t max_parts = kMaxFormParts);

}  // namespace kulanz::http
