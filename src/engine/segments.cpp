// Segment assignment: first matching rule in file order, with an explanation.
#include <algorithm>
#include <string>

#include "engine/collection.hpp"
#include "money/money.hpp"

namespace kulanz::engine {

std::string Diagnostic::to_string() const {
  return file + ":" + std::to_string(pos.line) + ":" + std::to_string(pos.column) + ": " + message;
}

std::string_view to_string(Attribute a) {
  switch (a) {
    case Attribute::type: return "type";
    case Attribute::key_account: return "key_account";
    case Attribute::also_supplier: return "also_supplier";
    case Attribute::age: return "age";
    case Attribute::state: return "state";
    case Attribute::risk_score: return "risk_score";
    case Attribute::open_amount: return "open_amount";
    case Attribute::overdue_amount: return "overdue_amount";
    case Attribute::days_past_due: return "days_past_due";
    case Attribute::avg_days_late_12m: return "avg_days_late_12m";
    case Attribute::broken_promises: return "broken_promises";
  }
  return "?";
}

std::string_view to_string(Op op) {
  switch (op) {
    case Op::eq: return "=";
    case Op::ne: return "!=";
    case Op::lt: return "<";
    case Op::le: return "<=";
    case Op::gt: return ">";
    case Op::ge: return ">=";
    case Op::in: return "in";
    case Op::not_in: return "not in";
  }
  return "?";
}

int age_in_years(Date birth_date, Date as_of) {
  int age = as_of.year() - birth_date.year();
  const bool before_birthday = as_of.month() < birth_date.month() ||
                               (as_of.month() == birth_date.month() && as_of.day() < birth_date.day());
  if (before_birthday) --age;
  return age;
}

namespace {

// The customer's value for one attribute: a number, a text, or unknown (with why).
struct Actual {
  bool known = true;
  std::int64_t number = 0;
  std::string text;     // for state
  std::string display;  // for explanations
};

Actual actual_of(Attribute a, const CustomerFacts& f, Date as_of, const money::Currency& currency) {
  Actual v;
  auto number = [&](std::int64_t n) {
    v.number = n;
    v.display = std::to_string(n);
  };
  auto amount = [&](std::int64_t minor) {
    v.number = minor;
    v.display = money::format_decimal(minor, currency.exponent());
  };
  switch (a) {
    case Attribute::type:
      v.number = f.type == CustomerType::business ? 1 : 0;
      v.display = std::string(domain::to_string(f.type));
      break;
    case Attribute::key_account:
      v.number = f.key_account ? 1 : 0;
      v.display = f.key_account ? "true" : "false";
      break;
    case Attribute::also_supplier:
      v.number = f.also_supplier ? 1 : 0;
      v.display = f.also_supplier ? "true" : "false";
      break;
    case Attribute::age:
      if (!f.birth_date) {
        v.known = false;
        v.display = "unknown, no birth date";
      } else {
        number(age_in_years(*f.birth_date, as_of));
      }
      break;
    case Attribute::state:
      if (f.state.empty()) {
        v.known = false;
        v.display = "unknown";
      } else {
        v.text = f.state;
        v.display = f.state;
      }
      break;
    case Attribute::risk_score:
      if (!f.risk_score) {
        v.known = false;
        v.display = "unknown";
      } else {
        number(*f.risk_score);
      }
      break;
    case Attribute::open_amount: amount(f.open_minor); break;
    case Attribute::overdue_amount: amount(f.overdue_minor); break;
    case Attribute::days_past_due: number(f.days_past_due); break;
    case Attribute::avg_days_late_12m:
      if (!f.avg_days_late_12m) {
        v.known = false;
        v.display = "unknown, no payments in 12 months";
      } else {
        number(*f.avg_days_late_12m);
      }
      break;
    case Attribute::broken_promises: number(f.broken_promises); break;
  }
  return v;
}

bool holds(const Condition& c, const Actual& v) {
  if (!v.known) return false;
  if (c.attribute == Attribute::state) {
    const bool listed = std::find(c.texts.begin(), c.texts.end(), v.text) != c.texts.end();
    switch (c.op) {
      case Op::eq:
      case Op::in: return listed;
      case Op::ne:
      case Op::not_in: return !listed;
      default: return false;  // rejected by validation
    }
  }
  if (c.numbers.empty()) return false;
  const std::int64_t want = c.numbers.front();
  switch (c.op) {
    case Op::eq: return v.number == want;
    case Op::ne: return v.number != want;
    case Op::lt: return v.number < want;
    case Op::le: return v.number <= want;
    case Op::gt: return v.number > want;
    case Op::ge: return v.number >= want;
    case Op::in: return std::find(c.numbers.begin(), c.numbers.end(), v.number) != c.numbers.end();
    case Op::not_in: return std::find(c.numbers.begin(), c.numbers.end(), v.number) == c.numbers.end();
  }
  return false;
}

}  // namespace

Assignment assign_segment(const SegmentSet& set, const CustomerFacts& facts, Date as_of) {
  std::string earlier;
  for (std::size_t i = 0; i < set.segments.size(); ++i) {
    const Segment& s = set.segments[i];
    std::string held;
    const Condition* failed = nullptr;
    Actual failed_value;
    for (const Condition& c : s.conditions) {
      Actual v = actual_of(c.attribute, facts, as_of, set.currency);
      if (!holds(c, v)) {
        failed = &c;
        failed_value = std::move(v);
        break;
      }
      held += (held.empty() ? "" : ", ") + c.source_text + " (is " + v.display + ")";
    }
    if (failed) {
      earlier += (earlier.empty() ? "" : "; ") + ("'" + s.name + "' (" + failed->source_text + ": is " +
                                                  failed_value.display + ")");
      continue;
    }
    Assignment a;
    a.segment = s.name;
    a.matched_rule_index = i;
    a.explanation = "segment '" + s.name + "', rule " + std::to_string(i + 1) + " of " +
                    std::to_string(set.segments.size()) + " (line " + std::to_string(s.pos.line) + "): " +
                    (s.conditions.empty() ? std::string("default segment, no conditions") : held);
    if (!earlier.empty()) a.explanation += "; earlier rules did not match: " + earlier;
    return a;
  }
  Assignment none;
  none.matched_rule_index = set.segments.size();
  none.explanation = set.segments.empty() ? "no segments defined" : "no segment matched: " + earlier;
  return none;
}

const Strategy* CollectionFile::strategy_for(std::string_view segment) const {
  for (const Strategy& s : strategies) {
    if (s.segment == segment) return &s;
  }
  return nullptr;
}

}  // namespace kulanz::engine
