#include "calendar/german_state.hpp"

#include <string>

#include "base/text.hpp"

namespace kulanz::calendar {
namespace {

struct StateInfo {
  std::string_view code;
  std::string_view name;
};

constexpr std::array<StateInfo, kGermanStateCount> kStates = {{
    {"BW", "Baden-Württemberg"}, {"BY", "Bayern"},          {"BE", "Berlin"},
    {"BB", "Brandenburg"},       {"HB", "Bremen"},          {"HH", "Hamburg"},
    {"HE", "Hessen"},            {"MV", "Mecklenburg-Vorpommern"},
    {"NI", "Niedersachsen"},     {"NW", "Nordrhein-Westfalen"},
    {"RP", "Rheinland-Pfalz"},   {"SL", "Saarland"},        {"SN", "Sachsen"},
    {"ST", "Sachsen-Anhalt"},    {"SH", "Schleswig-Holstein"}, {"TH", "Thüringen"},
}};

const StateInfo& info(GermanState s) { return kStates[static_cast<std::size_t>(s)]; }

std::string code_list() {
  std::string out;
  for (const auto& s : kStates) out += (out.empty() ? "" : ", ") + std::string(s.code);
  return out;
}

}  // namespace

const std::array<GermanState, kGermanStateCount>& all_german_states() {
  static constexpr std::array<GermanState, kGermanStateCount> kAll = {
      GermanState::BW, GermanState::BY, GermanState::BE, GermanState::BB, GermanState::HB, GermanState::HH,
      GermanState::HE, GermanState::MV, GermanState::NI, GermanState::NW, GermanState::RP, GermanState::SL,
      GermanState::SN, GermanState::ST, GermanState::SH, GermanState::TH};
  return kAll;
}

std::string_view code(GermanState state) { return info(state).code; }
std::string_view german_name(GermanState state) { return info(state).name; }

base::Result<GermanState> parse_german_state(std::string_view text) {
  std::string key = base::ascii_upper(base::trim(text));
  if (key.rfind("DE-", 0) == 0) key.erase(0, 3);
  for (std::size_t i = 0; i < kStates.size(); ++i) {
    if (kStates[i].code == key) return static_cast<GermanState>(i);
  }
  return base::fail(base::ErrorCode::state_invalid,
                    "'" + std::string(text) + "' is not a German state code (use one of " + code_list() + ")", "state");
}

}  // namespace kulanz::calendar
