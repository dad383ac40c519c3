// Runs every golden ledger case: reads case.json, allocates, and compares the rendered
// result with expected.txt. See tests/golden/README.md for the file format.
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "domain/ledger.hpp"

namespace kulanz::golden {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
using namespace kulanz::domain;

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string text(const json::object& o, const char* key, const std::string& fallback = {}) {
  auto* v = o.if_contains(key);
  return v ? std::string(v->as_string()) : fallback;
}

Date date(const json::object& o, const char* key) { return Date::parse_iso(text(o, key)).value(); }

// Amounts are written as decimal strings ("119.00") in the record's currency.
Money money(const json::object& o, const char* key, Currency fallback) {
  const Currency c = o.contains("currency") ? Currency::from_code(text(o, "currency")).value() : fallback;
  return Money(money::parse_amount(text(o, key), c, money::DecimalStyle::point).value(), c);
}

ItemKind item_kind(const std::string& s) {
  if (s == "fee") return ItemKind::fee;
  if (s == "interest") return ItemKind::interest;
  return ItemKind::invoice;
}

struct Case {
  CustomerLedger ledger;
  Date as_of;
  Date from;
  Date to;
};

Case load_case(const fs::path& file) {
  const json::object root = json::parse(read_file(file)).as_object();
  const Currency currency = Currency::from_code(text(root, "currency", "EUR")).value();
  Case c;
  c.as_of = date(root, "as_of");
  const auto& period = root.at("statement").as_object();
  c.from = date(period, "from");
  c.to = date(period, "to");
  CustomerLedger& l = c.ledger;
  l.customer.id = CustomerId(1);
  l.customer.creditor_id = CreditorId(1);
  std::int64_t next_id = 1;
  std::map<std::string, InvoiceId> by_number;
  if (auto* items = root.if_contains("invoices")) {
    for (const auto& v : items->as_array()) {
      const auto& o = v.as_object();
      Invoice i;
      i.id = InvoiceId(next_id++);
      i.creditor_id = l.customer.creditor_id;
      i.customer_id = l.customer.id;
      i.number = text(o, "number");
      i.external_id = text(o, "external_id", i.number);
      i.kind = item_kind(text(o, "kind", "invoice"));
      i.issue_date = date(o, "issue_date");
      i.due_date = date(o, "due_date");
      i.amount = money(o, "amount", currency);
      i.open = i.amount;
      by_number[i.number] = i.id;
      l.invoices.push_back(i);
    }
  }
  if (auto* notes = root.if_contains("credit_notes")) {
    for (const auto& v : notes->as_array()) {
      const auto& o = v.as_object();
      CreditNote n;
      n.id = CreditNoteId(next_id++);
      n.creditor_id = l.customer.creditor_id;
      n.customer_id = l.customer.id;
      n.number = text(o, "number");
      n.external_id = text(o, "external_id", n.number);
      n.issue_date = date(o, "issue_date");
      n.amount = money(o, "amount", currency);
      n.unallocated = n.amount;
      if (o.contains("invoice")) n.invoice_id = by_number.at(text(o, "invoice"));
      l.credit_notes.push_back(n);
    }
  }
  if (auto* payments = root.if_contains("payments")) {
    for (const auto& v : payments->as_array()) {
      const auto& o = v.as_object();
      Payment p;
      p.id = PaymentId(next_id++);
      p.creditor_id = l.customer.creditor_id;
      p.customer_id = l.customer.id;
      p.external_id = text(o, "external_id");
      p.value_date = date(o, "value_date");
      p.amount = money(o, "amount", currency);
      p.unallocated = p.amount;
      p.reference = text(o, "reference");
      l.payments.push_back(p);
    }
  }
  return c;
}

std::string amount(const Money& m) { return m.to_decimal_string(); }

std::string error_line(const base::Error& e) {
  return "error E" + std::to_string(e.number()) + " " + e.info().name + "\n";
}

std::string source_name(const CustomerLedger& l, const Allocation& a) {
  if (a.source == AllocationSource::payment) {
    for (const auto& p : l.payments) if (p.id.value == a.source_id) return p.external_id;
  } else {
    for (const auto& n : l.credit_notes) if (n.id.value == a.source_id) return n.number;
  }
  return "?";
}

std::string item_name(const CustomerLedger& l, InvoiceId id) {
  for (const auto& i : l.invoices) if (i.id == id) return i.number;
  return "?";
}

// The rendering compared with expected.txt: one section per computation.
std::string render(Case& c) {
  std::ostringstream out;
  CustomerLedger& l = c.ledger;
  out << "== allocations\n";
  auto created = auto_allocate(l);
  if (!created) {
    out << error_line(created.error());
    return out.str();
  }
  for (const auto& a : *created) {
    out << a.date.iso() << " " << source_name(l, a) << " -> " << item_name(l, a.invoice_id) << " " << amount(a.amount)
        << "\n";
  }
  for (const auto& p : l.payments) {
    if (p.unallocated.is_positive()) out << "unapplied payment " << p.external_id << " " << amount(p.unallocated) << "\n";
  }
  for (const auto& n : l.credit_notes) {
    if (n.unallocated.is_positive()) out << "unapplied credit note " << n.number << " " << amount(n.unallocated) << "\n";
  }
  auto inv = check_invariants(l);
  out << "invariants " << (inv ? std::string("ok\n") : error_line(inv.error()));

  out << "== items as of " << c.as_of.iso() << "\n";
  for (const auto& i : l.invoices) {
    out << i.number << " " << to_string(item_status(i, c.as_of)) << " open " << amount(i.open) << " of "
        << amount(i.amount) << "\n";
  }
  out << "== open items\n";
  const auto items = open_items(l, c.as_of);
  for (const auto& i : items) {
    out << i.number << " due " << i.due_date.iso() << " days " << i.days_past_due << " " << to_string(i.bucket)
        << " open " << amount(i.open) << "\n";
  }
  out << "== balance\n";
  if (auto b = balance(l, c.as_of)) {
    out << "open items " << amount(b->open_items) << ", unapplied " << amount(b->unapplied) << ", balance "
        << amount(b->balance) << ", overdue " << amount(b->overdue) << " " << b->balance.currency().code() << "\n";
  } else {
    out << error_line(b.error());
  }
  out << "== aging\n";
  if (auto a = aging(l, c.as_of)) {
    for (int b = 0; b < kAgingBucketCount; ++b) {
      out << to_string(static_cast<AgingBucket>(b)) << " " << a->count[static_cast<std::size_t>(b)] << " "
          << amount(a->amount[static_cast<std::size_t>(b)]) << "\n";
    }
    out << "total " << amount(a->total_open) << ", overdue " << amount(a->total_overdue) << "\n";
  } else {
    out << error_line(a.error());
  }
  out << "== statement " << c.from.iso() << " .. " << c.to.iso() << "\n";
  if (auto st = statement(l, c.from, c.to)) {
    out << "opening balance " << amount(st->opening_balance) << "\n";
    for (const auto& e : st->entries) {
      out << e.date.iso() << " " << to_string(e.kind) << " " << e.reference << " debit " << amount(e.debit)
          << " credit " << amount(e.credit) << " balance " << amount(e.running_balance) << "\n";
    }
    out << "closing balance " << amount(st->closing_balance) << "\n";
  } else {
    out << error_line(st.error());
  }
  return out.str();
}

std::vector<std::string> case_names() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(KULANZ_GOLDEN_DIR)) {
    if (entry.is_directory() && fs::exists(entry.path() / "case.json")) names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

class LedgerGolden : public ::testing::TestWithParam<std::string> {};

TEST_P(LedgerGolden, MatchesExpected) {
  const fs::path dir = fs::path(KULANZ_GOLDEN_DIR) / GetParam();
  Case c = load_case(dir / "case.json");
  const std::string actual = render(c);
  const fs::path expected_file = dir / "expected.txt";
  const char* update = std::getenv("KULANZ_UPDATE_GOLDEN");
  if (update && std::string(update) == "1") {
    std::ofstream(expected_file, std::ios::binary) << actual;
  }
  ASSERT_TRUE(fs::exists(expected_file)) << expected_file << " is missing; actual output:\n" << actual;
  EXPECT_EQ(read_file(expected_file), actual) << "case " << GetParam();
}

TEST(LedgerGoldenCases, Exist) { EXPECT_GE(case_names().size(), 8u); }

INSTANTIATE_TEST_SUITE_P(Cases, LedgerGolden, ::testing::ValuesIn(case_names()),
                         [](const ::testing::TestParamInfo<std::string>& p) { return p.param; });

}  // namespace
}  // namespace kulanz::golden
