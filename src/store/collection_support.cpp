// Row readers and small helpers shared by SqlCollectionStore's files.
#include "store/collection_support.hpp"

#include <algorithm>
#include <charconv>
#include <variant>

namespace kulanz::store::detail {

using namespace kulanz::domain;
using engine::Date;

std::string ids_text(const std::vector<InvoiceId>& ids) {
  std::string s;
  for (auto id : ids) s += (s.empty() ? "" : ",") + std::to_string(id.value);
  return s;
}

base::Result<std::vector<InvoiceId>> parse_ids(std::string_view text) {
  std::vector<InvoiceId> ids;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(',', start);
    if (end == std::string_view::npos) end = text.size();
    std::int64_t v = 0;
    auto [p, ec] = std::from_chars(text.data() + start, text.data() + end, v);
    if (ec != std::errc() || p != text.data() + end)
      return base::fail(ErrorCode::db_error, "a stored list of item ids is damaged: '" + std::string(text) + "'");
    ids.emplace_back(v);
    start = end + 1;
  }
  return ids;
}

void append_step_text(std::string& out, const engine::StepRecord& r) {
  out += step_key_text(r);
  out += r.state == engine::StepState::done ? ":d:" : ":s:";
  out += r.on.iso();
  out += ';';
}

std::string step_key_text(const engine::StepRecord& r) {
  return std::to_string(r.invoice_id.value) + ":" + r.strategy + "@" + std::to_string(r.version) + ":" +
         std::to_string(r.step_index);
}

base::Status parse_step_text(std::string_view text, CustomerId customer, std::vector<engine::StepRecord>& out) {
  const auto damaged = [&](std::string_view part) {
    return base::fail(ErrorCode::db_error, "the stored steps of customer " + std::to_string(customer.value) +
                                               " are damaged near '" + std::string(part) + "'");
  };
  const std::size_t first = out.size();
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(';', start);
    if (end == std::string_view::npos) return damaged(text.substr(start));
    const std::string_view rec = text.substr(start, end - start);
    start = end + 1;
    // INVOICE_ID ':' STRATEGY '@' VERSION ':' STEP ':' STATE ':' DATE
    const std::size_t c1 = rec.find(':');
    const std::size_t at = rec.rfind('@');
    if (c1 == std::string_view::npos || at == std::string_view::npos || at < c1) return damaged(rec);
    const std::size_t c2 = rec.find(':', at);
    const std::size_t c3 = c2 == std::string_view::npos ? c2 : rec.find(':', c2 + 1);
    const std::size_t c4 = c3 == std::string_view::npos ? c3 : rec.find(':', c3 + 1);
    if (c4 == std::string_view::npos) return damaged(rec);
    engine::StepRecord r;
    r.customer_id = customer;
    std::int64_t invoice = 0, version = 0, step = 0;
    auto num = [&](std::size_t from, std::size_t to, std::int64_t& v) {
      auto [p, ec] = std::from_chars(rec.data() + from, rec.data() + to, v);
      return ec == std::errc() && p == rec.data() + to && to > from;
    };
    if (!num(0, c1, invoice) || !num(at + 1, c2, version) || !num(c2 + 1, c3, step) || step < 0 || step > 100000)
      return damaged(rec);
    const std::string_view state = rec.substr(c3 + 1, c4 - c3 - 1);
    if (state != "d" && state != "s") return damaged(rec);
    auto on = calendar::Date::parse_iso(rec.substr(c4 + 1));
    if (!on || at == c1 + 1) return damaged(rec);
    r.invoice_id = InvoiceId(invoice);
    r.strategy = std::string(rec.substr(c1 + 1, at - c1 - 1));
    r.version = version;
    r.step_index = static_cast<int>(step);
    r.state = state == "d" ? engine::StepState::done : engine::StepState::skipped;
    r.on = *on;
    const bool seen = std::any_of(out.begin() + static_cast<std::ptrdiff_t>(first), out.end(), [&](const auto& o) {
      return o.invoice_id == r.invoice_id && o.step_index == r.step_index && o.version == r.version &&
             o.strategy == r.strategy;
    });
    if (!seen) out.push_back(std::move(r));
  }
  return {};
}

const char* const kStateColumns =
    "customer_id, segment, rule_index, explanation, assigned_on, journey_strategy, journey_version, journey_variant, "
    "journey_holdout, journey_started_on, steps";

base::Result<StateRow> read_state(const Query& q) {
  StateRow s;
  const CustomerId customer(q.i64(0));
  if (!q.null(1)) {
    engine::SegmentAssignmentRecord a;
    a.customer_id = customer;
    a.segment = q.str(1);
    a.rule_index = static_cast<int>(q.i64(2));
    a.explanation = q.str(3);
    KULANZ_STORE_TRY(on, read_date(q, 4, "assigned_on"));
    a.as_of = on;
    s.assignment = std::move(a);
  }
  if (!q.null(5)) {
    engine::Journey j;
    j.customer_id = customer;
    j.strategy = q.str(5);
    j.version = q.i64(6);
    j.variant = q.str(7);
    j.holdout = q.i64(8) != 0;
    KULANZ_STORE_TRY(started, read_date(q, 9, "journey_started_on"));
    j.started_on = started;
    s.journey = std::move(j);
  }
  s.steps_text = q.str(10);
  KULANZ_TRY_STATUS(parse_step_text(s.steps_text, customer, s.steps));
  return s;
}

base::Status write_state(Connection& conn, CreditorId creditor, CustomerId customer, const StateRow& s) {
  static const std::string sql =
      "INSERT INTO collection_state (creditor_id, customer_id, segment, rule_index, explanation, assigned_on, "
      "journey_strategy, journey_version, journey_variant, journey_holdout, journey_started_on, steps) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (creditor_id, customer_id) DO UPDATE SET "
      "segment = excluded.segment, rule_index = excluded.rule_index, explanation = excluded.explanation, "
      "assigned_on = excluded.assigned_on, journey_strategy = excluded.journey_strategy, "
      "journey_version = excluded.journey_version, journey_variant = excluded.journey_variant, "
      "journey_holdout = excluded.journey_holdout, journey_started_on = excluded.journey_started_on, "
      "steps = excluded.steps";
  KULANZ_STORE_TRY(stmt, conn.prepare_static(sql));
  Query q(*stmt);
  q.arg(creditor.value).arg(customer.value);
  if (s.assignment) {
    q.arg(s.assignment->segment).arg(std::int64_t{s.assignment->rule_index}).arg(s.assignment->explanation)
        .arg(s.assignment->as_of.iso());
  } else {
    q.arg(std::nullopt).arg(std::nullopt).arg(std::nullopt)
        .arg(std::nullopt);
  }
  if (s.journey) {
    q.arg(s.journey->strategy).arg(s.journey->version).arg(s.journey->variant)
        .arg(std::int64_t{s.journey->holdout ? 1 : 0}).arg(s.journey->started_on.iso());
  } else {
    q.arg(std::nullopt).arg(std::nullopt).arg(std::nullopt)
        .arg(std::nullopt).arg(std::nullopt);
  }
  q.arg(s.steps_text);
  if (auto st = q.run(); !st)
    return base::fail(in_context(std::move(st).error(), "the collection state of customer " + std::to_string(customer.value)));
  return {};
}

std::string channels_text(const std::vector<engine::StepChannel>& chs) {
  std::string s;
  for (auto c : chs) s += (s.empty() ? "" : ",") + std::string(engine::to_string(c));
  return s;
}

base::Result<std::vector<engine::StepChannel>> parse_channels(std::string_view text) {
  std::vector<engine::StepChannel> out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(',', start);
    if (end == std::string_view::npos) end = text.size();
    auto c = engine::parse_step_channel(text.substr(start, end - start));
    if (!c) return base::fail(ErrorCode::db_error, "a stored channel list is damaged: '" + std::string(text) + "'");
    out.push_back(*c);
    start = end + 1;
  }
  return out;
}

std::optional<std::string> iso_or_null(const std::optional<Date>& d) {
  if (!d) return std::nullopt;
  return d->iso();
}

void bind_args(Query& q, const std::vector<SqlArg>& args) {
  for (const auto& a : args) {
    if (const auto* i = std::get_if<std::int64_t>(&a)) q.arg(*i);
    else q.arg(std::get<std::string>(a));
  }
}

// Columns of holds h (the item list is read from hold_items, see read_hold_items).
const char* const kHoldColumns =
    "h.id, h.customer_id, h.kind, h.starts_on, h.until_on, h.ended_on, h.end_kind, h.reason, h.created_by, "
    "h.created_unix";

base::Result<engine::Hold> read_hold(const Query& q) {
  engine::Hold h;
  h.id = q.i64(0);
  h.customer_id = CustomerId(q.i64(1));
  KULANZ_STORE_TRY(kind, engine::parse_hold_kind(q.text(2)));
  h.kind = kind;
  KULANZ_STORE_TRY(starts, read_date(q, 3, "starts_on"));
  h.starts_on = starts;
  KULANZ_STORE_TRY(until, read_optional_date(q, 4, "until_on"));
  h.until = until;
  KULANZ_STORE_TRY(ended, read_optional_date(q, 5, "ended_on"));
  h.ended_on = ended;
  if (!q.null(6)) h.end = q.text(6) == "broken" ? engine::HoldEnd::broken : engine::HoldEnd::ended;
  h.reason = q.str(7);
  h.created_by = q.str(8);
  h.created_unix = q.i64(9);
  return h;
}

// Fills the item lists of `holds`, which were selected from "holds h WHERE h.creditor_id
// = ? <where>" with `args` for <where>: one query for all of them. Ordered by the holds'
// index (creditor_id, customer_id) so that SQLite walks the selected holds and looks up
// their items, rather than all items of the creditor in key order.
base::Status read_hold_items(Connection& conn, CreditorId creditor, const std::string& where,
                             const std::vector<SqlArg>& args, std::vector<engine::Hold*> holds) {
  if (holds.empty()) return {};
  std::unordered_map<std::int64_t, engine::Hold*> by_id;
  by_id.reserve(holds.size() * 2);
  for (auto* h : holds) {
    h->invoice_ids.clear();
    by_id[h->id] = h;
  }
  KULANZ_STORE_TRY(stmt, conn.prepare("SELECT i.hold_id, i.invoice_id FROM holds h JOIN hold_items i ON "
                                      "i.creditor_id = h.creditor_id AND i.hold_id = h.id WHERE h.creditor_id = ?" +
                                      where + " ORDER BY h.customer_id, h.id, i.ordinal"));
  Query q(*stmt);
  q.arg(creditor.value);
  bind_args(q, args);
  while (true) {
    KULANZ_STORE_TRY(row, q.next());
    if (!row) break;
    if (auto it = by_id.find(q.i64(0)); it != by_id.end()) it->second->invoice_ids.emplace_back(q.i64(1));
  }
  return {};
}

const char* const kOverrideColumns = "id, customer_id, segment, reason, expires_on, created_by, created_unix, revoked";

base::Result<engine::SegmentOverride> read_override(const Query& q) {
  engine::SegmentOverride o;
  o.id = q.i64(0);
  o.customer_id = CustomerId(q.i64(1));
  o.segment = q.str(2);
  o.reason = q.str(3);
  KULANZ_STORE_TRY(expires, read_date(q, 4, "expires_on"));
  o.expires_on = expires;
  o.created_by = q.str(5);
  o.created_unix = q.i64(6);
  o.revoked = q.i64(7) != 0;
  return o;
}

const char* const kDecisionColumns =
    "d.id, d.run_id, d.customer_id, c.external_id, d.as_of, d.kind, d.segment, d.strategy, d.version, d.variant, "
    "d.step_index, d.step_kind, d.channel, d.invoice_ids, d.amount_minor, d.currency, d.deferred_until, d.policy_rule, "
    "d.reason, d.idempotency_key";

base::Result<engine::Decision> read_decision(const Query& q) {
  engine::Decision d;
  d.id = q.i64(0);
  d.run_id = q.i64(1);
  d.customer_id = CustomerId(q.i64(2));
  d.customer_external_id = q.str(3);
  KULANZ_STORE_TRY(as_of, read_date(q, 4, "as_of"));
  d.as_of = as_of;
  KULANZ_STORE_TRY(kind, engine::parse_decision_kind(q.text(5)));
  d.kind = kind;
  d.segment = q.str(6);
  d.strategy = q.str(7);
  d.version = q.i64(8);
  d.variant = q.str(9);
  d.step_index = static_cast<int>(q.i64(10));
  d.step_kind = q.str(11);
  d.channel = q.str(12);
  KULANZ_STORE_TRY(ids, parse_ids(q.text(13)));
  d.invoice_ids = std::move(ids);
  d.amount_minor = q.i64(14);
  d.currency = q.str(15);
  KULANZ_STORE_TRY(until, read_optional_date(q, 16, "deferred_until"));
  d.deferred_until = until;
  d.policy_rule = q.str(17);
  d.reason = q.str(18);
  d.idempotency_key = q.str(19);
  return d;
}

const char* const kRunColumns = "id, creditor_id, as_of, dry_run, status, started_unix, finished_unix, report";

base::Result<engine::RunRecord> read_run(const Query& q) {
  engine::RunRecord r;
  r.id = q.i64(0);
  r.creditor_id = CreditorId(q.i64(1));
  KULANZ_STORE_TRY(as_of, read_date(q, 2, "as_of"));
  r.as_of = as_of;
  r.dry_run = q.i64(3) != 0;
  r.status = q.str(4);
  r.started_unix = q.i64(5);
  r.finished_unix = q.i64(6);
  r.report_json = q.str(7);
  return r;
}

base::Result<ports::CollectionFileRecord> read_file_row(const Query& q, bool with_content) {
  ports::CollectionFileRecord f;
  f.version = q.i64(0);
  if (with_content) f.content = q.str(1);
  f.sha256 = q.str(2);
  f.note = q.str(3);
  f.created_unix = q.i64(4);
  return f;
}

const char* const kOutboxColumns =
    "id, customer_id, idempotency_key, decision_key, channel, fallbacks, template, tone, language, invoice_ids, "
    "local_day, send_from_unix, send_until_unix, status, reason";

base::Status read_outbox(const Query& q, engine::OutboxEntry& e) {
  e.id = q.i64(0);
  e.customer_id = domain::CustomerId(q.i64(1));
  e.idempotency_key = q.str(2);
  e.decision_key = q.str(3);
  KULANZ_STORE_TRY(ch, engine::parse_step_channel(q.text(4)));
  e.channel = ch;
  KULANZ_STORE_TRY(fallbacks, parse_channels(q.text(5)));
  e.fallbacks = std::move(fallbacks);
  e.template_name = q.str(6);
  e.tone = q.str(7);
  e.language = q.str(8);
  KULANZ_STORE_TRY(ids, parse_ids(q.text(9)));
  e.invoice_ids = std::move(ids);
  KULANZ_STORE_TRY(day, read_date(q, 10, "local_day"));
  e.local_day = day;
  e.send_from_unix = q.i64(11);
  e.send_until_unix = q.i64(12);
  e.status = q.str(13);
  e.reason = q.str(14);
  return {};
}

}  // namespace kulanz::store::detail
