#pragma once
// Opening a database by URL: "sqlite:PATH" (also "sqlite::memory:") or
// "postgresql://user@host:port/db" / "postgres://...". See docs/STORAGE.md.
#include <memory>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "ports/ledger_store.hpp"

namespace kulanz::store {

// Applies pending numbered migrations; returns the numbers it applied (empty when the
// schema was current). Safe to call from several processes at once.
base::Result<std::vector<int>> migrate(std::string_view url);

// Opens one database session (migrations must have been applied; open() checks the
// schema version and refuses an outdated or newer schema with a clear message).
base::Result<std::unique_ptr<ports::LedgerStore>> open(std::string_view url);

}  // namespace kulanz::store
