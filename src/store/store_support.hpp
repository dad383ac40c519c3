#pragma once
// Shared pieces of SqlLedgerStore's implementation files: row readers, cursors, lists.
#include <string>
#include <variant>
#include <vector>

#include "fmt/format.h"
#include "ports/ledger_store.hpp"
#include "store/sql.hpp"

namespace kulanz::store::detail {

using base::ErrorCode;

inline constexpr int kMaxPageSize = 500;

base::Result<calendar::Date> read_date(const Query& q, int column, std::string_view what);
base::Result<std::optional<calendar::Date>> read_optional_date(const Query& q, int column, std::string_view what);
base::Result<money::Currency> read_currency(const Query& q, int column);

// Column lists and row readers; the reader expects the columns in the listed order.
extern const char* const kCustomerColumns;
extern const char* const kInvoiceColumns;
extern const char* const kCreditNoteColumns;
extern const char* const kPaymentColumns;
extern const char* const kAllocationColumns;
base::Result<domain::Customer> read_customer(const Query& q, domain::CreditorId creditor);
base::Result<domain::Invoice> read_invoice(const Query& q, domain::CreditorId creditor);
base::Result<domain::CreditNote> read_credit_note(const Query& q, domain::CreditorId creditor);
base::Result<domain::Payment> read_payment(const Query& q, domain::CreditorId creditor);
base::Result<domain::Allocation> read_allocation(const Query& q, domain::CreditorId creditor);

base::Result<domain::ItemKind> parse_item_kind(std::string_view s);

// Cursor pagination by id: the cursor names the last id of the previous page.
std::string encode_cursor(std::int64_t last_id);
base::Result<std::int64_t> decode_cursor(std::string_view cursor);

using SqlArg = std::variant<std::int64_t, std::string>;

// One list call: "SELECT <columns> FROM <table> WHERE creditor_id = ?" + conditions,
// paginated by id.
struct ListSpec {
  std::string table;
  std::string columns;
  std::vector<std::string> conditions;  // each "AND ..." with ? placeholders
  std::vector<SqlArg> args;             // for the conditions, in order
};

// Adds the customer_external_id filter (for tables with customer_id).
void filter_by_customer(ListSpec& spec, domain::CreditorId creditor, const ports::ListQuery& q);

template <class T, class Reader>
base::Result<ports::Page<T>> list_page(Connection& conn, domain::CreditorId creditor, const ports::ListQuery& q,
                                       const ListSpec& spec, Reader read) {
  if (q.limit < 1 || q.limit > kMaxPageSize) {
    return base::fail(ErrorCode::query_invalid,
                      fmt::format("limit {} is out of range: use 1 to {}", q.limit, kMaxPageSize), "limit");
  }
  std::int64_t after = 0;
  if (!q.cursor.empty()) {
    auto c = decode_cursor(q.cursor);
    if (!c) return base::fail(std::move(c).error());
    after = *c;
  }
  std::string sql = "SELECT " + spec.columns + " FROM " + spec.table + " WHERE creditor_id = ?";
  for (const auto& c : spec.conditions) sql += " " + c;
  sql += " AND id > ? ORDER BY id LIMIT ?";
  KULANZ_STORE_TRY(stmt, conn.prepare(sql));
  Query query(*stmt);
  query.arg(creditor.value);
  for (const auto& a : spec.args) {
    if (const auto* i = std::get_if<std::int64_t>(&a)) query.arg(*i);
    else query.arg(std::get<std::string>(a));
  }
  query.arg(after).arg(std::int64_t{q.limit} + 1);
  ports::Page<T> page;
  while (true) {
    KULANZ_STORE_TRY(row, query.next());
    if (!row) break;
    if (static_cast<int>(page.items.size()) == q.limit) {
      page.next_cursor = encode_cursor(page.items.back().id.value);
      break;
    }
    KULANZ_STORE_TRY(item, read(query, creditor));
    page.items.push_back(std::move(item));
  }
  return page;
}

// "INSERT ... ON CONFLICT DO NOTHING": PostgreSQL reports the new id with RETURNING;
// SQLite uses the changed-rows count and last rowid instead, since RETURNING costs an
// ephemeral table per statement on the hot import path.
class InsertSql {
 public:
  explicit InsertSql(std::string sql) : sqlite_(sql), postgres_(std::move(sql) + " RETURNING id") {}
  const std::string& for_dialect(Dialect d) const { return d == Dialect::sqlite ? sqlite_ : postgres_; }

 private:
  std::string sqlite_;
  std::string postgres_;
};

// Runs an InsertSql; the new id, or nothing when the key existed already.
base::Result<std::optional<std::int64_t>> insert_or_skip(Query& q, Dialect d, const std::string& context);

// Prefixes an error's detail with what was being done ("invoice 'R-1'").
base::Error in_context(base::Error e, const std::string& context);

}  // namespace kulanz::store::detail
