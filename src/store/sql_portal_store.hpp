#pragma once
// ports::PortalStore on the same Connection (and session lock) as SqlLedgerStore, whose
// portal() returns it. Tables: migrations/0008_portal.sql and 0009_portal_files_and_interactions.sql,
// 0010_payment_plans.sql, 0011_sepa_mandates.sql, 0012_portal_documents.sql,
// 0013_card_payments.sql and 0015_sepa_collections.sql.
#include <functional>
#include <memory>
#include <mutex>

#include "ports/portal_store.hpp"
#include "store/sql.hpp"

namespace kulanz::store {

class SqlPortalStore final : public ports::PortalStore {
 public:
  // `atomically` runs a function in a transaction unless one is open (SqlLedgerStore::atomically),
  // for the calls that write several rows (add_sepa_collection).
  using Atomically = std::function<base::Status(const std::function<base::Status()>&)>;
  SqlPortalStore(std::shared_ptr<Connection> conn, std::shared_ptr<std::recursive_mutex> shared,
                 Atomically atomically = nullptr)
      : conn_(std::move(conn)), shared_(std::move(shared)), atomically_(std::move(atomically)) {}

  base::Status create_portal_session(const ports::PortalSession& s) override;
  base::Result<std::optional<ports::PortalSession>> portal_session(std::string_view token_sha256,
                                                                   std::int64_t now_unix) override;
  base::Result<bool> set_portal_session_verified(std::string_view token_sha256, std::int64_t verified_unix) override;
  base::Result<bool> set_portal_session_language(std::string_view token_sha256, std::string_view language) override;
  base::Status end_portal_session(std::string_view token_sha256) override;
  base::Result<int> end_customer_portal_sessions(domain::CreditorId creditor, domain::CustomerId customer) override;
  base::Result<int> purge_expired_portal_sessions(std::int64_t now_unix) override;
  base::Result<ports::PortalCheckFailures> portal_check_failures(domain::CreditorId creditor,
                                                                 domain::CustomerId customer) override;
  base::Status save_portal_check_failures(domain::CreditorId creditor, domain::CustomerId customer,
                                          const ports::PortalCheckFailures& f) override;
  base::Status clear_portal_check_failures(domain::CreditorId creditor, domain::CustomerId customer) override;
  base::Result<ports::PortalCheckFailures> portal_entry_failures(domain::CreditorId creditor,
                                                                 std::string_view number_sha256) override;
  base::Status save_portal_entry_failures(domain::CreditorId creditor, std::string_view number_sha256,
                                          const ports::PortalCheckFailures& f) override;
  base::Status clear_portal_entry_failures(domain::CreditorId creditor, std::string_view number_sha256) override;
  base::Result<std::int64_t> save_portal_file(domain::CreditorId creditor, const ports::PortalFileRecord& file) override;
  base::Result<std::optional<ports::PortalFileRecord>> latest_portal_file(domain::CreditorId creditor) override;
  base::Status add_portal_interaction(domain::CreditorId creditor, ports::PortalInteraction& i) override;
  base::Result<std::vector<ports::PortalInteraction>> list_portal_interactions(
      domain::CreditorId creditor, std::optional<domain::CustomerId> customer, std::int64_t before_id,
      int limit) override;
  base::Result<bool> rate_portal_interaction(domain::CreditorId creditor, domain::CustomerId customer, std::int64_t id,
                                             std::string_view rating, std::string_view comment,
                                             std::int64_t now_unix) override;
  base::Status add_payment_plan(domain::CreditorId creditor, ports::PaymentPlanRecord& p) override;
  base::Result<std::vector<ports::PaymentPlanRecord>> list_payment_plans(domain::CreditorId creditor,
                                                                        std::optional<domain::CustomerId> customer,
                                                                        bool active_only) override;
  base::Result<bool> end_payment_plan(domain::CreditorId creditor, std::int64_t id, std::string_view status,
                                      std::int64_t ended_unix) override;
  base::Status add_mandate(domain::CreditorId creditor, ports::MandateRecord& m) override;
  base::Result<std::vector<ports::MandateRecord>> list_mandates(domain::CreditorId creditor,
                                                                std::optional<domain::CustomerId> customer,
                                                                bool active_only) override;
  base::Result<bool> revoke_mandate(domain::CreditorId creditor, domain::CustomerId customer, std::int64_t id,
                                    std::string_view revoked_by, std::int64_t now_unix) override;
  base::Status add_sepa_collection(domain::CreditorId creditor, ports::SepaCollectionRecord& c) override;
  base::Result<std::vector<ports::SepaCollectionRecord>> list_sepa_collections(
      domain::CreditorId creditor, std::optional<std::int64_t> mandate_id) override;
  base::Status add_portal_document(domain::CreditorId creditor, ports::PortalDocument& d) override;
  base::Result<std::vector<ports::PortalDocument>> list_portal_documents(domain::CreditorId creditor,
                                                                         domain::CustomerId customer,
                                                                         std::int64_t interaction_id) override;
  base::Result<std::optional<ports::PortalDocument>> portal_document(domain::CreditorId creditor,
                                                                     domain::CustomerId customer, std::int64_t id) override;

  base::Status add_card_payment(ports::CardPaymentRecord& p) override;
  base::Status update_card_payment(const ports::CardPaymentRecord& p) override;
  base::Result<std::optional<ports::CardPaymentRecord>> card_payment(domain::CreditorId creditor,
                                                                     domain::CustomerId customer, std::int64_t id) override;
  base::Result<std::optional<ports::CardPaymentRecord>> card_payment_by_session(std::string_view provider_session) override;
  base::Result<bool> record_provider_event(std::string_view event_id, std::string_view type, std::int64_t card_payment_id,
                                           std::string_view outcome, std::int64_t now_unix) override;

 private:
  std::unique_lock<std::recursive_mutex> guard() {
    return shared_ ? std::unique_lock<std::recursive_mutex>(*shared_) : std::unique_lock<std::recursive_mutex>();
  }
  base::Status atomically(const std::function<base::Status()>& fn) { return atomically_ ? atomically_(fn) : fn(); }
  std::shared_ptr<Connection> conn_;
  std::shared_ptr<std::recursive_mutex> shared_;
  Atomically atomically_;
};

}  // namespace kulanz::store
