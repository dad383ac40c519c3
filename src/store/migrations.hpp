#pragma once
// Numbered schema migrations (src/store/migrations/NNNN_name.sql, compiled into the
// binary) and the table schema_migrations(version, applied_at) that records them.
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "store/sql.hpp"

namespace kulanz::store {

struct Migration {
  int version = 0;
  std::string_view name;
  std::string_view sql;  // with {{TOKENS}} for the few spellings that differ per dialect
};

// All migrations, ascending by version (generated from the .sql files at build time).
std::span<const Migration> migrations();
int latest_schema_version();
// A migration's SQL as run on the dialect (tokens replaced).
std::string migration_sql(const Migration& m, Dialect d);

// Applies pending migrations in one transaction; returns the versions applied.
// PostgreSQL serialises concurrent callers with an advisory lock, SQLite with
// BEGIN IMMEDIATE.
base::Result<std::vector<int>> apply_migrations(Connection& conn);

// Fails unless the schema is exactly at latest_schema_version().
base::Status check_schema_version(Connection& conn);

}  // namespace kulanz::store
