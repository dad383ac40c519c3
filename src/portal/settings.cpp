// Reading a portal file (docs/PORTAL.md): TOML into PortalSettings, with every problem
// reported as FILE:LINE:COL: what is wrong; how to fix it.
#include "portal/settings.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include "base/text.hpp"
#include "engine/toml_reader.hpp"
#include "money/money.hpp"

namespace kulanz::portal {
namespace {

constexpr std::size_t kMaxLabel = 200;
constexpr std::size_t kMaxTitle = 200;
constexpr std::size_t kMaxAnswerText = 8000;
constexpr std::size_t kMaxReasons = 50;
constexpr std::size_t kMaxAnswers = 200;
constexpr std::size_t kMaxCodeLength = 40;

const std::vector<std::string>& known_topics() {
  static const std::vector<std::string> topics = {"fees",    "interest", "mandate",     "payment",  "plan",
                                                  "promise", "dispute",  "credit_note", "callback", "data"};
  return topics;
}


bool is_code(std::string_view s, bool dash_allowed) {
  if (s.empty() || s.size() > kMaxCodeLength) return false;
  return std::all_of(s.begin(), s.end(), [&](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || (dash_allowed && c == '-');
  });
}

// Code points, for length limits that customers' texts in any language meet alike.
std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::optional<int> parse_clock(std::string_view s) {
  if (s.size() != 5 || s[2] != ':') return std::nullopt;
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (!digit(s[0]) || !digit(s[1]) || !digit(s[3]) || !digit(s[4])) return std::nullopt;
  int h = (s[0] - '0') * 10 + (s[1] - '0');
  int m = (s[3] - '0') * 10 + (s[4] - '0');
  if (h > 24 || m > 59 || (h == 24 && m != 0)) return std::nullopt;
  return h * 60 + m;
}

std::string two(int v) { return (v < 10 ? "0" : "") + std::to_string(v); }

class Parser : engine::TomlReader {
 public:
  explicit Parser(std::string path) : TomlReader(std::move(path)) {}

  SettingsResult run(std::string_view text) {
    SettingsResult result;
    auto parsed = parse_document(text);
    if (!parsed) {
      result.errors = std::move(errors_);
      return result;
    }
    const toml::table& root = *parsed;
    PortalSettings s;
    known(root, {"currency", "check", "plan", "promise", "payment", "callback", "dispute_reason",
                 "credit_note_reason", "answer"},
          "the top level");
    if (auto c = root["currency"]) {
      if (auto code = string_of(*c.node(), "currency")) {
        auto cur = money::Currency::from_code(*code);
        if (cur) s.currency = *cur;
        else error(pos(*c.node()), "unknown currency '" + *code + "'; write an ISO 4217 code such as \"EUR\"");
      }
    }
    read_check(table_at(root, "check"), s);
    read_plan(table_at(root, "plan"), s);
    read_promise(table_at(root, "promise"), s);
    read_payment(table_at(root, "payment"), s);
    read_callback(table_at(root, "callback"), s);
    s.dispute_reasons = read_reasons(root, "dispute_reason");
    s.credit_note_reasons = read_reasons(root, "credit_note_reason");
    read_answers(root, s);
    if (errors_.empty()) result.settings = std::move(s);
    result.errors = std::move(errors_);
    return result;
  }

 private:


  // The table under `key`, or nullptr when absent (an error when it is something else).
  const toml::table* table_at(const toml::table& parent, std::string_view key) {
    const toml::node* n = parent.get(key);
    if (n == nullptr) return nullptr;
    if (const auto* t = n->as_table()) return t;
    error(pos(*n), "'" + std::string(key) + "' must be a table ([" + std::string(key) + "])");
    return nullptr;
  }

  std::optional<std::string> string_of(const toml::node& n, const std::string& what) {
    if (auto v = n.value<std::string>(); v && n.is_string()) return *v;
    error(pos(n), what + " must be a string in quotes");
    return std::nullopt;
  }

  void read_bool(const toml::table& t, std::string_view key, bool& out, const std::string& where) {
    if (const toml::node* n = t.get(key)) {
      if (n->is_boolean()) out = *n->value<bool>();
      else error(pos(*n), where + "." + std::string(key) + " must be true or false");
    }
  }

  void read_int(const toml::table& t, std::string_view key, std::int64_t lo, std::int64_t hi, auto& out,
                const std::string& where) {
    const toml::node* n = t.get(key);
    if (n == nullptr) return;
    if (!n->is_integer()) {
      error(pos(*n), where + "." + std::string(key) + " must be a whole number from " + std::to_string(lo) + " to " +
                         std::to_string(hi));
      return;
    }
    std::int64_t v = *n->value<std::int64_t>();
    if (v < lo || v > hi) {
      error(pos(*n), where + "." + std::string(key) + " is " + std::to_string(v) + "; allowed are " +
                         std::to_string(lo) + " to " + std::to_string(hi));
      return;
    }
    out = static_cast<std::remove_reference_t<decltype(out)>>(v);
  }

  // Amounts are strings ("25.00" or "25,00"), never TOML floats, so that they stay exact.
  void read_amount(const toml::table& t, std::string_view key, const money::Currency& currency, std::int64_t& out,
                   const std::string& where) {
    const toml::node* n = t.get(key);
    if (n == nullptr) return;
    std::string name = where + "." + std::string(key);
    if (!n->is_string()) {
      error(pos(*n), name + " must be an amount in quotes, such as \"25.00\" (amounts are never TOML numbers, to stay exact)");
      return;
    }
    std::string text = *n->value<std::string>();
    auto style = text.find(',') != std::string::npos && text.find('.') == std::string::npos ? money::DecimalStyle::comma
                                                                                              : money::DecimalStyle::point;
    auto v = money::parse_amount(text, currency, style);
    if (!v || *v < 0) {
      error(pos(*n), name + " '" + text + "' is not an amount of 0 or more in " + std::string(currency.code()) +
                         "; write it like \"25.00\"");
      return;
    }
    out = *v;
  }

  void read_check(const toml::table* t, PortalSettings& s) {
    if (t == nullptr) return;
    known(*t, {"kind", "max_failures", "window_minutes", "lock_minutes"}, "[check]");
    if (const toml::node* n = t->get("kind")) {
      if (auto text = string_of(*n, "check.kind")) {
        auto kind = domain::parse_identity_check(*text);
        if (kind) s.check = *kind;
        else error(pos(*n), "check.kind '" + *text + "' is unknown; choose postal_code, birth_date or invoice_number");
      }
    }
    std::int64_t window = s.check_limits.window_seconds / 60, lock = s.check_limits.lock_seconds / 60;
    read_int(*t, "max_failures", 1, 20, s.check_limits.max_failures, "check");
    read_int(*t, "window_minutes", 1, 24 * 60, window, "check");
    read_int(*t, "lock_minutes", 1, 24 * 60, lock, "check");
    s.check_limits.window_seconds = window * 60;
    s.check_limits.lock_seconds = lock * 60;
  }

  void read_plan(const toml::table* t, PortalSettings& s) {
    if (t == nullptr) return;
    known(*t, {"enabled", "max_months", "min_instalment", "down_payment_percent", "max_total", "interest_accrues"},
          "[plan]");
    read_bool(*t, "enabled", s.plan.enabled, "plan");
    read_int(*t, "max_months", 1, 60, s.plan.max_months, "plan");
    read_amount(*t, "min_instalment", s.currency, s.plan.min_instalment_minor, "plan");
    read_int(*t, "down_payment_percent", 0, 90, s.plan.down_payment_percent, "plan");
    read_amount(*t, "max_total", s.currency, s.plan.max_total_minor, "plan");
    read_bool(*t, "interest_accrues", s.plan.interest_accrues, "plan");
    if (s.plan.min_instalment_minor <= 0) {
      error(pos(*t), "plan.min_instalment must be more than 0; an instalment of nothing is no plan");
    }
  }

  void read_promise(const toml::table* t, PortalSettings& s) {
    if (t == nullptr) return;
    known(*t, {"enabled", "max_days"}, "[promise]");
    read_bool(*t, "enabled", s.promise.enabled, "promise");
    read_int(*t, "max_days", 1, 90, s.promise.max_days, "promise");
  }

  // CC kk BBB national-id: the check digits kk are ISO 7064 MOD 97-10 over the national id
  // followed by the country and "00"; the business code BBB does not count.
  static bool valid_creditor_identifier(const std::string& ci) {
    if (ci.size() < 8 || ci.size() > 35) return false;
    auto alpha = [](char c) { return c >= 'A' && c <= 'Z'; };
    auto digit = [](char c) { return c >= '0' && c <= '9'; };
    if (!alpha(ci[0]) || !alpha(ci[1]) || !digit(ci[2]) || !digit(ci[3])) return false;
    for (char c : ci.substr(4)) {
      if (!alpha(c) && !digit(c)) return false;
    }
    const int check = 98 - base::iso7064_mod97(ci.substr(7) + ci.substr(0, 2) + "00");
    return check == (ci[2] - '0') * 10 + (ci[3] - '0');
  }

  void read_payment(const toml::table* t, PortalSettings& s) {
    s.methods = {PaymentMethod::transfer};
    if (t == nullptr) return;
    known(*t, {"methods", "creditor_identifier"}, "[payment]");
    if (const toml::node* ci = t->get("creditor_identifier")) {
      if (auto text = string_of(*ci, "payment.creditor_identifier")) {
        std::string compact;
        for (char c : *text) {
          if (c != ' ') compact += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        }
        if (!valid_creditor_identifier(compact)) {
          error(pos(*ci), "payment.creditor_identifier '" + *text +
                              "' is not a valid SEPA creditor identifier (country, 2 check digits, 3-character business "
                              "code, national id, such as DE98ZZZ09999999999); copy it from the Bundesbank's letter");
        } else {
          s.creditor_identifier = compact;
        }
      }
    }
    const toml::node* n = t->get("methods");
    if (n == nullptr) return;
    const auto* arr = n->as_array();
    if (arr == nullptr) {
      error(pos(*n), "payment.methods must be a list such as [\"transfer\", \"direct_debit\"]");
      return;
    }
    static const std::vector<std::pair<std::string, PaymentMethod>> names = {
        {"transfer", PaymentMethod::transfer}, {"direct_debit", PaymentMethod::direct_debit},
        {"card", PaymentMethod::card},         {"paypal", PaymentMethod::paypal},
        {"wallet", PaymentMethod::wallet}};
    s.methods.clear();
    for (const auto& e : *arr) {
      auto text = string_of(e, "each of payment.methods");
      if (!text) continue;
      auto it = std::find_if(names.begin(), names.end(), [&](const auto& p) { return p.first == *text; });
      if (it == names.end()) {
        error(pos(e), "payment method '" + *text + "' is unknown; choose from transfer, direct_debit, card, paypal, wallet");
      } else if (std::find(s.methods.begin(), s.methods.end(), it->second) != s.methods.end()) {
        error(pos(e), "payment method '" + *text + "' is listed twice; list each once");
      } else {
        s.methods.push_back(it->second);
      }
    }
    if (arr->empty()) error(pos(*n), "payment.methods is empty; offer at least \"transfer\"");
  }

  void read_callback(const toml::table* t, PortalSettings& s) {
    s.callback.windows = {{8 * 60, 12 * 60}, {12 * 60, 16 * 60}, {16 * 60, 18 * 60}};
    if (t == nullptr) return;
    known(*t, {"windows", "days_ahead"}, "[callback]");
    read_int(*t, "days_ahead", 1, 30, s.callback.days_ahead, "callback");
    const toml::node* n = t->get("windows");
    if (n == nullptr) return;
    const auto* arr = n->as_array();
    if (arr == nullptr || arr->empty()) {
      error(pos(*n), "callback.windows must be a non-empty list such as [\"08:00-12:00\", \"12:00-16:00\"]");
      return;
    }
    s.callback.windows.clear();
    for (const auto& e : *arr) {
      auto text = string_of(e, "each of callback.windows");
      if (!text) continue;
      auto dash = text->find('-');
      auto from = dash == std::string::npos ? std::nullopt : parse_clock(std::string_view(*text).substr(0, dash));
      auto to = dash == std::string::npos ? std::nullopt : parse_clock(std::string_view(*text).substr(dash + 1));
      if (!from || !to || *to <= *from) {
        error(pos(e), "callback window '" + *text + "' is not a time range; write it like \"08:00-12:00\" (start before end)");
        continue;
      }
      s.callback.windows.push_back({*from, *to});
    }
  }

  std::optional<Text> read_text(const toml::table& t, std::string_view key, std::size_t max, const std::string& where) {
    Text out;
    bool ok = true;
    for (const auto& [lang, field] : {std::pair<const char*, std::string Text::*>{"de", &Text::de}, {"en", &Text::en}}) {
      const toml::node* n = t.get(lang);
      std::string name = where + "." + lang + (key.empty() ? "" : "." + std::string(key));
      const toml::node* v = n;
      if (n != nullptr && !key.empty()) {
        const auto* sub = n->as_table();
        v = sub == nullptr ? nullptr : sub->get(key);
      }
      if (v == nullptr) {
        error(pos(t), name + " is missing; every text is given in German (de) and English (en)");
        ok = false;
        continue;
      }
      auto text = string_of(*v, name);
      if (!text) { ok = false; continue; }
      if (text->empty() || code_points(*text) > max) {
        error(pos(*v), name + " must have 1 to " + std::to_string(max) + " characters");
        ok = false;
        continue;
      }
      out.*field = *text;
    }
    if (!ok) return std::nullopt;
    return out;
  }

  // The array of tables under `key` ([[key]]), or nullptr.
  const toml::array* tables_at(const toml::table& root, std::string_view key, std::size_t max) {
    const toml::node* n = root.get(key);
    if (n == nullptr) return nullptr;
    const auto* arr = n->as_array();
    if (arr == nullptr || !arr->is_array_of_tables()) {
      error(pos(*n), "'" + std::string(key) + "' must be tables written as [[" + std::string(key) + "]]");
      return nullptr;
    }
    if (arr->size() > max) {
      error(pos(*n), "at most " + std::to_string(max) + " [[" + std::string(key) + "]] entries are allowed");
      return nullptr;
    }
    return arr;
  }

  std::vector<Reason> read_reasons(const toml::table& root, std::string_view key) {
    std::vector<Reason> out;
    const auto* arr = tables_at(root, key, kMaxReasons);
    if (arr == nullptr) return out;
    std::set<std::string> seen;
    std::string where = "[[" + std::string(key) + "]]";
    for (const auto& e : *arr) {
      const auto& t = *e.as_table();
      known(t, {"code", "de", "en"}, where);
      Reason r;
      if (const toml::node* c = t.get("code")) {
        if (auto code = string_of(*c, std::string(key) + ".code")) {
          if (!is_code(*code, false)) {
            error(pos(*c), std::string(key) + ".code '" + *code + "' must be 1 to 40 of a-z, 0-9 and _");
          } else if (!seen.insert(*code).second) {
            error(pos(*c), std::string(key) + ".code '" + *code + "' is used twice; each reason needs its own code");
          }
          r.code = *code;
        }
      } else {
        error(pos(t), where + " needs a code (stored with each request)");
      }
      if (auto text = read_text(t, "", kMaxLabel, std::string(key))) r.label = *text;
      out.push_back(std::move(r));
    }
    return out;
  }

  void read_answers(const toml::table& root, PortalSettings& s) {
    const auto* arr = tables_at(root, "answer", kMaxAnswers);
    if (arr == nullptr) return;
    std::set<std::string> seen;
    for (const auto& e : *arr) {
      const auto& t = *e.as_table();
      known(t, {"id", "topics", "de", "en"}, "[[answer]]");
      Answer a;
      if (const toml::node* c = t.get("id")) {
        if (auto id = string_of(*c, "answer.id")) {
          if (!is_code(*id, true)) error(pos(*c), "answer.id '" + *id + "' must be 1 to 40 of a-z, 0-9, _ and -");
          else if (!seen.insert(*id).second) error(pos(*c), "answer.id '" + *id + "' is used twice");
          a.id = *id;
        }
      } else {
        error(pos(t), "[[answer]] needs an id (it is part of the answer's address)");
      }
      if (const toml::node* tp = t.get("topics")) {
        const auto* list = tp->as_array();
        if (list == nullptr) {
          error(pos(*tp), "answer.topics must be a list such as [\"fees\"]");
        } else {
          for (const auto& x : *list) {
            auto topic = string_of(x, "each of answer.topics");
            if (!topic) continue;
            if (std::find(known_topics().begin(), known_topics().end(), *topic) == known_topics().end()) {
              error(pos(x), "topic '" + *topic + "' is unknown; choose from " + engine::join_names(known_topics()));
            } else {
              a.topics.push_back(*topic);
            }
          }
        }
      }
      for (const char* lang : {"de", "en"}) {
        if (const toml::node* l = t.get(lang); l != nullptr && l->as_table() != nullptr) {
          known(*l->as_table(), {"title", "text"}, "[[answer]] " + std::string(lang));
        }
      }
      auto title = read_text(t, "title", kMaxTitle, "answer");
      auto text = read_text(t, "text", kMaxAnswerText, "answer");
      if (title) a.title = *title;
      if (text) a.text = *text;
      s.answers.push_back(std::move(a));
    }
  }
};

// Lower case for ASCII and the German letters with umlauts (enough for searching the
// answers of a German or English knowledge base).
std::string fold(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      out.push_back(static_cast<char>(std::tolower(c)));
    } else if (c == 0xC3 && i + 1 < s.size()) {
      unsigned char d = static_cast<unsigned char>(s[i + 1]);
      if (d == 0x84 || d == 0x96 || d == 0x9C) d = static_cast<unsigned char>(d + 0x20);  // Ä Ö Ü -> ä ö ü
      out.push_back(static_cast<char>(c));
      out.push_back(static_cast<char>(d));
      ++i;
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out;
}

std::vector<std::string> words(std::string_view folded) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : folded) {
    unsigned char u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || u >= 0x80) {
      cur.push_back(c);
    } else if (!cur.empty()) {
      out.push_back(std::move(cur));
      cur.clear();
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

}  // namespace

std::string_view to_string(PaymentMethod m) {
  switch (m) {
    case PaymentMethod::transfer: return "transfer";
    case PaymentMethod::direct_debit: return "direct_debit";
    case PaymentMethod::card: return "card";
    case PaymentMethod::paypal: return "paypal";
    case PaymentMethod::wallet: return "wallet";
  }
  return "transfer";
}

std::string CallbackWindow::label() const {
  return two(from_minute / 60) + ":" + two(from_minute % 60) + "-" + two(to_minute / 60) + ":" + two(to_minute % 60);
}

bool PortalSettings::offers(PaymentMethod m) const { return std::find(methods.begin(), methods.end(), m) != methods.end(); }

const Reason* PortalSettings::dispute_reason(std::string_view code) const {
  for (const auto& r : dispute_reasons) if (r.code == code) return &r;
  return nullptr;
}

const Reason* PortalSettings::credit_note_reason(std::string_view code) const {
  for (const auto& r : credit_note_reasons) if (r.code == code) return &r;
  return nullptr;
}

const Answer* PortalSettings::answer(std::string_view id) const {
  for (const auto& a : answers) if (a.id == id) return &a;
  return nullptr;
}

std::vector<const Answer*> PortalSettings::answers_for(std::string_view topic) const {
  std::vector<const Answer*> out;
  for (const auto& a : answers) {
    if (std::find(a.topics.begin(), a.topics.end(), topic) != a.topics.end()) out.push_back(&a);
  }
  return out;
}

SettingsResult parse_portal_settings(std::string_view text, std::string file_name) {
  return Parser(std::move(file_name)).run(text);
}

const PortalSettings& builtin_portal_settings() {
  static const PortalSettings settings = [] {
    auto r = parse_portal_settings(builtin_portal_text(), "data/portal/default.toml");
    // The shipped file is checked by the tests; should it ever fail, the defaults apply.
    return r.settings ? *r.settings : PortalSettings{};
  }();
  return settings;
}

std::vector<const Answer*> search_answers(const PortalSettings& s, domain::Language language, std::string_view query,
                                          std::size_t limit) {
  std::vector<const Answer*> out;
  auto wanted = words(fold(query.substr(0, 200)));
  for (const auto& a : s.answers) {
    if (out.size() >= limit) break;
    std::string hay = fold(a.title.in(language)) + "\n" + fold(a.text.in(language));
    bool all = std::all_of(wanted.begin(), wanted.end(), [&](const std::string& w) { return hay.find(w) != std::string::npos; });
    if (all) out.push_back(&a);
  }
  return out;
}

}  // namespace kulanz::portal
