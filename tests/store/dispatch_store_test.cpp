// DispatchStore on both databases: due entries by window, next attempt and lease; one
// dispatcher takes an entry, an interrupted one is taken again and counted in doubt;
// outcomes with the contact history and its documents; delivery reports; missed windows
// moved; fallbacks by key; webhook deliveries queued once per event and subscription;
// nothing of another creditor ever visible.
#include "store_fixture.hpp"

namespace kulanz::store_test {
namespace {

const std::int64_t kFrom = 1773039600;  // 2026-03-09 08:00 Europe/Berlin
const std::int64_t kUntil = 1773082800;

class DispatchStoreTest : public StoreTest {
 protected:
  engine::OutboxEntry entry(CustomerId c, const std::string& key, engine::StepChannel ch = engine::StepChannel::email) {
    engine::OutboxEntry e;
    e.customer_id = c;
    e.idempotency_key = key;
    e.decision_key = key;
    e.channel = ch;
    e.fallbacks = {engine::StepChannel::letter};
    e.template_name = "first_reminder";
    e.tone = "friendly";
    e.language = "de";
    e.invoice_ids = {InvoiceId(7), InvoiceId(9)};
    e.local_day = day("2026-03-09");
    e.send_from_unix = kFrom;
    e.send_until_unix = kUntil;
    e.reason = "step 1 by email for R-7, R-9";
    auto inserted = store().dispatch().insert_outbox_entry(c_, e);
    EXPECT_TRUE(inserted.has_value() && *inserted) << (inserted ? "exists" : inserted.error().to_string());
    return e;
  }
  std::vector<std::int64_t> due_ids(std::int64_t now, CreditorId c) {
    const engine::StepChannel chs[] = {engine::StepChannel::email, engine::StepChannel::sms};
    auto due = store().dispatch().due_outbox(c, now, chs, 100);
    EXPECT_TRUE(due.has_value()) << due.error().to_string();
    std::vector<std::int64_t> ids;
    for (const auto& d : *due) ids.push_back(d.entry.id);
    return ids;
  }

  void SetUp() override {
    StoreTest::SetUp();
    c_ = creditor("swb").id;
    k_ = customer(c_, "K-1").id;
  }
  CreditorId c_;
  CustomerId k_;
};

TEST_P(DispatchStoreTest, DueMeansWindowOpenAndNextAttemptReached) {
  auto& ds = store().dispatch();
  auto a = entry(k_, "a");
  auto b = entry(k_, "b", engine::StepChannel::letter);  // not asked for
  EXPECT_TRUE(due_ids(kFrom - 1, c_).empty());
  EXPECT_EQ(due_ids(kFrom, c_), std::vector<std::int64_t>({a.id}));
  EXPECT_TRUE(due_ids(kUntil, c_).empty());
  // A retry waits for its next attempt.
  ASSERT_TRUE(ds.begin_send(c_, a.id, kFrom, kFrom + 60, "<m1@x>").value());
  ASSERT_TRUE(ds.mark_retry(c_, a.id, kFrom + 300, "451 try later").value());
  EXPECT_TRUE(due_ids(kFrom + 299, c_).empty());
  EXPECT_EQ(due_ids(kFrom + 300, c_), std::vector<std::int64_t>({a.id}));
  auto read = ds.outbox_entry(c_, a.id);
  ASSERT_TRUE(read.has_value() && *read);
  EXPECT_EQ((*read)->attempts, 1);
  EXPECT_EQ((*read)->last_error, "451 try later");
  EXPECT_EQ((*read)->message_id, "<m1@x>");
  EXPECT_EQ((*read)->entry.reason, "step 1 by email for R-7, R-9");
  EXPECT_EQ((*read)->entry.fallbacks, std::vector<engine::StepChannel>({engine::StepChannel::letter}));
  (void)b;
}

TEST_P(DispatchStoreTest, OnlyOneDispatcherTakesAnEntryAndAnInterruptedOneIsInDoubt) {
  auto& ds = store().dispatch();
  auto a = entry(k_, "a");
  ASSERT_TRUE(ds.begin_send(c_, a.id, kFrom + 10, kFrom + 70, "<m@x>").value());
  // A second dispatcher within the lease: not taken, not due.
  EXPECT_FALSE(ds.begin_send(c_, a.id, kFrom + 20, kFrom + 80, "<m@x>").value());
  EXPECT_TRUE(due_ids(kFrom + 69, c_).empty());
  // The lease ran out: the transaction was interrupted; due again, taken, counted.
  EXPECT_EQ(due_ids(kFrom + 70, c_), std::vector<std::int64_t>({a.id}));
  ASSERT_TRUE(ds.begin_send(c_, a.id, kFrom + 70, kFrom + 130, "<m@x>").value());
  ports::ContactHistoryRecord h;
  h.customer_id = k_;
  h.outbox_id = a.id;
  h.channel = "email";
  h.address = "erika@example.org";
  h.subject = "Zahlungserinnerung – Müller";
  h.body_text = "Guten Tag";
  h.message_id = "<m@x>";
  h.invoice_ids = a.invoice_ids;
  h.sent_unix = kFrom + 71;
  h.documents.push_back({0, "Schreiben.pdf", "application/pdf", std::string("%PDF-1.5\0\xff\x01", 11)});
  ASSERT_TRUE(ds.mark_sent(c_, a.id, kFrom + 71, "", h).value());
  EXPECT_GT(h.id, 0);
  // Finished: a late outcome of the first dispatcher changes nothing.
  EXPECT_FALSE(ds.mark_retry(c_, a.id, kFrom + 400, "timeout").value());
  EXPECT_FALSE(ds.mark_sent(c_, a.id, kFrom + 72, "", h).value());
  auto read = ds.outbox_entry(c_, a.id);
  ASSERT_TRUE(read.has_value() && *read);
  EXPECT_EQ((*read)->entry.status, "sent");
  EXPECT_EQ((*read)->attempts, 2);
  EXPECT_EQ((*read)->in_doubt, 1);
  EXPECT_EQ((*read)->sent_unix, kFrom + 71);
  auto history = ds.list_contact_history(c_, k_, 0, 10);
  ASSERT_TRUE(history.has_value());
  ASSERT_EQ(history->size(), 1u);
  EXPECT_EQ(history->front().subject, "Zahlungserinnerung – Müller");
  EXPECT_EQ(history->front().invoice_ids, a.invoice_ids);
  EXPECT_EQ(history->front().delivery_state, "sent");
  auto docs = ds.contact_documents(c_, history->front().id);
  ASSERT_TRUE(docs.has_value());
  ASSERT_EQ(docs->size(), 1u);
  EXPECT_EQ(docs->front().content, std::string("%PDF-1.5\0\xff\x01", 11));
}

TEST_P(DispatchStoreTest, FailedCancelledMissedAndMovedEntries) {
  auto& ds = store().dispatch();
  auto a = entry(k_, "a");
  auto b = entry(k_, "b");
  auto c = entry(k_, "c");
  ASSERT_TRUE(ds.begin_send(c_, a.id, kFrom, kFrom + 60, "").value());
  ASSERT_TRUE(ds.mark_failed(c_, a.id, "550 no such user").value());
  ASSERT_TRUE(ds.cancel_entry(c_, b.id, "paid since the run").value());
  EXPECT_FALSE(ds.cancel_entry(c_, a.id, "too late").value());  // failed stays failed
  const engine::StepChannel chs[] = {engine::StepChannel::email};
  auto missed = ds.missed_outbox(c_, kUntil, chs, 10);
  ASSERT_TRUE(missed.has_value());
  ASSERT_EQ(missed->size(), 1u);
  EXPECT_EQ(missed->front().entry.id, c.id);
  ASSERT_TRUE(ds.reschedule_entry(c_, c.id, day("2026-03-10"), kFrom + 86400, kUntil + 86400, "moved").value());
  EXPECT_TRUE(ds.missed_outbox(c_, kUntil, chs, 10)->empty());
  EXPECT_EQ(due_ids(kFrom + 86400, c_), std::vector<std::int64_t>({c.id}));
  auto moved = ds.outbox_entry(c_, c.id);
  EXPECT_EQ((*moved)->entry.local_day, day("2026-03-10"));
  // A fallback by key: once.
  engine::OutboxEntry f = a;
  f.idempotency_key = "a~letter";
  f.channel = engine::StepChannel::letter;
  f.fallbacks.clear();
  EXPECT_TRUE(ds.insert_outbox_entry(c_, f).value());
  EXPECT_FALSE(ds.insert_outbox_entry(c_, f).value());
}

TEST_P(DispatchStoreTest, DeliveryReportsFindTheMessageByProviderId) {
  auto& ds = store().dispatch();
  auto a = entry(k_, "a", engine::StepChannel::sms);
  ASSERT_TRUE(ds.begin_send(c_, a.id, kFrom, kFrom + 60, "a").value());
  ports::ContactHistoryRecord h;
  h.customer_id = k_;
  h.outbox_id = a.id;
  h.channel = "sms";
  h.address = "+4915112345678";
  h.provider_id = "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee";
  ASSERT_TRUE(ds.mark_sent(c_, a.id, kFrom + 1, h.provider_id, h).value());
  auto updated = ds.set_delivery_state(c_, h.provider_id, "delivered", "", kFrom + 30);
  ASSERT_TRUE(updated.has_value() && *updated);
  EXPECT_EQ((*updated)->delivery_state, "delivered");
  EXPECT_EQ((*updated)->updated_unix, kFrom + 30);
  EXPECT_FALSE(ds.set_delivery_state(c_, "unknown", "delivered", "", kFrom)->has_value());
  // Another creditor never finds it.
  auto other = creditor("other").id;
  EXPECT_FALSE(ds.set_delivery_state(other, h.provider_id, "failed", "", kFrom)->has_value());
  EXPECT_TRUE(ds.list_contact_history(other, std::nullopt, 0, 10)->empty());
  EXPECT_FALSE(ds.outbox_entry(other, a.id)->has_value());
  EXPECT_TRUE(due_ids(kFrom, other).empty());
}

TEST_P(DispatchStoreTest, WebhookEventsAreQueuedOncePerSubscription) {
  auto& ds = store().dispatch();
  ports::WebhookSubscription all{0, "https://erp.example/hook", "s3cret-s3cret", {"*"}, kFrom, true};
  ports::WebhookSubscription sent_only{0, "https://crm.example/hook", "an0ther-secret", {"message.sent"}, kFrom, true};
  ASSERT_TRUE(ds.add_webhook(c_, all).has_value());
  ASSERT_TRUE(ds.add_webhook(c_, sent_only).has_value());
  EXPECT_EQ(ds.enqueue_event(c_, "evt_1", "message.sent", "{\"id\":\"evt_1\"}", kFrom).value(), 2);
  EXPECT_EQ(ds.enqueue_event(c_, "evt_1", "message.sent", "{\"id\":\"evt_1\"}", kFrom).value(), 0);
  EXPECT_EQ(ds.enqueue_event(c_, "evt_2", "run.finished", "{}", kFrom).value(), 1);
  auto due = ds.due_webhook_deliveries(c_, kFrom, 10);
  ASSERT_TRUE(due.has_value());
  ASSERT_EQ(due->size(), 3u);
  EXPECT_EQ(due->front().url, "https://erp.example/hook");
  EXPECT_EQ(due->front().secret, "s3cret-s3cret");
  auto d = due->front();
  d.attempts = 1;
  d.last_status = 503;
  d.last_error = "503";
  d.next_attempt_unix = kFrom + 30;
  ASSERT_TRUE(ds.finish_webhook_delivery(c_, d).has_value());
  EXPECT_EQ(ds.due_webhook_deliveries(c_, kFrom + 29, 10)->size(), 2u);
  EXPECT_EQ(ds.due_webhook_deliveries(c_, kFrom + 30, 10)->size(), 3u);
  // A removed subscription gets nothing more.
  ASSERT_TRUE(ds.remove_webhook(c_, all.id).value());
  EXPECT_EQ(ds.due_webhook_deliveries(c_, kFrom + 30, 10)->size(), 1u);
  EXPECT_EQ(ds.list_webhooks(c_)->size(), 1u);
  auto other = creditor("other").id;
  EXPECT_TRUE(ds.list_webhooks(other)->empty());
  EXPECT_FALSE(ds.remove_webhook(other, sent_only.id).value());
  EXPECT_TRUE(ds.due_webhook_deliveries(other, kFrom + 30, 10)->empty());

  // The latest deliveries, newest first; the full list ascending.
  auto all_rows = ds.list_webhook_deliveries(c_, 0, 10);
  ASSERT_TRUE(all_rows.has_value());
  ASSERT_EQ(all_rows->size(), 3u);
  auto recent = ds.recent_webhook_deliveries(c_, 2);
  ASSERT_TRUE(recent.has_value());
  ASSERT_EQ(recent->size(), 2u);
  EXPECT_EQ(recent->at(0).id, all_rows->at(2).id);
  EXPECT_EQ(recent->at(1).id, all_rows->at(1).id);
  EXPECT_EQ(recent->at(0).event_type, "run.finished");
  EXPECT_TRUE(ds.recent_webhook_deliveries(other, 5)->empty());
}

TEST_P(DispatchStoreTest, InvoiceCopiesAreStoredReplacedListedAndRemovedPerCreditor) {
  auto& ds = store().dispatch();
  const auto r1 = invoice(c_, k_, "R-1", Money(11900, Currency::eur()), day("2026-03-01"));
  const auto r2 = invoice(c_, k_, "R-2", Money(5000, Currency::eur()), day("2026-03-01"));
  std::string bytes = "%PDF-1.7\n";
  for (int i = 0; i < 256; ++i) bytes += static_cast<char>(i);  // every byte value survives
  bytes += "\n%%EOF\n";
  ports::InvoiceCopy copy{r1.id, "Rechnung R-1.pdf", static_cast<std::int64_t>(bytes.size()), "ab12", kFrom, bytes};
  ASSERT_TRUE(ds.put_invoice_copy(c_, copy).has_value());
  const InvoiceId both[] = {r1.id, r2.id};
  auto found = ds.invoice_copies(c_, both, true);
  ASSERT_TRUE(found.has_value()) << found.error().to_string();
  ASSERT_EQ(found->size(), 1u);
  EXPECT_EQ(found->front().invoice_id, r1.id);
  EXPECT_EQ(found->front().file_name, "Rechnung R-1.pdf");
  EXPECT_EQ(found->front().content, bytes);
  // A new copy replaces the old; listing without the bytes.
  copy.file_name = "R-1-neu.pdf";
  copy.content = "%PDF-1.4 neu %%EOF";
  copy.size_bytes = static_cast<std::int64_t>(copy.content.size());
  ASSERT_TRUE(ds.put_invoice_copy(c_, copy).has_value());
  auto listed = ds.invoice_copies(c_, {}, false);
  ASSERT_TRUE(listed.has_value());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ(listed->front().file_name, "R-1-neu.pdf");
  EXPECT_EQ(listed->front().size_bytes, 18);
  EXPECT_TRUE(listed->front().content.empty());
  // Another creditor sees none and removes none.
  auto other = creditor("other").id;
  EXPECT_TRUE(ds.invoice_copies(other, both, true)->empty());
  EXPECT_FALSE(ds.remove_invoice_copy(other, r1.id).value());
  EXPECT_TRUE(ds.remove_invoice_copy(c_, r1.id).value());
  EXPECT_FALSE(ds.remove_invoice_copy(c_, r1.id).value());
  EXPECT_TRUE(ds.invoice_copies(c_, {}, false)->empty());
}

INSTANTIATE_TEST_SUITE_P(Db, DispatchStoreTest, ::testing::Values(Backend::sqlite, Backend::postgres),
                         [](const ::testing::TestParamInfo<Backend>& param_info) {
                           return param_info.param == Backend::sqlite ? std::string("Sqlite") : std::string("Postgres");
                         });

}  // namespace
}  // namespace kulanz::store_test
