// The run's side of CollectionStore on both databases: load_cases in batches over the id
// range of two creditors whose customers interleave, idempotent apply_batch, decisions by
// run and by customer, journeys and segment assignments replaced.
#include "store_fixture.hpp"

namespace kulanz::store_test {
namespace {

using base::ErrorCode;

const Date kAsOf = *Date::parse_iso("2026-03-09");

engine::Decision decision(CustomerId c, const std::string& key, engine::DecisionKind kind) {
  engine::Decision d;
  d.customer_id = c;
  d.as_of = kAsOf;
  d.kind = kind;
  d.segment = "consumers";
  d.strategy = "consumer";
  d.version = 1;
  d.step_index = 0;
  d.step_kind = "reminder";
  d.channel = "email";
  d.currency = "EUR";
  d.reason = "Zahlungserinnerung";
  d.idempotency_key = key;
  return d;
}

engine::OutboxEntry outbox(CustomerId c, const std::string& key, Date local_day, std::vector<InvoiceId> items) {
  engine::OutboxEntry e;
  e.customer_id = c;
  e.idempotency_key = key;
  e.decision_key = key;
  e.channel = engine::StepChannel::email;
  e.template_name = "reminder";
  e.tone = "friendly";
  e.language = "de";
  e.invoice_ids = std::move(items);
  e.local_day = local_day;
  e.send_from_unix = 1773039600;
  e.send_until_unix = 1773082800;
  return e;
}

engine::TaskEntry task(CustomerId c, const std::string& key, const std::string& kind, Date due) {
  engine::TaskEntry t;
  t.customer_id = c;
  t.idempotency_key = key;
  t.kind = kind;
  t.due_on = due;
  t.note = "Kunde anrufen";
  return t;
}

engine::StepRecord step(CustomerId c, InvoiceId item, int index, const std::string& /*decision key, not stored*/) {
  engine::StepRecord r;
  r.customer_id = c;
  r.invoice_id = item;
  r.strategy = "consumer";
  r.version = 1;
  r.step_index = index;
  r.on = kAsOf;
  return r;
}

engine::Journey journey(CustomerId c) {
  engine::Journey j;
  j.customer_id = c;
  j.strategy = "consumer";
  j.version = 1;
  j.started_on = day("2026-03-01");
  return j;
}

engine::SegmentAssignmentRecord assignment(CustomerId c) {
  engine::SegmentAssignmentRecord a;
  a.customer_id = c;
  a.segment = "consumers";
  a.rule_index = 2;
  a.explanation = "Verbraucher";
  a.as_of = day("2026-03-01");
  return a;
}

// What one customer's case was filled with, to compare with what load_cases returns.
struct Filled {
  CustomerId customer;
  InvoiceId first, second;
  std::int64_t hold_id = 0;
  std::int64_t override_id = 0;
};

}  // namespace

// A fixture helper: a customer with a case in every table (two items, a credit note, a
// payment, their allocations, a hold on both items, overrides of which the newest is
// revoked, a journey, a step, an assignment, contacts in and out of the horizon).
class CollectionBatchTest : public StoreTest {
 protected:
  Filled fill(CreditorId creditor, std::int64_t run_id, const std::string& external_id) {
    Filled f;
    auto k = customer(creditor, external_id);
    f.customer = k.id;
    auto i1 = invoice(creditor, k.id, external_id + "-R1", eur(10000), day("2026-02-01"));
    auto i2 = invoice(creditor, k.id, external_id + "-R2", eur(5000), day("2026-03-01"));
    f.first = i1.id;
    f.second = i2.id;
    CreditNote n;
    n.customer_id = k.id;
    n.external_id = external_id + "-G1";
    n.number = "GS-" + external_id;
    n.issue_date = day("2026-02-10");
    n.amount = eur(1000);
    n.invoice_id = i2.id;
    EXPECT_TRUE(store().upsert_credit_note(creditor, n).has_value());
    payment(creditor, k.id, external_id + "-Z1", eur(4000), day("2026-02-15"));
    auto ledger = store().load_customer_ledger(creditor, k.id);
    EXPECT_TRUE(ledger.has_value());
    EXPECT_TRUE(domain::auto_allocate(*ledger).has_value());
    EXPECT_TRUE(store().save_allocations(creditor, *ledger).has_value());

    auto& cs = store().collection();
    engine::Hold h;
    h.customer_id = k.id;
    h.kind = engine::HoldKind::dispute;
    h.invoice_ids = {i2.id, i1.id};
    h.starts_on = day("2026-03-01");
    h.reason = "bestritten";
    EXPECT_TRUE(cs.create_hold(creditor, h));
    f.hold_id = h.id;
    for (const char* segment : {"old", "current", "revoked"}) {
      engine::SegmentOverride o;
      o.customer_id = k.id;
      o.segment = segment;
      o.reason = "manuell";
      o.expires_on = day("2026-12-31");
      EXPECT_TRUE(cs.add_segment_override(creditor, o));
      if (std::string(segment) == "current") f.override_id = o.id;
      if (std::string(segment) == "revoked") {
        EXPECT_TRUE(cs.revoke_segment_override(creditor, o.id).value_or(false));
      }
    }

    const std::string key = "c" + external_id + "/consumer@1/s0/";
    ports::BatchWrites w;
    w.decisions.push_back(decision(k.id, key, engine::DecisionKind::send_message));
    w.outbox.push_back(outbox(k.id, key, kAsOf, {i1.id}));
    auto cancelled = outbox(k.id, key + "cancelled", kAsOf, {i1.id});
    cancelled.status = "cancelled";
    w.outbox.push_back(cancelled);
    w.outbox.push_back(outbox(k.id, key + "old", day("2025-12-01"), {i1.id}));
    w.tasks.push_back(task(k.id, key + "call", "call", day("2026-03-10")));
    auto cancelled_call = task(k.id, key + "call-cancelled", "call", day("2026-03-10"));
    cancelled_call.status = "cancelled";
    w.tasks.push_back(cancelled_call);
    w.tasks.push_back(task(k.id, key + "data", "contact_data", day("2026-03-10")));
    w.steps.push_back(step(k.id, i1.id, 0, key));
    engine::Journey j;
    j.customer_id = k.id;
    j.strategy = "consumer";
    j.version = 1;
    j.variant = "A";
    j.started_on = day("2026-02-02");
    w.journeys_started.push_back(j);
    engine::SegmentAssignmentRecord a;
    a.customer_id = k.id;
    a.segment = "consumers";
    a.rule_index = 3;
    a.explanation = "Verbraucher";
    a.as_of = kAsOf;
    w.assignments.push_back(a);
    auto out = cs.apply_batch(creditor, run_id, w);
    EXPECT_TRUE(out.has_value()) << out.error().to_string();
    return f;
  }

  std::int64_t run(CreditorId creditor) {
    engine::RunRecord r;
    r.creditor_id = creditor;
    r.as_of = kAsOf;
    EXPECT_TRUE(store().collection().create_run(r));
    return r.id;
  }

  // The case against the customer's ledger as load_customer_ledger reads it, and
  // against what fill() wrote.
  void expect_case(CreditorId creditor, const engine::CustomerCase& c, const Filled& f) {
    SCOPED_TRACE(c.ledger.customer.external_id);
    EXPECT_EQ(c.ledger.customer.id, f.customer);
    EXPECT_EQ(c.ledger.customer.creditor_id, creditor);
    auto want = store().load_customer_ledger(creditor, f.customer);
    ASSERT_TRUE(want.has_value());
    ASSERT_EQ(c.ledger.invoices.size(), want->invoices.size());
    for (std::size_t n = 0; n < c.ledger.invoices.size(); ++n) {
      EXPECT_EQ(c.ledger.invoices[n].id, want->invoices[n].id);
      EXPECT_EQ(c.ledger.invoices[n].creditor_id, creditor);
      EXPECT_EQ(c.ledger.invoices[n].customer_id, f.customer);
      EXPECT_EQ(c.ledger.invoices[n].open, want->invoices[n].open);
    }
    ASSERT_EQ(c.ledger.credit_notes.size(), 1u);
    EXPECT_EQ(c.ledger.credit_notes[0].id, want->credit_notes[0].id);
    EXPECT_EQ(c.ledger.credit_notes[0].unallocated, want->credit_notes[0].unallocated);
    ASSERT_EQ(c.ledger.payments.size(), 1u);
    EXPECT_EQ(c.ledger.payments[0].id, want->payments[0].id);
    EXPECT_EQ(c.ledger.payments[0].unallocated, want->payments[0].unallocated);
    ASSERT_EQ(c.ledger.allocations.size(), want->allocations.size());
    EXPECT_FALSE(c.ledger.allocations.empty());
    for (std::size_t n = 0; n < c.ledger.allocations.size(); ++n) {
      const auto& got = c.ledger.allocations[n];
      const auto& exp = want->allocations[n];
      EXPECT_EQ(got.id, exp.id);
      EXPECT_EQ(got.customer_id, f.customer);
      EXPECT_EQ(got.source, exp.source);
      EXPECT_EQ(got.source_id, exp.source_id);
      EXPECT_EQ(got.invoice_id, exp.invoice_id);
      EXPECT_EQ(got.amount, exp.amount);
      EXPECT_EQ(got.date, exp.date);
    }
    EXPECT_TRUE(domain::check_invariants(c.ledger).has_value());
    ASSERT_EQ(c.holds.size(), 1u);
    EXPECT_EQ(c.holds[0].id, f.hold_id);
    EXPECT_EQ(c.holds[0].invoice_ids, (std::vector<InvoiceId>{f.second, f.first}));
    ASSERT_TRUE(c.segment_override.has_value());
    EXPECT_EQ(c.segment_override->id, f.override_id) << "the newest override that is not revoked";
    ASSERT_TRUE(c.journey.has_value());
    EXPECT_EQ(c.journey->customer_id, f.customer);
    EXPECT_EQ(c.journey->variant, "A");
    EXPECT_EQ(c.journey->started_on, day("2026-02-02"));
    ASSERT_EQ(c.steps.size(), 1u);
    EXPECT_EQ(c.steps[0].invoice_id, f.first);
    EXPECT_EQ(c.steps[0].state, engine::StepState::done);
    EXPECT_EQ(c.steps[0].on, kAsOf);
    // Contacts: the pending message of the day and the open call task; not the cancelled
    // ones, not the message before the horizon, not the contact-data task.
    ASSERT_EQ(c.contacts.size(), 2u);
    EXPECT_EQ(c.contacts[0].channel, engine::StepChannel::email);
    EXPECT_EQ(c.contacts[0].day, kAsOf);
    EXPECT_EQ(c.contacts[1].channel, engine::StepChannel::call);
    EXPECT_EQ(c.contacts[1].day, day("2026-03-10"));
    for (const auto& r : c.contacts) EXPECT_EQ(r.customer_id, f.customer);
    ASSERT_TRUE(c.assignment.has_value());
    EXPECT_EQ(c.assignment->segment, "consumers");
    EXPECT_EQ(c.assignment->rule_index, 3);
  }
};

TEST_P(CollectionBatchTest, LoadCasesInBatchesNeverMixCreditors) {
  auto a = creditor("swb");
  auto b = creditor("other");
  const auto run_a = run(a.id);
  const auto run_b = run(b.id);
  // Customers alternate between the creditors, so every id range of A's batches holds
  // ids of B's customers (with the same external ids and idempotency keys).
  std::vector<Filled> as, bs;
  for (int n = 0; n < 7; ++n) {
    as.push_back(fill(a.id, run_a, "K-" + std::to_string(n)));
    bs.push_back(fill(b.id, run_b, "K-" + std::to_string(n)));
  }
  const Date since = day("2026-01-01");
  for (auto [creditor, filled] : {std::pair{a.id, &as}, std::pair{b.id, &bs}}) {
    std::vector<std::size_t> sizes;
    std::size_t next = 0;
    CustomerId after;
    while (true) {
      auto batch = store().collection().load_cases(creditor, after, 3, since);
      ASSERT_TRUE(batch.has_value()) << batch.error().to_string();
      if (batch->empty()) break;
      sizes.push_back(batch->size());
      for (const auto& c : *batch) {
        ASSERT_LT(next, filled->size());
        expect_case(creditor, c, (*filled)[next++]);
      }
      after = batch->back().ledger.customer.id;
    }
    EXPECT_EQ(sizes, (std::vector<std::size_t>{3, 3, 1}));
    EXPECT_EQ(next, filled->size());
  }

  // One customer, and the horizon of contacts.
  auto one = store().collection().load_case(b.id, bs[4].customer, since);
  ASSERT_TRUE(one.has_value() && one->has_value());
  expect_case(b.id, **one, bs[4]);
  auto late = store().collection().load_case(b.id, bs[4].customer, day("2026-03-10"));
  ASSERT_TRUE(late.has_value() && late->has_value());
  ASSERT_EQ((*late)->contacts.size(), 1u);
  EXPECT_EQ((*late)->contacts[0].channel, engine::StepChannel::call);
  auto foreign = store().collection().load_case(a.id, bs[4].customer, since);
  ASSERT_TRUE(foreign.has_value());
  EXPECT_FALSE(foreign->has_value()) << "B's customer is not A's";
  auto none = store().collection().load_cases(a.id, CustomerId(0), 0, since);
  ASSERT_TRUE(none.has_value());
  EXPECT_TRUE(none->empty()) << "limit 0";
  auto past = store().collection().load_cases(a.id, as.back().customer, 10, since);
  ASSERT_TRUE(past.has_value());
  EXPECT_TRUE(past->empty());
}

TEST_P(CollectionBatchTest, ApplyBatchTwiceInsertsOnceAndCountsTheRest) {
  auto c = creditor("swb");
  auto other = creditor("other");
  auto k = customer(c.id, "K-1");
  auto i1 = invoice(c.id, k.id, "R-1", eur(10000), day("2026-02-01"));
  auto i2 = invoice(c.id, k.id, "R-2", eur(250), day("2026-02-03"));
  auto& cs = store().collection();
  const auto run_id = run(c.id);
  const std::string key = "c1/consumer@1/s4/" + std::to_string(i1.id.value) + "," + std::to_string(i2.id.value);

  ports::BatchWrites w;
  w.decisions.push_back(decision(k.id, key, engine::DecisionKind::escalate));
  auto message = outbox(k.id, key, kAsOf, {i1.id, i2.id});
  message.fallbacks = {engine::StepChannel::sms, engine::StepChannel::letter};
  w.outbox.push_back(message);
  w.tasks.push_back(task(k.id, key, "call", kAsOf));
  engine::EscalationEntry e;
  e.customer_id = k.id;
  e.idempotency_key = key;
  e.kind = "handover";
  e.invoice_ids = {i1.id, i2.id};
  e.principal_minor = 10250;
  e.fees_minor = 500;
  e.interest_minor = 123;
  e.currency = "EUR";
  e.payload_json = "{\"Schuldner\":\"Müller\"}";
  w.escalations.push_back(e);
  w.steps.push_back(step(k.id, i1.id, 4, key));
  w.steps.push_back(step(k.id, i2.id, 4, key));
  ASSERT_TRUE(store().begin());
  auto first = cs.apply_batch(c.id, run_id, w);
  ASSERT_TRUE(first.has_value()) << first.error().to_string();
  ASSERT_TRUE(store().commit());
  EXPECT_EQ(first->decisions, 1);
  EXPECT_EQ(first->outbox_inserted, 1);
  EXPECT_EQ(first->outbox_existing, 0);
  EXPECT_EQ(first->tasks_inserted, 1);
  EXPECT_EQ(first->tasks_existing, 0);
  EXPECT_EQ(first->escalations_inserted, 1);
  EXPECT_EQ(first->escalations_existing, 0);
  EXPECT_EQ(first->steps_inserted, 2);
  EXPECT_EQ(first->steps_existing, 0);
  EXPECT_GT(w.decisions[0].id, 0);
  EXPECT_EQ(w.decisions[0].run_id, run_id);

  // The same writes again (a re-run of the day), with changed contents under the same
  // keys: nothing is inserted or overwritten, everything is counted as existing; the
  // decision is logged again.
  ports::BatchWrites again = w;
  again.outbox[0].template_name = "changed";
  again.escalations[0].principal_minor = 1;
  again.steps[0].state = engine::StepState::skipped;
  ASSERT_TRUE(store().begin());
  auto second = cs.apply_batch(c.id, run_id, again);
  ASSERT_TRUE(second.has_value()) << second.error().to_string();
  ASSERT_TRUE(store().commit());
  EXPECT_EQ(second->decisions, 1);
  EXPECT_EQ(second->outbox_inserted, 0);
  EXPECT_EQ(second->outbox_existing, 1);
  EXPECT_EQ(second->tasks_inserted, 0);
  EXPECT_EQ(second->tasks_existing, 1);
  EXPECT_EQ(second->escalations_inserted, 0);
  EXPECT_EQ(second->escalations_existing, 1);
  EXPECT_EQ(second->steps_inserted, 0);
  EXPECT_EQ(second->steps_existing, 2);
  EXPECT_GT(again.decisions[0].id, w.decisions[0].id);

  auto box = cs.list_outbox(c.id, k.id, 0, 10);
  ASSERT_TRUE(box.has_value());
  ASSERT_EQ(box->size(), 1u);
  const auto& m = (*box)[0];
  EXPECT_EQ(m.template_name, "reminder");
  EXPECT_EQ(m.idempotency_key, key);
  EXPECT_EQ(m.decision_key, key);
  EXPECT_EQ(m.channel, engine::StepChannel::email);
  EXPECT_EQ(m.fallbacks, (std::vector<engine::StepChannel>{engine::StepChannel::sms, engine::StepChannel::letter}));
  EXPECT_EQ(m.tone, "friendly");
  EXPECT_EQ(m.language, "de");
  EXPECT_EQ(m.invoice_ids, (std::vector<InvoiceId>{i1.id, i2.id}));
  EXPECT_EQ(m.local_day, kAsOf);
  EXPECT_EQ(m.send_from_unix, 1773039600);
  EXPECT_EQ(m.status, "pending");
  auto tasks = cs.list_tasks(c.id, std::nullopt, 0, 10);
  ASSERT_EQ(tasks->size(), 1u);
  EXPECT_EQ((*tasks)[0].kind, "call");
  EXPECT_EQ((*tasks)[0].due_on, kAsOf);
  EXPECT_EQ((*tasks)[0].note, "Kunde anrufen");
  EXPECT_EQ((*tasks)[0].status, "open");
  auto escalations = cs.list_escalations(c.id, k.id, 0, 10);
  ASSERT_EQ(escalations->size(), 1u);
  const auto& x = (*escalations)[0];
  EXPECT_EQ(x.kind, "handover");
  EXPECT_EQ(x.invoice_ids, (std::vector<InvoiceId>{i1.id, i2.id}));
  EXPECT_EQ(x.principal_minor, 10250);
  EXPECT_EQ(x.fees_minor, 500);
  EXPECT_EQ(x.interest_minor, 123);
  EXPECT_EQ(x.currency, "EUR");
  EXPECT_EQ(x.payload_json, "{\"Schuldner\":\"Müller\"}");
  EXPECT_EQ(x.status, "ready");
  auto loaded = cs.load_case(c.id, k.id, kAsOf);
  ASSERT_TRUE(loaded.has_value() && loaded->has_value());
  ASSERT_EQ((*loaded)->steps.size(), 2u);
  EXPECT_EQ((*loaded)->steps[0].state, engine::StepState::done);
  engine::DecisionQuery q;
  q.run_id = run_id;
  EXPECT_EQ(cs.list_decisions(c.id, q)->size(), 2u);

  // Keys are unique per creditor: the same key of another creditor is new there.
  auto theirs = customer(other.id, "K-1");
  ports::BatchWrites foreign;
  foreign.outbox.push_back(outbox(theirs.id, key, kAsOf, {}));
  foreign.tasks.push_back(task(theirs.id, key, "call", kAsOf));
  auto out = cs.apply_batch(other.id, run(other.id), foreign);
  ASSERT_TRUE(out.has_value()) << out.error().to_string();
  EXPECT_EQ(out->outbox_inserted, 1);
  EXPECT_EQ(out->tasks_inserted, 1);
  EXPECT_EQ(cs.list_outbox(c.id, std::nullopt, 0, 10)->size(), 1u);
  EXPECT_TRUE(cs.list_escalations(other.id, std::nullopt, 0, 10)->empty());

  // Rows pointing at another creditor's run (or customer) are refused by the database,
  // and a failing batch outside a transaction leaves none of its rows.
  ports::BatchWrites cross;
  cross.outbox.push_back(outbox(theirs.id, "fresh", kAsOf, {}));
  cross.decisions.push_back(decision(theirs.id, "fresh", engine::DecisionKind::send_message));
  auto refused = cs.apply_batch(other.id, run_id, cross);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::db_constraint);
  EXPECT_EQ(cs.list_outbox(c.id, std::nullopt, 0, 10)->size(), 1u);
  EXPECT_EQ(cs.list_outbox(other.id, std::nullopt, 0, 10)->size(), 1u);
}

TEST_P(CollectionBatchTest, DecisionsByRunAndByCustomer) {
  auto c = creditor("swb");
  auto other = creditor("other");
  auto k1 = customer(c.id, "K-1");
  auto k2 = customer(c.id, "K-2");
  auto& cs = store().collection();
  const auto r1 = run(c.id);
  const auto r2 = run(c.id);
  auto write = [&](std::int64_t run_id, std::vector<engine::Decision> ds) {
    ports::BatchWrites w;
    w.decisions = std::move(ds);
    auto out = cs.apply_batch(c.id, run_id, w);
    EXPECT_TRUE(out.has_value()) << out.error().to_string();
    return w.decisions;
  };
  auto deferred = decision(k2.id, "", engine::DecisionKind::defer);
  deferred.deferred_until = day("2026-03-10");
  deferred.policy_rule = "sunday";
  deferred.reason = "Sonntag: keine Mahnung";
  deferred.step_index = -1;
  auto fee = decision(k1.id, "c1/fee", engine::DecisionKind::post_fee);
  fee.amount_minor = 500;
  auto first = write(r1, {decision(k1.id, "c1/a", engine::DecisionKind::send_message), deferred, fee});
  auto second = write(r2, {decision(k2.id, "c2/b", engine::DecisionKind::create_task),
                           decision(k1.id, "c1/c", engine::DecisionKind::skip)});

  engine::DecisionQuery q;
  q.run_id = r1;
  auto by_run = cs.list_decisions(c.id, q);
  ASSERT_TRUE(by_run.has_value());
  ASSERT_EQ(by_run->size(), 3u);
  EXPECT_EQ((*by_run)[0].id, first[0].id);
  EXPECT_EQ((*by_run)[0].customer_external_id, "K-1");
  EXPECT_EQ((*by_run)[0].kind, engine::DecisionKind::send_message);
  const auto& d = (*by_run)[1];
  EXPECT_EQ(d.run_id, r1);
  EXPECT_EQ(d.customer_id, k2.id);
  EXPECT_EQ(d.customer_external_id, "K-2");
  EXPECT_EQ(d.as_of, kAsOf);
  EXPECT_EQ(d.kind, engine::DecisionKind::defer);
  EXPECT_EQ(d.deferred_until, day("2026-03-10"));
  EXPECT_EQ(d.policy_rule, "sunday");
  EXPECT_EQ(d.reason, "Sonntag: keine Mahnung");
  EXPECT_EQ(d.step_index, -1);
  EXPECT_EQ(d.idempotency_key, "");
  EXPECT_EQ((*by_run)[2].amount_minor, 500);
  EXPECT_EQ((*by_run)[2].currency, "EUR");
  EXPECT_FALSE((*by_run)[2].deferred_until.has_value());

  q = {};
  q.customer_id = k1.id;
  auto by_customer = cs.list_decisions(c.id, q);
  ASSERT_EQ(by_customer->size(), 3u);
  EXPECT_EQ((*by_customer)[0].id, first[0].id);
  EXPECT_EQ((*by_customer)[1].id, first[2].id);
  EXPECT_EQ((*by_customer)[2].id, second[1].id);
  q.run_id = r2;
  auto both = cs.list_decisions(c.id, q);
  ASSERT_EQ(both->size(), 1u);
  EXPECT_EQ((*both)[0].kind, engine::DecisionKind::skip);

  // Pages by id.
  q = {};
  q.limit = 2;
  auto page1 = cs.list_decisions(c.id, q);
  ASSERT_EQ(page1->size(), 2u);
  q.after_id = page1->back().id;
  auto page2 = cs.list_decisions(c.id, q);
  ASSERT_EQ(page2->size(), 2u);
  q.after_id = page2->back().id;
  auto page3 = cs.list_decisions(c.id, q);
  ASSERT_EQ(page3->size(), 1u);
  EXPECT_EQ(page3->back().id, second[1].id);

  EXPECT_TRUE(cs.list_decisions(other.id, engine::DecisionQuery{})->empty());
  q = {};
  q.run_id = r1;
  EXPECT_TRUE(cs.list_decisions(other.id, q)->empty());
  ports::BatchWrites foreign;
  foreign.decisions.push_back(decision(k1.id, "x", engine::DecisionKind::skip));
  auto refused = cs.apply_batch(other.id, r1, foreign);
  ASSERT_FALSE(refused.has_value()) << "a decision in another creditor's run";
  EXPECT_EQ(refused.error().code, ErrorCode::db_constraint);
}

TEST_P(CollectionBatchTest, JourneysAndAssignmentsAreReplaced) {
  auto c = creditor("swb");
  auto k = customer(c.id, "K-1");
  auto& cs = store().collection();
  const auto run_id = run(c.id);
  engine::Journey j = journey(k.id);
  engine::SegmentAssignmentRecord a = assignment(k.id);
  ports::BatchWrites w;
  w.journeys_started.push_back(j);
  w.assignments.push_back(a);
  ASSERT_TRUE(cs.apply_batch(c.id, run_id, w).has_value());
  auto loaded = cs.load_case(c.id, k.id, kAsOf);
  ASSERT_TRUE(loaded.has_value() && loaded->has_value());
  ASSERT_TRUE((*loaded)->journey.has_value());
  EXPECT_EQ((*loaded)->journey->strategy, "consumer");
  EXPECT_FALSE((*loaded)->journey->holdout);
  auto stored = cs.segment_assignment(c.id, k.id);
  ASSERT_TRUE(stored.has_value() && stored->has_value());
  EXPECT_EQ((*stored)->segment, "consumers");
  EXPECT_EQ((*stored)->rule_index, 2);
  EXPECT_EQ((*stored)->explanation, "Verbraucher");
  EXPECT_EQ((*stored)->as_of, day("2026-03-01"));

  // A migrated journey and a new segment replace the running ones.
  j.strategy = "business";
  j.version = 3;
  j.variant = "B";
  j.holdout = true;
  j.started_on = kAsOf;
  a.segment = "key_accounts";
  a.rule_index = -1;
  a.explanation = "manuell";
  a.as_of = kAsOf;
  ports::BatchWrites replace;
  replace.journeys_started.push_back(j);
  replace.assignments.push_back(a);
  ASSERT_TRUE(cs.apply_batch(c.id, run_id, replace).has_value());
  loaded = cs.load_case(c.id, k.id, kAsOf);
  ASSERT_TRUE((*loaded)->journey.has_value());
  EXPECT_EQ((*loaded)->journey->strategy, "business");
  EXPECT_EQ((*loaded)->journey->version, 3);
  EXPECT_EQ((*loaded)->journey->variant, "B");
  EXPECT_TRUE((*loaded)->journey->holdout);
  EXPECT_EQ((*loaded)->journey->started_on, kAsOf);
  ASSERT_TRUE((*loaded)->assignment.has_value());
  EXPECT_EQ((*loaded)->assignment->segment, "key_accounts");
  EXPECT_EQ((*loaded)->assignment->rule_index, -1);
  EXPECT_EQ((*cs.segment_assignment(c.id, k.id))->explanation, "manuell");

  // Ended; ended and started in one batch: the new one runs.
  ports::BatchWrites end;
  end.journeys_ended.push_back(k.id);
  ASSERT_TRUE(cs.apply_batch(c.id, run_id, end).has_value());
  EXPECT_FALSE((*cs.load_case(c.id, k.id, kAsOf))->journey.has_value());
  ports::BatchWrites restart;
  restart.journeys_ended.push_back(k.id);
  j.strategy = "consumer";
  restart.journeys_started.push_back(j);
  ASSERT_TRUE(cs.apply_batch(c.id, run_id, restart).has_value());
  loaded = cs.load_case(c.id, k.id, kAsOf);
  ASSERT_TRUE((*loaded)->journey.has_value());
  EXPECT_EQ((*loaded)->journey->strategy, "consumer");

  auto other = creditor("other");
  auto none = cs.segment_assignment(other.id, k.id);
  ASSERT_TRUE(none.has_value());
  EXPECT_FALSE(none->has_value());
  ports::BatchWrites foreign;
  foreign.journeys_ended.push_back(k.id);
  ASSERT_TRUE(cs.apply_batch(other.id, run(other.id), foreign).has_value());
  EXPECT_TRUE((*cs.load_case(c.id, k.id, kAsOf))->journey.has_value()) << "another creditor cannot end it";
}

// The steps of a customer accumulate across batches in one state row; ending the journey
// keeps them and the assignment; a damaged row is an error naming the customer.
TEST_P(CollectionBatchTest, StepsAccumulateInTheCustomersStateRow) {
  auto c = creditor("swb");
  auto k = customer(c.id, "K-1");
  auto i1 = invoice(c.id, k.id, "R-1", eur(1000), day("2026-02-01"));
  auto i2 = invoice(c.id, k.id, "R-2", eur(2000), day("2026-02-15"));
  auto& cs = store().collection();
  const auto run_id = run(c.id);
  engine::Journey j = journey(k.id);
  engine::SegmentAssignmentRecord a = assignment(k.id);
  ports::BatchWrites first;
  first.journeys_started.push_back(j);
  first.assignments.push_back(a);
  first.steps.push_back(step(k.id, i1.id, 0, "k0"));
  first.steps.back().state = engine::StepState::skipped;
  first.steps.push_back(step(k.id, i1.id, 1, "k1"));
  ASSERT_TRUE(cs.apply_batch(c.id, run_id, first).has_value());
  ports::BatchWrites second;  // another day: one step for each item, one of them known
  second.steps.push_back(step(k.id, i1.id, 1, "k1"));
  second.steps.push_back(step(k.id, i2.id, 1, "k2"));
  second.journeys_ended.push_back(k.id);
  auto out = cs.apply_batch(c.id, run_id, second);
  ASSERT_TRUE(out.has_value()) << out.error().to_string();
  EXPECT_EQ(out->steps_inserted, 1);
  EXPECT_EQ(out->steps_existing, 1);
  auto loaded = cs.load_case(c.id, k.id, kAsOf);
  ASSERT_TRUE(loaded.has_value() && loaded->has_value()) << (loaded ? "" : loaded.error().to_string());
  const auto& kase = **loaded;
  EXPECT_FALSE(kase.journey.has_value());
  ASSERT_TRUE(kase.assignment.has_value());
  EXPECT_EQ(kase.assignment->segment, "consumers");
  ASSERT_EQ(kase.steps.size(), 3u);
  EXPECT_EQ(kase.steps[0].invoice_id, i1.id);
  EXPECT_EQ(kase.steps[0].step_index, 0);
  EXPECT_EQ(kase.steps[0].state, engine::StepState::skipped);
  EXPECT_EQ(kase.steps[1].invoice_id, i1.id);
  EXPECT_EQ(kase.steps[1].state, engine::StepState::done);
  EXPECT_EQ(kase.steps[2].invoice_id, i2.id);
  EXPECT_EQ(kase.steps[2].strategy, "consumer");
  EXPECT_EQ(kase.steps[2].version, 1);
  EXPECT_EQ(kase.steps[2].on, kAsOf);

  raw_exec(url_, "UPDATE collection_state SET steps = '12:consumer@1:x:d:2026-03-09;' WHERE customer_id = " +
                     std::to_string(k.id.value));
  auto damaged = cs.load_case(c.id, k.id, kAsOf);
  ASSERT_FALSE(damaged.has_value());
  EXPECT_EQ(damaged.error().code, base::ErrorCode::db_error);
  EXPECT_NE(damaged.error().detail.find("customer " + std::to_string(k.id.value)), std::string::npos)
      << damaged.error().detail;
  EXPECT_NE(damaged.error().detail.find("12:consumer@1:x:d:2026-03-09"), std::string::npos) << damaged.error().detail;
}

// Exporting escalations moves them from one status to another: only rows of the creditor
// that are in the expected status change, and the count says how many did.
TEST_P(CollectionBatchTest, EscalationStatusMovesOnlyFromTheExpectedStatus) {
  auto c = creditor("swb");
  auto k = customer(c.id, "K-1");
  auto& cs = store().collection();
  ports::BatchWrites w;
  for (const char* key : {"e/1", "e/2"}) {
    engine::EscalationEntry e;
    e.customer_id = k.id;
    e.idempotency_key = key;
    e.kind = "handover";
    e.currency = "EUR";
    e.payload_json = "{}";
    w.escalations.push_back(e);
  }
  ASSERT_TRUE(cs.apply_batch(c.id, run(c.id), w).has_value());
  auto listed = cs.list_escalations(c.id, std::nullopt, 0, 10);
  ASSERT_TRUE(listed.has_value() && listed->size() == 2u);
  const std::int64_t first = (*listed)[0].id, second = (*listed)[1].id;
  EXPECT_EQ((*listed)[0].status, "ready");

  auto other = creditor("other");
  auto foreign = cs.set_escalation_status(other.id, {first, second}, "ready", "exported");
  ASSERT_TRUE(foreign.has_value()) << foreign.error().to_string();
  EXPECT_EQ(*foreign, 0) << "another creditor's export changes nothing";
  auto moved = cs.set_escalation_status(c.id, {first}, "ready", "exported");
  ASSERT_TRUE(moved.has_value()) << moved.error().to_string();
  EXPECT_EQ(*moved, 1);
  auto again = cs.set_escalation_status(c.id, {first, second}, "ready", "exported");
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(*again, 1) << "the one exported before is not in 'ready' any more";
  listed = cs.list_escalations(c.id, std::nullopt, 0, 10);
  ASSERT_TRUE(listed.has_value());
  for (const auto& e : *listed) EXPECT_EQ(e.status, "exported");
}

INSTANTIATE_TEST_SUITE_P(Db, CollectionBatchTest, ::testing::Values(Backend::sqlite, Backend::postgres),
                         [](const ::testing::TestParamInfo<Backend>& param_info) {
                           return param_info.param == Backend::sqlite ? std::string("Sqlite") : std::string("Postgres");
                         });

}  // namespace kulanz::store_test
