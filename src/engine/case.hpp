#pragma once
// Everything the engine looks at for one customer on one run day, loaded in batches by
// the run (ports::CollectionStore::load_cases) and evaluated without I/O.
#include <optional>
#include <vector>

#include "domain/ledger.hpp"
#include "engine/records.hpp"

namespace kulanz::engine {

struct CustomerCase {
  domain::CustomerLedger ledger;                 // customer, items, payments, credit notes, allocations
  std::vector<Hold> holds;                       // every hold of the customer, active or ended
  std::optional<SegmentOverride> segment_override;  // not revoked; may be expired (the engine checks)
  std::optional<Journey> journey;                // the running journey, if any
  std::vector<StepRecord> steps;                 // steps taken for the customer's items
  std::vector<ContactRecord> contacts;           // contacts (sent or planned) from the store's horizon on
  std::optional<SegmentAssignmentRecord> assignment;  // the stored current segment (written only when it changes)
};

}  // namespace kulanz::engine
