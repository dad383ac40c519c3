#pragma once
// Import use case: validate every record first, then write all of them in one
// transaction (or, with skip_invalid, the valid ones), idempotent on external ids.
// Shared by `kulanz import` and the REST API's upsert/batch endpoints.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "calendar/date.hpp"
#include "importers/raw_record.hpp"
#include "importers/record_source.hpp"
#include "money/money.hpp"
#include "ports/ledger_store.hpp"

namespace kulanz::services {

struct ImportOptions {
  importers::RecordKind kind = importers::RecordKind::invoice;
  domain::CreditorId creditor;
  bool skip_invalid = false;
  bool dry_run = false;  // validate only
  money::DecimalStyle decimal_style = money::DecimalStyle::point;  // for amounts given as text
};

struct RejectedRecord {
  std::string location;
  std::vector<base::Error> errors;  // each with field and detail
};

struct ImportReport {
  std::int64_t records = 0;
  std::int64_t inserted = 0;
  std::int64_t updated = 0;
  std::int64_t unchanged = 0;
  std::vector<RejectedRecord> rejected;
  bool written = false;  // false when nothing was written (errors without skip_invalid, or dry run)
};

using ProgressFn = std::function<void(std::int64_t done, std::int64_t total)>;

// Validates and writes records of one kind. Returns an error only for failures of the
// store itself; invalid records are reported in ImportReport::rejected.
base::Result<ImportReport> import_records(ports::LedgerStore& store, const ImportOptions& options,
                                          const std::vector<importers::RawRecord>& records,
                                          const ProgressFn& progress = {});

// The same for a file streamed from a RecordSource: a first pass validates every record,
// a second pass (after rewind) writes the valid ones, so memory does not grow with the
// file. Errors of the source itself (a CSV quote never closed) are returned as errors.
// `progress` receives bytes of both passes (total = 2 x file size).
base::Result<ImportReport> import_records(ports::LedgerStore& store, const ImportOptions& options,
                                          importers::RecordSource& source, const ProgressFn& progress = {});

}  // namespace kulanz::services
