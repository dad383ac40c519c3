// SqlCollectionStore, the run's side: the batch load of customer cases over an id range
// and the batch writes (INSERT ... ON CONFLICT DO NOTHING, counted).
#include <algorithm>
#include <map>
#include <unordered_map>

#include "store/collection_support.hpp"
#include "store/sql_collection_store.hpp"

namespace kulanz::store {

using namespace kulanz::domain;
using namespace detail;
using engine::Date;

// ---- Batch load ----------------------------------------------------------------------------

base::Result<std::vector<engine::CustomerCase>> SqlCollectionStore::cases_in_range(CreditorId creditor,
                                                                                   std::vector<Customer> customers,
                                                                                   Date contacts_since) {
  std::vector<engine::CustomerCase> cases(customers.size());
  std::unordered_map<std::int64_t, std::size_t> index;
  index.reserve(customers.size() * 2);
  for (std::size_t i = 0; i < customers.size(); ++i) {
    index[customers[i].id.value] = i;
    cases[i].ledger.customer = std::move(customers[i]);
  }
  if (cases.empty()) return cases;
  const std::int64_t first = cases.front().ledger.customer.id.value;
  const std::int64_t last = cases.back().ledger.customer.id.value;
  auto range = [&](const std::string& select_from, const std::string& tail) {
    return select_from + " WHERE creditor_id = ? AND customer_id BETWEEN ? AND ?" + tail;
  };
  // Reads rows of one table over the id range; `put` files each row with its customer.
  auto each = [&](const std::string& sql, std::vector<SqlArg> extra, auto&& put) -> base::Status {
    KULANZ_STORE_TRY(stmt, conn_->prepare(sql));
    Query q(*stmt);
    q.arg(creditor.value).arg(first).arg(last);
    bind_args(q, extra);
    while (true) {
      KULANZ_STORE_TRY(row, q.next());
      if (!row) break;
      KULANZ_TRY_STATUS(put(q));
    }
    return {};
  };
  auto slot = [&](std::int64_t customer_id) -> engine::CustomerCase* {
    auto it = index.find(customer_id);
    return it == index.end() ? nullptr : &cases[it->second];
  };
  KULANZ_TRY_STATUS(each(range(std::string("SELECT ") + kInvoiceColumns + " FROM invoices", " ORDER BY customer_id, id"), {},
                         [&](const Query& q) -> base::Status {
                           KULANZ_STORE_TRY(inv, read_invoice(q, creditor));
                           if (auto* c = slot(inv.customer_id.value)) c->ledger.invoices.push_back(std::move(inv));
                           return {};
                         }));
  KULANZ_TRY_STATUS(each(range(std::string("SELECT ") + kCreditNoteColumns + " FROM credit_notes", " ORDER BY customer_id, id"),
                         {}, [&](const Query& q) -> base::Status {
                           KULANZ_STORE_TRY(n, read_credit_note(q, creditor));
                           if (auto* c = slot(n.customer_id.value)) c->ledger.credit_notes.push_back(std::move(n));
                           return {};
                         }));
  KULANZ_TRY_STATUS(each(range(std::string("SELECT ") + kPaymentColumns + " FROM payments", " ORDER BY customer_id, id"), {},
                         [&](const Query& q) -> base::Status {
                           KULANZ_STORE_TRY(p, read_payment(q, creditor));
                           if (auto* c = slot(p.customer_id.value)) c->ledger.payments.push_back(std::move(p));
                           return {};
                         }));
  KULANZ_TRY_STATUS(each(range(std::string("SELECT ") + kAllocationColumns + " FROM allocations", " ORDER BY customer_id, id"),
                         {}, [&](const Query& q) -> base::Status {
                           KULANZ_STORE_TRY(a, read_allocation(q, creditor));
                           if (auto* c = slot(a.customer_id.value)) c->ledger.allocations.push_back(std::move(a));
                           return {};
                         }));
  // Holds (the alias h serves read_hold's columns), then their items in one more query.
  KULANZ_TRY_STATUS(each(std::string("SELECT ") + kHoldColumns +
                             " FROM holds h WHERE h.creditor_id = ? AND h.customer_id BETWEEN ? AND ? "
                             "ORDER BY h.customer_id, h.id",
                         {}, [&](const Query& q) -> base::Status {
                           KULANZ_STORE_TRY(h, read_hold(q));
                           if (auto* c = slot(h.customer_id.value)) c->holds.push_back(std::move(h));
                           return {};
                         }));
  std::vector<engine::Hold*> holds;
  for (auto& c : cases) {
    for (auto& h : c.holds) holds.push_back(&h);
  }
  KULANZ_TRY_STATUS(read_hold_items(*conn_, creditor, " AND h.customer_id BETWEEN ? AND ?", {first, last}, std::move(holds)));
  KULANZ_TRY_STATUS(each(range(std::string("SELECT ") + kOverrideColumns + " FROM segment_overrides",
                               " AND revoked = 0 ORDER BY customer_id, id"),
                         {}, [&](const Query& q) -> base::Status {
                           KULANZ_STORE_TRY(o, read_override(q));
                           if (auto* c = slot(o.customer_id.value)) c->segment_override = std::move(o);  // newest wins
                           return {};
                         }));
  KULANZ_TRY_STATUS(each(range(std::string("SELECT ") + kStateColumns + " FROM collection_state", ""), {},
                         [&](const Query& q) -> base::Status {
                           auto* c = slot(q.i64(0));
                           if (!c) return {};
                           KULANZ_STORE_TRY(state, read_state(q));
                           c->assignment = std::move(state.assignment);
                           c->journey = std::move(state.journey);
                           c->steps = std::move(state.steps);
                           return {};
                         }));
  const std::string since = contacts_since.iso();
  KULANZ_TRY_STATUS(each(range("SELECT customer_id, local_day, channel FROM outbox",
                               " AND local_day >= ? AND status <> 'cancelled' ORDER BY customer_id, local_day"),
                         {since}, [&](const Query& q) -> base::Status {
                           engine::ContactRecord r;
                           r.customer_id = CustomerId(q.i64(0));
                           KULANZ_STORE_TRY(day, read_date(q, 1, "local_day"));
                           r.day = day;
                           KULANZ_STORE_TRY(ch, engine::parse_step_channel(q.text(2)));
                           r.channel = ch;
                           if (auto* c = slot(r.customer_id.value)) c->contacts.push_back(r);
                           return {};
                         }));
  KULANZ_TRY_STATUS(each(range("SELECT customer_id, due_on FROM tasks",
                               " AND kind = 'call' AND due_on >= ? AND status <> 'cancelled' ORDER BY customer_id, due_on"),
                         {since}, [&](const Query& q) -> base::Status {
                           engine::ContactRecord r;
                           r.customer_id = CustomerId(q.i64(0));
                           KULANZ_STORE_TRY(day, read_date(q, 1, "due_on"));
                           r.day = day;
                           r.channel = engine::StepChannel::call;
                           if (auto* c = slot(r.customer_id.value)) c->contacts.push_back(r);
                           return {};
                         }));
  return cases;
}

base::Result<std::vector<engine::CustomerCase>> SqlCollectionStore::load_cases(CreditorId creditor, CustomerId after,
                                                                               int limit, Date contacts_since) {
  auto lock = guard();
  if (limit < 1) return std::vector<engine::CustomerCase>();
  check_limit(limit);
  KULANZ_STORE_TRY(customers, select_all<Customer>(*conn_,
                                                   std::string("SELECT ") + kCustomerColumns +
                                                       " FROM customers WHERE creditor_id = ? AND id > ? ORDER BY id LIMIT ?",
                                                   {creditor.value, after.value, std::int64_t{limit}},
                                                   [&](const Query& q) { return read_customer(q, creditor); }));
  return cases_in_range(creditor, std::move(customers), contacts_since);
}

base::Result<std::optional<engine::CustomerCase>> SqlCollectionStore::load_case(CreditorId creditor, CustomerId customer,
                                                                               Date contacts_since) {
  auto lock = guard();
  KULANZ_STORE_TRY(customers, select_all<Customer>(*conn_,
                                                   std::string("SELECT ") + kCustomerColumns +
                                                       " FROM customers WHERE creditor_id = ? AND id = ?",
                                                   {creditor.value, customer.value},
                                                   [&](const Query& q) { return read_customer(q, creditor); }));
  if (customers.empty()) return std::optional<engine::CustomerCase>();
  KULANZ_STORE_TRY(cases, cases_in_range(creditor, std::move(customers), contacts_since));
  return std::optional<engine::CustomerCase>(std::move(cases.front()));
}

// ---- The run's writes ---------------------------------------------------------------------

base::Result<ports::BatchOutcome> SqlCollectionStore::apply_batch(CreditorId creditor, std::int64_t run_id,
                                                                  ports::BatchWrites& w) {
  auto lock = guard();
  ports::BatchOutcome out;
  KULANZ_TRY_STATUS(atomically([&] { return write_batch(creditor, run_id, w, out); }));
  return out;
}

base::Status SqlCollectionStore::write_batch(CreditorId creditor, std::int64_t run_id, ports::BatchWrites& w,
                                             ports::BatchOutcome& out) {
  for (auto& d : w.decisions) {
    static const InsertSql insert(
        "INSERT INTO decisions (creditor_id, run_id, customer_id, as_of, kind, segment, strategy, version, variant, "
        "step_index, step_kind, channel, invoice_ids, amount_minor, currency, deferred_until, policy_rule, reason, "
        "idempotency_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    KULANZ_STORE_TRY(stmt, conn_->prepare_static(insert.for_dialect(conn_->dialect())));
    Query q(*stmt);
    q.arg(creditor.value).arg(run_id).arg(d.customer_id.value).arg(d.as_of).arg(engine::to_string(d.kind)).arg(d.segment)
        .arg(d.strategy).arg(d.version).arg(d.variant).arg(std::int64_t{d.step_index}).arg(d.step_kind).arg(d.channel)
        .arg(ids_text(d.invoice_ids)).arg(d.amount_minor).arg(d.currency).arg(iso_or_null(d.deferred_until))
        .arg(d.policy_rule).arg(d.reason).arg(d.idempotency_key);
    KULANZ_STORE_TRY(id, insert_returning_id(q, conn_->dialect(), [&] {
      return fmt::format("decision '{}' for customer {}", d.idempotency_key, d.customer_id.value);
    }));
    d.id = id;
    d.run_id = run_id;
    ++out.decisions;
  }
  for (const auto& e : w.outbox) {
    static const std::string sql =
        "INSERT INTO outbox (creditor_id, customer_id, idempotency_key, decision_key, channel, fallbacks, template, tone, "
        "language, invoice_ids, local_day, send_from_unix, send_until_unix, status, reason) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (creditor_id, idempotency_key) DO NOTHING";
    KULANZ_STORE_TRY(stmt, conn_->prepare_static(sql));
    Query q(*stmt);
    q.arg(creditor.value).arg(e.customer_id.value).arg(e.idempotency_key).arg(e.decision_key)
        .arg(engine::to_string(e.channel)).arg(channels_text(e.fallbacks)).arg(e.template_name).arg(e.tone)
        .arg(e.language).arg(ids_text(e.invoice_ids)).arg(e.local_day).arg(e.send_from_unix)
        .arg(e.send_until_unix).arg(e.status).arg(e.reason);
    KULANZ_STORE_TRY(inserted, insert_if_new(q, [&] { return fmt::format("outbox entry '{}'", e.idempotency_key); }));
    tally(inserted, out.outbox_inserted, out.outbox_existing);
  }
  for (const auto& t : w.tasks) {
    static const std::string sql =
        "INSERT INTO tasks (creditor_id, customer_id, idempotency_key, kind, due_on, invoice_ids, note, status) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (creditor_id, idempotency_key) DO NOTHING";
    KULANZ_STORE_TRY(stmt, conn_->prepare_static(sql));
    Query q(*stmt);
    q.arg(creditor.value).arg(t.customer_id.value).arg(t.idempotency_key).arg(t.kind).arg(t.due_on)
        .arg(ids_text(t.invoice_ids)).arg(t.note).arg(t.status);
    KULANZ_STORE_TRY(inserted, insert_if_new(q, [&] { return fmt::format("task '{}'", t.idempotency_key); }));
    tally(inserted, out.tasks_inserted, out.tasks_existing);
  }
  for (const auto& e : w.escalations) {
    static const std::string sql =
        "INSERT INTO escalations (creditor_id, customer_id, idempotency_key, kind, invoice_ids, principal_minor, "
        "fees_minor, interest_minor, currency, payload_json, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (creditor_id, idempotency_key) DO NOTHING";
    KULANZ_STORE_TRY(stmt, conn_->prepare_static(sql));
    Query q(*stmt);
    q.arg(creditor.value).arg(e.customer_id.value).arg(e.idempotency_key).arg(e.kind).arg(ids_text(e.invoice_ids))
        .arg(e.principal_minor).arg(e.fees_minor).arg(e.interest_minor).arg(e.currency).arg(e.payload_json).arg(e.status);
    KULANZ_STORE_TRY(inserted, insert_if_new(q, [&] { return fmt::format("escalation '{}'", e.idempotency_key); }));
    tally(inserted, out.escalations_inserted, out.escalations_existing);
  }
  // Assignment, journey and steps: one collection_state row per customer, read, changed
  // and written back once per batch (journey ends before journey starts: a replaced one).
  struct Change {
    const engine::SegmentAssignmentRecord* assignment = nullptr;
    bool end = false;
    const engine::Journey* start = nullptr;
    std::vector<const engine::StepRecord*> steps;
  };
  std::map<std::int64_t, Change> changes;
  for (const auto& a : w.assignments) changes[a.customer_id.value].assignment = &a;
  for (CustomerId c : w.journeys_ended) changes[c.value].end = true;
  for (const auto& j : w.journeys_started) changes[j.customer_id.value].start = &j;
  for (const auto& r : w.steps) changes[r.customer_id.value].steps.push_back(&r);
  for (const auto& [id, ch] : changes) {
    const CustomerId customer(id);
    StateRow state;
    bool exists = false;
    {
      static const std::string select =
          std::string("SELECT ") + kStateColumns + " FROM collection_state WHERE creditor_id = ? AND customer_id = ?";
      KULANZ_STORE_TRY(read, conn_->prepare_static(select));
      Query rq(*read);
      rq.arg(creditor.value).arg(customer.value);
      KULANZ_STORE_TRY(found, rq.next());
      if (found) {
        KULANZ_STORE_TRY(row, read_state(rq));
        state = std::move(row);
        exists = true;
      }
    }
    bool changed = false;
    if (ch.assignment) {
      state.assignment = *ch.assignment;
      state.assignment->customer_id = customer;
      changed = true;
    }
    if (ch.end && state.journey) {
      state.journey.reset();
      changed = true;
    }
    if (ch.start) {
      state.journey = *ch.start;
      state.journey->customer_id = customer;
      changed = true;
    }
    for (const engine::StepRecord* r : ch.steps) {
      const bool known = std::any_of(state.steps.begin(), state.steps.end(), [&](const engine::StepRecord& k) {
        return k.invoice_id == r->invoice_id && k.step_index == r->step_index && k.version == r->version &&
               k.strategy == r->strategy;
      });
      if (known) {
        ++out.steps_existing;
        continue;
      }
      append_step_text(state.steps_text, *r);
      state.steps.push_back(*r);
      ++out.steps_inserted;
      changed = true;
    }
    if (!changed) continue;
    if (!exists && !ch.assignment && !ch.start && ch.steps.empty()) continue;
    KULANZ_TRY_STATUS(write_state(*conn_, creditor, customer, state));
  }
  return {};
}


}  // namespace kulanz::store
