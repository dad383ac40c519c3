#pragma once
// Use cases of the collection engine: loading a collection file into the database (a new
// strategy version whenever a strategy changes), the daily run (batches evaluated without
// I/O, each batch applied in one transaction, exactly once per idempotency key), and the
// explanation of one customer. docs/ENGINE.md.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "engine/collection.hpp"
#include "engine/journey.hpp"
#include "law/base_rate.hpp"
#include "ports/ledger_store.hpp"

namespace kulanz::services {

// The collection file a creditor runs on, parsed, with its strategies' versions and a
// cache of older files for journeys pinned to older versions.
class LoadedCollection {
 public:
  std::int64_t file_version = 0;
  std::shared_ptr<engine::CollectionFile> current;
  std::map<std::string, std::int64_t> current_versions;  // strategy -> version in `current`
  // (name, version) -> collection file version holding it
  std::map<std::pair<std::string, std::int64_t>, std::int64_t> holders;
  std::map<std::int64_t, std::shared_ptr<engine::CollectionFile>> older_files;

  engine::StrategyCatalog catalog() const;
};

struct LoadCollectionOutcome {
  std::int64_t file_version = 0;
  bool new_file_version = false;  // false: the content equals the latest version
  std::vector<std::string> changed;  // "name v2" for every strategy that got a new version
};

// Validates `toml` and stores it as the creditor's next collection file version, with a
// new version for every strategy whose content changed. Validation errors come back as
// collection_invalid with every diagnostic, one per line, in the detail.
base::Result<LoadCollectionOutcome> load_collection(ports::LedgerStore& store, domain::CreditorId creditor,
                                                    std::string_view toml, std::string_view source_name,
                                                    std::string_view note, std::int64_t now_unix);

// The creditor's current collection; stores the built-in default set as version 1 when the
// creditor has none yet.
base::Result<LoadedCollection> current_collection(ports::LedgerStore& store, domain::CreditorId creditor,
                                                  std::int64_t now_unix);

struct RunOptions {
  domain::CreditorId creditor;
  calendar::Date as_of;
  bool dry_run = false;
  int batch_size = 500;
  std::int64_t now_unix = 0;
  const law::BaseRateTable* base_rates = nullptr;  // nullptr = the built-in table
  // A second session on the same database, used only to load customers on the
  // evaluating thread while the run's own session writes (see docs/ENGINE.md). Optional.
  ports::LedgerStore* reader = nullptr;
};

// Counts of one run, printed and stored as the run's report.
struct RunReport {
  std::int64_t run_id = 0;  // 0 for a dry run
  calendar::Date as_of;
  bool dry_run = false;
  std::int64_t customers = 0;
  std::int64_t in_journey = 0;
  std::int64_t journeys_started = 0;
  std::int64_t journeys_ended = 0;
  std::map<std::string, std::int64_t> per_segment;    // customers
  std::map<std::string, std::int64_t> per_decision;   // kind -> count
  std::map<std::string, std::int64_t> per_step;       // "strategy vN step kind" -> actions
  std::map<std::string, std::int64_t> per_channel;    // messages and tasks
  std::map<std::string, std::int64_t> deferrals;      // policy rule -> count
  std::int64_t outbox_new = 0, outbox_existing = 0;
  std::int64_t tasks_new = 0, escalations_new = 0;
  std::int64_t fees_posted_minor = 0, interest_posted_minor = 0;
  std::int64_t holds_broken = 0;
  std::int64_t plans_completed = 0, plans_broken = 0;  // payment plans reviewed before the customers
  std::string currency = "EUR";

  std::string to_json() const;
  std::string to_text() const;
};

using RunProgress = std::function<void(std::int64_t customers_done)>;
// Called for each decision of a dry run (what would happen).
using DecisionSink = std::function<void(const engine::Decision&)>;

base::Result<RunReport> run_collection(ports::LedgerStore& store, const RunOptions& options,
                                       const RunProgress& progress = {}, const DecisionSink& dry_run_sink = {});

// Evaluates one customer with details and writes nothing.
struct Explanation {
  domain::Customer customer;
  engine::Evaluation evaluation;
  std::int64_t collection_version = 0;
  engine::VariantChoice variant;
};
base::Result<Explanation> explain_customer(ports::LedgerStore& store, domain::CreditorId creditor,
                                           std::string_view customer_external_id, calendar::Date as_of,
                                           std::int64_t now_unix, const law::BaseRateTable* base_rates = nullptr);

// How far back the caps look for earlier contacts of a run day.
inline constexpr std::int32_t kContactHistoryDays = 60;

}  // namespace kulanz::services
