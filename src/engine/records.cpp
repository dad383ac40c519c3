// Names of the engine's record enums, as stored in the database and shown in the API.
#include "engine/records.hpp"

#include <array>
#include <utility>

namespace kulanz::engine {
namespace {

template <class E, std::size_t N>
base::Result<E> parse_named(std::string_view text, const std::array<std::pair<E, std::string_view>, N>& names,
                             std::string_view what) {
  std::string allowed;
  for (const auto& [value, name] : names) {
    if (name == text) return value;
    allowed += (allowed.empty() ? "" : ", ") + std::string(name);
  }
  return base::fail(base::ErrorCode::enum_invalid,
                    "'" + std::string(text) + "' is not a " + std::string(what) + "; use one of: " + allowed);
}

template <class E, std::size_t N>
std::string_view name_of(E value, const std::array<std::pair<E, std::string_view>, N>& names) {
  for (const auto& [v, name] : names) {
    if (v == value) return name;
  }
  return "?";
}

constexpr std::array<std::pair<HoldKind, std::string_view>, 6> kHoldKinds{{
    {HoldKind::dispute, "dispute"},
    {HoldKind::payment_plan, "payment_plan"},
    {HoldKind::promise_to_pay, "promise_to_pay"},
    {HoldKind::insolvency, "insolvency"},
    {HoldKind::deceased, "deceased"},
    {HoldKind::manual, "manual"},
}};

constexpr std::array<std::pair<DecisionKind, std::string_view>, 7> kDecisionKinds{{
    {DecisionKind::send_message, "send_message"},
    {DecisionKind::create_task, "create_task"},
    {DecisionKind::post_fee, "post_fee"},
    {DecisionKind::post_interest, "post_interest"},
    {DecisionKind::escalate, "escalate"},
    {DecisionKind::defer, "defer"},
    {DecisionKind::skip, "skip"},
}};

}  // namespace

std::string_view to_string(HoldKind k) { return name_of(k, kHoldKinds); }
base::Result<HoldKind> parse_hold_kind(std::string_view s) { return parse_named(s, kHoldKinds, "hold kind"); }

std::string_view to_string(HoldEnd e) { return e == HoldEnd::ended ? "ended" : "broken"; }

std::string_view to_string(StepState s) { return s == StepState::done ? "done" : "skipped"; }

std::string_view to_string(DecisionKind k) { return name_of(k, kDecisionKinds); }
base::Result<DecisionKind> parse_decision_kind(std::string_view s) {
  return parse_named(s, kDecisionKinds, "decision kind");
}

}  // namespace kulanz::engine
