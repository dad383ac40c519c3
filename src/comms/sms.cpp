#include "comms/sms.hpp"

#include <cstdint>
#include <string_view>

namespace kulanz::comms {
namespace {

// The GSM 03.38 basic character set besides ASCII letters and digits (ESC left out).
constexpr std::u32string_view kBasic =
    U"@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./:;<=>?¡ÄÖÑÜ§¿äöñüà";
// The extension table: each costs an escape septet plus its own.
constexpr std::u32string_view kExtension = U"\f^{}\\[~]|€";

bool in_basic(char32_t c) {
  if ((c >= U'0' && c <= U'9') || (c >= U'A' && c <= U'Z') || (c >= U'a' && c <= U'z')) return true;
  return kBasic.find(c) != std::u32string_view::npos;
}

bool in_extension(char32_t c) { return kExtension.find(c) != std::u32string_view::npos; }

// Decodes one code point of valid UTF-8 at `i` and advances `i`.
char32_t next_code_point(std::string_view s, std::size_t& i) {
  auto byte = [&](std::size_t k) { return static_cast<std::uint8_t>(s[k]); };
  std::uint8_t b = byte(i);
  if (b < 0x80) {
    i += 1;
    return b;
  }
  std::size_t n = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
  char32_t c = b & (n == 4 ? 0x07 : n == 3 ? 0x0F : 0x1F);
  for (std::size_t k = 1; k < n && i + k < s.size(); ++k) c = (c << 6) | (byte(i + k) & 0x3F);
  i += n;
  return c;
}

}  // namespace

SmsInfo measure_sms(std::string_view text) {
  SmsInfo info;
  std::size_t septets = 0;
  std::size_t utf16_units = 0;
  for (std::size_t i = 0; i < text.size();) {
    char32_t c = next_code_point(text, i);
    ++info.characters;
    utf16_units += c > 0xFFFF ? 2 : 1;
    if (in_basic(c)) {
      septets += 1;
    } else if (in_extension(c)) {
      septets += 2;
    } else {
      info.gsm7 = false;
    }
  }
  if (info.gsm7) {
    info.units = septets;
    info.segments = septets == 0 ? 0 : septets <= 160 ? 1 : (septets + 152) / 153;
  } else {
    info.units = utf16_units;
    info.segments = utf16_units <= 70 ? 1 : (utf16_units + 66) / 67;
  }
  return info;
}

}  // namespace kulanz::comms
