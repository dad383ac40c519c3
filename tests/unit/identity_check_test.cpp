// The portal's light identity check: answers as customers type them (spaces, date
// formats, invoice numbers in any case and with other separators) pass, others and
// customers without the asked data fail; wrong answers lock the check after the limit
// for the lock time, and a new window starts after the old one or the lock is over.
#include <gtest/gtest.h>

#include <vector>

#include "domain/identity_check.hpp"

namespace kulanz::domain {
namespace {

Customer customer() {
  Customer c;
  c.external_id = "K-1001";
  c.postal_code = "80331";
  c.birth_date = Date::parse_iso("1984-03-07").value();
  return c;
}

std::vector<Invoice> invoices() {
  Invoice a;
  a.external_id = "R-2026-004711";
  a.number = "RE 2026/004711";
  Invoice fee;
  fee.kind = ItemKind::fee;
  fee.external_id = "FEE-1";
  fee.number = "Mahngebühr 09.03.2026";
  return {a, fee};
}

bool ok(IdentityCheck check, std::string_view answer, const Customer& c = customer()) {
  const auto items = invoices();
  return identity_answer_matches(check, c, items, answer);
}

TEST(IdentityCheck, AnswersAsCustomersTypeThem) {
  EXPECT_TRUE(ok(IdentityCheck::postal_code, "80331"));
  EXPECT_TRUE(ok(IdentityCheck::postal_code, " 80 331 "));
  EXPECT_FALSE(ok(IdentityCheck::postal_code, "80333"));
  EXPECT_FALSE(ok(IdentityCheck::postal_code, ""));

  EXPECT_TRUE(ok(IdentityCheck::birth_date, "07.03.1984"));
  EXPECT_TRUE(ok(IdentityCheck::birth_date, "7.3.1984"));
  EXPECT_TRUE(ok(IdentityCheck::birth_date, "1984-03-07"));
  EXPECT_FALSE(ok(IdentityCheck::birth_date, "03.07.1984"));
  EXPECT_FALSE(ok(IdentityCheck::birth_date, "7.3.84"));
  EXPECT_FALSE(ok(IdentityCheck::birth_date, "31.02.1984"));

  EXPECT_TRUE(ok(IdentityCheck::invoice_number, "RE 2026/004711"));
  EXPECT_TRUE(ok(IdentityCheck::invoice_number, "re-2026-004711"));
  EXPECT_TRUE(ok(IdentityCheck::invoice_number, "R-2026-004711"));
  EXPECT_FALSE(ok(IdentityCheck::invoice_number, "2026004711"));
  EXPECT_FALSE(ok(IdentityCheck::invoice_number, "Mahngebühr 09.03.2026")) << "fee items are no invoices";
  EXPECT_FALSE(ok(IdentityCheck::invoice_number, "--"));
}

TEST(IdentityCheck, WithoutTheAskedDataNobodyPasses) {
  Customer c = customer();
  c.postal_code.clear();
  c.birth_date.reset();
  EXPECT_FALSE(ok(IdentityCheck::postal_code, "", c));
  EXPECT_FALSE(ok(IdentityCheck::birth_date, "", c));
  EXPECT_FALSE(identity_answer_matches(IdentityCheck::invoice_number, c, {}, "R-1"));
}

TEST(IdentityCheck, NamesParseBothWays) {
  for (auto c : {IdentityCheck::postal_code, IdentityCheck::birth_date, IdentityCheck::invoice_number}) {
    EXPECT_EQ(parse_identity_check(to_string(c)).value(), c);
  }
  auto bad = parse_identity_check("password");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().detail.find("postal_code, birth_date or invoice_number"), std::string::npos);
}

TEST(IdentityCheck, WrongAnswersLockTheCheckForAWhile) {
  const CheckLimits limits{3, 600, 900};
  const std::int64_t t0 = 1795420800;
  CheckFailures f;
  f = after_wrong_answer(f, t0, limits);
  f = after_wrong_answer(f, t0 + 10, limits);
  EXPECT_EQ(f.failures, 2);
  EXPECT_EQ(locked_for(f, t0 + 10), 0);
  f = after_wrong_answer(f, t0 + 20, limits);
  EXPECT_EQ(f.failures, 3);
  EXPECT_EQ(locked_for(f, t0 + 20), 900);
  EXPECT_EQ(locked_for(f, t0 + 919), 1);
  EXPECT_EQ(locked_for(f, t0 + 920), 0);
  // After the lock a new window starts with the next wrong answer.
  f = after_wrong_answer(f, t0 + 930, limits);
  EXPECT_EQ(f.failures, 1);
  EXPECT_EQ(f.window_start_unix, t0 + 930);
  EXPECT_EQ(locked_for(f, t0 + 930), 0);
  // Wrong answers further apart than the window do not add up.
  f = after_wrong_answer(f, t0 + 930 + 600, limits);
  EXPECT_EQ(f.failures, 1);
}

}  // namespace
}  // namespace kulanz::domain
