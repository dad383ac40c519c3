#pragma once
// The 16 German states (Länder), identified by the suffix of their ISO 3166-2:DE code.
// Holidays are state law, so the calendar needs the state; the customer record keeps the
// code as text and converts it here when a calendar question is asked.
#include <array>
#include <cstdint>
#include <string_view>

#include "base/result.hpp"

namespace kulanz::calendar {

enum class GermanState : std::uint8_t { BW, BY, BE, BB, HB, HH, HE, MV, NI, NW, RP, SL, SN, ST, SH, TH };

inline constexpr std::size_t kGermanStateCount = 16;

// All states in the order of the enumeration (the usual official order of the codes).
const std::array<GermanState, kGermanStateCount>& all_german_states();

// "BY"
std::string_view code(GermanState state);
// "Bayern"
std::string_view german_name(GermanState state);

// Accepts the two-letter code in any case, optionally prefixed "DE-" ("by", "DE-BY").
// Anything else is an error (state_invalid) that lists the valid codes.
base::Result<GermanState> parse_german_state(std::string_view text);

}  // namespace kulanz::calendar
