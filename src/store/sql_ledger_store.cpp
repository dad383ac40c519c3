// SqlLedgerStore: transactions, creditors and customers.
#include "store/sql_ledger_store.hpp"

#include <algorithm>

#include "security/security.hpp"
#include "store/collection_support.hpp"
#include "store/sql_collection_store.hpp"
#include "store/sql_dispatch_store.hpp"
#include "store/sql_portal_store.hpp"

#include "base/text.hpp"
#include "store/contacts_text.hpp"
#include "store/store_support.hpp"

namespace kulanz::store {

using namespace kulanz::domain;
using namespace detail;
using ports::UpsertOutcome;

SqlLedgerStore::~SqlLedgerStore() {
  auto lock = guard();
  if (in_transaction_) (void)conn_->exec("ROLLBACK");
}

base::Status SqlLedgerStore::begin() {
  auto lock = guard();
  if (in_transaction_) {
    return base::fail(ErrorCode::db_error, "a transaction is already open on this session: commit or roll it back before "
                                           "beginning another (transactions do not nest)");
  }
  // IMMEDIATE takes SQLite's write lock at once, so a transaction never fails halfway
  // when it turns from reading to writing while another connection writes.
  KULANZ_TRY_STATUS(conn_->exec(conn_->dialect() == Dialect::sqlite ? "BEGIN IMMEDIATE" : "BEGIN"));
  in_transaction_ = true;
  transaction_lock_ = guard();
  return {};
}

base::Status SqlLedgerStore::commit() {
  auto lock = guard();
  if (!in_transaction_) return base::fail(ErrorCode::db_error, "commit without an open transaction: call begin() first");
  auto st = conn_->exec("COMMIT");
  if (!st) (void)conn_->exec("ROLLBACK");
  in_transaction_ = false;
  transaction_lock_ = {};
  return st;
}

base::Status SqlLedgerStore::rollback() {
  auto lock = guard();
  if (!in_transaction_) return base::fail(ErrorCode::db_error, "rollback without an open transaction: call begin() first");
  in_transaction_ = false;
  auto st = conn_->exec("ROLLBACK");
  transaction_lock_ = {};
  return st;
}

base::Status SqlLedgerStore::atomically(const std::function<base::Status()>& fn) {
  auto lock = guard();
  if (in_transaction_) return fn();
  return ports::in_transaction(*this, fn);
}

// ---- creditors ----------------------------------------------------------------------

namespace {

Creditor read_creditor_row(const Query& q, money::Currency currency) {
  Creditor c;
  c.id = CreditorId(q.i64(0));
  c.code = q.str(1);
  c.name = q.str(2);
  c.currency = currency;
  c.country = q.str(4);
  return c;
}

constexpr const char* kCreditorColumns = "id, code, name, currency, country";

}  // namespace

base::Result<Creditor> SqlLedgerStore::create_creditor(const Creditor& c) {
  auto lock = guard();
  if (c.code.empty()) return base::fail(ErrorCode::required_missing, "a creditor needs a code (a short handle such as 'swb')", "code");
  if (!c.currency.valid()) return base::fail(ErrorCode::currency_unknown, "a creditor needs a currency such as EUR", "currency");
  KULANZ_STORE_TRY(stmt, conn_->prepare("INSERT INTO creditors (code, name, currency, country) VALUES (?, ?, ?, ?) RETURNING id"));
  Query q(*stmt);
  q.arg(c.code).arg(c.name).arg(c.currency.code()).arg(c.country);
  auto row = q.next();
  if (!row) {
    auto e = std::move(row).error();
    if (e.code == ErrorCode::db_constraint) {
      e.detail = fmt::format("a creditor with code '{}' exists already: choose another code ({})", c.code, e.detail);
      e.field = "code";
    }
    return base::fail(std::move(e));
  }
  Creditor out = c;
  out.id = CreditorId(q.i64(0));
  return out;
}

base::Result<std::optional<Creditor>> SqlLedgerStore::find_creditor(std::string_view code_or_id) {
  auto lock = guard();
  for (bool by_id : {false, true}) {
    std::int64_t id = 0;
    if (by_id) {
      if (code_or_id.empty() || code_or_id.size() > 18 ||
          code_or_id.find_first_not_of("0123456789") != std::string_view::npos) {
        break;
      }
      id = std::stoll(std::string(code_or_id));
    }
    std::string sql = std::string("SELECT ") + kCreditorColumns + " FROM creditors WHERE " + (by_id ? "id = ?" : "code = ?");
    KULANZ_STORE_TRY(stmt, conn_->prepare(sql));
    Query q(*stmt);
    if (by_id) q.arg(id);
    else q.arg(code_or_id);
    KULANZ_STORE_TRY(row, q.next());
    if (row) {
      KULANZ_STORE_TRY(currency, read_currency(q, 3));
      return std::optional<Creditor>(read_creditor_row(q, currency));
    }
  }
  return std::optional<Creditor>();
}

namespace {
constexpr const char* kProfileColumns =
    "legal_name, street, postal_code, city, country, phone, email, reply_to, website, iban, bic, bank_name, "
    "register_entry, vat_id, management, logo_png_base64, brand_color";
}  // namespace

base::Result<std::optional<CreditorProfile>> SqlLedgerStore::creditor_profile(CreditorId creditor) {
  auto lock = guard();
  static const std::string kSql = std::string("SELECT ") + kProfileColumns + " FROM creditor_profiles WHERE creditor_id = ?";
  KULANZ_STORE_TRY(stmt, conn_->prepare_static(kSql));
  Query q(*stmt);
  q.arg(creditor.value);
  KULANZ_STORE_TRY(row, q.next());
  if (!row) return std::optional<CreditorProfile>();
  CreditorProfile p;
  std::string* fields[] = {&p.legal_name, &p.street, &p.postal_code, &p.city,     &p.country,
                           &p.phone,      &p.email,  &p.reply_to,    &p.website,  &p.iban,
                           &p.bic,        &p.bank_name, &p.register_entry, &p.vat_id, &p.management};
  int col = 0;
  for (std::string* f : fields) *f = q.str(col++);
  auto logo = security::base64_decode(q.text(col++));
  if (!logo) {
    return base::fail(ErrorCode::db_error, "the stored logo of creditor " + std::to_string(creditor.value) +
                                               " is damaged; set it again with `kulanz creditor profile --logo FILE.png`");
  }
  p.logo_png = std::move(*logo);
  p.brand_color = q.str(col);
  return std::optional<CreditorProfile>(std::move(p));
}

base::Status SqlLedgerStore::save_creditor_profile(CreditorId creditor, const CreditorProfile& p) {
  auto lock = guard();
  static const std::string kSql =
      std::string("INSERT INTO creditor_profiles (creditor_id, ") + kProfileColumns +
      ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (creditor_id) DO UPDATE SET "
      "legal_name = excluded.legal_name, street = excluded.street, postal_code = excluded.postal_code, "
      "city = excluded.city, country = excluded.country, phone = excluded.phone, email = excluded.email, "
      "reply_to = excluded.reply_to, website = excluded.website, iban = excluded.iban, bic = excluded.bic, "
      "bank_name = excluded.bank_name, register_entry = excluded.register_entry, vat_id = excluded.vat_id, "
      "management = excluded.management, logo_png_base64 = excluded.logo_png_base64, brand_color = excluded.brand_color";
  KULANZ_STORE_TRY(stmt, conn_->prepare_static(kSql));
  Query q(*stmt);
  q.arg(creditor.value).arg(p.legal_name).arg(p.street).arg(p.postal_code).arg(p.city).arg(p.country).arg(p.phone)
      .arg(p.email).arg(p.reply_to).arg(p.website).arg(p.iban).arg(p.bic).arg(p.bank_name).arg(p.register_entry)
      .arg(p.vat_id).arg(p.management).arg(security::base64_encode(p.logo_png)).arg(p.brand_color);
  if (auto st = q.run(); !st) {
    auto e = std::move(st).error();
    if (e.code == ErrorCode::db_constraint) e.detail = "creditor " + std::to_string(creditor.value) + " does not exist (" + e.detail + ")";
    return base::fail(std::move(e));
  }
  return {};
}

namespace {
ports::PortalLink read_link(const Query& q) {
  ports::PortalLink l;
  l.creditor_id = CreditorId(q.i64(0));
  l.customer_id = CustomerId(q.i64(1));
  l.generation = q.i64(2);
  l.token_sha256 = q.str(3);
  l.created_unix = q.i64(4);
  return l;
}
constexpr const char* kLinkColumns = "creditor_id, customer_id, generation, token_sha256, created_unix";
}  // namespace

base::Result<std::optional<ports::PortalLink>> SqlLedgerStore::portal_link(CreditorId creditor, CustomerId customer) {
  auto lock = guard();
  static const std::string kSql =
      std::string("SELECT ") + kLinkColumns + " FROM portal_links WHERE creditor_id = ? AND customer_id = ?";
  KULANZ_STORE_TRY(stmt, conn_->prepare_static(kSql));
  Query q(*stmt);
  q.arg(creditor.value).arg(customer.value);
  KULANZ_STORE_TRY(row, q.next());
  if (!row) return std::optional<ports::PortalLink>();
  return std::optional<ports::PortalLink>(read_link(q));
}

base::Status SqlLedgerStore::save_portal_link(const ports::PortalLink& l) {
  auto lock = guard();
  static const std::string kSql =
      "INSERT INTO portal_links (creditor_id, customer_id, generation, token_sha256, created_unix) VALUES (?, ?, ?, ?, ?) "
      "ON CONFLICT (creditor_id, customer_id) DO UPDATE SET generation = excluded.generation, "
      "token_sha256 = excluded.token_sha256, created_unix = excluded.created_unix";
  KULANZ_STORE_TRY(stmt, conn_->prepare_static(kSql));
  Query q(*stmt);
  return q.arg(l.creditor_id.value).arg(l.customer_id.value).arg(l.generation).arg(l.token_sha256).arg(l.created_unix).run();
}

base::Result<std::optional<ports::PortalLink>> SqlLedgerStore::portal_link_by_token_hash(std::string_view token_sha256) {
  auto lock = guard();
  static const std::string kSql = std::string("SELECT ") + kLinkColumns + " FROM portal_links WHERE token_sha256 = ?";
  KULANZ_STORE_TRY(stmt, conn_->prepare_static(kSql));
  Query q(*stmt);
  q.arg(token_sha256);
  KULANZ_STORE_TRY(row, q.next());
  if (!row) return std::optional<ports::PortalLink>();
  return std::optional<ports::PortalLink>(read_link(q));
}

base::Result<std::string> SqlLedgerStore::instance_secret(std::string_view name, std::string_view candidate,
                                                         std::int64_t now_unix) {
  auto lock = guard();
  {
    static const std::string kInsert =
        "INSERT INTO instance_secrets (name, value, created_unix) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING";
    KULANZ_STORE_TRY(stmt, conn_->prepare_static(kInsert));
    Query q(*stmt);
    KULANZ_TRY_STATUS(q.arg(name).arg(candidate).arg(now_unix).run());
  }
  static const std::string kSelect = "SELECT value FROM instance_secrets WHERE name = ?";
  KULANZ_STORE_TRY(stmt, conn_->prepare_static(kSelect));
  Query q(*stmt);
  q.arg(name);
  KULANZ_STORE_TRY(row, q.next());
  if (!row) return base::fail(ErrorCode::db_error, "the instance secret '" + std::string(name) + "' was not stored");
  return q.str(0);
}

base::Status SqlLedgerStore::payment_reference_for(ports::PaymentReference& ref) {
  auto lock = guard();
  std::sort(ref.invoice_ids.begin(), ref.invoice_ids.end());
  const std::string ids = detail::ids_text(ref.invoice_ids);
  {
    static const std::string kFind =
        "SELECT id, created_unix FROM payment_references WHERE creditor_id = ? AND customer_id = ? AND invoice_ids = ? "
        "AND amount_minor = ? AND currency = ? ORDER BY id DESC LIMIT 1";
    KULANZ_STORE_TRY(stmt, conn_->prepare_static(kFind));
    Query q(*stmt);
    q.arg(ref.creditor_id.value).arg(ref.customer_id.value).arg(ids).arg(ref.amount_minor).arg(ref.currency);
    KULANZ_STORE_TRY(row, q.next());
    if (row) {
      ref.id = q.i64(0);
      ref.created_unix = q.i64(1);
      return {};
    }
  }
  static const InsertSql kInsert(
      "INSERT INTO payment_references (creditor_id, customer_id, invoice_ids, amount_minor, currency, created_unix) "
      "VALUES (?, ?, ?, ?, ?, ?)");
  KULANZ_STORE_TRY(stmt, conn_->prepare_static(kInsert.for_dialect(conn_->dialect())));
  Query q(*stmt);
  q.arg(ref.creditor_id.value).arg(ref.customer_id.value).arg(ids).arg(ref.amount_minor).arg(ref.currency)
      .arg(ref.created_unix);
  KULANZ_STORE_TRY(id, detail::insert_returning_id(q, conn_->dialect(), [&] {
    return "the payment reference of customer " + std::to_string(ref.customer_id.value);
  }));
  ref.id = id;
  return {};
}

base::Result<std::optional<ports::PaymentReference>> SqlLedgerStore::payment_reference(CreditorId creditor, std::int64_t id) {
  auto lock = guard();
  static const std::string kSql =
      "SELECT id, customer_id, invoice_ids, amount_minor, currency, created_unix FROM payment_references "
      "WHERE creditor_id = ? AND id = ?";
  KULANZ_STORE_TRY(stmt, conn_->prepare_static(kSql));
  Query q(*stmt);
  q.arg(creditor.value).arg(id);
  KULANZ_STORE_TRY(row, q.next());
  if (!row) return std::optional<ports::PaymentReference>();
  ports::PaymentReference r;
  r.id = q.i64(0);
  r.creditor_id = creditor;
  r.customer_id = CustomerId(q.i64(1));
  KULANZ_STORE_TRY(ids, detail::parse_ids(q.text(2)));
  r.invoice_ids = std::move(ids);
  r.amount_minor = q.i64(3);
  r.currency = q.str(4);
  r.created_unix = q.i64(5);
  return std::optional<ports::PaymentReference>(std::move(r));
}

base::Result<std::vector<std::pair<std::string, std::string>>> SqlLedgerStore::creditor_templates(CreditorId creditor) {
  auto lock = guard();
  static const std::string kSql = "SELECT path, text FROM creditor_templates WHERE creditor_id = ? ORDER BY path";
  KULANZ_STORE_TRY(stmt, conn_->prepare_static(kSql));
  Query q(*stmt);
  q.arg(creditor.value);
  std::vector<std::pair<std::string, std::string>> out;
  while (true) {
    KULANZ_STORE_TRY(row, q.next());
    if (!row) break;
    out.emplace_back(q.str(0), q.str(1));
  }
  return out;
}

base::Status SqlLedgerStore::replace_creditor_templates(CreditorId creditor,
                                                        const std::vector<std::pair<std::string, std::string>>& files,
                                                        std::int64_t now_unix) {
  auto lock = guard();
  return atomically([&]() -> base::Status {
    {
      KULANZ_STORE_TRY(del, conn_->prepare("DELETE FROM creditor_templates WHERE creditor_id = ?"));
      Query q(*del);
      KULANZ_TRY_STATUS(q.arg(creditor.value).run());
    }
    static const std::string kInsert =
        "INSERT INTO creditor_templates (creditor_id, path, text, updated_unix) VALUES (?, ?, ?, ?)";
    for (const auto& [path, text] : files) {
      KULANZ_STORE_TRY(stmt, conn_->prepare_static(kInsert));
      Query q(*stmt);
      KULANZ_TRY_STATUS(q.arg(creditor.value).arg(path).arg(text).arg(now_unix).run());
    }
    return {};
  });
}

base::Result<std::vector<Creditor>> SqlLedgerStore::list_creditors() {
  auto lock = guard();
  static const std::string kSql = std::string("SELECT ") + kCreditorColumns + " FROM creditors ORDER BY id";
  KULANZ_STORE_TRY(stmt, conn_->prepare_static(kSql));
  Query q(*stmt);
  std::vector<Creditor> out;
  while (true) {
    KULANZ_STORE_TRY(row, q.next());
    if (!row) break;
    KULANZ_STORE_TRY(currency, read_currency(q, 3));
    out.push_back(read_creditor_row(q, currency));
  }
  return out;
}

// ---- customers ----------------------------------------------------------------------

namespace {

bool same_contacts(const std::vector<Contact>& a, const std::vector<Contact>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t k = 0; k < a.size(); ++k) {
    if (a[k].channel != b[k].channel || a[k].address != b[k].address || a[k].consent != b[k].consent ||
        a[k].invalid != b[k].invalid) {
      return false;
    }
  }
  return true;
}

// A mark set after a bounce or an unknown number stays on the address when an import or
// the API brings the same address again (they do not know of the bounce); a new address
// comes without it.
void keep_invalid_marks(const std::vector<Contact>& stored, std::vector<Contact>& incoming) {
  for (auto& c : incoming) {
    for (const auto& s : stored) {
      if (s.invalid && s.channel == c.channel && s.address == c.address) c.invalid = true;
    }
  }
}

bool same_customer(const Customer& a, const Customer& b) {
  return a.external_id == b.external_id && a.name == b.name && a.type == b.type && a.language == b.language &&
         a.time_zone == b.time_zone && a.country == b.country && a.state == b.state && a.postal_code == b.postal_code &&
         a.city == b.city && a.street == b.street && a.birth_date == b.birth_date && a.key_account == b.key_account &&
         a.also_supplier == b.also_supplier && a.risk_score == b.risk_score && a.customer_since == b.customer_since &&
         a.lifetime_revenue_minor == b.lifetime_revenue_minor && same_contacts(a.contacts, b.contacts) &&
         a.preferences == b.preferences;
}

// Binds the customer's stored fields in the order of kCustomerColumns, without id.
void bind_customer(Query& q, const Customer& c, const std::string& contacts) {
  q.arg(c.external_id).arg(c.name).arg(to_string(c.type)).arg(to_string(c.language)).arg(c.time_zone).arg(c.country)
      .arg(c.state).arg(c.postal_code).arg(c.city).arg(c.street).arg(c.birth_date).arg(std::int64_t{c.key_account})
      .arg(std::int64_t{c.also_supplier});
  if (c.risk_score) q.arg(std::int64_t{*c.risk_score});
  else q.arg(std::nullopt);
  q.arg(c.customer_since).arg(c.lifetime_revenue_minor).arg(contacts).arg(encode_preferences(c.preferences));
}

}  // namespace

base::Result<UpsertOutcome> SqlLedgerStore::upsert_customer(CreditorId creditor, Customer& c) {
  auto lock = guard();
  auto context = [&c] { return fmt::format("customer '{}'", c.external_id); };
  if (c.external_id.empty()) return base::fail(ErrorCode::required_missing, "a customer needs an external_id", "external_id");
  c.creditor_id = creditor;
  domain::apply_preferences(c);
  const std::string contacts = encode_contacts(c.contacts);
  {
    static const InsertSql kInsert(
        "INSERT INTO customers (creditor_id, external_id, name, customer_type, language, time_zone, country, state, "
        "postal_code, city, street, birth_date, key_account, also_supplier, risk_score, customer_since, "
        "lifetime_revenue_minor, contacts, preferences) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (creditor_id, external_id) DO NOTHING");
    KULANZ_STORE_TRY(stmt, conn_->prepare_static(kInsert.for_dialect(conn_->dialect())));
    Query q(*stmt);
    q.arg(creditor.value);
    bind_customer(q, c, contacts);
    KULANZ_STORE_TRY(id, insert_or_skip(q, conn_->dialect(), context()));
    if (id) {
      c.id = CustomerId(*id);
      return UpsertOutcome::inserted;
    }
  }
  KULANZ_STORE_TRY(existing, customer_by_external_id(creditor, c.external_id));
  if (!existing) return base::fail(ErrorCode::conflict, context() + " was deleted while it was being updated; retry");
  c.id = existing->id;
  // The customer's own choices stay and win over what the creditor's system sends.
  c.preferences = existing->preferences;
  domain::apply_preferences(c);
  keep_invalid_marks(existing->contacts, c.contacts);
  if (same_customer(*existing, c)) return UpsertOutcome::unchanged;
  KULANZ_TRY_STATUS(update_customer_row(creditor, c));
  return UpsertOutcome::updated;
}

base::Status SqlLedgerStore::update_customer_row(CreditorId creditor, const Customer& c) {
  KULANZ_STORE_TRY(stmt, conn_->prepare(
      "UPDATE customers SET external_id = ?, name = ?, customer_type = ?, language = ?, time_zone = ?, country = ?, "
      "state = ?, postal_code = ?, city = ?, street = ?, birth_date = ?, key_account = ?, also_supplier = ?, "
      "risk_score = ?, customer_since = ?, lifetime_revenue_minor = ?, contacts = ?, preferences = ? "
      "WHERE creditor_id = ? AND id = ?"));
  Query q(*stmt);
  bind_customer(q, c, encode_contacts(c.contacts));
  q.arg(creditor.value).arg(c.id.value);
  auto st = q.run();
  if (!st) return base::fail(in_context(std::move(st).error(), fmt::format("customer '{}'", c.external_id)));
  return {};
}

base::Status SqlLedgerStore::save_customer_preferences(CreditorId creditor, CustomerId customer,
                                                       const domain::ContactPreferences& preferences) {
  auto lock = guard();
  KULANZ_STORE_TRY(found, customer_by_id(creditor, customer));
  if (!found) return base::fail(ErrorCode::customer_unknown, "no such customer of this creditor");
  Customer c = std::move(*found);
  c.preferences = preferences;
  domain::apply_preferences(c);
  return update_customer_row(creditor, c);
}

base::Result<std::optional<Customer>> SqlLedgerStore::customer_by_external_id(CreditorId creditor, std::string_view external_id) {
  auto lock = guard();
  static const std::string kSql = std::string("SELECT ") + kCustomerColumns +
                                        " FROM customers WHERE creditor_id = ? AND external_id = ?";
  KULANZ_STORE_TRY(stmt, conn_->prepare_static(kSql));
  Query q(*stmt);
  q.arg(creditor.value).arg(external_id);
  KULANZ_STORE_TRY(row, q.next());
  if (!row) return std::optional<Customer>();
  KULANZ_STORE_TRY(c, read_customer(q, creditor));
  return std::optional<Customer>(std::move(c));
}

base::Result<std::optional<Customer>> SqlLedgerStore::customer_by_id(CreditorId creditor, CustomerId id) {
  auto lock = guard();
  static const std::string kSql = std::string("SELECT ") + kCustomerColumns + " FROM customers WHERE creditor_id = ? AND id = ?";
  KULANZ_STORE_TRY(stmt, conn_->prepare_static(kSql));
  Query q(*stmt);
  q.arg(creditor.value).arg(id.value);
  KULANZ_STORE_TRY(row, q.next());
  if (!row) return std::optional<Customer>();
  KULANZ_STORE_TRY(c, read_customer(q, creditor));
  return std::optional<Customer>(std::move(c));
}

base::Result<ports::Page<Customer>> SqlLedgerStore::list_customers(CreditorId creditor, const ports::ListQuery& q) {
  auto lock = guard();
  ListSpec spec{"customers", kCustomerColumns, {}, {}};
  if (q.customer_external_id) {
    spec.conditions.push_back("AND external_id = ?");
    spec.args.emplace_back(*q.customer_external_id);
  }
  return list_page<Customer>(*conn_, creditor, q, spec, read_customer);
}

base::Result<std::unordered_map<std::string, CustomerId>> SqlLedgerStore::customer_ids(CreditorId creditor) {
  auto lock = guard();
  KULANZ_STORE_TRY(stmt, conn_->prepare("SELECT external_id, id FROM customers WHERE creditor_id = ?"));
  Query q(*stmt);
  q.arg(creditor.value);
  std::unordered_map<std::string, CustomerId> out;
  while (true) {
    KULANZ_STORE_TRY(row, q.next());
    if (!row) break;
    out.emplace(q.str(0), CustomerId(q.i64(1)));
  }
  return out;
}

ports::CollectionStore& SqlLedgerStore::collection() {
  if (!collection_) {
    collection_ = std::make_unique<SqlCollectionStore>(
        conn_, shared_, [this](const std::function<base::Status()>& fn) { return atomically(fn); });
  }
  return *collection_;
}

ports::DispatchStore& SqlLedgerStore::dispatch() {
  if (!dispatch_) {
    dispatch_ = std::make_unique<SqlDispatchStore>(
        conn_, shared_, [this](const std::function<base::Status()>& fn) { return atomically(fn); });
  }
  return *dispatch_;
}

ports::PortalStore& SqlLedgerStore::portal() {
  if (!portal_) {
    portal_ = std::make_unique<SqlPortalStore>(
        conn_, shared_, [this](const std::function<base::Status()>& fn) { return atomically(fn); });
  }
  return *portal_;
}

}  // namespace kulanz::store
