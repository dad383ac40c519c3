// The SQL layer on libpq: prepared statements with text parameters and results.
#include <libpq-fe.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <unordered_map>
#include <vector>

#include "fmt/format.h"
#include "store/sql.hpp"

namespace kulanz::store {
namespace {

using base::ErrorCode;

struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

std::string trimmed(const char* s) {
  std::string out = s ? s : "";
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

// Maps a SQLSTATE class to the registry: integrity violations (23xxx) are constraint
// errors, connection problems (08xxx, 57Pxx) mean the database is unavailable.
ErrorCode code_for_sqlstate(std::string_view state) {
  if (state.size() != 5) return ErrorCode::db_unavailable;  // no server answer at all
  if (state.substr(0, 2) == "23") return ErrorCode::db_constraint;
  if (state.substr(0, 2) == "08" || state.substr(0, 3) == "57P" || state == "53300") return ErrorCode::db_unavailable;
  if (state == "22003") return ErrorCode::money_overflow;  // numeric value out of range
  return ErrorCode::db_error;
}

base::Error pg_error(PGconn* conn, const PGresult* res, std::string_view what) {
  const char* state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
  const char* primary = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
  std::string message = trimmed(primary ? primary : PQerrorMessage(conn));
  for (auto& ch : message) {
    if (ch == '\n') ch = ' ';  // one line in logs and problem details
  }
  const char* detail = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_DETAIL) : nullptr;
  std::string text = std::string(what) + ": " + message;
  if (detail && *detail && message.find(detail) == std::string::npos) text += " (" + std::string(detail) + ")";
  if (state && std::string_view(state) == "23503") {
    text += " (it refers to a customer, invoice or payment that does not exist or belongs to another creditor)";
  }
  return base::Error(code_for_sqlstate(state ? state : ""), std::move(text));
}

// "SELECT a FROM t WHERE x = ? AND y = ?" -> "... x = $1 AND y = $2" (no '?' in literals).
std::string numbered_placeholders(const std::string& sql, int& count) {
  std::string out;
  out.reserve(sql.size() + 16);
  count = 0;
  for (char c : sql) {
    if (c == '?') {
      out += '$';
      out += std::to_string(++count);
    } else {
      out += c;
    }
  }
  return out;
}

class PgStatement final : public Statement {
 public:
  PgStatement(PGconn* conn, std::string name, int params)
      : conn_(conn), name_(std::move(name)), values_(static_cast<std::size_t>(params)),
        is_null_(static_cast<std::size_t>(params), true) {}

  void bind_int(int index, std::int64_t value) override { set(index, std::to_string(value)); }
  void bind_text(int index, std::string_view value) override { set(index, std::string(value)); }
  void bind_null(int index) override {
    if (index >= 1 && static_cast<std::size_t>(index) <= values_.size()) is_null_[static_cast<std::size_t>(index - 1)] = true;
  }

  base::Result<bool> step() override {
    if (!result_) {
      std::vector<const char*> params(values_.size());
      for (std::size_t i = 0; i < values_.size(); ++i) params[i] = is_null_[i] ? nullptr : values_[i].c_str();
      result_.reset(PQexecPrepared(conn_, name_.c_str(), static_cast<int>(params.size()), params.data(), nullptr, nullptr, 0));
      auto status = result_ ? PQresultStatus(result_.get()) : PGRES_FATAL_ERROR;
      if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
        auto e = pg_error(conn_, result_.get(), "PostgreSQL statement failed");
        result_.reset();
        return base::fail(std::move(e));
      }
      rows_ = PQntuples(result_.get());
      row_ = -1;
      const char* affected = PQcmdTuples(result_.get());
      changes_ = (affected && *affected) ? std::strtoll(affected, nullptr, 10) : 0;
    }
    ++row_;
    return row_ < rows_;
  }
  bool is_null(int column) const override { return PQgetisnull(result_.get(), row_, column) != 0; }
  std::int64_t get_int(int column) const override {
    auto text = get_text(column);
    std::int64_t v = 0;
    std::from_chars(text.data(), text.data() + text.size(), v);
    return v;
  }
  std::string_view get_text(int column) const override {
    return std::string_view(PQgetvalue(result_.get(), row_, column), static_cast<std::size_t>(PQgetlength(result_.get(), row_, column)));
  }
  std::int64_t affected_rows() const override { return changes_; }
  std::int64_t last_insert_id() const override { return 0; }
  void reset() override {
    result_.reset();
    std::fill(is_null_.begin(), is_null_.end(), true);
  }

 private:
  void set(int index, std::string value) {
    if (index < 1 || static_cast<std::size_t>(index) > values_.size()) return;
    values_[static_cast<std::size_t>(index - 1)] = std::move(value);
    is_null_[static_cast<std::size_t>(index - 1)] = false;
  }

  PGconn* conn_;
  std::string name_;
  std::vector<std::string> values_;
  std::vector<bool> is_null_;
  ResultPtr result_;
  int rows_ = 0;
  int row_ = -1;
  std::int64_t changes_ = 0;
};

void ignore_notice(void*, const char*) {}

class PgConnection final : public Connection {
 public:
  PgConnection(PGconn* conn, std::string where) : conn_(conn), where_(std::move(where)) {}
  ~PgConnection() override {
    cache_.clear();
    PQfinish(conn_);
  }
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  Dialect dialect() const override { return Dialect::postgres; }

  base::Result<Statement*> prepare(const std::string& sql) override {
    auto it = cache_.find(sql);
    if (it != cache_.end()) return it->second.get();
    int params = 0;
    std::string text = numbered_placeholders(sql, params);
    std::string name = fmt::format("k{}", cache_.size() + 1);
    ResultPtr res(PQprepare(conn_, name.c_str(), text.c_str(), 0, nullptr));
    if (!res || PQresultStatus(res.get()) != PGRES_COMMAND_OK) {
      return base::fail(pg_error(conn_, res.get(), "PostgreSQL could not prepare a statement"));
    }
    auto owned = std::make_unique<PgStatement>(conn_, std::move(name), params);
    Statement* raw = owned.get();
    cache_.emplace(sql, std::move(owned));
    return raw;
  }

  base::Status exec(const std::string& sql) override {
    ResultPtr res(PQexec(conn_, sql.c_str()));
    auto status = res ? PQresultStatus(res.get()) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) return base::fail(pg_error(conn_, res.get(), "PostgreSQL"));
    // COMMIT of a transaction in which a statement failed reports success with the tag
    // ROLLBACK: the caller must learn that nothing was written.
    if (sql == "COMMIT" && std::string_view(PQcmdStatus(res.get())) == "ROLLBACK") {
      return base::fail(ErrorCode::db_error,
                        "the transaction was rolled back because a statement in it failed; nothing was written");
    }
    return {};
  }

  std::string where() const override { return where_; }

 private:
  PGconn* conn_;
  std::string where_;
  std::unordered_map<std::string, std::unique_ptr<PgStatement>> cache_;
};

// "PostgreSQL at 127.0.0.1:5432, database 'kulanz', user 'app'" from the URI's parts;
// the password is never included.
std::string describe_uri(const std::string& uri) {
  char* err = nullptr;
  PQconninfoOption* opts = PQconninfoParse(uri.c_str(), &err);
  if (!opts) {
    std::string text = trimmed(err);
    PQfreemem(err);
    return "PostgreSQL (unparsable address: " + text + ")";
  }
  std::string host = "localhost", port = "5432", dbname, user;
  for (auto* o = opts; o->keyword; ++o) {
    if (!o->val || !*o->val) continue;
    std::string_view k = o->keyword;
    if (k == "host" || (k == "hostaddr" && host == "localhost")) host = o->val;
    else if (k == "port") port = o->val;
    else if (k == "dbname") dbname = o->val;
    else if (k == "user") user = o->val;
  }
  PQconninfoFree(opts);
  std::string out = "PostgreSQL at " + host + ":" + port;
  if (!dbname.empty()) out += ", database '" + dbname + "'";
  if (!user.empty()) out += ", user '" + user + "'";
  return out;
}

}  // namespace

base::Result<std::shared_ptr<Connection>> open_postgres(const std::string& uri) {
  std::string where = describe_uri(uri);
  PGconn* conn = PQconnectdb(uri.c_str());
  if (!conn || PQstatus(conn) != CONNECTION_OK) {
    std::string message = conn ? trimmed(PQerrorMessage(conn)) : "out of memory";
    PQfinish(conn);
    return base::fail(ErrorCode::db_unavailable,
                      "cannot connect to " + where + ": " + message +
                          " (check that the server runs and the address, user and password are right)");
  }
  PQsetNoticeProcessor(conn, ignore_notice, nullptr);
  if (PQsetClientEncoding(conn, "UTF8") != 0) {
    std::string message = trimmed(PQerrorMessage(conn));
    PQfinish(conn);
    return base::fail(ErrorCode::db_error, "cannot use UTF-8 with " + where + ": " + message);
  }
  return std::shared_ptr<Connection>(std::make_shared<PgConnection>(conn, std::move(where)));
}

}  // namespace kulanz::store
