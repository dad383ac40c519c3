// store::migrate and store::open: the database chosen by URL.
#include <mutex>

#include "fmt/format.h"
#include "store/migrations.hpp"
#include "store/open.hpp"
#include "store/sql_ledger_store.hpp"

namespace kulanz::store {
namespace {

using base::ErrorCode;

constexpr std::string_view kExpected =
    "use sqlite:PATH (for example sqlite:kulanz.db), sqlite::memory:, or postgresql://USER@HOST:PORT/DATABASE "
    "(also postgres://...)";

enum class Kind { sqlite_file, sqlite_memory, postgres };

struct Target {
  Kind kind;
  std::string location;  // file path or libpq URI
};

base::Result<Target> parse_url(std::string_view url) {
  if (url == "sqlite::memory:") return Target{Kind::sqlite_memory, ":memory:"};
  if (url.starts_with("sqlite:")) {
    std::string_view path = url.substr(7);
    if (path.starts_with("//")) path.remove_prefix(2);  // tolerate sqlite://PATH
    if (path.empty()) return base::fail(ErrorCode::db_url_invalid, fmt::format("'{}' names no file: {}", url, kExpected), "db");
    return Target{Kind::sqlite_file, std::string(path)};
  }
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) return Target{Kind::postgres, std::string(url)};
  // Never echo what might be a password-bearing address: show only its scheme.
  auto colon = url.find(':');
  std::string shown = colon == std::string_view::npos ? std::string(url.substr(0, 40)) : std::string(url.substr(0, colon)) + ":...";
  return base::fail(ErrorCode::db_url_invalid,
                    fmt::format("'{}' is not a database address kulanz understands: {}", shown, kExpected), "db");
}

// sqlite::memory: lives as long as the process; every session of the process shares its
// one connection (and so one in-memory database), taking turns through one mutex.
struct Shared {
  std::shared_ptr<Connection> conn;
  std::shared_ptr<std::recursive_mutex> mutex;
};

base::Result<Shared> memory_connection() {
  static std::mutex mutex;
  static Shared shared;
  std::lock_guard lock(mutex);
  if (!shared.conn) {
    KULANZ_STORE_TRY(conn, open_sqlite(":memory:", true));
    shared = Shared{conn, std::make_shared<std::recursive_mutex>()};
  }
  return shared;
}

base::Result<Shared> connect(const Target& t, bool create) {
  switch (t.kind) {
    case Kind::sqlite_file: {
      KULANZ_STORE_TRY(conn, open_sqlite(t.location, create));
      return Shared{conn, nullptr};
    }
    case Kind::postgres: {
      KULANZ_STORE_TRY(conn, open_postgres(t.location));
      return Shared{conn, nullptr};
    }
    case Kind::sqlite_memory: return memory_connection();
  }
  return base::fail(ErrorCode::internal, "unknown database kind");
}

}  // namespace

base::Result<std::vector<int>> migrate(std::string_view url) {
  KULANZ_STORE_TRY(target, parse_url(url));
  KULANZ_STORE_TRY(session, connect(target, true));
  std::unique_lock<std::recursive_mutex> lock;
  if (session.mutex) lock = std::unique_lock(*session.mutex);
  return apply_migrations(*session.conn);
}

base::Result<std::unique_ptr<ports::LedgerStore>> open(std::string_view url) {
  KULANZ_STORE_TRY(target, parse_url(url));
  KULANZ_STORE_TRY(session, connect(target, false));
  {
    std::unique_lock<std::recursive_mutex> lock;
    if (session.mutex) lock = std::unique_lock(*session.mutex);
    KULANZ_TRY_STATUS(check_schema_version(*session.conn));
  }
  return std::unique_ptr<ports::LedgerStore>(std::make_unique<SqlLedgerStore>(session.conn, session.mutex));
}

}  // namespace kulanz::store
