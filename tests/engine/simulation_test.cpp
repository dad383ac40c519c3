// A seeded simulation of 90 days over 10,000 customers with a simple payment-behaviour
// model, run through the real daily run on SQLite. After every simulated day it checks:
// no contact on a Sunday, on a public holiday of the customer's state or outside the
// allowed hours in the customer's time zone; no frequency cap exceeded; no message about
// an item that is paid or on hold (dispute, plan, promise); no step sent twice; every
// outbox entry has a decision with a reason.
#include <gtest/gtest.h>

#include <date/tz.h>

#include <filesystem>
#include <map>
#include <random>
#include <set>

#include "calendar/german_state.hpp"
#include "calendar/holidays.hpp"
#include "engine/records.hpp"
#include "importers/raw_record.hpp"
#include "services/collection_service.hpp"
#include "services/import_service.hpp"
#include "store/open.hpp"

namespace fs = std::filesystem;
using namespace kulanz;
using calendar::Date;

namespace {

constexpr int kCustomers = 10000;
constexpr int kDays = 90;

struct SimInvoice {
  std::string ext;
  std::string customer;
  Date issue;
  Date due;
  std::int64_t amount = 0;
  std::optional<Date> pay_on;     // full payment day (nullopt: never)
  std::optional<Date> partial_on; // a partial payment of a third before that
  std::optional<Date> dispute_from;
  std::int32_t dispute_days = 0;
  std::optional<Date> promise_from;  // promise to pay, until promise_from + 10
  bool promise_kept = false;
};

struct SimCustomer {
  std::string ext;
  std::string state;  // "" = abroad
  std::string tz;
  int lateness = 0;   // days after due the customer usually pays; < 0 early; 999 never
};

std::string minor_text(std::int64_t m) { return std::to_string(m / 100) + "." + (m % 100 < 10 ? "0" : "") + std::to_string(m % 100); }

importers::RawRecord rec(std::string location, std::vector<std::pair<std::string, std::string>> fields) {
  importers::RawRecord r;
  r.location = std::move(location);
  r.fields = std::move(fields);
  return r;
}

class Simulation {
 public:
  Simulation() : rng_(20261123), start_(*Date::from_ymd(2026, 3, 2)) {}

  void generate() {
    static const char* states[] = {"BW", "BY", "BE", "BB", "HB", "HH", "HE", "MV", "NI", "NW", "RP", "SL", "SN", "ST", "SH", "TH"};
    static const char* zones[] = {"Europe/Berlin", "Europe/Berlin", "Europe/Berlin", "Europe/Berlin", "America/New_York", "Asia/Kolkata"};
    std::uniform_int_distribution<int> pct(0, 99);
    for (int i = 0; i < kCustomers; ++i) {
      SimCustomer c;
      c.ext = "S" + std::to_string(100000 + i);
      const int p = pct(rng_);
      c.state = p < 95 ? states[pct(rng_) % 16] : "";
      c.tz = zones[pct(rng_) % 6];
      const int b = pct(rng_);
      c.lateness = b < 55 ? -(pct(rng_) % 6) : b < 80 ? 3 + pct(rng_) % 15 : b < 95 ? 20 + pct(rng_) % 40 : 999;
      const bool business = pct(rng_) < 25;
      std::vector<std::pair<std::string, std::string>> f{
          {"external_id", c.ext},
          {"name", "Kunde " + c.ext},
          {"type", business ? "business" : "consumer"},
          {"email", "k" + c.ext + "@example.org"},
          {"email_consent", pct(rng_) < 85 ? "yes" : "no"},
          {"mobile", "+4915112" + std::to_string(100000 + i)},
          {"sms_consent", pct(rng_) < 50 ? "yes" : "no"},
          {"phone", "+4930123" + std::to_string(100000 + i)},
          {"phone_consent", pct(rng_) < 60 ? "yes" : "no"},
          {"country", c.state.empty() ? "AT" : "DE"},
          {"postal_code", "10115"},
          {"city", "Musterstadt"},
          {"street", "Hauptstraße 1"},
          {"time_zone", c.tz},
          {"birth_date", std::to_string(1950 + pct(rng_) % 55) + "-0" + std::to_string(1 + pct(rng_) % 9) + "-15"},
          {"key_account", pct(rng_) < 2 ? "yes" : "no"},
          {"risk_score", std::to_string(pct(rng_))},
      };
      if (!c.state.empty()) f.emplace_back("state", c.state);
      customer_records_.push_back(rec("customers[" + std::to_string(i) + "]", std::move(f)));
      // One invoice issued before the start, then one about every 30 days.
      Date issue = start_.add_days(-(pct(rng_) % 40));
      int n = 0;
      while (issue < start_.add_days(kDays)) {
        SimInvoice inv;
        inv.ext = c.ext + "-" + std::to_string(++n);
        inv.customer = c.ext;
        inv.issue = issue;
        inv.due = issue.add_days(pct(rng_) < 50 ? 14 : 30);
        inv.amount = 1000 + (static_cast<std::int64_t>(pct(rng_)) * 997) % 200000;
        if (c.lateness != 999) inv.pay_on = inv.due.add_days(c.lateness + pct(rng_) % 5);
        if (inv.pay_on && pct(rng_) < 10) inv.partial_on = inv.due.add_days(2);
        if (pct(rng_) < 2) {
          inv.dispute_from = inv.due.add_days(5);
          inv.dispute_days = 10 + pct(rng_) % 20;
        }
        if (c.lateness > 15 && c.lateness != 999 && pct(rng_) < 10) {
          inv.promise_from = inv.due.add_days(12);
          inv.promise_kept = pct(rng_) < 50;
          if (!inv.promise_kept) inv.pay_on = inv.promise_from->add_days(40);
        }
        invoices_.push_back(inv);
        issue = issue.add_days(25 + pct(rng_) % 10);
      }
      customers_[c.ext] = c;
    }
  }

  void open() {
    db_ = fs::temp_directory_path() / ("kulanz-simulation-" + std::to_string(::getpid()) + ".db");
    fs::remove(db_);
    const std::string url = "sqlite:" + db_.string();
    ASSERT_TRUE(store::migrate(url));
    auto s = store::open(url);
    ASSERT_TRUE(s) << s.error().to_string();
    store_ = std::move(*s);
    domain::Creditor cr;
    cr.code = "sim";
    cr.name = "Simulation AG";
    auto created = store_->create_creditor(cr);
    ASSERT_TRUE(created);
    creditor_ = created->id;
    import(importers::RecordKind::customer, customer_records_);
  }

  void cleanup() {
    store_.reset();
    fs::remove(db_);
    fs::remove(db_.string() + "-wal");
    fs::remove(db_.string() + "-shm");
  }

  void import(importers::RecordKind kind, const std::vector<importers::RawRecord>& rows) {
    if (rows.empty()) return;
    services::ImportOptions o;
    o.kind = kind;
    o.creditor = creditor_;
    auto rep = services::import_records(*store_, o, rows);
    ASSERT_TRUE(rep) << rep.error().to_string();
    ASSERT_TRUE(rep->rejected.empty()) << rep->rejected.front().location << ": "
                                       << rep->rejected.front().errors.front().to_string();
  }

  // Brings the world to day d: invoices issued, payments made, holds started and ended.
  void advance(Date d) {
    std::vector<importers::RawRecord> invoices, payments;
    for (auto& inv : invoices_) {
      if (inv.issue == d || (d == start_ && inv.issue < start_)) {
        invoices.push_back(rec(inv.ext, {{"external_id", inv.ext},
                                         {"customer_external_id", inv.customer},
                                         {"issue_date", inv.issue.iso()},
                                         {"due_date", inv.due.iso()},
                                         {"amount", minor_text(inv.amount)}}));
      }
    }
    import(importers::RecordKind::invoice, invoices);
    for (auto& inv : invoices_) {
      const bool known = inv.issue <= d;
      if (!known) continue;
      if (inv.partial_on && *inv.partial_on == d && (!inv.pay_on || *inv.pay_on > d)) {
        payments.push_back(rec("p" + inv.ext, {{"external_id", "PP-" + inv.ext},
                                               {"customer_external_id", inv.customer},
                                               {"value_date", d.iso()},
                                               {"amount", minor_text(inv.amount / 3)},
                                               {"reference", inv.ext}}));
      }
      if (inv.pay_on && *inv.pay_on == d) {
        const std::int64_t rest = inv.partial_on && *inv.partial_on < d ? inv.amount - inv.amount / 3 : inv.amount;
        payments.push_back(rec("f" + inv.ext, {{"external_id", "PF-" + inv.ext},
                                               {"customer_external_id", inv.customer},
                                               {"value_date", d.iso()},
                                               {"amount", minor_text(rest)},
                                               {"reference", inv.ext}}));
      }
    }
    import(importers::RecordKind::payment, payments);
    for (auto& inv : invoices_) {
      if (inv.dispute_from && *inv.dispute_from == d) start_hold(inv, engine::HoldKind::dispute, d, std::nullopt);
      if (inv.dispute_from && inv.dispute_from->add_days(inv.dispute_days) == d) end_hold(inv, d, false);
      if (inv.promise_from && *inv.promise_from == d) start_hold(inv, engine::HoldKind::promise_to_pay, d, d.add_days(10));
      if (inv.promise_from && inv.promise_kept && inv.promise_from->add_days(5) == d) {
        // Kept: paid in full within the promise; the hold ends.
        import(importers::RecordKind::payment,
               {rec("k" + inv.ext, {{"external_id", "PK-" + inv.ext},
                                    {"customer_external_id", inv.customer},
                                    {"value_date", d.iso()},
                                    {"amount", minor_text(inv.amount - (inv.partial_on && *inv.partial_on < d ? inv.amount / 3 : 0))},
                                    {"reference", inv.ext}})});
        inv.pay_on.reset();
        end_hold(inv, d, false);
      }
    }
  }

  void start_hold(SimInvoice& inv, engine::HoldKind kind, Date d, std::optional<Date> until) {
    auto cu = store_->customer_by_external_id(creditor_, inv.customer);
    auto item = store_->invoice_by_external_id(creditor_, inv.ext);
    ASSERT_TRUE(cu && *cu && item && *item);
    if (!(*item)->open.is_positive()) return;
    engine::Hold h;
    h.customer_id = (*cu)->id;
    h.kind = kind;
    h.invoice_ids = {(*item)->id};
    h.starts_on = d;
    h.until = until;
    h.reason = "simulation";
    h.created_by = "simulation";
    ASSERT_TRUE(store_->collection().create_hold(creditor_, h));
    holds_[inv.ext] = h.id;
  }

  void end_hold(SimInvoice& inv, Date d, bool broken) {
    auto it = holds_.find(inv.ext);
    if (it == holds_.end()) return;
    auto h = store_->collection().hold_by_id(creditor_, it->second);
    ASSERT_TRUE(h && *h);
    if (!(*h)->ended_on) {
      ASSERT_TRUE(store_->collection().end_hold(creditor_, it->second,
                                                broken ? engine::HoldEnd::broken : engine::HoldEnd::ended, d));
    }
    holds_.erase(it);
  }

  void run_day(Date d) {
    services::RunOptions o;
    o.creditor = creditor_;
    o.as_of = d;
    o.now_unix = 1'800'000'000;
    o.batch_size = 1000;
    auto report = services::run_collection(*store_, o);
    ASSERT_TRUE(report) << report.error().to_string();
    check(d, report->run_id);
  }

  void check(Date d, std::int64_t run_id) {
    auto& cs = store_->collection();
    auto outbox = cs.list_outbox(creditor_, std::nullopt, last_outbox_, 1000000);
    ASSERT_TRUE(outbox);
    auto tasks = cs.list_tasks(creditor_, std::nullopt, last_task_, 1000000);
    ASSERT_TRUE(tasks);
    engine::DecisionQuery q;
    q.run_id = run_id;
    q.limit = 1000000;
    auto decisions = cs.list_decisions(creditor_, q);
    ASSERT_TRUE(decisions);
    std::map<std::string, const engine::Decision*> by_key;
    for (const auto& dec : *decisions) {
      if (!dec.idempotency_key.empty()) by_key[dec.idempotency_key] = &dec;
    }
    auto holds = cs.list_holds(creditor_, std::nullopt, true);
    ASSERT_TRUE(holds);
    std::set<std::int64_t> held;
    for (const auto& h : *holds) {
      if (h.starts_on <= d) {
        for (auto id : h.invoice_ids) held.insert(id.value);
      }
    }
    std::map<std::int64_t, std::pair<std::string, std::string>> customer_of;  // id -> (ext, tz)
    for (const auto& e : *outbox) {
      ++messages_;
      last_outbox_ = std::max(last_outbox_, e.id);
      auto cu = store_->customer_by_id(creditor_, e.customer_id);
      ASSERT_TRUE(cu && *cu);
      const SimCustomer& sc = customers_.at((*cu)->external_id);
      const std::string where = (*cu)->external_id + " " + e.idempotency_key + " on " + d.iso();
      EXPECT_EQ(e.local_day, d) << where;
      EXPECT_NE(d.iso_weekday(), 7u) << "Sunday contact: " << where;
      if (!sc.state.empty()) {
        auto st = calendar::parse_german_state(sc.state);
        ASSERT_TRUE(st);
        EXPECT_FALSE(calendar::is_public_holiday(*st, d)) << "holiday contact: " << where;
      }
      // Allowed hours in the customer's zone.
      const auto* zone = date::locate_zone(sc.tz);
      const auto from = date::make_zoned(zone, date::sys_seconds{std::chrono::seconds{e.send_from_unix}}).get_local_time();
      const auto until = date::make_zoned(zone, date::sys_seconds{std::chrono::seconds{e.send_until_unix}}).get_local_time();
      const auto from_day = date::floor<date::days>(from);
      const auto from_minutes = std::chrono::duration_cast<std::chrono::minutes>(from - from_day).count();
      const auto until_minutes = std::chrono::duration_cast<std::chrono::minutes>(until - date::floor<date::days>(until)).count();
      EXPECT_GE(from_minutes, 8 * 60) << where;
      EXPECT_LE(until_minutes, 20 * 60) << where;
      EXPECT_LT(e.send_from_unix, e.send_until_unix) << where;
      EXPECT_EQ(date::year_month_day{from_day}, date::year_month_day{date::sys_days{date::days{d.days_since_epoch()}}})
          << "window not on the local day: " << where;
      // Nothing about paid or held items.
      for (auto id : e.invoice_ids) {
        auto inv = item(id);
        ASSERT_TRUE(inv) << where;
        EXPECT_TRUE(inv->open.is_positive()) << "message about a paid item " << inv->external_id << ": " << where;
        EXPECT_EQ(held.count(id.value), 0u) << "message about a held item " << inv->external_id << ": " << where;
        // No step twice: (item, step) from the key.
        const std::string step = e.idempotency_key.substr(0, e.idempotency_key.rfind('/'));
        EXPECT_TRUE(steps_sent_.insert(step + "#" + std::to_string(id.value)).second) << "step twice: " << where;
      }
      // Every entry has a decision with a reason, in this run.
      auto dec = by_key.find(e.idempotency_key);
      ASSERT_NE(dec, by_key.end()) << "outbox entry without decision: " << where;
      EXPECT_FALSE(dec->second->reason.empty()) << where;
      contacts_[e.customer_id.value].push_back(d);
    }
    for (const auto& t : *tasks) {
      last_task_ = std::max(last_task_, t.id);
      if (t.kind == "call") {
        EXPECT_NE(d.iso_weekday(), 7u) << "call task on a Sunday: " << t.idempotency_key;
        contacts_[t.customer_id.value].push_back(d);
      }
    }
    // Caps over all contacts so far: at most 2 in any 7 days, at least 3 days apart.
    for (auto& [customer, days] : contacts_) {
      std::sort(days.begin(), days.end());
      for (std::size_t i = 1; i < days.size(); ++i) {
        EXPECT_GE(days[i - 1].days_until(days[i]), 3) << "gap: customer " << customer << " " << days[i - 1].iso() << " "
                                                      << days[i].iso();
        if (i >= 2) {
          EXPECT_GE(days[i - 2].days_until(days[i]), 7) << "cap: customer " << customer << " " << days[i].iso();
        }
      }
    }
  }

  std::optional<domain::Invoice> item(domain::InvoiceId id) {
    if (ids_.empty() || ids_.rbegin()->first < id.value) {
      auto all = store_->invoice_ids(creditor_);
      if (all) {
        for (const auto& [ext, iid] : *all) ids_[iid.value] = ext;
      }
    }
    auto it = ids_.find(id.value);
    if (it == ids_.end()) return std::nullopt;
    auto inv = store_->invoice_by_external_id(creditor_, it->second);
    if (!inv || !*inv) return std::nullopt;
    return **inv;
  }

  Date start() const { return start_; }
  std::int64_t messages() const { return messages_; }

 private:
  std::mt19937_64 rng_;
  Date start_;
  std::vector<importers::RawRecord> customer_records_;
  std::vector<SimInvoice> invoices_;
  std::map<std::string, SimCustomer> customers_;
  std::map<std::string, std::int64_t> holds_;
  fs::path db_;
  std::unique_ptr<ports::LedgerStore> store_;
  domain::CreditorId creditor_;
  std::int64_t last_outbox_ = 0, last_task_ = 0, messages_ = 0;
  std::set<std::string> steps_sent_;
  std::map<std::int64_t, std::vector<Date>> contacts_;
  std::map<std::int64_t, std::string> ids_;
};

TEST(Simulation, NinetyDaysTenThousandCustomers) {
  Simulation sim;
  sim.generate();
  sim.open();
  for (int day = 0; day < kDays && !::testing::Test::HasFatalFailure(); ++day) {
    const Date d = sim.start().add_days(day);
    sim.advance(d);
    sim.run_day(d);
    if (::testing::Test::HasFailure()) {
      ADD_FAILURE() << "stopping after the first failing day " << d.iso();
      break;
    }
  }
  EXPECT_GT(sim.messages(), 10000) << "the simulation should send a realistic number of messages";
  sim.cleanup();
}

}  // namespace
