#include "http/multipart.hpp"

#include "base/text.hpp"

namespace kulanz::http {
namespace {

base::Unexpected<base::Error> bad(std::string what) {
  return base::fail(base::ErrorCode::invalid_argument, std::move(what), "body");
}

// The value of parameter `key` in a header value like `form-data; name="a"; filename="b"`;
// quoted strings may hold ';' and backslash escapes. found = false when absent.
std::string parameter(std::string_view value, std::string_view key, bool& found) {
  found = false;
  std::size_t i = 0;
  while (i < value.size()) {
    // One parameter: name up to '=' or ';'.
    while (i < value.size() && (value[i] == ' ' || value[i] == '\t' || value[i] == ';')) ++i;
    std::size_t name_start = i;
    while (i < value.size() && value[i] != '=' && value[i] != ';') ++i;
    std::string name = base::ascii_lower(base::trim(value.substr(name_start, i - name_start)));
    std::string v;
    if (i < value.size() && value[i] == '=') {
      ++i;
      while (i < value.size() && (value[i] == ' ' || value[i] == '\t')) ++i;
      if (i < value.size() && value[i] == '"') {
        ++i;
        while (i < value.size() && value[i] != '"') {
          if (value[i] == '\\' && i + 1 < value.size()) ++i;
          v += value[i++];
        }
        if (i < value.size()) ++i;  // the closing quote
      } else {
        std::size_t start = i;
        while (i < value.size() && value[i] != ';') ++i;
        v = std::string(base::trim(value.substr(start, i - start)));
      }
    }
    if (name == key) {
      found = true;
      return v;
    }
    while (i < value.size() && value[i] != ';') ++i;
  }
  return {};
}

}  // namespace

std::string multipart_boundary(std::string_view content_type) {
  const auto semicolon = content_type.find(';');
  if (!base::iequals_ascii(base::trim(content_type.substr(0, semicolon)), "multipart/form-data")) return {};
  if (semicolon == std::string_view::npos) return {};
  bool found = false;
  std::string b = parameter(content_type.substr(semicolon + 1), "boundary", found);
  if (!found || b.empty() || b.size() > 70) return {};
  return b;
}

base::Result<std::vector<FormPart>> parse_multipart(std::string_view body, std::string_view boundary,
                                                    std::size_t max_parts) {
  if (boundary.empty()) return bad("the form has no multipart boundary");
  const std::string delimiter = "--" + std::string(boundary);
  const std::string next = "\r\n" + delimiter;
  // The first delimiter starts the body or follows a preamble line.
  std::size_t at;
  if (body.substr(0, delimiter.size()) == delimiter) {
    at = delimiter.size();
  } else {
    at = body.find(next);
    if (at == std::string_view::npos) return bad("the form's body does not start with its boundary");
    at += next.size();
  }
  std::vector<FormPart> parts;
  while (true) {
    if (body.substr(at, 2) == "--") return parts;  // the closing delimiter
    if (body.substr(at, 2) != "\r\n") return bad("a boundary of the form is not followed by a line break");
    at += 2;
    const auto headers_end = body.find("\r\n\r\n", at);
    if (headers_end == std::string_view::npos || headers_end - at > 8192) {
      return bad("a part of the form has no end of its headers (or headers over 8 KiB)");
    }
    if (parts.size() == max_parts) return bad("the form has more than " + std::to_string(max_parts) + " parts");
    FormPart part;
    bool disposition = false;
    std::string_view headers = body.substr(at, headers_end - at);
    while (!headers.empty()) {
      const auto eol = headers.find("\r\n");
      std::string_view line = headers.substr(0, eol);
      headers = eol == std::string_view::npos ? std::string_view{} : headers.substr(eol + 2);
      const auto colon = line.find(':');
      if (colon == std::string_view::npos) return bad("a part of the form has a header line without a colon");
      const std::string_view name = base::trim(line.substr(0, colon));
      const std::string_view value = base::trim(line.substr(colon + 1));
      if (base::iequals_ascii(name, "content-disposition")) {
        const auto semicolon = value.find(';');
        if (!base::iequals_ascii(base::trim(value.substr(0, semicolon)), "form-data") || semicolon == std::string_view::npos) {
          return bad("a part of the form is not form-data");
        }
        bool has_name = false;
        part.name = parameter(value.substr(semicolon + 1), "name", has_name);
        part.filename = parameter(value.substr(semicolon + 1), "filename", part.is_file);
        if (!has_name || part.name.empty()) return bad("a part of the form has no field name");
        disposition = true;
      } else if (base::iequals_ascii(name, "content-type")) {
        part.content_type = std::string(value);
      }
    }
    if (!disposition) return bad("a part of the form has no Content-Disposition");
    const std::size_t data_start = headers_end + 4;
    const auto data_end = body.find(next, data_start);
    if (data_end == std::string_view::npos) return bad("a part of the form is not closed by its boundary");
    part.data = std::string(body.substr(data_start, data_end - data_start));
    parts.push_back(std::move(part));
    at = data_end + next.size();
  }
}

}  // namespace kulanz::http
