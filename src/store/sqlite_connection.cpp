// The SQL layer on the sqlite3 C API.
#include <sqlite3.h>

#include <mutex>
#include <unordered_map>

#include "store/sql.hpp"

namespace kulanz::store {
namespace {

using base::ErrorCode;

constexpr int kStatementJournalInMemory = 16 << 20;

constexpr const char* kForeignKeyHint =
    "it refers to a customer, invoice or payment that does not exist or belongs to another creditor";

ErrorCode code_for(int rc, std::string_view message) {
  switch (rc & 0xff) {
    case SQLITE_CONSTRAINT: return ErrorCode::db_constraint;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_CANTOPEN:
    case SQLITE_NOTADB:
    case SQLITE_FULL:
    case SQLITE_IOERR: return ErrorCode::db_unavailable;
    default: break;
  }
  if (message.find("integer overflow") != std::string_view::npos) return ErrorCode::money_overflow;
  return ErrorCode::db_error;
}

base::Error sqlite_error(sqlite3* db, int rc, std::string_view what) {
  std::string message = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  auto code = code_for(rc, message);
  std::string detail = std::string(what) + ": " + message;
  if ((rc & 0xff) == SQLITE_BUSY) detail += " (another process holds a write lock; retry later)";
  if (rc == SQLITE_CONSTRAINT_FOREIGNKEY) detail += std::string(" (") + kForeignKeyHint + ")";
  return base::Error(code, std::move(detail));
}

class SqliteStatement final : public Statement {
 public:
  SqliteStatement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  ~SqliteStatement() override { sqlite3_finalize(stmt_); }
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;

  void bind_int(int index, std::int64_t value) override { sqlite3_bind_int64(stmt_, index, value); }
  void bind_text(int index, std::string_view value) override {
    sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
  }
  void bind_text_unowned(int index, std::string_view value) override {
    sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_STATIC);
  }
  void bind_null(int index) override { sqlite3_bind_null(stmt_, index); }

  base::Result<bool> step() override {
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) {
      changes_ = sqlite3_changes64(db_);
      return false;
    }
    return base::fail(sqlite_error(db_, rc, "SQLite statement failed"));
  }
  bool is_null(int column) const override { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }
  std::int64_t get_int(int column) const override { return sqlite3_column_int64(stmt_, column); }
  std::string_view get_text(int column) const override {
    const auto* p = sqlite3_column_text(stmt_, column);
    if (!p) return {};
    return std::string_view(reinterpret_cast<const char*>(p), static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
  }
  std::int64_t affected_rows() const override { return changes_; }
  std::int64_t last_insert_id() const override { return sqlite3_last_insert_rowid(db_); }
  // Bindings are not cleared: every use binds every parameter (Query binds in order).
  void reset() override { sqlite3_reset(stmt_); }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_;
  std::int64_t changes_ = 0;
};

class SqliteConnection final : public Connection {
 public:
  SqliteConnection(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  ~SqliteConnection() override {
    cache_.clear();  // statements must be finalized before the connection closes
    sqlite3_close(db_);
  }
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  Dialect dialect() const override { return Dialect::sqlite; }

  base::Result<Statement*> prepare(const std::string& sql) override {
    auto it = cache_.find(sql);
    if (it != cache_.end()) return it->second.get();
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) return base::fail(sqlite_error(db_, rc, "SQLite could not prepare a statement"));
    auto owned = std::make_unique<SqliteStatement>(db_, stmt);
    Statement* raw = owned.get();
    cache_.emplace(sql, std::move(owned));
    return raw;
  }

  base::Status exec(const std::string& sql) override {
    char* message = nullptr;
    int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message);
    if (rc != SQLITE_OK) {
      std::string text = message ? message : sqlite3_errstr(rc);
      sqlite3_free(message);
      return base::fail(code_for(rc, text), "SQLite: " + text);
    }
    return {};
  }

  std::string where() const override { return "SQLite database '" + path_ + "'"; }

 private:
  sqlite3* db_;
  std::string path_;
  std::unordered_map<std::string, std::unique_ptr<SqliteStatement>> cache_;
};

}  // namespace

base::Result<std::shared_ptr<Connection>> open_sqlite(const std::string& path, bool create) {
  // Memory statistics take a global mutex on every allocation; nothing here reads them.
  // Must run before SQLite initialises, i.e. before the first connection is opened.
  // A statement that writes several rows (upsert_invoices' multi-row INSERT) keeps a
  // statement journal: a copy of every page it changes, so that it can be undone alone.
  // Held in memory up to this size (in one allocation), on a temporary file beyond.
  static std::once_flag configured;
  std::call_once(configured, [] {
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    sqlite3_config(SQLITE_CONFIG_STMTJRNL_SPILL, kStatementJournalInMemory);
  });
  sqlite3* db = nullptr;
  // A file connection belongs to one session and so to one thread at a time: no mutex.
  // The shared in-memory connection keeps SQLite's own locking.
  int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) |
              (path == ":memory:" ? SQLITE_OPEN_FULLMUTEX : SQLITE_OPEN_NOMUTEX);
  int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close(db);
    std::string detail = "cannot open SQLite database '" + path + "': " + message;
    if (!create) detail += " (create it with `kulanz migrate --db sqlite:" + path + "`)";
    else detail += " (check that the directory exists and is writable)";
    return base::fail(ErrorCode::db_unavailable, std::move(detail));
  }
  sqlite3_extended_result_codes(db, 1);
  auto conn = std::make_shared<SqliteConnection>(db, path);
  // WAL lets readers continue while one writer writes; NORMAL sync is durable in WAL
  // except for the last transactions on power loss, which is the usual trade-off.
  // 16 KiB pages (effective only when the file is created) keep the B-trees shallow,
  // which makes importing large files about a tenth faster than with 4 KiB.
  // temp_store=FILE (SQLite's default) lets statement journals use the in-memory size
  // above; with MEMORY SQLite keeps them in 1 KiB pieces, which made a 1,000,000-invoice
  // import about 1.5 s slower. Temporary files are created only when a statement journal
  // or a sort outgrows memory.
  auto pragmas = conn->exec(
      "PRAGMA busy_timeout=10000; PRAGMA page_size=16384; PRAGMA foreign_keys=ON; PRAGMA journal_mode=WAL; "
      "PRAGMA synchronous=NORMAL; PRAGMA temp_store=FILE; PRAGMA cache_size=-65536;");
  if (!pragmas) {
    auto e = std::move(pragmas).error();
    e.detail = "cannot set up SQLite database '" + path + "': " + e.detail;
    return base::fail(std::move(e));
  }
  return std::shared_ptr<Connection>(std::move(conn));
}

}  // namespace kulanz::store
