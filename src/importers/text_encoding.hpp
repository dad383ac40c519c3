#pragma once
// Bytes of an import file -> UTF-8 text. German ERPs write UTF-8 (with or without BOM)
// or Windows-1252/Latin-1; auto-detection takes valid UTF-8 as UTF-8, else Windows-1252.
#include <string>
#include <string_view>

#include "base/result.hpp"

namespace kulanz::importers {

enum class Encoding { auto_detect, utf8, windows_1252, latin_1 };

std::string_view to_string(Encoding e);  // "auto", "utf-8", "windows-1252", "latin-1"
// "auto", "utf-8"/"utf8", "windows-1252"/"cp1252", "latin-1"/"latin1"/"iso-8859-1"
base::Result<Encoding> parse_encoding(std::string_view text);

struct DecodedText {
  std::string text;          // UTF-8 without BOM
  Encoding detected = Encoding::utf8;
};

// Converts `bytes` to UTF-8. Forcing utf8 on text that is not valid UTF-8 fails with
// import_encoding naming `source_name`, the line and the byte offset of the first bad byte.
base::Result<DecodedText> decode_text(std::string bytes, Encoding encoding, std::string_view source_name);

// ISO 8859-1 to UTF-8: every byte is the code point of the same number.
std::string latin1_to_utf8(std::string_view bytes);

}  // namespace kulanz::importers
