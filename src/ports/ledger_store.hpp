#pragma once
// The storage port of the ledger. Implemented by store/ for SQLite and PostgreSQL.
// Every call that touches creditor data takes the CreditorId and only ever sees rows of
// that creditor. One instance is one database session: not thread-safe; create one per
// thread through a StoreFactory.
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/result.hpp"
#include "domain/ledger.hpp"
#include "domain/types.hpp"
#include "ports/collection_store.hpp"
#include "ports/dispatch_store.hpp"
#include "ports/portal_store.hpp"

namespace kulanz::ports {

using base::Result;
using base::Status;
using namespace kulanz::domain;

enum class UpsertOutcome { inserted, updated, unchanged };

template <class T>
struct Page {
  std::vector<T> items;
  std::string next_cursor;  // empty when there is no further page
};

// Filters for list calls. Cursor pagination is by id: the cursor is opaque to callers.
struct ListQuery {
  std::string cursor;
  int limit = 50;  // 1..500
  std::optional<std::string> customer_external_id;
  // invoices: "open" | "paid" | "overdue" | "not_due"; others ignore it
  std::optional<std::string> status;
  std::optional<Date> due_from;  // invoices: due_date >= due_from
  std::optional<Date> due_to;    // invoices: due_date <= due_to
  Date as_of;                    // for "overdue"/"not_due"
};

struct PortfolioSummary {
  std::int64_t customers = 0;
  std::int64_t invoices = 0;
  std::int64_t open_items = 0;
  Aging aging;  // totals and buckets over all open items of the creditor
};

struct ApiKeyRecord {
  ApiKeyId id;
  CreditorId creditor_id;
  std::string prefix;       // first characters, shown to humans to tell keys apart
  std::string secret_hash;  // hex SHA-256 of the full key
  std::string label;
  std::int64_t created_unix = 0;
  bool revoked = false;
};

enum class Role { admin, team_lead, collector, read_only };
std::string_view to_string(Role);
base::Result<Role> parse_role(std::string_view);

struct User {
  UserId id;
  std::string email;          // unique, lower-case
  std::string display_name;
  std::string password_hash;  // argon2id string (libsodium crypto_pwhash_str)
  bool disabled = false;
};

struct Membership {
  CreditorId creditor_id;
  UserId user_id;
  Role role = Role::read_only;
};

struct WebSession {
  std::string token_hash;  // hex SHA-256 of the cookie value
  UserId user_id;
  std::string csrf_token;
  std::int64_t created_unix = 0;
  std::int64_t expires_unix = 0;
};

struct PortalLink {
  CreditorId creditor_id;
  CustomerId customer_id;
  std::int64_t generation = 1;
  std::string token_sha256;  // lower-case hex
  std::int64_t created_unix = 0;
};

// What a payment reference (an RF creditor reference on a letter or message) asked for.
struct PaymentReference {
  std::int64_t id = 0;  // the RF reference's body is this id in base 36
  CreditorId creditor_id;
  CustomerId customer_id;
  std::vector<InvoiceId> invoice_ids;  // ascending
  std::int64_t amount_minor = 0;
  std::string currency;
  std::int64_t created_unix = 0;
};

class LedgerStore {
 public:
  virtual ~LedgerStore() = default;

  // Transactions. Nested begin() is an error. Reads outside a transaction see committed data.
  virtual Status begin() = 0;
  virtual Status commit() = 0;
  virtual Status rollback() = 0;

  // Creditors (installation level).
  virtual Result<Creditor> create_creditor(const Creditor& c) = 0;  // id assigned
  virtual Result<std::optional<Creditor>> find_creditor(std::string_view code_or_id) = 0;
  virtual Result<std::vector<Creditor>> list_creditors() = 0;
  // The creditor's profile (imprint, contact, bank, logo); nullopt until one is saved.
  virtual Result<std::optional<CreditorProfile>> creditor_profile(CreditorId creditor) = 0;
  virtual Status save_creditor_profile(CreditorId creditor, const CreditorProfile& profile) = 0;

  // Portal links (services/portal_links.hpp): the current generation of a customer's link
  // and the SHA-256 of its token; by_token_hash searches every creditor.
  virtual Result<std::optional<PortalLink>> portal_link(CreditorId creditor, CustomerId customer) = 0;
  virtual Status save_portal_link(const PortalLink& link) = 0;  // inserts or replaces (creditor, customer)
  virtual Result<std::optional<PortalLink>> portal_link_by_token_hash(std::string_view token_sha256) = 0;
  // A secret of this installation: the stored value, or `candidate` stored under `name`
  // when there is none yet (the first writer wins; every caller gets the same value).
  virtual Result<std::string> instance_secret(std::string_view name, std::string_view candidate, std::int64_t now_unix) = 0;

  // A creditor's own message texts (path -> text; docs/TEMPLATES.md), ascending by path.
  // replace_creditor_templates writes the given set and removes every other one.
  virtual Result<std::vector<std::pair<std::string, std::string>>> creditor_templates(CreditorId creditor) = 0;
  virtual Status replace_creditor_templates(CreditorId creditor,
                                            const std::vector<std::pair<std::string, std::string>>& files,
                                            std::int64_t now_unix) = 0;

  // Payment references. `reference_for` returns the newest reference of the customer that
  // asked for exactly these items and this amount, or creates one (so letters about the
  // same items carry the same reference); ref.id is set.
  virtual Status payment_reference_for(PaymentReference& ref) = 0;
  virtual Result<std::optional<PaymentReference>> payment_reference(CreditorId creditor, std::int64_t id) = 0;

  // Customers. Upsert is keyed by (creditor, external_id); sets c.id.
  // Inserts or updates by external id. The customer's own choices (c.preferences as stored)
  // are kept and applied over the incoming language and contacts.
  virtual Result<UpsertOutcome> upsert_customer(CreditorId creditor, Customer& c) = 0;
  // Replaces the customer's own choices (from the portal) and applies them.
  virtual Status save_customer_preferences(CreditorId creditor, CustomerId customer,
                                           const domain::ContactPreferences& preferences) = 0;
  virtual Result<std::optional<Customer>> customer_by_external_id(CreditorId creditor, std::string_view external_id) = 0;
  virtual Result<std::optional<Customer>> customer_by_id(CreditorId creditor, CustomerId id) = 0;
  virtual Result<Page<Customer>> list_customers(CreditorId creditor, const ListQuery& q) = 0;
  // external_id -> id of every customer of the creditor (for validating imports in memory).
  virtual Result<std::unordered_map<std::string, CustomerId>> customer_ids(CreditorId creditor) = 0;

  // Invoices (and fee/interest items). Upsert keyed by (creditor, external_id); sets i.id.
  // On insert `open` is set to `amount`; on update of the amount, allocations to the item
  // are removed and the customer must be re-allocated (services do that).
  virtual Result<UpsertOutcome> upsert_invoice(CreditorId creditor, Invoice& i) = 0;
  // The same for many invoices, in order (outcome k belongs to invoices[k]); stops at the
  // first error. Stores override it to write several rows per statement; the default
  // calls upsert_invoice for each.
  virtual Result<std::vector<UpsertOutcome>> upsert_invoices(CreditorId creditor, std::vector<Invoice>& invoices);
  virtual Result<std::optional<Invoice>> invoice_by_external_id(CreditorId creditor, std::string_view external_id) = 0;
  virtual Result<Page<Invoice>> list_invoices(CreditorId creditor, const ListQuery& q) = 0;
  virtual Result<std::unordered_map<std::string, InvoiceId>> invoice_ids(CreditorId creditor) = 0;

  virtual Result<UpsertOutcome> upsert_credit_note(CreditorId creditor, CreditNote& n) = 0;
  virtual Result<std::optional<CreditNote>> credit_note_by_external_id(CreditorId creditor, std::string_view external_id) = 0;
  virtual Result<Page<CreditNote>> list_credit_notes(CreditorId creditor, const ListQuery& q) = 0;

  virtual Result<UpsertOutcome> upsert_payment(CreditorId creditor, Payment& p) = 0;
  virtual Result<std::optional<Payment>> payment_by_external_id(CreditorId creditor, std::string_view external_id) = 0;
  virtual Result<Page<Payment>> list_payments(CreditorId creditor, const ListQuery& q) = 0;

  // A customer's complete ledger (records plus allocations).
  virtual Result<CustomerLedger> load_customer_ledger(CreditorId creditor, CustomerId customer) = 0;
  // Writes the customer's allocations (replacing all of them) and the resulting
  // open/unallocated amounts of its items, payments and credit notes.
  virtual Status save_allocations(CreditorId creditor, const CustomerLedger& ledger) = 0;
  // Customers that have a payment or credit note with something unallocated.
  virtual Result<std::vector<CustomerId>> customers_with_unapplied(CreditorId creditor) = 0;

  // Aggregates over all open items of a creditor at a date.
  virtual Result<PortfolioSummary> portfolio_summary(CreditorId creditor, Date as_of) = 0;

  // API keys.
  virtual Result<ApiKeyRecord> create_api_key(const ApiKeyRecord& k) = 0;
  virtual Result<std::optional<ApiKeyRecord>> api_key_by_hash(std::string_view secret_hash) = 0;
  // The creditor's keys, oldest first (hashes included; callers show only the prefix).
  virtual Result<std::vector<ApiKeyRecord>> list_api_keys(CreditorId creditor) = 0;
  // Marks the creditor's key with this prefix revoked; false when it has no such key.
  virtual Result<bool> revoke_api_key(CreditorId creditor, std::string_view prefix) = 0;

  // Users, memberships and web sessions (installation level; memberships per creditor).
  virtual Result<User> create_user(const User& u) = 0;
  virtual Result<std::optional<User>> user_by_email(std::string_view email) = 0;
  virtual Result<std::optional<User>> user_by_id(UserId id) = 0;
  virtual Result<std::vector<User>> list_users() = 0;  // by ascending id
  virtual Status add_membership(const Membership& m) = 0;
  virtual Result<std::vector<Membership>> memberships(UserId user) = 0;
  virtual Status create_session(const WebSession& s) = 0;
  virtual Result<std::optional<WebSession>> session_by_hash(std::string_view token_hash, std::int64_t now_unix) = 0;
  virtual Status delete_session(std::string_view token_hash) = 0;

  // The collection engine's tables on this same session (and transaction).
  virtual CollectionStore& collection() = 0;
  // The dispatcher's tables (outbox bookkeeping, contact history, webhooks), same session.
  virtual DispatchStore& dispatch() = 0;
  // The customer portal's sessions and failed checks, same session.
  virtual PortalStore& portal() = 0;
};

using StoreFactory = std::function<Result<std::unique_ptr<LedgerStore>>()>;

// Runs fn inside begin()/commit(); rolls back if fn fails.
Status in_transaction(LedgerStore& store, const std::function<Status()>& fn);

}  // namespace kulanz::ports
