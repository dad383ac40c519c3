#pragma once
// How long an SMS is: characters, whether it fits the GSM 03.38 alphabet (GSM-7), and how
// many segments a carrier bills for it.
#include <cstddef>
#include <string_view>

namespace kulanz::comms {

struct SmsInfo {
  std::size_t characters = 0;  // Unicode code points
  bool gsm7 = true;            // every character in the GSM-7 basic or extension table
  std::size_t units = 0;       // GSM-7: septets (extension characters such as € count 2); else UTF-16 code units
  std::size_t segments = 0;    // GSM-7: 160 in one, 153 per part; else 70 in one, 67 per part
};

// `text` must be valid UTF-8. German umlauts and ß are GSM-7; "€" is an extension character.
SmsInfo measure_sms(std::string_view text);

}  // namespace kulanz::comms
