// The collection engine's tables (CollectionStore) on both databases: file and strategy
// versions, overrides, holds, batch loads with tenant isolation, idempotent batch writes,
// runs and decisions.
#include "store_fixture.hpp"

namespace kulanz::store_test {
namespace {

using base::ErrorCode;

engine::Decision decision(CustomerId c, const std::string& ext, const std::string& key, engine::DecisionKind kind) {
  engine::Decision d;
  d.customer_id = c;
  d.customer_external_id = ext;
  d.as_of = day("2026-03-09");
  d.kind = kind;
  d.segment = "consumers";
  d.strategy = "consumer";
  d.version = 1;
  d.step_index = 2;
  d.step_kind = "reminder";
  d.channel = "email";
  d.currency = "EUR";
  d.reason = "first reminder für Müller";
  d.idempotency_key = key;
  return d;
}

TEST_P(StoreTest, CollectionFilesAndStrategyVersions) {
  auto c = creditor("swb");
  auto& cs = store().collection();
  auto none = cs.latest_collection_file(c.id);
  ASSERT_TRUE(none.has_value());
  EXPECT_FALSE(none->has_value());
  ports::CollectionFileRecord f;
  f.content = "currency = \"EUR\"\n# Mahnstufen für Verbraucher\n";
  f.sha256 = "aa";
  f.note = "erste Fassung";
  f.created_unix = 100;
  auto v1 = cs.save_collection_file(c.id, f);
  ASSERT_TRUE(v1.has_value()) << v1.error().to_string();
  EXPECT_EQ(*v1, 1);
  f.content += "# zweite\n";
  f.sha256 = "bb";
  auto v2 = cs.save_collection_file(c.id, f);
  ASSERT_TRUE(v2.has_value());
  EXPECT_EQ(*v2, 2);
  auto latest = cs.latest_collection_file(c.id);
  ASSERT_TRUE(latest.has_value() && latest->has_value());
  EXPECT_EQ((*latest)->version, 2);
  EXPECT_EQ((*latest)->content, f.content);
  auto first = cs.collection_file(c.id, 1);
  ASSERT_TRUE(first.has_value() && first->has_value());
  EXPECT_EQ((*first)->sha256, "aa");
  auto list = cs.list_collection_files(c.id);
  ASSERT_TRUE(list.has_value());
  ASSERT_EQ(list->size(), 2u);
  EXPECT_TRUE((*list)[0].content.empty());
  EXPECT_EQ((*list)[0].version, 1);
  EXPECT_EQ((*list)[1].version, 2);
  EXPECT_EQ((*list)[1].sha256, "bb");
  EXPECT_EQ((*list)[1].note, "erste Fassung");
  EXPECT_EQ((*list)[1].created_unix, 100);
  auto missing = cs.collection_file(c.id, 3);
  ASSERT_TRUE(missing.has_value());
  EXPECT_FALSE(missing->has_value());

  ports::StrategyVersionRecord b2b{"b2b", 1, 2, "businesses", "fb", 150};
  ASSERT_TRUE(cs.add_strategy_version(c.id, b2b));
  ports::StrategyVersionRecord s{"consumer", 1, 1, "consumers", "f1", 100};
  ASSERT_TRUE(cs.add_strategy_version(c.id, s));
  s.version = 2;
  s.collection_version = 2;
  s.fingerprint = "f2";
  ASSERT_TRUE(cs.add_strategy_version(c.id, s));
  EXPECT_FALSE(cs.add_strategy_version(c.id, s)) << "the same version twice";
  ports::StrategyVersionRecord orphan{"b2b", 2, 7, "businesses", "x", 1};
  auto refused = cs.add_strategy_version(c.id, orphan);
  ASSERT_FALSE(refused) << "a version must point at a stored file";
  EXPECT_EQ(refused.error().code, ErrorCode::db_constraint);
  auto versions = cs.list_strategy_versions(c.id);
  ASSERT_TRUE(versions.has_value());
  ASSERT_EQ(versions->size(), 3u);  // by name, then version
  EXPECT_EQ((*versions)[0].name, "b2b");
  EXPECT_EQ((*versions)[0].collection_version, 2);
  EXPECT_EQ((*versions)[0].segment, "businesses");
  EXPECT_EQ((*versions)[0].created_unix, 150);
  EXPECT_EQ((*versions)[1].fingerprint, "f1");
  EXPECT_EQ((*versions)[2].version, 2);
  EXPECT_EQ((*versions)[2].fingerprint, "f2");

  auto other = creditor("other");
  auto foreign = cs.latest_collection_file(other.id);
  ASSERT_TRUE(foreign.has_value());
  EXPECT_FALSE(foreign->has_value()) << "another creditor's files are invisible";
  EXPECT_TRUE(cs.list_collection_files(other.id)->empty());
  EXPECT_TRUE(cs.list_strategy_versions(other.id)->empty());
  EXPECT_FALSE(cs.add_strategy_version(other.id, s)) << "a version must point at a file of the same creditor";
  auto own = cs.save_collection_file(other.id, f);
  ASSERT_TRUE(own.has_value());
  EXPECT_EQ(*own, 1) << "versions count per creditor";
}

TEST_P(StoreTest, HoldsAndOverrides) {
  auto c = creditor("swb");
  auto k = customer(c.id, "K-1");
  auto i = invoice(c.id, k.id, "R-1", eur(10000), day("2026-03-02"));
  auto& cs = store().collection();
  engine::Hold h;
  h.customer_id = k.id;
  h.kind = engine::HoldKind::dispute;
  h.invoice_ids = {i.id};
  h.starts_on = day("2026-03-10");
  h.reason = "Betrag bestritten";
  h.created_by = "api";
  ASSERT_TRUE(cs.create_hold(c.id, h));
  EXPECT_GT(h.id, 0);
  engine::Hold p;
  p.customer_id = k.id;
  p.kind = engine::HoldKind::promise_to_pay;
  p.starts_on = day("2026-03-11");
  p.until = day("2026-03-20");
  p.reason = "zahlt am 20.";
  ASSERT_TRUE(cs.create_hold(c.id, p));
  auto active = cs.list_holds(c.id, k.id, true);
  ASSERT_TRUE(active.has_value());
  ASSERT_EQ(active->size(), 2u);
  EXPECT_EQ((*active)[0].invoice_ids, std::vector<InvoiceId>{i.id});
  EXPECT_TRUE((*active)[1].invoice_ids.empty());
  EXPECT_EQ((*active)[1].until, day("2026-03-20"));
  auto ended = cs.end_hold(c.id, h.id, engine::HoldEnd::ended, day("2026-03-30"));
  ASSERT_TRUE(ended.has_value());
  EXPECT_TRUE(*ended);
  auto again = cs.end_hold(c.id, h.id, engine::HoldEnd::broken, day("2026-03-31"));
  ASSERT_TRUE(again.has_value());
  EXPECT_FALSE(*again) << "an ended hold stays ended";
  auto read = cs.hold_by_id(c.id, h.id);
  ASSERT_TRUE(read.has_value() && read->has_value());
  EXPECT_EQ((*read)->ended_on, day("2026-03-30"));
  EXPECT_EQ((*read)->end, engine::HoldEnd::ended);
  EXPECT_EQ(cs.list_holds(c.id, std::nullopt, true)->size(), 1u);
  EXPECT_EQ(cs.list_holds(c.id, std::nullopt, false)->size(), 2u);
  auto other = creditor("other");
  auto foreign = cs.hold_by_id(other.id, h.id);
  ASSERT_TRUE(foreign.has_value());
  EXPECT_FALSE(foreign->has_value());
  EXPECT_TRUE(cs.list_holds(other.id, std::nullopt, false)->empty());
  auto foreign_end = cs.end_hold(other.id, p.id, engine::HoldEnd::broken, day("2026-03-31"));
  ASSERT_TRUE(foreign_end.has_value());
  EXPECT_FALSE(*foreign_end) << "another creditor cannot end the hold";
  EXPECT_FALSE((*cs.hold_by_id(c.id, p.id))->ended_on.has_value());

  engine::SegmentOverride older;
  older.customer_id = k.id;
  older.segment = "consumers";
  older.reason = "vorher";
  older.expires_on = day("2026-06-30");
  ASSERT_TRUE(cs.add_segment_override(c.id, older));
  engine::SegmentOverride o;
  o.customer_id = k.id;
  o.segment = "key_accounts";
  o.reason = "Großkunde seit März";
  o.expires_on = day("2026-12-31");
  o.created_by = "cli";
  ASSERT_TRUE(cs.add_segment_override(c.id, o));
  EXPECT_GT(o.id, older.id);
  auto overrides = cs.list_segment_overrides(c.id, k.id, false);
  ASSERT_TRUE(overrides.has_value());
  ASSERT_EQ(overrides->size(), 2u);
  EXPECT_EQ((*overrides)[0].id, o.id) << "newest first";
  EXPECT_EQ((*overrides)[0].reason, "Großkunde seit März");
  EXPECT_EQ((*overrides)[0].expires_on, day("2026-12-31"));
  EXPECT_EQ((*overrides)[0].created_by, "cli");
  EXPECT_FALSE((*overrides)[0].revoked);
  auto foreign_revoke = cs.revoke_segment_override(other.id, o.id);
  ASSERT_TRUE(foreign_revoke.has_value());
  EXPECT_FALSE(*foreign_revoke) << "another creditor cannot revoke it";
  auto revoked = cs.revoke_segment_override(c.id, o.id);
  ASSERT_TRUE(revoked.has_value());
  EXPECT_TRUE(*revoked);
  auto twice = cs.revoke_segment_override(c.id, o.id);
  ASSERT_TRUE(twice.has_value());
  EXPECT_FALSE(*twice) << "already revoked";
  auto remaining = cs.list_segment_overrides(c.id, k.id, false);
  ASSERT_EQ(remaining->size(), 1u);
  EXPECT_EQ((*remaining)[0].id, older.id);
  auto all = cs.list_segment_overrides(c.id, std::nullopt, true);
  ASSERT_EQ(all->size(), 2u);
  EXPECT_TRUE((*all)[0].revoked);
  auto loaded = cs.load_case(c.id, k.id, day("2026-01-01"));
  ASSERT_TRUE(loaded.has_value() && loaded->has_value());
  ASSERT_TRUE((*loaded)->segment_override.has_value());
  EXPECT_EQ((*loaded)->segment_override->id, older.id) << "the newest override that is not revoked";

  auto stranger = customer(other.id, "K-9");
  engine::SegmentOverride cross = o;
  cross.customer_id = stranger.id;
  auto refused = cs.add_segment_override(c.id, cross);
  ASSERT_FALSE(refused) << "an override for another creditor's customer";
  EXPECT_EQ(refused.error().code, ErrorCode::db_constraint);
  EXPECT_TRUE(cs.list_segment_overrides(other.id, std::nullopt, true)->empty());
}

TEST_P(StoreTest, HoldItemsKeepTheirOrderAndTheirCreditor) {
  auto c = creditor("swb");
  auto other = creditor("other");
  auto k = customer(c.id, "K-1");
  auto i1 = invoice(c.id, k.id, "R-1", eur(10000), day("2026-03-02"));
  auto i2 = invoice(c.id, k.id, "R-2", eur(20000), day("2026-03-03"));
  auto stranger = customer(other.id, "K-1");
  auto foreign_item = invoice(other.id, stranger.id, "R-1", eur(500), day("2026-03-02"));
  auto& cs = store().collection();
  engine::Hold h;
  h.customer_id = k.id;
  h.kind = engine::HoldKind::payment_plan;
  h.invoice_ids = {i2.id, i1.id};
  h.starts_on = day("2026-03-10");
  h.until = day("2026-09-30");
  h.reason = "Ratenplan";
  h.created_by = "user:anna@example.de";
  h.created_unix = 1773100000;
  ASSERT_TRUE(cs.create_hold(c.id, h));
  auto read = cs.hold_by_id(c.id, h.id);
  ASSERT_TRUE(read.has_value() && read->has_value());
  const auto& got = **read;
  EXPECT_EQ(got.customer_id, k.id);
  EXPECT_EQ(got.kind, engine::HoldKind::payment_plan);
  EXPECT_EQ(got.invoice_ids, (std::vector<InvoiceId>{i2.id, i1.id})) << "in the order given";
  EXPECT_EQ(got.starts_on, day("2026-03-10"));
  EXPECT_EQ(got.until, day("2026-09-30"));
  EXPECT_FALSE(got.ended_on.has_value());
  EXPECT_FALSE(got.end.has_value());
  EXPECT_EQ(got.reason, "Ratenplan");
  EXPECT_EQ(got.created_by, "user:anna@example.de");
  EXPECT_EQ(got.created_unix, 1773100000);
  auto listed = cs.list_holds(c.id, k.id, false);
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].invoice_ids, (std::vector<InvoiceId>{i2.id, i1.id}));

  // An item of another creditor: refused, and no hold is left behind (which would pause
  // the whole customer, having no items).
  engine::Hold cross = h;
  cross.id = 0;
  cross.invoice_ids = {i1.id, foreign_item.id};
  auto refused = cs.create_hold(c.id, cross);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::db_constraint);
  EXPECT_EQ(cross.id, 0);
  EXPECT_EQ(cs.list_holds(c.id, std::nullopt, false)->size(), 1u);

  // Inside the caller's transaction the hold is part of it.
  ASSERT_TRUE(store().begin());
  engine::Hold whole;
  whole.customer_id = k.id;
  whole.kind = engine::HoldKind::insolvency;
  whole.starts_on = day("2026-04-01");
  whole.reason = "Insolvenzverfahren";
  ASSERT_TRUE(cs.create_hold(c.id, whole));
  ASSERT_TRUE(store().rollback());
  EXPECT_EQ(cs.list_holds(c.id, std::nullopt, false)->size(), 1u);
}

TEST_P(StoreTest, RunsAreListedNewestFirstPerCreditor) {
  auto c = creditor("swb");
  auto other = creditor("other");
  auto& cs = store().collection();
  std::vector<std::int64_t> ids;
  for (int n = 0; n < 3; ++n) {
    engine::RunRecord r;
    r.creditor_id = c.id;
    r.as_of = day("2026-03-09").add_days(n);
    r.dry_run = n == 1;
    r.started_unix = 1000 + n;
    ASSERT_TRUE(cs.create_run(r));
    ids.push_back(r.id);
  }
  engine::RunRecord theirs;
  theirs.creditor_id = other.id;
  theirs.as_of = day("2026-03-09");
  ASSERT_TRUE(cs.create_run(theirs));
  auto read = cs.run_by_id(c.id, ids[1]);
  ASSERT_TRUE(read.has_value() && read->has_value());
  EXPECT_EQ((*read)->creditor_id, c.id);
  EXPECT_EQ((*read)->as_of, day("2026-03-10"));
  EXPECT_TRUE((*read)->dry_run);
  EXPECT_EQ((*read)->status, "running");
  EXPECT_EQ((*read)->started_unix, 1001);
  EXPECT_EQ((*read)->finished_unix, 0);
  ASSERT_TRUE(cs.finish_run(c.id, ids[1], "failed", "{\"error\":\"E4001\"}", 2000));
  read = cs.run_by_id(c.id, ids[1]);
  EXPECT_EQ((*read)->status, "failed");
  EXPECT_EQ((*read)->finished_unix, 2000);
  EXPECT_EQ((*read)->report_json, "{\"error\":\"E4001\"}");

  auto page = cs.list_runs(c.id, 0, 2);
  ASSERT_TRUE(page.has_value());
  ASSERT_EQ(page->size(), 2u);
  EXPECT_EQ((*page)[0].id, ids[2]);
  EXPECT_EQ((*page)[1].id, ids[1]);
  auto rest = cs.list_runs(c.id, (*page)[1].id, 2);
  ASSERT_EQ(rest->size(), 1u);
  EXPECT_EQ((*rest)[0].id, ids[0]);
  EXPECT_TRUE(cs.list_runs(c.id, ids[0], 2)->empty());
  auto theirs_list = cs.list_runs(other.id, 0, 10);
  ASSERT_EQ(theirs_list->size(), 1u);
  EXPECT_EQ((*theirs_list)[0].id, theirs.id);

  auto foreign = cs.finish_run(other.id, ids[0], "finished", "{}", 3000);
  ASSERT_FALSE(foreign) << "another creditor's run";
  EXPECT_EQ(foreign.error().code, ErrorCode::run_unknown);
  EXPECT_EQ((*cs.run_by_id(c.id, ids[0]))->status, "running");
  engine::RunRecord stray;
  stray.creditor_id = CreditorId(999999);
  stray.as_of = day("2026-03-09");
  EXPECT_FALSE(cs.create_run(stray)) << "a run of an unknown creditor";
}

TEST_P(StoreTest, LoadCasesInIdRangesWithEverythingAndNothingForeign) {
  auto c = creditor("swb");
  auto other = creditor("other");
  std::vector<Customer> customers;
  for (int n = 0; n < 5; ++n) customers.push_back(customer(c.id, "K-" + std::to_string(n)));
  auto stranger = customer(other.id, "K-0");
  invoice(other.id, stranger.id, "R-X", eur(999), day("2026-03-02"));
  auto i1 = invoice(c.id, customers[1].id, "R-1", eur(10000), day("2026-03-02"));
  auto i3 = invoice(c.id, customers[3].id, "R-3", eur(5000), day("2026-03-05"));
  auto p = payment(c.id, customers[3].id, "P-3", eur(2000), day("2026-03-06"));
  ASSERT_TRUE(store().upsert_payment(c.id, p).has_value());
  auto& cs = store().collection();
  engine::Hold h;
  h.customer_id = customers[3].id;
  h.kind = engine::HoldKind::manual;
  h.starts_on = day("2026-03-01");
  h.reason = "Klärung";
  ASSERT_TRUE(cs.create_hold(c.id, h));
  engine::RunRecord run;
  run.creditor_id = c.id;
  run.as_of = day("2026-03-09");
  ASSERT_TRUE(cs.create_run(run));
  ports::BatchWrites w;
  w.decisions.push_back(decision(customers[1].id, "K-1", "c/1", engine::DecisionKind::send_message));
  engine::OutboxEntry e;
  e.customer_id = customers[1].id;
  e.idempotency_key = "c/1";
  e.decision_key = "c/1";
  e.channel = engine::StepChannel::email;
  e.fallbacks = {engine::StepChannel::letter};
  e.template_name = "first_reminder";
  e.tone = "friendly";
  e.language = "de";
  e.invoice_ids = {i1.id};
  e.local_day = day("2026-03-09");
  e.send_from_unix = 1773039600;
  e.send_until_unix = 1773082800;
  w.outbox.push_back(e);
  engine::StepRecord r;
  r.customer_id = customers[1].id;
  r.invoice_id = i1.id;
  r.strategy = "consumer";
  r.version = 1;
  r.step_index = 2;
  r.on = day("2026-03-09");
  w.steps.push_back(r);
  engine::Journey j;
  j.customer_id = customers[1].id;
  j.strategy = "consumer";
  j.version = 1;
  j.variant = "sms-first";
  j.holdout = true;
  j.started_on = day("2026-03-09");
  w.journeys_started.push_back(j);
  engine::SegmentAssignmentRecord a;
  a.customer_id = customers[1].id;
  a.segment = "consumers";
  a.rule_index = 6;
  a.explanation = "Standard";
  a.as_of = day("2026-03-09");
  w.assignments.push_back(a);
  engine::TaskEntry t;
  t.customer_id = customers[3].id;
  t.idempotency_key = "call/3";
  t.kind = "call";
  t.due_on = day("2026-03-08");
  t.invoice_ids = {i3.id};
  t.note = "anrufen";
  w.tasks.push_back(t);
  auto out = cs.apply_batch(c.id, run.id, w);
  ASSERT_TRUE(out.has_value()) << out.error().to_string();
  EXPECT_EQ(out->outbox_inserted, 1);
  EXPECT_EQ(out->steps_inserted, 1);
  EXPECT_EQ(out->tasks_inserted, 1);
  EXPECT_GT(w.decisions[0].id, 0);

  auto first = cs.load_cases(c.id, CustomerId(0), 2, day("2026-01-01"));
  ASSERT_TRUE(first.has_value()) << first.error().to_string();
  ASSERT_EQ(first->size(), 2u);
  EXPECT_EQ((*first)[0].ledger.customer.external_id, "K-0");
  EXPECT_EQ((*first)[1].ledger.customer.external_id, "K-1");
  const auto& k1 = (*first)[1];
  ASSERT_EQ(k1.ledger.invoices.size(), 1u);
  EXPECT_EQ(k1.ledger.invoices[0].external_id, "R-1");
  ASSERT_TRUE(k1.journey.has_value());
  EXPECT_EQ(k1.journey->variant, "sms-first");
  EXPECT_TRUE(k1.journey->holdout);
  ASSERT_EQ(k1.steps.size(), 1u);
  EXPECT_EQ(k1.steps[0].step_index, 2);
  ASSERT_EQ(k1.contacts.size(), 1u);
  EXPECT_EQ(k1.contacts[0].day, day("2026-03-09"));
  ASSERT_TRUE(k1.assignment.has_value());
  EXPECT_EQ(k1.assignment->rule_index, 6);
  EXPECT_TRUE((*first)[0].ledger.invoices.empty());

  auto rest = cs.load_cases(c.id, (*first)[1].ledger.customer.id, 10, day("2026-01-01"));
  ASSERT_TRUE(rest.has_value());
  ASSERT_EQ(rest->size(), 3u);
  const auto& k3 = (*rest)[1];
  EXPECT_EQ(k3.ledger.customer.external_id, "K-3");
  EXPECT_EQ(k3.ledger.payments.size(), 1u);
  EXPECT_EQ(k3.holds.size(), 1u);
  ASSERT_EQ(k3.contacts.size(), 1u) << "a call task is a contact";
  EXPECT_EQ(k3.contacts[0].channel, engine::StepChannel::call);
  for (const auto& cs_case : *rest) EXPECT_EQ(cs_case.ledger.customer.creditor_id, c.id);

  auto late = cs.load_cases(c.id, CustomerId(0), 10, day("2026-03-10"));
  ASSERT_TRUE(late.has_value());
  EXPECT_TRUE((*late)[1].contacts.empty()) << "contacts before the horizon are not loaded";

  auto foreign = cs.load_cases(other.id, CustomerId(0), 10, day("2026-01-01"));
  ASSERT_TRUE(foreign.has_value());
  ASSERT_EQ(foreign->size(), 1u);
  EXPECT_EQ((*foreign)[0].ledger.invoices.size(), 1u);
  EXPECT_TRUE((*foreign)[0].steps.empty());

  // Applying the same writes again inserts nothing new but logs the decisions.
  ports::BatchWrites again = w;
  again.journeys_started.clear();
  auto second = cs.apply_batch(c.id, run.id, again);
  ASSERT_TRUE(second.has_value()) << second.error().to_string();
  EXPECT_EQ(second->outbox_inserted, 0);
  EXPECT_EQ(second->outbox_existing, 1);
  EXPECT_EQ(second->steps_existing, 1);
  EXPECT_EQ(second->tasks_existing, 1);
  auto outbox = cs.list_outbox(c.id, std::nullopt, 0, 100);
  ASSERT_TRUE(outbox.has_value());
  ASSERT_EQ(outbox->size(), 1u);
  EXPECT_EQ((*outbox)[0].fallbacks, std::vector<engine::StepChannel>{engine::StepChannel::letter});
  EXPECT_EQ((*outbox)[0].send_until_unix, 1773082800);

  engine::DecisionQuery q;
  q.run_id = run.id;
  auto decisions = cs.list_decisions(c.id, q);
  ASSERT_TRUE(decisions.has_value());
  ASSERT_EQ(decisions->size(), 2u);
  EXPECT_EQ((*decisions)[0].customer_external_id, "K-1");
  EXPECT_EQ((*decisions)[0].reason, "first reminder für Müller");
  q.run_id.reset();
  q.customer_id = customers[3].id;
  EXPECT_TRUE(cs.list_decisions(c.id, q)->empty());
  EXPECT_TRUE(cs.list_decisions(other.id, engine::DecisionQuery{})->empty());

  ports::BatchWrites end;
  end.journeys_ended.push_back(customers[1].id);
  ASSERT_TRUE(cs.apply_batch(c.id, run.id, end).has_value());
  auto after = cs.load_case(c.id, customers[1].id, day("2026-01-01"));
  ASSERT_TRUE(after.has_value() && after->has_value());
  EXPECT_FALSE((*after)->journey.has_value());

  ASSERT_TRUE(cs.finish_run(c.id, run.id, "finished", "{\"customers\":5}", 200));
  auto runs = cs.list_runs(c.id, 0, 10);
  ASSERT_TRUE(runs.has_value());
  ASSERT_EQ(runs->size(), 1u);
  EXPECT_EQ((*runs)[0].status, "finished");
  EXPECT_EQ((*runs)[0].report_json, "{\"customers\":5}");
  EXPECT_FALSE(cs.run_by_id(other.id, run.id)->has_value());
}

}  // namespace
}  // namespace kulanz::store_test
