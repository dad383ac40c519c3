#pragma once
// The light identity check of the customer portal (docs/PORTAL.md): before anything in the
// portal changes data or shows documents, the customer answers one question the creditor
// chose — the postal code, the date of birth, or the number of one of their invoices — and
// wrong answers lock the check for a while. Pure: the answer, the customer's records and
// the clock in, the verdict out.
#include <cstdint>
#include <span>
#include <string_view>

#include "base/result.hpp"
#include "domain/types.hpp"

namespace kulanz::domain {

enum class IdentityCheck { postal_code, birth_date, invoice_number };
std::string_view to_string(IdentityCheck c);
base::Result<IdentityCheck> parse_identity_check(std::string_view text);  // postal_code|birth_date|invoice_number

// Whether `answer`, as a customer types it, is right:
// - postal_code: the customer's postal code, spaces ignored;
// - birth_date: the date of birth as DD.MM.YYYY, D.M.YYYY or YYYY-MM-DD;
// - invoice_number: the number (or external id) of one of `invoices`, letters in any
//   case, spaces, dots, slashes and dashes ignored.
// A customer without the asked data (no postal code, no date of birth, no invoices) never
// passes: the check fails closed.
bool identity_answer_matches(IdentityCheck check, const Customer& customer, std::span<const Invoice> invoices,
                             std::string_view answer);

// Failed answers of one customer in the current window and the lock they caused.
struct CheckFailures {
  int failures = 0;
  std::int64_t window_start_unix = 0;
  std::int64_t locked_until_unix = 0;
};
struct CheckLimits {
  int max_failures = 5;                 // wrong answers within the window before the lock
  std::int64_t window_seconds = 900;    // the window starts with the first wrong answer
  std::int64_t lock_seconds = 900;      // how long the check stays locked
};
// Seconds the check is still locked at `now_unix` (0: not locked).
std::int64_t locked_for(const CheckFailures& f, std::int64_t now_unix);
// The state after one more wrong answer at `now_unix`: counted in the window (a new window
// when the last one is over), and locked for lock_seconds once max_failures are reached.
CheckFailures after_wrong_answer(CheckFailures f, std::int64_t now_unix, const CheckLimits& limits);

}  // namespace kulanz::domain
