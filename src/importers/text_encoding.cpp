#include "importers/text_encoding.hpp"

#include <algorithm>

#include "base/text.hpp"

namespace kulanz::importers {

std::string_view to_string(Encoding e) {
  switch (e) {
    case Encoding::auto_detect: return "auto";
    case Encoding::utf8: return "utf-8";
    case Encoding::windows_1252: return "windows-1252";
    case Encoding::latin_1: return "latin-1";
  }
  return "auto";
}

base::Result<Encoding> parse_encoding(std::string_view text) {
  auto s = base::ascii_lower(base::trim(text));
  if (s == "auto") return Encoding::auto_detect;
  if (s == "utf-8" || s == "utf8") return Encoding::utf8;
  if (s == "windows-1252" || s == "cp1252" || s == "win1252") return Encoding::windows_1252;
  if (s == "latin-1" || s == "latin1" || s == "iso-8859-1" || s == "iso8859-1") return Encoding::latin_1;
  return base::fail(base::ErrorCode::invalid_argument,
                    "'" + std::string(text) + "' is not a supported encoding (use auto, utf-8, windows-1252 or latin-1)",
                    "encoding");
}

std::string latin1_to_utf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 8);
  for (unsigned char c : bytes) {
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back(static_cast<char>(0xC0 | (c >> 6)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
  }
  return out;
}

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

// Offset of the first byte that does not start a valid UTF-8 sequence (same rules as
// base::is_valid_utf8: no overlongs, no surrogates, <= U+10FFFF).
std::size_t first_invalid_utf8(std::string_view s) {
  const auto* b = reinterpret_cast<const unsigned char*>(s.data());
  std::size_t i = 0;
  while (i < s.size()) {
    unsigned char c = b[i];
    if (c < 0x80) { ++i; continue; }
    std::size_t len = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
    if (len == 0 || i + len > s.size() || !base::is_valid_utf8(s.substr(i, len))) return i;
    i += len;
  }
  return s.size();
}

}  // namespace

base::Result<DecodedText> decode_text(std::string bytes, Encoding encoding, std::string_view source_name) {
  DecodedText out;
  const bool has_bom = std::string_view(bytes).substr(0, 3) == kBom;
  if (has_bom && encoding != Encoding::windows_1252 && encoding != Encoding::latin_1) {
    bytes.erase(0, kBom.size());
    if (encoding == Encoding::auto_detect) encoding = Encoding::utf8;
  }
  bool checked_utf8 = false;
  if (encoding == Encoding::auto_detect) {
    checked_utf8 = base::is_valid_utf8(bytes);
    encoding = checked_utf8 ? Encoding::utf8 : Encoding::windows_1252;
  }
  out.detected = encoding;
  switch (encoding) {
    case Encoding::utf8: {
      if (!checked_utf8 && !base::is_valid_utf8(bytes)) {
        std::size_t at = first_invalid_utf8(bytes);
        auto line = 1 + std::count(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(at), '\n');
        base::Error e(base::ErrorCode::import_encoding,
                      "byte " + std::to_string(at + 1) + " is not valid UTF-8; the file is probably Windows-1252 "
                      "(use --encoding windows-1252 or auto)");
        e.location = std::string(source_name) + ":" + std::to_string(line);
        return base::fail(std::move(e));
      }
      out.text = std::move(bytes);
      break;
    }
    case Encoding::windows_1252: out.text = base::cp1252_to_utf8(bytes); break;
    case Encoding::latin_1: out.text = latin1_to_utf8(bytes); break;
    case Encoding::auto_detect: break;
  }
  return out;
}

}  // namespace kulanz::importers
