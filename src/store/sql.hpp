#pragma once
// A thin SQL layer over the sqlite3 C API and libpq: connections with a cache of
// prepared statements, typed binding and reading of int64/text/NULL, scripts.
// SQL is written once with `?` placeholders; the PostgreSQL connection rewrites them
// to `$1..$n` when it prepares a statement.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "base/result.hpp"
#include "calendar/date.hpp"

namespace kulanz::store {

enum class Dialect { sqlite, postgres };

// A prepared statement owned by its connection's cache. Parameters are 1-based,
// result columns 0-based. reset() makes it ready for new bindings.
class Statement {
 public:
  virtual ~Statement() = default;
  virtual void bind_int(int index, std::int64_t value) = 0;
  virtual void bind_text(int index, std::string_view value) = 0;
  // The same for text that stays valid and unchanged until the statement has been reset
  // (no copy where the driver allows that).
  virtual void bind_text_unowned(int index, std::string_view value) { bind_text(index, value); }
  virtual void bind_null(int index) = 0;
  // Runs the statement on the first call, then advances; true while a row is available.
  virtual base::Result<bool> step() = 0;
  virtual bool is_null(int column) const = 0;
  virtual std::int64_t get_int(int column) const = 0;
  virtual std::string_view get_text(int column) const = 0;
  // Rows changed by the last INSERT/UPDATE/DELETE.
  virtual std::int64_t affected_rows() const = 0;
  // SQLite: rowid of the last inserted row (PostgreSQL uses RETURNING instead).
  virtual std::int64_t last_insert_id() const = 0;
  virtual void reset() = 0;
};

class Connection {
 public:
  virtual ~Connection() = default;
  virtual Dialect dialect() const = 0;
  // The cached statement for this SQL text (prepared on first use), ready for binding.
  virtual base::Result<Statement*> prepare(const std::string& sql) = 0;
  // Same, for SQL held in a string that lives until the program ends (a function-local
  // static): looked up by the string's address, which keeps hot paths from hashing it.
  base::Result<Statement*> prepare_static(const std::string& sql);
  // Runs statements separated by ';' without parameters (schema scripts, BEGIN/COMMIT).
  virtual base::Status exec(const std::string& sql) = 0;
  // Where the connection points, for messages (never contains a password).
  virtual std::string where() const = 0;

 private:
  std::unordered_map<const std::string*, Statement*> by_address_;
};

// Binds parameters left to right, steps, and resets the statement when it goes out of
// scope, so that a cached statement never keeps a read open.
class Query {
 public:
  explicit Query(Statement& s) : s_(&s) {}
  Query(const Query&) = delete;
  Query& operator=(const Query&) = delete;
  ~Query() { s_->reset(); }

  Query& arg(std::int64_t v) { s_->bind_int(++n_, v); return *this; }
  Query& arg(std::string_view v) { s_->bind_text(++n_, v); return *this; }
  Query& arg(const std::string& v) { s_->bind_text(++n_, v); return *this; }
  Query& arg(const char* v) { s_->bind_text(++n_, v); return *this; }
  Query& arg(calendar::Date d);
  Query& arg(std::nullopt_t) { s_->bind_null(++n_); return *this; }
  // Text that outlives the query (see Statement::bind_text_unowned).
  Query& arg_unowned(std::string_view v) { s_->bind_text_unowned(++n_, v); return *this; }
  template <class T>
  Query& arg(const std::optional<T>& v) {
    if (v) return arg(*v);
    s_->bind_null(++n_);
    return *this;
  }

  base::Result<bool> next() { return s_->step(); }
  // Runs a statement that returns no rows (or whose rows are not needed).
  base::Status run() {
    auto r = s_->step();
    if (!r) return base::fail(std::move(r).error());
    return {};
  }

  bool null(int c) const { return s_->is_null(c); }
  std::int64_t i64(int c) const { return s_->get_int(c); }
  std::string_view text(int c) const { return s_->get_text(c); }
  std::string str(int c) const { return std::string(s_->get_text(c)); }
  std::int64_t affected() const { return s_->affected_rows(); }
  std::int64_t last_insert_id() const { return s_->last_insert_id(); }

 private:
  Statement* s_;
  int n_ = 0;
};

// Opens a SQLite database file (create: also creates the file) with WAL, foreign keys,
// synchronous=NORMAL and a busy timeout. ":memory:" gives an in-memory database.
base::Result<std::shared_ptr<Connection>> open_sqlite(const std::string& path, bool create);
// Connects to PostgreSQL with a libpq connection URI.
base::Result<std::shared_ptr<Connection>> open_postgres(const std::string& uri);

}  // namespace kulanz::store

// Evaluates a Result-returning expression; on error returns it from the enclosing
// function, otherwise binds the value to `var`.
#define KULANZ_STORE_TRY(var, expr)                                           \
  auto var##_result_ = (expr);                                                \
  if (!var##_result_) return ::kulanz::base::fail(std::move(var##_result_).error()); \
  auto& var = *var##_result_
