#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <unistd.h>

#include "domain/ledger.hpp"
#include "services/allocation_service.hpp"
#include "services/demo_portfolio.hpp"
#include "store/open.hpp"

namespace kulanz::test {
namespace {

using namespace kulanz::domain;
using services::DemoOptions;
using services::DemoPortfolio;

Date d(const char* iso) { return Date::parse_iso(iso).value(); }

DemoOptions options(std::uint64_t seed = 7, int customers = 5000) {
  DemoOptions o;
  o.seed = seed;
  o.today = d("2026-11-23");
  o.customers = customers;
  return o;
}

std::string contacts_text(const Customer& c) {
  std::string out;
  for (const auto& k : c.contacts) {
    out += std::string(to_string(k.channel)) + ":" + k.address + (k.consent ? "+" : "-") + (k.invalid ? "!" : "") + ";";
  }
  return out;
}

// Everything about a ledger except database ids, as text.
std::string fingerprint(const CustomerLedger& l) {
  std::ostringstream o;
  const Customer& c = l.customer;
  o << c.external_id << '|' << c.name << '|' << to_string(c.type) << '|' << to_string(c.language) << '|' << c.time_zone
    << '|' << c.country << '|' << c.state << '|' << c.postal_code << '|' << c.city << '|' << c.street << '|'
    << (c.birth_date ? c.birth_date->iso() : "") << '|' << c.key_account << c.also_supplier << '|'
    << c.risk_score.value_or(-1) << '|' << (c.customer_since ? c.customer_since->iso() : "") << '|'
    << c.lifetime_revenue_minor << '|' << contacts_text(c) << '\n';
  for (const auto& i : l.invoices) {
    o << "I " << i.number << ' ' << i.issue_date.iso() << ' ' << i.due_date.iso() << ' ' << i.amount.minor() << ' '
      << i.skonto_basis_points << '/' << i.skonto_days << ' ' << i.open.minor() << '\n';
  }
  for (const auto& n : l.credit_notes) {
    o << "C " << n.number << ' ' << n.issue_date.iso() << ' ' << n.amount.minor() << ' ' << n.invoice_id.has_value() << ' '
      << n.unallocated.minor() << '\n';
  }
  for (const auto& p : l.payments) {
    o << "P " << p.external_id << ' ' << p.value_date.iso() << ' ' << p.amount.minor() << ' ' << p.reference << ' '
      << p.unallocated.minor() << '\n';
  }
  return o.str();
}

// The generated records of a customer as a ledger with provisional ids, allocated in memory.
CustomerLedger as_ledger(const services::DemoCustomer& dc) {
  CustomerLedger l;
  l.customer = dc.customer;
  l.customer.id = CustomerId(1);
  l.customer.creditor_id = CreditorId(1);
  std::int64_t next = 1;
  for (auto i : dc.invoices) {
    i.id = InvoiceId(next++);
    i.customer_id = l.customer.id;
    i.creditor_id = l.customer.creditor_id;
    l.invoices.push_back(i);
  }
  for (std::size_t k = 0; k < dc.credit_notes.size(); ++k) {
    auto n = dc.credit_notes[k];
    n.id = CreditNoteId(next++);
    n.customer_id = l.customer.id;
    n.creditor_id = l.customer.creditor_id;
    if (dc.credit_note_invoice[k]) n.invoice_id = l.invoices[*dc.credit_note_invoice[k]].id;
    l.credit_notes.push_back(n);
  }
  for (auto p : dc.payments) {
    p.id = PaymentId(next++);
    p.customer_id = l.customer.id;
    p.creditor_id = l.customer.creditor_id;
    l.payments.push_back(p);
  }
  return l;
}

struct Spread {
  std::int64_t customers = 0, invoices = 0, credit_notes = 0, named_credit_notes = 0, payments = 0;
  std::int64_t paid = 0, partially_paid = 0, unpaid_overdue = 0, not_due = 0, skonto_terms = 0;
  std::int64_t unapplied_payments = 0, business = 0, consumers = 0, key_accounts = 0, suppliers = 0, english = 0;
  std::int64_t abroad = 0, with_email_consent = 0, with_umlaut = 0;
  std::set<std::string> states;
  Aging aging = empty_aging(Currency::eur());
};

void count(const CustomerLedger& l, Date today, Spread& s) {
  ASSERT_TRUE(check_invariants(l)) << check_invariants(l).error().to_string() << " for " << l.customer.external_id;
  const Customer& c = l.customer;
  s.customers += 1;
  (c.type == CustomerType::business ? s.business : s.consumers) += 1;
  s.key_accounts += c.key_account;
  s.suppliers += c.also_supplier;
  s.english += c.language == Language::en;
  s.abroad += c.country != "DE";
  if (!c.state.empty()) s.states.insert(c.state);
  const Contact* email = c.contact(Channel::email);
  s.with_email_consent += email && email->consent;
  s.with_umlaut += c.name.find("ü") != std::string::npos || c.name.find("ö") != std::string::npos ||
                   c.name.find("ä") != std::string::npos || c.name.find("ß") != std::string::npos;
  for (const auto& i : l.invoices) {
    s.invoices += 1;
    s.skonto_terms += i.skonto_basis_points > 0;
    if (i.open.is_zero()) s.paid += 1;
    else if (i.open.minor() < i.amount.minor()) s.partially_paid += 1;
    else if (i.due_date < today) s.unpaid_overdue += 1;
    if (i.open.is_positive() && !(i.due_date < today)) s.not_due += 1;
    EXPECT_FALSE(today < i.issue_date) << i.number << " issued after today";
  }
  for (const auto& n : l.credit_notes) {
    s.credit_notes += 1;
    s.named_credit_notes += n.invoice_id.has_value();
  }
  for (const auto& p : l.payments) {
    s.payments += 1;
    s.unapplied_payments += p.unallocated.is_positive();
    EXPECT_FALSE(today < p.value_date) << p.external_id << " paid after today";
  }
  auto a = aging(l, today);
  ASSERT_TRUE(a) << a.error().to_string();
  ASSERT_TRUE(add_aging(s.aging, *a));
}

void expect_realistic(const Spread& s, std::int64_t customers) {
  EXPECT_EQ(s.customers, customers);
  EXPECT_GT(s.invoices, customers * 5 / 2);  // about 15,000 for 5,000 customers
  EXPECT_LT(s.invoices, customers * 7 / 2);
  for (int b = 0; b < kAgingBucketCount; ++b) {
    EXPECT_GT(s.aging.count[static_cast<std::size_t>(b)], 0) << "aging bucket " << to_string(static_cast<AgingBucket>(b));
  }
  EXPECT_GT(s.paid, s.invoices / 2);
  EXPECT_GT(s.partially_paid, 0);
  EXPECT_GT(s.unpaid_overdue, 0);
  EXPECT_GT(s.not_due, 0);
  EXPECT_GT(s.credit_notes, 0);
  EXPECT_GT(s.named_credit_notes, 0);
  EXPECT_GT(s.skonto_terms, 0);
  EXPECT_GT(s.unapplied_payments, 0);
  EXPECT_GT(s.business, 0);
  EXPECT_GT(s.consumers, 0);
  EXPECT_GT(s.key_accounts, 0);
  EXPECT_GT(s.suppliers, 0);
  EXPECT_GT(s.english, 0);
  EXPECT_GT(s.abroad, 0);
  EXPECT_GT(s.with_email_consent, 0);
  EXPECT_GT(s.with_umlaut, 0);
  EXPECT_GE(s.states.size(), 10u);
}

TEST(DemoPortfolio, HasTwoCreditorsWithARealisticSpread) {
  const auto o = options();
  const DemoPortfolio p = services::generate_demo_portfolio(o);
  ASSERT_EQ(p.creditors.size(), 2u);
  EXPECT_EQ(p.creditors[0].creditor.code, "stadtwerke");
  EXPECT_EQ(p.creditors[0].creditor.name, "Stadtwerke Musterstadt GmbH");
  EXPECT_EQ(p.creditors[1].creditor.code, "grosshandel");
  EXPECT_EQ(p.creditors[1].creditor.name, "Großhandel Nord GmbH");
  Spread total;
  for (const auto& creditor : p.creditors) {
    Spread s;
    for (const auto& dc : creditor.customers) {
      auto l = as_ledger(dc);
      ASSERT_TRUE(auto_allocate(l)) << dc.customer.external_id;
      count(l, o.today, s);
      count(l, o.today, total);
    }
    EXPECT_GT(s.customers, 1000) << creditor.creditor.code;
    EXPECT_GT(s.aging.count[static_cast<std::size_t>(AgingBucket::over_90)], 0) << creditor.creditor.code;
    EXPECT_GT(s.credit_notes, 0) << creditor.creditor.code;
    EXPECT_GT(s.partially_paid, 0) << creditor.creditor.code;
  }
  expect_realistic(total, 5000);
  EXPECT_GT(p.creditors[0].customers.size(), p.creditors[1].customers.size());
}

TEST(DemoPortfolio, UtilityHasMostlyConsumersAndWholesalerMostlyBusinesses) {
  const DemoPortfolio p = services::generate_demo_portfolio(options());
  auto business_share = [](const services::DemoCreditor& c) {
    std::size_t b = 0;
    for (const auto& dc : c.customers) b += dc.customer.type == CustomerType::business;
    return static_cast<double>(b) / static_cast<double>(c.customers.size());
  };
  EXPECT_LT(business_share(p.creditors[0]), 0.3);
  EXPECT_GT(business_share(p.creditors[1]), 0.7);
}

TEST(DemoPortfolio, SameSeedGivesIdenticalDataAndAnotherSeedDoesNot) {
  auto text = [](const DemoPortfolio& p) {
    std::string out;
    for (const auto& c : p.creditors) {
      for (const auto& dc : c.customers) out += fingerprint(as_ledger(dc));
    }
    return out;
  };
  const auto a = text(services::generate_demo_portfolio(options(11, 600)));
  const auto b = text(services::generate_demo_portfolio(options(11, 600)));
  const auto c = text(services::generate_demo_portfolio(options(12, 600)));
  EXPECT_EQ(a, b);
  EXPECT_NE(a, c);
  EXPECT_GT(a.size(), 10000u);
}

class TempDb {
 public:
  explicit TempDb(const std::string& name)
      : path_(std::filesystem::temp_directory_path() / ("kulanz-demo-" + std::to_string(::getpid()) + "-" + name + ".db")) {
    remove();
  }
  ~TempDb() { remove(); }
  std::string url() const { return "sqlite:" + path_.string(); }

 private:
  void remove() {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
      std::error_code ec;
      std::filesystem::remove(path_.string() + suffix, ec);
    }
  }
  std::filesystem::path path_;
};

// Writes a portfolio into a fresh database and returns the fingerprint of all ledgers.
std::string write_and_check(const TempDb& db, const DemoOptions& o, Spread& spread) {
  auto migrated = store::migrate(db.url());
  EXPECT_TRUE(migrated) << migrated.error().to_string();
  auto opened = store::open(db.url());
  EXPECT_TRUE(opened) << opened.error().to_string();
  if (!opened) return {};
  auto& s = **opened;
  auto portfolio = services::generate_demo_portfolio(o);
  auto written = services::write_demo_portfolio(s, portfolio);
  EXPECT_TRUE(written) << written.error().to_string();
  if (!written) return {};
  EXPECT_EQ(written->size(), 2u);
  std::string all;
  for (const auto& r : *written) {
    auto summary = s.portfolio_summary(r.creditor.id, o.today);
    EXPECT_TRUE(summary);
    EXPECT_EQ(summary->customers, r.customers);
    EXPECT_EQ(summary->invoices, r.invoices);
    EXPECT_GT(r.allocations, 0);
    auto ids = s.customer_ids(r.creditor.id);
    EXPECT_TRUE(ids);
    std::map<std::string, CustomerId> ordered(ids->begin(), ids->end());
    Spread per_creditor;
    for (const auto& [external_id, id] : ordered) {
      auto l = s.load_customer_ledger(r.creditor.id, id);
      EXPECT_TRUE(l) << external_id;
      if (!l) continue;
      count(*l, o.today, spread);
      count(*l, o.today, per_creditor);
      all += fingerprint(*l);
    }
    // The store's aggregate agrees with the sum of the customers' agings.
    EXPECT_EQ(summary->aging.total_open, per_creditor.aging.total_open) << r.creditor.code;
    EXPECT_EQ(summary->aging.total_overdue, per_creditor.aging.total_overdue) << r.creditor.code;
    EXPECT_EQ(summary->aging.count, per_creditor.aging.count) << r.creditor.code;
  }
  return all;
}

TEST(DemoPortfolioInSqlite, WritesEveryRecordAndKeepsTheInvariants) {
  TempDb db("full");
  Spread spread;
  const auto o = options();
  const auto fp = write_and_check(db, o, spread);
  ASSERT_FALSE(fp.empty());
  expect_realistic(spread, o.customers);
}

TEST(DemoPortfolioInSqlite, SameSeedWritesIdenticalData) {
  TempDb first("a"), second("b");
  Spread s1, s2;
  const auto o = options(99, 400);
  const auto a = write_and_check(first, o, s1);
  const auto b = write_and_check(second, o, s2);
  ASSERT_FALSE(a.empty());
  EXPECT_EQ(a, b);
}

}  // namespace
}  // namespace kulanz::test

namespace kulanz::test {
namespace {

// services::reallocate on a real database: allocates, saves, and refuses a broken ledger.
class ReallocateInSqlite : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(store::migrate(db_.url()));
    auto opened = store::open(db_.url());
    ASSERT_TRUE(opened) << opened.error().to_string();
    store_ = std::move(*opened);
    Creditor c;
    c.code = "test";
    c.name = "Test GmbH";
    auto created = store_->create_creditor(c);
    ASSERT_TRUE(created);
    creditor_ = created->id;
    customer_.external_id = "K-1";
    customer_.name = "Jürgen Müller";
    ASSERT_TRUE(store_->upsert_customer(creditor_, customer_));
  }

  Invoice invoice(const std::string& number, const char* due, std::int64_t minor) {
    Invoice i;
    i.creditor_id = creditor_;
    i.customer_id = customer_.id;
    i.external_id = number;
    i.number = number;
    i.issue_date = d("2026-01-01");
    i.due_date = d(due);
    i.amount = Money(minor, Currency::eur());
    i.open = i.amount;
    EXPECT_TRUE(store_->upsert_invoice(creditor_, i));
    return i;
  }

  Payment payment(const std::string& id, std::int64_t minor, const std::string& reference) {
    Payment p;
    p.creditor_id = creditor_;
    p.customer_id = customer_.id;
    p.external_id = id;
    p.value_date = d("2026-02-01");
    p.amount = Money(minor, Currency::eur());
    p.unallocated = p.amount;
    p.reference = reference;
    EXPECT_TRUE(store_->upsert_payment(creditor_, p));
    return p;
  }

  TempDb db_{"reallocate"};
  std::unique_ptr<ports::LedgerStore> store_;
  CreditorId creditor_;
  Customer customer_;
};

TEST_F(ReallocateInSqlite, AllocatesAndSavesThenHasNothingLeftToDo) {
  invoice("RE-1", "2026-01-15", 10000);
  invoice("RE-2", "2026-01-31", 5000);
  payment("P-1", 12000, "RE-2");
  auto created = services::reallocate(*store_, creditor_, {customer_.id});
  ASSERT_TRUE(created) << created.error().to_string();
  EXPECT_EQ(*created, 2);
  auto l = store_->load_customer_ledger(creditor_, customer_.id);
  ASSERT_TRUE(l);
  EXPECT_TRUE(check_invariants(*l));
  EXPECT_EQ(l->allocations.size(), 2u);
  auto bal = balance(*l, d("2026-02-02"));
  ASSERT_TRUE(bal);
  EXPECT_EQ(bal->open_items, Money(3000, Currency::eur()));
  auto again = services::reallocate(*store_, creditor_, {customer_.id});
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, 0);
}

TEST_F(ReallocateInSqlite, RefusesACreditNoteLargerThanItsInvoiceAndWritesNothing) {
  const Invoice inv = invoice("RE-1", "2026-01-15", 10000);
  payment("P-1", 4000, "RE-1");
  CreditNote n;
  n.creditor_id = creditor_;
  n.customer_id = customer_.id;
  n.external_id = "GS-1";
  n.number = "GS-1";
  n.issue_date = d("2026-01-20");
  n.amount = Money(10001, Currency::eur());
  n.unallocated = n.amount;
  n.invoice_id = inv.id;
  ASSERT_TRUE(store_->upsert_credit_note(creditor_, n));
  auto st = ports::in_transaction(*store_, [&]() -> base::Status {
    auto r = services::reallocate(*store_, creditor_, {customer_.id});
    if (!r) return base::fail(std::move(r).error());
    return {};
  });
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().code, base::ErrorCode::credit_note_exceeds_invoice);
  EXPECT_NE(st.error().detail.find("K-1"), std::string::npos) << st.error().detail;
  auto l = store_->load_customer_ledger(creditor_, customer_.id);
  ASSERT_TRUE(l);
  EXPECT_TRUE(l->allocations.empty());
}

}  // namespace
}  // namespace kulanz::test
