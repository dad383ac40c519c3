#pragma once
// ports::DispatchStore on the same Connection (and session lock) as SqlLedgerStore, whose
// dispatch() returns it. Tables: migrations/0006_dispatch.sql (and the outbox of 0002).
#include <functional>
#include <memory>
#include <mutex>

#include "ports/dispatch_store.hpp"
#include "store/sql.hpp"
#include "store/store_support.hpp"

namespace kulanz::store {

class SqlDispatchStore final : public ports::DispatchStore {
 public:
  using Atomically = std::function<base::Status(const std::function<base::Status()>&)>;
  SqlDispatchStore(std::shared_ptr<Connection> conn, std::shared_ptr<std::recursive_mutex> shared, Atomically atomically)
      : conn_(std::move(conn)), shared_(std::move(shared)), atomically_(std::move(atomically)) {}

  base::Status require_durable_commits() override;
  base::Result<std::vector<ports::DispatchEntry>> due_outbox(domain::CreditorId creditor, std::int64_t now_unix,
                                                             std::span<const engine::StepChannel> channels,
                                                             int limit) override;
  base::Result<std::vector<ports::DispatchEntry>> missed_outbox(domain::CreditorId creditor, std::int64_t now_unix,
                                                                std::span<const engine::StepChannel> channels,
                                                                int limit) override;
  base::Result<std::optional<ports::DispatchEntry>> outbox_entry(domain::CreditorId creditor, std::int64_t id) override;
  base::Result<std::vector<ports::DispatchEntry>> list_dispatch(domain::CreditorId creditor,
                                                                std::optional<domain::CustomerId> customer,
                                                                std::int64_t after_id, int limit) override;
  base::Result<bool> begin_send(domain::CreditorId creditor, std::int64_t id, std::int64_t now_unix,
                                std::int64_t lease_until_unix, std::string_view message_id) override;
  base::Result<bool> mark_sent(domain::CreditorId creditor, std::int64_t id, std::int64_t sent_unix,
                               std::string_view provider_id, ports::ContactHistoryRecord& history) override;
  base::Result<bool> mark_retry(domain::CreditorId creditor, std::int64_t id, std::int64_t next_attempt_unix,
                                std::string_view error) override;
  base::Result<bool> mark_failed(domain::CreditorId creditor, std::int64_t id, std::string_view error) override;
  base::Result<bool> mark_undelivered(domain::CreditorId creditor, std::int64_t id, std::string_view error) override;
  base::Result<bool> cancel_entry(domain::CreditorId creditor, std::int64_t id, std::string_view reason) override;
  base::Result<bool> reschedule_entry(domain::CreditorId creditor, std::int64_t id, calendar::Date local_day,
                                      std::int64_t send_from_unix, std::int64_t send_until_unix,
                                      std::string_view note) override;
  base::Result<bool> insert_outbox_entry(domain::CreditorId creditor, engine::OutboxEntry& e) override;

  base::Status add_contact_history(domain::CreditorId creditor, ports::ContactHistoryRecord& record) override;
  base::Result<std::vector<ports::ContactHistoryRecord>> list_contact_history(domain::CreditorId creditor,
                                                                              std::optional<domain::CustomerId> customer,
                                                                              std::int64_t before_id, int limit) override;
  base::Result<std::optional<ports::ContactHistoryRecord>> contact_history_entry(domain::CreditorId creditor,
                                                                                std::int64_t id) override;
  base::Result<std::vector<ports::ContactDocument>> contact_documents(domain::CreditorId creditor,
                                                                      std::int64_t history_id) override;
  base::Result<std::optional<ports::ContactHistoryRecord>> set_delivery_state(domain::CreditorId creditor,
                                                                              std::string_view provider_id,
                                                                              std::string_view state,
                                                                              std::string_view detail,
                                                                              std::int64_t now_unix) override;

  base::Status add_webhook(domain::CreditorId creditor, ports::WebhookSubscription& s) override;
  base::Result<std::vector<ports::WebhookSubscription>> list_webhooks(domain::CreditorId creditor) override;
  base::Result<bool> remove_webhook(domain::CreditorId creditor, std::int64_t id) override;
  base::Result<int> enqueue_event(domain::CreditorId creditor, std::string_view event_id, std::string_view event_type,
                                  std::string_view body, std::int64_t now_unix) override;
  base::Result<std::vector<ports::WebhookDeliveryRecord>> due_webhook_deliveries(domain::CreditorId creditor,
                                                                                 std::int64_t now_unix,
                                                                                 int limit) override;
  base::Status finish_webhook_delivery(domain::CreditorId creditor, const ports::WebhookDeliveryRecord& d) override;
  base::Result<std::vector<ports::WebhookDeliveryRecord>> list_webhook_deliveries(domain::CreditorId creditor,
                                                                                  std::int64_t after_id,
                                                                                  int limit) override;
  base::Status put_invoice_copy(domain::CreditorId creditor, const ports::InvoiceCopy& copy) override;
  base::Result<bool> remove_invoice_copy(domain::CreditorId creditor, domain::InvoiceId invoice) override;
  base::Result<std::vector<ports::InvoiceCopy>> invoice_copies(domain::CreditorId creditor,
                                                               std::span<const domain::InvoiceId> invoices,
                                                               bool with_content) override;
  base::Result<std::vector<ports::WebhookDeliveryRecord>> recent_webhook_deliveries(domain::CreditorId creditor,
                                                                                    int limit) override;

 private:
  base::Result<std::vector<ports::DispatchEntry>> select_entries(const std::string& where,
                                                                 const std::vector<detail::SqlArg>& args, int limit);
  // Deliveries joined with their subscription where `condition` (one bound value) holds,
  // by id (newest first when asked).
  base::Result<std::vector<ports::WebhookDeliveryRecord>> select_deliveries(domain::CreditorId creditor,
                                                                            const std::string& condition,
                                                                            std::int64_t value, int limit,
                                                                            bool newest_first = false);
  base::Status insert_history(domain::CreditorId creditor, ports::ContactHistoryRecord& r);
  base::Status atomically(const std::function<base::Status()>& fn) { return atomically_ ? atomically_(fn) : fn(); }
  std::unique_lock<std::recursive_mutex> guard() {
    return shared_ ? std::unique_lock<std::recursive_mutex>(*shared_) : std::unique_lock<std::recursive_mutex>();
  }

  std::shared_ptr<Connection> conn_;
  std::shared_ptr<std::recursive_mutex> shared_;
  Atomically atomically_;
};

}  // namespace kulanz::store
