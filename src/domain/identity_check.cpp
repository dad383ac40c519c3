#include "domain/identity_check.hpp"

#include <cctype>
#include <string>

namespace kulanz::domain {
namespace {

// Letters and digits only, letters in lower case.
std::string folded(std::string_view s) {
  std::string out;
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u)) out += static_cast<char>(std::tolower(u));
    else if (u >= 0x80) out += c;  // keep non-ASCII letters as they are
  }
  return out;
}

std::string without_spaces(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (!std::isspace(static_cast<unsigned char>(c))) out += c;
  }
  return out;
}

// DD.MM.YYYY, D.M.YYYY or YYYY-MM-DD.
std::optional<Date> typed_date(std::string_view text) {
  const std::string t = without_spaces(text);
  if (auto iso = Date::parse_iso(t)) return *iso;
  int d = 0, m = 0, y = 0;
  std::size_t i = 0;
  auto number = [&](int max_digits, int& out) {
    int digits = 0;
    out = 0;
    while (i < t.size() && std::isdigit(static_cast<unsigned char>(t[i])) && digits < max_digits) {
      out = out * 10 + (t[i] - '0');
      ++i;
      ++digits;
    }
    return digits;
  };
  if (number(2, d) == 0 || i >= t.size() || t[i++] != '.') return std::nullopt;
  if (number(2, m) == 0 || i >= t.size() || t[i++] != '.') return std::nullopt;
  if (number(4, y) != 4 || i != t.size()) return std::nullopt;
  auto parsed = Date::from_ymd(y, m, d);
  if (!parsed) return std::nullopt;
  return *parsed;
}

}  // namespace

std::string_view to_string(IdentityCheck c) {
  switch (c) {
    case IdentityCheck::postal_code: return "postal_code";
    case IdentityCheck::birth_date: return "birth_date";
    case IdentityCheck::invoice_number: return "invoice_number";
  }
  return "postal_code";
}

base::Result<IdentityCheck> parse_identity_check(std::string_view text) {
  if (text == "postal_code") return IdentityCheck::postal_code;
  if (text == "birth_date") return IdentityCheck::birth_date;
  if (text == "invoice_number") return IdentityCheck::invoice_number;
  return base::fail(base::ErrorCode::enum_invalid,
                    "'" + std::string(text) + "' is no identity check (postal_code, birth_date or invoice_number)");
}

bool identity_answer_matches(IdentityCheck check, const Customer& customer, std::span<const Invoice> invoices,
                             std::string_view answer) {
  switch (check) {
    case IdentityCheck::postal_code: {
      const std::string want = without_spaces(customer.postal_code);
      return !want.empty() && without_spaces(answer) == want;
    }
    case IdentityCheck::birth_date: {
      if (!customer.birth_date) return false;
      const auto typed = typed_date(answer);
      return typed && *typed == *customer.birth_date;
    }
    case IdentityCheck::invoice_number: {
      const std::string typed = folded(answer);
      if (typed.empty()) return false;
      for (const auto& i : invoices) {
        if (i.kind != ItemKind::invoice) continue;
        if (folded(i.number) == typed || folded(i.external_id) == typed) return true;
      }
      return false;
    }
  }
  return false;
}

std::int64_t locked_for(const CheckFailures& f, std::int64_t now_unix) {
  return f.locked_until_unix > now_unix ? f.locked_until_unix - now_unix : 0;
}

CheckFailures after_wrong_answer(CheckFailures f, std::int64_t now_unix, const CheckLimits& limits) {
  const bool window_over = f.failures == 0 || now_unix >= f.window_start_unix + limits.window_seconds ||
                           (f.locked_until_unix != 0 && now_unix >= f.locked_until_unix);
  if (window_over) {
    f.failures = 0;
    f.window_start_unix = now_unix;
    f.locked_until_unix = 0;
  }
  ++f.failures;
  if (f.failures >= limits.max_failures) f.locked_until_unix = now_unix + limits.lock_seconds;
  return f;
}

}  // namespace kulanz::domain
