// Reading a collection file (docs/STRATEGIES.md): TOML into CollectionFile, with every
// problem reported as FILE:LINE:COL: what is wrong; how to fix it.
#include <algorithm>
#include <charconv>
#include <fstream>
#include <limits>
#include <map>
#include <set>
#include <sstream>

#include "calendar/german_state.hpp"
#include "engine/collection.hpp"
#include "engine/toml_reader.hpp"
#include "money/money.hpp"

namespace kulanz::engine {
namespace {

constexpr int kMinDay = -60;
constexpr int kMaxDay = 730;
constexpr int kMaxHoldout = 50;


std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Names of segments, strategies, variants, experiments and templates: they appear on the
// command line, in URLs and in template files, so they stay plain.
constexpr std::size_t kMaxNameLength = 64;
bool is_name(std::string_view s) {
  if (s.empty() || s.size() > kMaxNameLength) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
  });
}

// "1.234,56" and "2,50" are written with a decimal comma, "1,234.56" and "2.50" with a point:
// the separator that comes last is the decimal one.
money::DecimalStyle decimal_style(std::string_view s) {
  const auto comma = s.rfind(',');
  const auto point = s.rfind('.');
  if (comma == std::string_view::npos) return money::DecimalStyle::point;
  if (point == std::string_view::npos) return money::DecimalStyle::comma;
  return comma > point ? money::DecimalStyle::comma : money::DecimalStyle::point;
}

std::string trim(std::string_view s) {
  std::size_t a = 0, b = s.size();
  while (a < b && std::isspace(static_cast<unsigned char>(s[a]))) ++a;
  while (b > a && std::isspace(static_cast<unsigned char>(s[b - 1]))) --b;
  return std::string(s.substr(a, b - a));
}

class Parser : TomlReader {
 public:
  explicit Parser(std::string path) : TomlReader(std::move(path)) {}

  LoadResult run(std::string_view text) {
    LoadResult result;
    auto parsed = parse_document(text);
    if (!parsed) {
      result.errors = std::move(errors_);
      return result;
    }
    const toml::table& root = *parsed;
    CollectionFile file;
    known(root, {"currency", "policy", "segment", "strategy", "surcharge"}, "the top level");
    if (auto c = root["currency"]) {
      if (auto s = c.value<std::string>()) {
        auto cur = money::Currency::from_code(*s);
        if (!cur) error(pos(*c.node()), "currency '" + *s + "' is not an ISO 4217 code; write e.g. \"EUR\"");
        else file.segments.currency = *cur;
      } else {
        error(pos(*c.node()), "currency must be a string such as \"EUR\"");
      }
    }
    currency_ = file.segments.currency;
    if (auto p = root["policy"]) {
      if (const auto* t = p.as_table()) file.policy = policy(*t);
      else error(pos(*p.node()), "policy must be a table: [policy]");
    }
    if (auto segs = root["segment"]) {
      if (const auto* arr = segs.as_array()) {
        for (const auto& el : *arr) {
          if (const auto* t = el.as_table()) {
            file.segments.segments.push_back(segment(*t));
            segment_has_when_.push_back(t->contains("when"));
          }
          else error(pos(el), "write each segment as a [[segment]] table");
        }
      } else {
        error(pos(*segs.node()), "segments are written as [[segment]] tables");
      }
    }
    if (auto strs = root["strategy"]) {
      if (const auto* arr = strs.as_array()) {
        for (const auto& el : *arr) {
          if (const auto* t = el.as_table()) file.strategies.push_back(strategy(*t));
          else error(pos(el), "write each strategy as a [[strategy]] table");
        }
      } else {
        error(pos(*strs.node()), "strategies are written as [[strategy]] tables");
      }
    }
    if (auto sur = root["surcharge"]) {
      if (const auto* arr = sur.as_array()) {
        for (const auto& el : *arr) {
          if (const auto* t = el.as_table()) {
            if (auto one = surcharge(*t)) file.surcharges.push_back(*one);
          } else {
            error(pos(el), "write each surcharge as a [[surcharge]] table");
          }
        }
      } else {
        error(pos(*sur.node()), "surcharges are written as [[surcharge]] tables");
      }
    }
    cross_checks(file, root);
    std::stable_sort(errors_.begin(), errors_.end(), [](const Diagnostic& a, const Diagnostic& b) {
      return a.pos.line != b.pos.line ? a.pos.line < b.pos.line : a.pos.column < b.pos.column;
    });
    result.errors = std::move(errors_);
    if (result.errors.empty()) result.file = std::move(file);
    return result;
  }

 private:

  std::optional<std::string> text(const toml::table& t, std::string_view key, bool required, SourcePos where,
                                  const std::string& context) {
    auto n = t[key];
    if (!n) {
      if (required) error(where, context + ": '" + std::string(key) + "' is missing");
      return std::nullopt;
    }
    if (auto s = n.value<std::string>()) return *s;
    error(pos(*n.node()), context + ": '" + std::string(key) + "' must be a string in quotes");
    return std::nullopt;
  }

  // A required or optional name (see is_name). One that is not a name is reported and still
  // returned, so references to it do not report the same mistake again.
  std::optional<std::string> identifier(const toml::table& t, std::string_view key, bool required, SourcePos where,
                                  const std::string& context) {
    auto v = text(t, key, required, where, context);
    if (!v) return std::nullopt;
    if (!is_name(*v)) {
      error(pos(*t[key].node()), context + ": '" + std::string(key) + "' = \"" + *v +
                                     "\" is not a name; use 1 to 64 letters, digits, '_', '-' or '.', e.g. \"key_accounts\"");
    }
    return v;
  }

  std::optional<std::int64_t> integer(const toml::table& t, std::string_view key, std::int64_t min, std::int64_t max,
                                      const std::string& context) {
    auto n = t[key];
    if (!n) return std::nullopt;
    auto v = n.value_exact<std::int64_t>();
    if (!v) {
      error(pos(*n.node()), context + ": '" + std::string(key) + "' must be a whole number, written without quotes");
      return std::nullopt;
    }
    if (*v < min || *v > max) {
      error(pos(*n.node()), context + ": '" + std::string(key) + "' = " + std::to_string(*v) + " is out of range; use " +
                                std::to_string(min) + " to " + std::to_string(max));
      return std::nullopt;
    }
    return v;
  }

  std::optional<bool> boolean(const toml::table& t, std::string_view key, const std::string& context) {
    auto n = t[key];
    if (!n) return std::nullopt;
    if (auto b = n.value_exact<bool>()) return b;
    error(pos(*n.node()), context + ": '" + std::string(key) + "' must be true or false");
    return std::nullopt;
  }

  // An amount in the file's currency as a string ("2.50" or "2,50") or a whole number.
  std::optional<std::int64_t> amount(const toml::table& t, std::string_view key, const std::string& context) {
    auto n = t[key];
    if (!n) return std::nullopt;
    std::string s;
    if (auto str = n.value<std::string>()) s = *str;
    else if (auto i = n.value_exact<std::int64_t>()) s = std::to_string(*i);
    else {
      error(pos(*n.node()), context + ": '" + std::string(key) + "' must be an amount in quotes, e.g. \"2.50\"");
      return std::nullopt;
    }
    auto v = money::parse_amount(s, currency_, decimal_style(s));
    if (!v || *v < 0) {
      error(pos(*n.node()), context + ": '" + std::string(key) + "' = \"" + s + "\" is not an amount; write e.g. \"2.50\"");
      return std::nullopt;
    }
    return *v;
  }

  // "HH:MM" -> minutes; "24:00" allowed as the end of the day.
  std::optional<int> clock(const toml::node& n, const std::string& context) {
    auto s = n.value<std::string>();
    int h = -1, m = -1;
    if (s && s->size() == 5 && (*s)[2] == ':' && std::isdigit(static_cast<unsigned char>((*s)[0])) &&
        std::isdigit(static_cast<unsigned char>((*s)[1])) && std::isdigit(static_cast<unsigned char>((*s)[3])) &&
        std::isdigit(static_cast<unsigned char>((*s)[4]))) {
      h = ((*s)[0] - '0') * 10 + ((*s)[1] - '0');
      m = ((*s)[3] - '0') * 10 + ((*s)[4] - '0');
    }
    if (h < 0 || m > 59 || h > 24 || (h == 24 && m != 0)) {
      error(pos(n), context + ": a time of day is written \"HH:MM\" (00:00 to 24:00)");
      return std::nullopt;
    }
    return h * 60 + m;
  }

  std::optional<QuietHours> hours(const toml::node& n, const std::string& context) {
    const auto* t = n.as_table();
    if (!t) {
      error(pos(n), context + " must be a table: { from = \"08:00\", to = \"20:00\" }");
      return std::nullopt;
    }
    known(*t, {"from", "to"}, context);
    QuietHours h;
    bool ok = true;
    if (auto f = (*t)["from"]) {
      if (auto v = clock(*f.node(), context + ".from")) h.allowed_from_minute = *v;
      else ok = false;
    } else {
      error(pos(n), context + ": 'from' is missing");
      ok = false;
    }
    if (auto f = (*t)["to"]) {
      if (auto v = clock(*f.node(), context + ".to")) h.allowed_to_minute = *v;
      else ok = false;
    } else {
      error(pos(n), context + ": 'to' is missing");
      ok = false;
    }
    if (ok && h.allowed_from_minute >= h.allowed_to_minute) {
      error(pos(n), context + ": 'from' must be before 'to'");
      ok = false;
    }
    if (!ok) return std::nullopt;
    return h;
  }

  ContactPolicyConfig policy(const toml::table& t) {
    ContactPolicyConfig p;
    const std::string ctx = "[policy]";
    known(t, {"quiet_hours", "quiet_hours_email", "quiet_hours_sms", "quiet_hours_letter", "quiet_hours_call",
              "quiet_hours_webhook", "no_contact_on_sundays", "no_contact_on_public_holidays", "max_contacts",
              "window_days", "min_gap_days", "max_deferral_days"},
          ctx);
    if (auto n = t["quiet_hours"]) {
      if (auto h = hours(*n.node(), "policy.quiet_hours")) p.hours.fill(*h);
    }
    static const std::pair<const char*, StepChannel> per_channel[] = {
        {"quiet_hours_email", StepChannel::email}, {"quiet_hours_sms", StepChannel::sms},
        {"quiet_hours_letter", StepChannel::letter}, {"quiet_hours_call", StepChannel::call},
        {"quiet_hours_webhook", StepChannel::webhook}};
    for (const auto& [key, ch] : per_channel) {
      if (auto n = t[key]) {
        if (auto h = hours(*n.node(), std::string("policy.") + key)) p.hours[static_cast<int>(ch)] = *h;
      }
    }
    if (auto b = boolean(t, "no_contact_on_sundays", ctx)) p.no_contact_on_sundays = *b;
    if (auto b = boolean(t, "no_contact_on_public_holidays", ctx)) p.no_contact_on_public_holidays = *b;
    if (auto v = integer(t, "max_contacts", 1, 50, ctx)) p.max_contacts = static_cast<int>(*v);
    if (auto v = integer(t, "window_days", 1, 366, ctx)) p.window_days = static_cast<int>(*v);
    if (auto v = integer(t, "min_gap_days", 0, 90, ctx)) p.min_gap_days = static_cast<int>(*v);
    if (auto v = integer(t, "max_deferral_days", 1, 366, ctx)) p.max_deferral_days = static_cast<int>(*v);
    if (auto st = validate(p); !st) error(pos(t), "[policy]: " + st.error().detail);
    return p;
  }

  // ---- Segments ----------------------------------------------------------------------

  std::optional<Attribute> attribute(std::string_view name) {
    static const std::pair<std::string_view, Attribute> names[] = {
        {"type", Attribute::type},
        {"key_account", Attribute::key_account},
        {"also_supplier", Attribute::also_supplier},
        {"age", Attribute::age},
        {"state", Attribute::state},
        {"risk_score", Attribute::risk_score},
        {"open_amount", Attribute::open_amount},
        {"overdue_amount", Attribute::overdue_amount},
        {"days_past_due", Attribute::days_past_due},
        {"avg_days_late_12m", Attribute::avg_days_late_12m},
        {"broken_promises", Attribute::broken_promises},
    };
    for (const auto& [n, a] : names) {
      if (n == name) return a;
    }
    return std::nullopt;
  }

  // `attribute op value`: ops = != < <= > >= in "not in"; lists as [a, b] or (a, b).
  std::optional<Condition> condition(const std::string& expr, SourcePos p, const std::string& context) {
    static const std::string attributes =
        "type, key_account, also_supplier, age, state, risk_score, open_amount, overdue_amount, days_past_due, "
        "avg_days_late_12m, broken_promises";
    std::string s = trim(expr);
    std::size_t i = 0;
    while (i < s.size() && (std::isalnum(static_cast<unsigned char>(s[i])) || s[i] == '_')) ++i;
    const std::string name = s.substr(0, i);
    auto attr = attribute(name);
    if (!attr) {
      error(p, context + ": '" + name + "' is not an attribute; use one of: " + attributes);
      return std::nullopt;
    }
    std::string rest = trim(std::string_view(s).substr(i));
    Op op;
    std::size_t oplen = 0;
    if (rest.rfind("not in", 0) == 0) { op = Op::not_in; oplen = 6; }
    else if (rest.rfind("in", 0) == 0 && (rest.size() == 2 || !std::isalnum(static_cast<unsigned char>(rest[2])))) { op = Op::in; oplen = 2; }
    else if (rest.rfind("!=", 0) == 0) { op = Op::ne; oplen = 2; }
    else if (rest.rfind("<=", 0) == 0) { op = Op::le; oplen = 2; }
    else if (rest.rfind(">=", 0) == 0) { op = Op::ge; oplen = 2; }
    else if (rest.rfind("==", 0) == 0) { op = Op::eq; oplen = 2; }
    else if (rest.rfind("=", 0) == 0) { op = Op::eq; oplen = 1; }
    else if (rest.rfind("<", 0) == 0) { op = Op::lt; oplen = 1; }
    else if (rest.rfind(">", 0) == 0) { op = Op::gt; oplen = 1; }
    else {
      error(p, context + ": '" + expr + "' has no operator; write e.g. \"age < 45\" (=, !=, <, <=, >, >=, in, not in)");
      return std::nullopt;
    }
    std::string value = trim(std::string_view(rest).substr(oplen));
    std::vector<std::string> values;
    const bool list_op = op == Op::in || op == Op::not_in;
    if (list_op) {
      if (value.size() < 2 || !((value.front() == '[' && value.back() == ']') || (value.front() == '(' && value.back() == ')'))) {
        error(p, context + ": '" + expr + "': a list is written [BY, BW]");
        return std::nullopt;
      }
      std::stringstream ss(value.substr(1, value.size() - 2));
      std::string part;
      while (std::getline(ss, part, ',')) {
        part = trim(part);
        if (!part.empty()) values.push_back(part);
      }
      if (values.empty()) {
        error(p, context + ": '" + expr + "': the list is empty");
        return std::nullopt;
      }
    } else {
      if (value.empty()) {
        error(p, context + ": '" + expr + "' has no value after the operator");
        return std::nullopt;
      }
      values.push_back(value);
    }
    for (auto& v : values) {
      if (v.size() >= 2 && (v.front() == '"' || v.front() == '\'') && v.back() == v.front()) v = v.substr(1, v.size() - 2);
    }
    Condition c;
    c.attribute = *attr;
    c.op = op;
    c.pos = p;
    const bool ordered = op == Op::lt || op == Op::le || op == Op::gt || op == Op::ge;
    if (ordered && (*attr == Attribute::type || *attr == Attribute::key_account || *attr == Attribute::also_supplier ||
                    *attr == Attribute::state)) {
      error(p, context + ": " + name + " can only be compared with =, !=, in or not in");
      return std::nullopt;
    }
    std::vector<std::string> shown;  // the values normalised, for source_text
    for (const auto& v : values) {
      switch (*attr) {
        case Attribute::type: {
          const std::string l = lower(v);
          if (l != "consumer" && l != "business") {
            error(p, context + ": type is consumer or business, not '" + v + "'");
            return std::nullopt;
          }
          c.numbers.push_back(l == "business" ? 1 : 0);
          shown.push_back(l);
          break;
        }
        case Attribute::key_account:
        case Attribute::also_supplier: {
          const std::string l = lower(v);
          if (l != "true" && l != "false") {
            error(p, context + ": " + name + " is true or false, not '" + v + "'");
            return std::nullopt;
          }
          c.numbers.push_back(l == "true" ? 1 : 0);
          shown.push_back(l);
          break;
        }
        case Attribute::state: {
          auto st = calendar::parse_german_state(v);
          if (!st) {
            error(p, context + ": '" + v + "' is not a German state code (BW, BY, BE, BB, HB, HH, HE, MV, NI, NW, RP, SL, SN, ST, SH, TH)");
            return std::nullopt;
          }
          c.texts.emplace_back(calendar::code(*st));
          shown.push_back(c.texts.back());
          break;
        }
        case Attribute::open_amount:
        case Attribute::overdue_amount: {
          auto a = money::parse_amount(v, currency_, decimal_style(v));
          if (!a) {
            error(p, context + ": '" + v + "' is not an amount in " + std::string(currency_.code()) + "; write e.g. 500.00");
            return std::nullopt;
          }
          c.numbers.push_back(*a);
          shown.push_back(money::format_decimal(*a, currency_.exponent()));
          break;
        }
        default: {
          std::int64_t n = 0;
          auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
          if (ec != std::errc() || end != v.data() + v.size()) {
            error(p, context + ": '" + v + "' is not a whole number");
            return std::nullopt;
          }
          if (auto range = value_range(*attr); n < range.first || n > range.second) {
            error(p, context + ": " + name + " " + v + " is out of range; " + name + " is " + std::to_string(range.first) +
                         " to " + std::to_string(range.second));
            return std::nullopt;
          }
          c.numbers.push_back(n);
          shown.push_back(std::to_string(n));
        }
      }
    }
    std::string listed;
    for (const auto& v : shown) listed += (listed.empty() ? "" : ", ") + v;
    c.source_text = name + " " + std::string(to_string(op)) + " " + (list_op ? "[" + listed + "]" : listed);
    return c;
  }

  // The values a whole-number attribute can take.
  static std::pair<std::int64_t, std::int64_t> value_range(Attribute a) {
    switch (a) {
      case Attribute::age: return {0, 150};
      case Attribute::risk_score: return {0, 100};
      case Attribute::days_past_due: return {0, 100000};
      case Attribute::broken_promises: return {0, 1000};
      case Attribute::avg_days_late_12m: return {-1000, 100000};  // negative: paid early on average
      default: return {std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::max()};
    }
  }

  Segment segment(const toml::table& t) {
    Segment s;
    s.pos = pos(t);
    const std::string ctx = "[[segment]]";
    known(t, {"name", "description", "when"}, ctx);
    if (auto n = identifier(t, "name", true, s.pos, ctx)) s.name = *n;
    if (auto d = text(t, "description", false, s.pos, ctx)) s.description = *d;
    if (auto w = t["when"]) {
      if (const auto* arr = w.as_array()) {
        if (arr->empty()) error(pos(*w.node()), ctx + " '" + s.name + "': 'when' is empty; leave it out for the default segment");
        for (const auto& el : *arr) {
          auto e = el.value<std::string>();
          if (!e) {
            error(pos(el), ctx + " '" + s.name + "': each condition is a string such as \"age < 45\"");
            continue;
          }
          if (auto c = condition(*e, pos(el), "segment '" + s.name + "'")) s.conditions.push_back(std::move(*c));
        }
      } else if (auto e = w.value<std::string>()) {
        if (auto c = condition(*e, pos(*w.node()), "segment '" + s.name + "'")) s.conditions.push_back(std::move(*c));
      } else {
        error(pos(*w.node()), ctx + " '" + s.name + "': 'when' is a list of conditions: [\"type = consumer\", \"age < 45\"]");
      }
    }
    return s;
  }

  // ---- Strategies --------------------------------------------------------------------

  template <class E>
  std::optional<E> choice(const toml::table& t, std::string_view key, const std::vector<std::pair<std::string_view, E>>& names,
                          bool required, SourcePos where, const std::string& context) {
    auto v = text(t, key, required, where, context);
    if (!v) return std::nullopt;
    std::vector<std::string> allowed;
    for (const auto& [n, e] : names) {
      if (n == *v) return e;
      allowed.emplace_back(n);
    }
    error(pos(*t[key].node()), context + ": '" + std::string(key) + "' = \"" + *v + "\" is not allowed; use one of: " + join_names(allowed));
    return std::nullopt;
  }

  // A percentage with at most two decimals ("1.5", "1,5" or a whole number) -> basis points.
  std::optional<std::int32_t> percent(const toml::table& t, std::string_view key, const std::string& context) {
    auto n = t[key];
    if (!n) return std::nullopt;
    std::string s;
    if (auto str = n.value<std::string>()) s = *str;
    else if (auto i = n.value_exact<std::int64_t>()) s = std::to_string(*i);
    else {
      error(pos(*n.node()), context + ": '" + std::string(key) + "' must be a percentage in quotes, e.g. \"1.5\"");
      return std::nullopt;
    }
    auto v = money::parse_amount(s, money::Currency::eur(), decimal_style(s));  // two decimals, exact
    if (!v || *v < 0 || *v > 10000) {
      error(pos(*n.node()), context + ": '" + std::string(key) + "' = \"" + s +
                                "\" is not a percentage from 0 to 100 with at most two decimals; write e.g. \"1.5\"");
      return std::nullopt;
    }
    return static_cast<std::int32_t>(*v);
  }

  // [[surcharge]]: method, optional customer_type, fixed and/or percent; §270a BGB decides.
  std::optional<Surcharge> surcharge(const toml::table& t) {
    Surcharge out;
    out.pos = pos(t);
    const std::string ctx = "surcharge (line " + std::to_string(out.pos.line) + ")";
    known(t, {"method", "customer_type", "fixed", "percent"}, ctx);
    static const std::vector<std::pair<std::string_view, law::PaymentMethod>> methods{
        {"sepa_transfer", law::PaymentMethod::sepa_transfer},
        {"sepa_direct_debit", law::PaymentMethod::sepa_direct_debit},
        {"card", law::PaymentMethod::card},
        {"cash", law::PaymentMethod::cash},
        {"other", law::PaymentMethod::other}};
    auto method = choice(t, "method", methods, true, out.pos, ctx);
    static const std::vector<std::pair<std::string_view, CustomerType>> types{{"consumer", CustomerType::consumer},
                                                                             {"business", CustomerType::business}};
    if (t["customer_type"]) out.rule.customer_type = choice(t, "customer_type", types, false, out.pos, ctx);
    const auto fixed = amount(t, "fixed", ctx);
    const auto pct = percent(t, "percent", ctx);
    if (!t["fixed"] && !t["percent"]) {
      error(out.pos, ctx + ": name the surcharge as 'fixed' (an amount, e.g. \"0.50\") and/or 'percent' (e.g. \"1.5\")");
      return std::nullopt;
    }
    if (!method || (t["fixed"] && !fixed) || (t["percent"] && !pct)) return std::nullopt;
    out.rule.method = *method;
    out.rule.fixed_minor = fixed.value_or(0);
    out.rule.basis_points = pct.value_or(0);
    const law::SurchargeRule rules[] = {out.rule};
    if (auto st = law::validate_surcharges(rules); !st) {
      error(out.pos, ctx + ": " + st.error().detail);
      return std::nullopt;
    }
    return out;
  }

  // `complete`: day and kind were read, so order and repeats can be checked.
  Step step(const toml::table& t, const std::string& owner, bool& complete) {
    complete = false;
    Step s;
    s.pos = pos(t);
    const std::string ctx = owner + " step (line " + std::to_string(s.pos.line) + ")";
    known(t, {"day", "kind", "channels", "template", "tone", "fee_type", "fee", "min_open", "customer_type",
              "only_if_no_reaction", "optional"},
          ctx);
    const auto day = integer(t, "day", kMinDay, kMaxDay, ctx);
    if (day) s.day = static_cast<std::int32_t>(*day);
    else if (!t["day"]) error(s.pos, ctx + ": 'day' is missing (days relative to the due date, negative before it)");
    static const std::vector<std::pair<std::string_view, StepKind>> kinds{
        {"reminder", StepKind::reminder},   {"notice", StepKind::notice},       {"statement", StepKind::statement},
        {"fee", StepKind::fee},             {"interest", StepKind::interest},   {"call_task", StepKind::call_task},
        {"handover", StepKind::handover},   {"court_dunning_prep", StepKind::court_dunning_prep}};
    auto kind = choice(t, "kind", kinds, true, s.pos, ctx);
    if (kind) s.kind = *kind;
    complete = day && kind;
    if (auto ch = t["channels"]) {
      if (const auto* arr = ch.as_array()) {
        for (const auto& el : *arr) {
          auto name = el.value<std::string>();
          auto parsed = name ? parse_step_channel(*name) : base::Result<StepChannel>(base::fail(base::ErrorCode::enum_invalid));
          if (!parsed) {
            error(pos(el), ctx + ": channel '" + name.value_or("?") + "' is not allowed; use email, sms, letter, call or webhook");
            continue;
          }
          if (std::find(s.channels.begin(), s.channels.end(), *parsed) != s.channels.end()) {
            error(pos(el), ctx + ": channel '" + *name + "' is listed twice");
            continue;
          }
          s.channels.push_back(*parsed);
        }
      } else {
        error(pos(*ch.node()), ctx + ": 'channels' is a list in order of preference: [\"sms\", \"email\"]");
      }
    }
    if (auto tpl = identifier(t, "template", false, s.pos, ctx)) s.template_name = *tpl;
    static const std::vector<std::pair<std::string_view, Tone>> tones{
        {"friendly", Tone::friendly}, {"neutral", Tone::neutral}, {"firm", Tone::firm}};
    if (t["tone"]) s.tone = choice(t, "tone", tones, false, s.pos, ctx);
    static const std::vector<std::pair<std::string_view, FeeType>> fees{{"dunning_fee", FeeType::dunning_fee},
                                                                       {"flat_fee_288", FeeType::flat_fee_288}};
    if (t["fee_type"]) s.fee_type = choice(t, "fee_type", fees, false, s.pos, ctx);
    s.fee_minor = amount(t, "fee", ctx);
    s.min_open_minor = amount(t, "min_open", ctx);
    static const std::vector<std::pair<std::string_view, CustomerType>> types{{"consumer", CustomerType::consumer},
                                                                             {"business", CustomerType::business}};
    if (t["customer_type"]) s.customer_type = choice(t, "customer_type", types, false, s.pos, ctx);
    if (auto b = boolean(t, "only_if_no_reaction", ctx)) s.only_if_no_reaction_since_last_step = *b;
    if (auto b = boolean(t, "optional", ctx)) s.optional = *b;
    if (!kind) return s;
    // What each kind needs.
    if (sends_message(s.kind)) {
      if (!t["channels"]) error(s.pos, ctx + ": a " + std::string(to_string(s.kind)) + " needs 'channels', e.g. [\"email\", \"letter\"]");
      else if (const auto* arr = t["channels"].as_array(); arr && arr->empty())
        error(pos(*t["channels"].node()), ctx + ": 'channels' is empty; name at least one of email, sms, letter, call, webhook");
      if (s.template_name.empty()) error(s.pos, ctx + ": a " + std::string(to_string(s.kind)) + " needs 'template'");
      if (!s.tone && !t["tone"]) error(s.pos, ctx + ": a " + std::string(to_string(s.kind)) + " needs 'tone' (friendly, neutral or firm)");
    } else if (s.kind == StepKind::call_task) {
      if (s.channels.empty()) s.channels.push_back(StepChannel::call);
      if (s.channels.size() != 1 || s.channels.front() != StepChannel::call)
        error(t["channels"] ? pos(*t["channels"].node()) : s.pos, ctx + ": a call_task uses channels = [\"call\"] (or none)");
    } else if (!s.channels.empty()) {
      error(s.pos, ctx + ": a " + std::string(to_string(s.kind)) + " sends nothing; remove 'channels'");
    }
    if (s.kind == StepKind::fee) {
      if (!s.fee_type && !t["fee_type"]) error(s.pos, ctx + ": a fee needs 'fee_type' (dunning_fee or flat_fee_288)");
      if (s.fee_type == FeeType::dunning_fee && !t["fee"])
        error(s.pos, ctx + ": a dunning_fee needs 'fee', e.g. \"2.50\"");
      if (s.fee_type == FeeType::dunning_fee && s.fee_minor == 0)
        error(pos(*t["fee"].node()), ctx + ": a dunning fee of 0 charges nothing; give the cost of the reminder or remove the step");
      if (s.fee_type == FeeType::flat_fee_288 && t["fee"])
        error(pos(*t["fee"].node()), ctx + ": the §288 Abs. 5 BGB flat fee is EUR 40.00 by law; remove 'fee'");
      if (s.fee_type == FeeType::flat_fee_288 && s.customer_type == CustomerType::consumer)
        error(pos(*t["customer_type"].node()), ctx + ": the §288 Abs. 5 BGB flat fee is owed by businesses only; "
                                                    "use customer_type = \"business\" or a dunning_fee");
    } else {
      if (t["fee_type"]) error(pos(*t["fee_type"].node()), ctx + ": 'fee_type' belongs to a step of kind fee");
      if (t["fee"]) error(pos(*t["fee"].node()), ctx + ": 'fee' belongs to a step of kind fee");
    }
    return s;
  }

  std::vector<Step> steps(const toml::table& owner_table, const std::string& owner) {
    std::vector<Step> out;
    auto n = owner_table["step"];
    if (!n) return out;
    const auto* arr = n.as_array();
    if (!arr) {
      error(pos(*n.node()), owner + ": steps are written as [[...step]] tables");
      return out;
    }
    std::vector<std::size_t> complete;  // indexes of the steps with a valid day and kind
    for (const auto& el : *arr) {
      const auto* t = el.as_table();
      if (!t) {
        error(pos(el), owner + ": each step is a table");
        continue;
      }
      bool ok = false;
      out.push_back(step(*t, owner, ok));
      if (ok) complete.push_back(out.size() - 1);
    }
    for (std::size_t i = 1; i < complete.size(); ++i) {
      const Step& before = out[complete[i - 1]];
      const Step& now = out[complete[i]];
      if (now.day < before.day) {
        error(now.pos, owner + ": steps must be in order of their day; day " + std::to_string(now.day) +
                           " comes after day " + std::to_string(before.day) + " (line " + std::to_string(before.pos.line) +
                           "); move it up");
      }
    }
    // Several steps on one day are fine (interest, fee and statement together); the same step
    // twice is a copy-and-paste slip that would contact or charge the customer twice.
    for (std::size_t i = 0; i < complete.size(); ++i) {
      for (std::size_t j = 0; j < i; ++j) {
        const Step& a = out[complete[j]];
        const Step& b = out[complete[i]];
        if (a.day == b.day && a.kind == b.kind && a.template_name == b.template_name && a.fee_type == b.fee_type &&
            a.customer_type == b.customer_type) {
          error(b.pos, owner + ": this " + std::string(to_string(b.kind)) + " on day " + std::to_string(b.day) +
                           " repeats the step at line " + std::to_string(a.pos.line) + "; remove one of them");
          break;
        }
      }
    }
    return out;
  }

  Strategy strategy(const toml::table& t) {
    Strategy s;
    s.pos = pos(t);
    const std::string ctx = "[[strategy]]";
    known(t, {"name", "segment", "description", "experiment", "holdout", "step", "variant"}, ctx);
    if (auto n = identifier(t, "name", true, s.pos, ctx)) s.name = *n;
    const std::string owner = "strategy '" + s.name + "'";
    if (auto g = text(t, "segment", true, s.pos, owner)) s.segment = *g;
    if (auto d = text(t, "description", false, s.pos, owner)) s.description = *d;
    if (auto e = identifier(t, "experiment", false, s.pos, owner)) s.experiment = *e;
    if (auto h = integer(t, "holdout", 0, kMaxHoldout, owner)) s.holdout = static_cast<int>(*h);
    s.steps = steps(t, owner);
    if (auto v = t["variant"]) {
      if (const auto* arr = v.as_array()) {
        std::set<std::string> names;
        int total = 0;
        for (const auto& el : *arr) {
          const auto* vt = el.as_table();
          if (!vt) {
            error(pos(el), owner + ": each variant is a [[strategy.variant]] table");
            continue;
          }
          Variant var;
          var.pos = pos(*vt);
          known(*vt, {"name", "share", "step"}, owner + " variant");
          if (auto n = identifier(*vt, "name", true, var.pos, owner + " variant")) var.name = *n;
          if (!var.name.empty() && !names.insert(var.name).second)
            error(var.pos, owner + ": variant '" + var.name + "' is defined twice; give each variant its own name");
          if (auto sh = integer(*vt, "share", 1, 100, owner + " variant '" + var.name + "'")) var.share = static_cast<int>(*sh);
          else if (!(*vt)["share"]) error(var.pos, owner + " variant '" + var.name + "': 'share' (percent) is missing");
          total += var.share;
          var.steps = steps(*vt, owner + " variant '" + var.name + "'");
          s.variants.push_back(std::move(var));
        }
        if (!s.variants.empty() && total != 100)
          error(pos(*v.node()), owner + ": the variants' shares add up to " + std::to_string(total) + "; they must add up to 100");
      } else {
        error(pos(*v.node()), owner + ": variants are written as [[strategy.variant]] tables");
      }
    }
    if (s.steps.empty() && (s.variants.empty() || std::any_of(s.variants.begin(), s.variants.end(),
                                                              [](const Variant& v) { return v.steps.empty(); }))) {
      error(s.pos, owner + ": has no steps; add [[strategy.step]] tables");
    }
    return s;
  }

  void cross_checks(CollectionFile& file, const toml::table& root) {
    auto& segs = file.segments.segments;
    if (segs.empty()) {
      error(pos(root), "no segments; add at least one [[segment]] without 'when' as the default");
    }
    std::map<std::string, int> segment_lines;  // name -> line of its first definition
    std::string defined;                       // names in file order, for messages
    std::optional<std::size_t> first_default;
    for (std::size_t i = 0; i < segs.size(); ++i) {
      const Segment& g = segs[i];
      if (!g.name.empty()) {
        auto [it, fresh] = segment_lines.emplace(g.name, g.pos.line);
        if (fresh) defined += (defined.empty() ? "" : ", ") + g.name;
        else
          error(g.pos, "segment '" + g.name + "' is defined twice (first at line " + std::to_string(it->second) +
                           "); give each segment its own name");
      }
      if (first_default) {
        error(g.pos, "segment '" + g.name + "' can never match: the default segment '" + segs[*first_default].name +
                         "' (no 'when') before it matches everyone; move the default to the end");
      } else if (!segment_has_when_[i]) {  // not g.conditions: a 'when' with mistakes is no default
        first_default = i;
      }
    }
    if (!segs.empty() && !first_default) {
      error(segs.back().pos, "the last segment '" + segs.back().name +
                                 "' has conditions; end with a default segment without 'when' so every customer has one");
    }
    std::map<std::string, int> strategy_lines, used_segments;  // name -> line of the first strategy
    for (const auto& s : file.strategies) {
      if (!s.name.empty()) {
        if (auto [it, fresh] = strategy_lines.emplace(s.name, s.pos.line); !fresh)
          error(s.pos, "strategy '" + s.name + "' is defined twice (first at line " + std::to_string(it->second) +
                           "); give each strategy its own name");
      }
      if (s.segment.empty()) continue;
      if (!segment_lines.count(s.segment)) {
        error(s.pos, "strategy '" + s.name + "': segment '" + s.segment + "' is not defined; defined: " +
                         (defined.empty() ? std::string("none") : defined));
      } else if (auto [it, fresh] = used_segments.emplace(s.segment, s.pos.line); !fresh) {
        error(s.pos, "strategy '" + s.name + "': segment '" + s.segment + "' already has the strategy at line " +
                         std::to_string(it->second) + "; one strategy per segment (use variants to compare journeys)");
      }
    }
    for (const auto& g : segs) {
      if (!g.name.empty() && !used_segments.count(g.name) && segment_lines[g.name] == g.pos.line)
        error(g.pos, "segment '" + g.name + "' has no strategy; add a [[strategy]] with segment = \"" + g.name +
                         "\" (every customer needs a journey)");
    }
  }

  std::vector<bool> segment_has_when_;  // parallel to the segments read
  money::Currency currency_ = money::Currency::eur();
};

}  // namespace

std::string_view to_string(StepKind k) {
  switch (k) {
    case StepKind::reminder: return "reminder";
    case StepKind::notice: return "notice";
    case StepKind::statement: return "statement";
    case StepKind::fee: return "fee";
    case StepKind::interest: return "interest";
    case StepKind::call_task: return "call_task";
    case StepKind::handover: return "handover";
    case StepKind::court_dunning_prep: return "court_dunning_prep";
  }
  return "?";
}

bool sends_message(StepKind k) { return k == StepKind::reminder || k == StepKind::notice || k == StepKind::statement; }

std::string_view to_string(Tone t) {
  switch (t) {
    case Tone::friendly: return "friendly";
    case Tone::neutral: return "neutral";
    case Tone::firm: return "firm";
  }
  return "?";
}

std::string_view to_string(FeeType f) { return f == FeeType::dunning_fee ? "dunning_fee" : "flat_fee_288"; }

LoadResult parse_collection(std::string_view toml_text, const std::string& path) { return Parser(path).run(toml_text); }

LoadResult load_collection_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    LoadResult r;
    r.errors.push_back({path, {0, 0}, "cannot read the file; check the path and permissions"});
    return r;
  }
  std::ostringstream s;
  s << in.rdbuf();
  return parse_collection(s.str(), path);
}

}  // namespace kulanz::engine
