#pragma once
// ports::LedgerStore on SQLite and PostgreSQL: one implementation over the SQL layer.
// SQL is shared; the few dialect differences live in the connection (placeholders,
// error mapping) and in the migrations ({{ID}}).
#include <memory>
#include <mutex>
#include <string>

#include "ports/ledger_store.hpp"
#include "store/sql.hpp"

namespace kulanz::store {

class SqlLedgerStore final : public ports::LedgerStore {
 public:
  // `shared` is set when several sessions share the connection (sqlite::memory:): each
  // call then holds it, and an open transaction holds it from begin() to commit() or
  // rollback(), so sessions on different threads take turns.
  explicit SqlLedgerStore(std::shared_ptr<Connection> conn, std::shared_ptr<std::recursive_mutex> shared = nullptr)
      : conn_(std::move(conn)), shared_(std::move(shared)) {}
  ~SqlLedgerStore() override;

  base::Status begin() override;
  base::Status commit() override;
  base::Status rollback() override;

  base::Result<domain::Creditor> create_creditor(const domain::Creditor& c) override;
  base::Result<std::optional<domain::Creditor>> find_creditor(std::string_view code_or_id) override;
  base::Result<std::vector<domain::Creditor>> list_creditors() override;
  base::Result<std::optional<domain::CreditorProfile>> creditor_profile(domain::CreditorId creditor) override;
  base::Status save_creditor_profile(domain::CreditorId creditor, const domain::CreditorProfile& profile) override;
  base::Result<std::optional<ports::PortalLink>> portal_link(domain::CreditorId creditor, domain::CustomerId customer) override;
  base::Status save_portal_link(const ports::PortalLink& link) override;
  base::Result<std::optional<ports::PortalLink>> portal_link_by_token_hash(std::string_view token_sha256) override;
  base::Result<std::string> instance_secret(std::string_view name, std::string_view candidate, std::int64_t now_unix) override;
  base::Status payment_reference_for(ports::PaymentReference& ref) override;
  base::Result<std::vector<std::pair<std::string, std::string>>> creditor_templates(domain::CreditorId creditor) override;
  base::Status replace_creditor_templates(domain::CreditorId creditor,
                                          const std::vector<std::pair<std::string, std::string>>& files,
                                          std::int64_t now_unix) override;
  base::Result<std::optional<ports::PaymentReference>> payment_reference(domain::CreditorId creditor, std::int64_t id) override;

  base::Result<ports::UpsertOutcome> upsert_customer(domain::CreditorId creditor, domain::Customer& c) override;
  base::Status save_customer_preferences(domain::CreditorId creditor, domain::CustomerId customer,
                                         const domain::ContactPreferences& preferences) override;
  base::Result<std::optional<domain::Customer>> customer_by_external_id(domain::CreditorId creditor, std::string_view external_id) override;
  base::Result<std::optional<domain::Customer>> customer_by_id(domain::CreditorId creditor, domain::CustomerId id) override;
  base::Result<ports::Page<domain::Customer>> list_customers(domain::CreditorId creditor, const ports::ListQuery& q) override;
  base::Result<std::unordered_map<std::string, domain::CustomerId>> customer_ids(domain::CreditorId creditor) override;

  base::Result<ports::UpsertOutcome> upsert_invoice(domain::CreditorId creditor, domain::Invoice& i) override;
  base::Result<std::vector<ports::UpsertOutcome>> upsert_invoices(domain::CreditorId creditor,
                                                                 std::vector<domain::Invoice>& invoices) override;
  base::Result<std::optional<domain::Invoice>> invoice_by_external_id(domain::CreditorId creditor, std::string_view external_id) override;
  base::Result<ports::Page<domain::Invoice>> list_invoices(domain::CreditorId creditor, const ports::ListQuery& q) override;
  base::Result<std::unordered_map<std::string, domain::InvoiceId>> invoice_ids(domain::CreditorId creditor) override;

  base::Result<ports::UpsertOutcome> upsert_credit_note(domain::CreditorId creditor, domain::CreditNote& n) override;
  base::Result<std::optional<domain::CreditNote>> credit_note_by_external_id(domain::CreditorId creditor, std::string_view external_id) override;
  base::Result<ports::Page<domain::CreditNote>> list_credit_notes(domain::CreditorId creditor, const ports::ListQuery& q) override;

  base::Result<ports::UpsertOutcome> upsert_payment(domain::CreditorId creditor, domain::Payment& p) override;
  base::Result<std::optional<domain::Payment>> payment_by_external_id(domain::CreditorId creditor, std::string_view external_id) override;
  base::Result<ports::Page<domain::Payment>> list_payments(domain::CreditorId creditor, const ports::ListQuery& q) override;

  base::Result<domain::CustomerLedger> load_customer_ledger(domain::CreditorId creditor, domain::CustomerId customer) override;
  base::Status save_allocations(domain::CreditorId creditor, const domain::CustomerLedger& ledger) override;
  base::Result<std::vector<domain::CustomerId>> customers_with_unapplied(domain::CreditorId creditor) override;
  base::Result<ports::PortfolioSummary> portfolio_summary(domain::CreditorId creditor, domain::Date as_of) override;

  base::Result<ports::ApiKeyRecord> create_api_key(const ports::ApiKeyRecord& k) override;
  base::Result<std::optional<ports::ApiKeyRecord>> api_key_by_hash(std::string_view secret_hash) override;
  base::Result<std::vector<ports::ApiKeyRecord>> list_api_keys(domain::CreditorId creditor) override;
  base::Result<bool> revoke_api_key(domain::CreditorId creditor, std::string_view prefix) override;

  base::Result<ports::User> create_user(const ports::User& u) override;
  base::Result<std::optional<ports::User>> user_by_email(std::string_view email) override;
  base::Result<std::optional<ports::User>> user_by_id(domain::UserId id) override;
  base::Result<std::vector<ports::User>> list_users() override;
  base::Status add_membership(const ports::Membership& m) override;
  base::Result<std::vector<ports::Membership>> memberships(domain::UserId user) override;
  base::Status create_session(const ports::WebSession& s) override;
  base::Result<std::optional<ports::WebSession>> session_by_hash(std::string_view token_hash, std::int64_t now_unix) override;
  base::Status delete_session(std::string_view token_hash) override;

  Connection& connection() { return *conn_; }

  ports::CollectionStore& collection() override;
  ports::DispatchStore& dispatch() override;
  ports::PortalStore& portal() override;

 private:
  base::Status update_customer_row(domain::CreditorId creditor, const domain::Customer& c);
  // Runs fn in the open transaction, or in one of its own when none is open.
  base::Status atomically(const std::function<base::Status()>& fn);
  // Gives back what the allocations of an invoice (or of a payment / credit note) had
  // taken, then deletes those allocations.
  base::Status detach_invoice_allocations(domain::CreditorId creditor, std::int64_t invoice_id);
  base::Status detach_source_allocations(domain::CreditorId creditor, domain::AllocationSource source, std::int64_t source_id);

  std::unique_lock<std::recursive_mutex> guard() {
    return shared_ ? std::unique_lock<std::recursive_mutex>(*shared_) : std::unique_lock<std::recursive_mutex>();
  }

  std::shared_ptr<Connection> conn_;
  std::shared_ptr<std::recursive_mutex> shared_;
  std::unique_lock<std::recursive_mutex> transaction_lock_;
  bool in_transaction_ = false;
  std::unique_ptr<ports::CollectionStore> collection_;
  std::unique_ptr<ports::DispatchStore> dispatch_;
  std::unique_ptr<ports::PortalStore> portal_;
};

}  // namespace kulanz::store
