// Evaluation of one customer on one run day (docs/ENGINE.md, "How a day is decided").
#include "engine/journey.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "base/text.hpp"
#include "law/default_start.hpp"
#include "law/skonto.hpp"
#include "law/limitation.hpp"
#include "money/money.hpp"

namespace kulanz::engine {
namespace {

using domain::Customer;
using domain::Invoice;
using money::Money;
using domain::ItemKind;

std::string amount_text(std::int64_t minor, const money::Currency& c) {
  return money::format_decimal(minor, c.exponent()) + " " + std::string(c.code());
}

std::string signed_days(std::int32_t d) { return (d > 0 ? "+" : "") + std::to_string(d); }

std::string q(std::string_view s) { return base::json_quote(s); }

// FNV-1a, 64 bit: stable across platforms and releases (never change it: variants of
// running experiments depend on it).
std::uint64_t fnv1a(std::string_view s) {
  std::uint64_t h = 14695981039346656037ull;
  for (char ch : s) {
    h ^= static_cast<unsigned char>(ch);
    h *= 1099511628211ull;
  }
  return h;
}

bool covers(const Hold& h, InvoiceId item) {
  return h.invoice_ids.empty() || std::find(h.invoice_ids.begin(), h.invoice_ids.end(), item) != h.invoice_ids.end();
}

// A promise to pay whose date has passed while it is still open breaks on the next run.
bool promise_broken_now(const Hold& h, Date as_of) {
  return h.kind == HoldKind::promise_to_pay && !h.ended_on && h.until && *h.until < as_of && h.starts_on <= as_of;
}

bool active_on(const Hold& h, Date as_of) {
  if (h.starts_on > as_of) return false;
  if (h.ended_on && *h.ended_on <= as_of) return false;
  if (promise_broken_now(h, as_of)) return false;
  return true;
}

std::string hold_text(const Hold& h) {
  std::string s = std::string(to_string(h.kind)) + " since " + h.starts_on.iso();
  if (h.until) s += " until " + h.until->iso();
  if (!h.reason.empty()) s += " (" + h.reason + ")";
  return s;
}

std::string ids_text(const std::vector<InvoiceId>& ids) {
  std::string s;
  for (auto id : ids) s += (s.empty() ? "" : ".") + std::to_string(id.value);
  return s;
}

// The open amount of an item at the end of `day`: amount minus allocations dated up to it.
std::int64_t open_at(const Invoice& item, const std::vector<domain::Allocation>& allocations, Date day) {
  std::int64_t open = item.amount.minor();
  for (const auto& a : allocations) {
    if (a.invoice_id == item.id && a.date <= day) open -= a.amount.minor();
  }
  return open;
}

// Day of the last allocation that settled the item, if it is settled.
std::optional<Date> settled_on(const Invoice& item, const std::vector<domain::Allocation>& allocations) {
  if (!item.open.is_zero()) return std::nullopt;
  std::optional<Date> last;
  for (const auto& a : allocations) {
    if (a.invoice_id == item.id && (!last || a.date > *last)) last = a.date;
  }
  return last;
}

// Skonto: the payments applied within the discount period equal the discounted amount and
// only the discount is left open; the invoice is settled (the discount is not dunned).
bool settled_with_skonto(const Invoice& item, const std::vector<domain::Allocation>& allocations) {
  const auto terms = law::skonto_terms(item);
  if (!terms || item.open.minor() != terms->discount.minor()) return false;
  std::int64_t paid = 0;
  for (const auto& a : allocations) {
    if (a.invoice_id == item.id && a.date <= terms->last_day) paid += a.amount.minor();
  }
  return paid == terms->discounted_amount.minor();
}

// Items a hold covers that are still to be paid.
bool covers_open_item(const Hold& h, const domain::CustomerLedger& ledger) {
  for (const Invoice& i : ledger.invoices) {
    if (i.kind == ItemKind::invoice && i.open.is_positive() && covers(h, i.id) && !settled_with_skonto(i, ledger.allocations))
      return true;
  }
  return false;
}

// A promise to pay that has run out with items still open.
bool promise_unkept(const Hold& h, const domain::CustomerLedger& ledger, Date as_of) {
  return promise_broken_now(h, as_of) && covers_open_item(h, ledger);
}

// §288 interest on an item from its first day of default to as_of, with the principal
// following the allocations (a payment reduces the principal from its value date on).
InterestView accrued_interest(const Invoice& item, const domain::CustomerLedger& ledger, Date as_of,
                              const law::BaseRateTable& rates) {
  InterestView v;
  v.invoice_id = item.id;
  v.number = item.number;
  law::DefaultInputs in;
  in.debtor = ledger.customer.type;
  in.calendar_due_date = item.due_date;
  const auto start = law::default_start(in);
  if (!start || *start > as_of) {
    v.note = "not in default before " + (start ? start->iso() : std::string("-"));
    return v;
  }
  // Change points: the days on which an allocation took effect.
  std::set<Date> changes;
  for (const auto& a : ledger.allocations) {
    if (a.invoice_id == item.id && a.date > *start && a.date <= as_of) changes.insert(a.date);
  }
  Date from = *start;
  std::vector<Date> ends;
  for (Date c : changes) ends.push_back(c.add_days(-1));
  ends.push_back(as_of);
  for (Date to : ends) {
    if (to < from) continue;
    const std::int64_t principal = open_at(item, ledger.allocations, from);
    if (principal > 0) {
      auto part = law::default_interest(Money(principal, item.amount.currency()), from, to, ledger.customer.type, rates);
      if (!part) {
        v.parts.clear();
        v.total_minor = 0;
        v.note = part.error().detail;
        return v;
      }
      v.total_minor += part->total.minor();
      v.parts.push_back(std::move(*part));
    }
    from = to.add_days(1);
  }
  if (v.parts.empty()) v.note = "nothing open while in default";
  return v;
}

struct ItemState {
  const Invoice* item = nullptr;
  std::int32_t shift = 0;          // days on ended holds
  const Hold* active_hold = nullptr;
  int next_index = 0;              // first step not yet taken
  std::optional<Date> last_done;   // the run day the last step actually taken was taken
  int last_done_index = -1;        // and its index (skipped steps do not set the pace)
  std::optional<Date> next_date;   // planned date of next_index
  bool barred = false;
  bool flagged = false;
  bool stopped = false;            // deferred or held today: no further steps this run
  law::Limitation limitation_dates{};
};

struct Group {
  int step_index = 0;
  std::vector<ItemState*> items;
};

class Evaluator {
 public:
  Evaluator(const EvaluationContext& ctx, const CustomerCase& c) : ctx_(ctx), c_(c), cur_(c.ledger.customer.creditor_id.valid()
                                                                                                 ? currency_of(c)
                                                                                                 : money::Currency::eur()) {}

  Evaluation run() {
    out_.facts = customer_facts(c_, ctx_.as_of);
    if (!ctx_.catalog.current) return std::move(out_);
    assign();
    for (const Hold& h : c_.holds) {
      if (h.kind != HoldKind::promise_to_pay || h.ended_on || h.starts_on > ctx_.as_of) continue;
      if (!covers_open_item(h, c_.ledger)) {
        out_.holds_kept.push_back(h.id);
      } else if (promise_unkept(h, c_.ledger, ctx_.as_of)) {
        out_.holds_broken.push_back(h.id);
      }
    }
    collect_items();
    if (dunning_.empty()) {
      if (c_.journey) out_.journey_ended = true;
      if (ctx_.with_details) interest_details();
      return std::move(out_);
    }
    if (!pick_journey()) return std::move(out_);
    schedule();
    decide();
    limitation_tasks();
    if (ctx_.with_details) interest_details();
    return std::move(out_);
  }

 private:
  static money::Currency currency_of(const CustomerCase& c) {
    for (const auto& i : c.ledger.invoices) return i.amount.currency();
    return money::Currency::eur();
  }

  Decision base_decision(DecisionKind kind) const {
    Decision d;
    d.customer_id = c_.ledger.customer.id;
    d.customer_external_id = c_.ledger.customer.external_id;
    d.as_of = ctx_.as_of;
    d.kind = kind;
    d.segment = out_.assignment.segment;
    if (out_.journey) {
      d.strategy = out_.journey->strategy;
      d.version = out_.journey->version;
      d.variant = out_.journey->variant;
    }
    d.currency = std::string(cur_.code());
    return d;
  }

  void assign() {
    const CollectionFile& file = *ctx_.catalog.current;
    const Customer& cu = c_.ledger.customer;
    SegmentAssignmentRecord& a = out_.assignment;
    a.customer_id = cu.id;
    a.as_of = ctx_.as_of;
    if (c_.segment_override && !c_.segment_override->revoked && c_.segment_override->expires_on >= ctx_.as_of) {
      const auto& o = *c_.segment_override;
      const bool known = std::any_of(file.segments.segments.begin(), file.segments.segments.end(),
                                     [&](const Segment& s) { return s.name == o.segment; });
      if (known) {
        a.segment = o.segment;
        a.rule_index = -1;
        a.explanation = "segment '" + o.segment + "' set by hand until " + o.expires_on.iso() + " by " + o.created_by +
                        ": " + o.reason;
        return;
      }
      override_note_ = "the manual segment '" + o.segment + "' no longer exists in the collection file; rules apply";
    }
    const Assignment r = assign_segment(file.segments, out_.facts, ctx_.as_of);
    a.segment = r.segment;
    a.rule_index = static_cast<int>(r.matched_rule_index);
    a.explanation = r.explanation;
    if (!override_note_.empty()) a.explanation = override_note_ + "; " + a.explanation;
  }

  void collect_items() {
    const auto& ledger = c_.ledger;
    for (const Invoice& i : ledger.invoices) {
      if (i.kind != ItemKind::invoice || !i.open.is_positive()) continue;
      if (settled_with_skonto(i, ledger.allocations)) {
        out_.notes.push_back(i.number + " is settled with Skonto: the discounted amount was paid within the discount "
                             "period; the discount of " + amount_text(i.open.minor(), i.open.currency()) + " is not due");
        continue;
      }
      ItemState st;
      st.item = &i;
      for (const Hold& h : c_.holds) {
        if (!covers(h, i.id)) continue;
        if (active_on(h, ctx_.as_of)) {
          if (!st.active_hold) st.active_hold = &h;
        } else if (h.ended_on && *h.ended_on <= ctx_.as_of && h.end == HoldEnd::ended) {
          st.shift += std::max(0, h.starts_on.days_until(*h.ended_on));
        }
      }
      if (auto lim = law::limitation(i.due_date)) {
        st.limitation_dates = *lim;
        st.barred = ctx_.as_of >= lim->barred_from;
        st.flagged = !st.barred && ctx_.as_of >= lim->flag_from;
      }
      dunning_.push_back(st);
    }
  }

  bool pick_journey() {
    const Customer& cu = c_.ledger.customer;
    if (c_.journey) {
      strategy_ = ctx_.catalog.find(c_.journey->strategy, c_.journey->version);
      if (strategy_) {
        out_.journey = *c_.journey;
        return true;
      }
      out_.notes.push_back("the running journey's strategy '" + c_.journey->strategy + "' v" +
                      std::to_string(c_.journey->version) + " is no longer known; a new journey starts");
    }
    const Strategy* s = ctx_.catalog.current->strategy_for(out_.assignment.segment);
    if (!s) {
      Decision d = base_decision(DecisionKind::skip);
      d.reason = "no strategy for segment '" + out_.assignment.segment + "'; nothing is sent until one exists";
      out_.decisions.push_back(std::move(d));
      return false;
    }
    strategy_ = s;
    Journey j;
    j.customer_id = cu.id;
    j.strategy = s->name;
    const auto v = ctx_.catalog.current_versions.find(s->name);
    j.version = v == ctx_.catalog.current_versions.end() ? 1 : v->second;
    const VariantChoice vc = choose_variant(ctx_.creditor, cu.external_id, *s);
    j.variant = vc.variant;
    j.holdout = vc.holdout;
    j.started_on = ctx_.as_of;
    out_.journey = j;
    out_.journey_started = true;
    if (c_.journey) out_.journey_ended = true;  // replaced
    return true;
  }

  const std::vector<Step>& steps() const { return steps_of(*strategy_, out_.journey->variant); }

  void schedule() {
    const auto& st = steps();
    for (ItemState& s : dunning_) {
      int next = 0;
      for (const StepRecord& r : c_.steps) {
        if (r.invoice_id != s.item->id || r.strategy != out_.journey->strategy || r.version != out_.journey->version)
          continue;
        next = std::max(next, r.step_index + 1);
        if (r.state == StepState::done && r.step_index > s.last_done_index) {
          s.last_done_index = r.step_index;
          s.last_done = r.on;
        }
      }
      s.next_index = next;
      if (next < static_cast<int>(st.size())) s.next_date = planned_date(s, next, st);
    }
  }

  Date planned_date(const ItemState& s, int index, const std::vector<Step>& st) const {
    Date d = s.item->due_date.add_days(st[index].day + s.shift);
    if (s.last_done && s.last_done_index >= 0 && s.last_done_index < index) {
      const Date spaced = s.last_done->add_days(st[index].day - st[s.last_done_index].day);
      if (spaced > d) d = spaced;
    }
    return d;
  }

  // The latest payment or credit note of the customer after `since`, if any.
  std::optional<std::string> reaction_since(Date since) const {
    std::optional<std::string> found;
    Date best;
    for (const auto& p : c_.ledger.payments) {
      if (p.value_date > since && p.value_date <= ctx_.as_of && (!found || p.value_date > best)) {
        best = p.value_date;
        found = "payment of " + amount_text(p.amount.minor(), p.amount.currency()) + " on " + p.value_date.iso();
      }
    }
    for (const auto& n : c_.ledger.credit_notes) {
      if (n.issue_date > since && n.issue_date <= ctx_.as_of && (!found || n.issue_date > best)) {
        best = n.issue_date;
        found = "credit note " + n.number + " on " + n.issue_date.iso();
      }
    }
    for (const Hold& h : c_.holds) {
      if (h.starts_on > since && h.starts_on <= ctx_.as_of && (!found || h.starts_on > best)) {
        best = h.starts_on;
        found = std::string(to_string(h.kind)) + " on " + h.starts_on.iso();
      }
    }
    return found;
  }

  void record_steps(const Group& g, StepState state, const std::string& key) {
    for (const ItemState* s : g.items) {
      StepRecord r;
      r.customer_id = c_.ledger.customer.id;
      r.invoice_id = s->item->id;
      r.strategy = out_.journey->strategy;
      r.version = out_.journey->version;
      r.step_index = g.step_index;
      r.state = state;
      r.on = ctx_.as_of;
      out_.steps.push_back(r);
      taken_[{s->item->id, g.step_index}] = {g.step_index, state, key};
    }
    // The items move on: a following step due today too (a fee beside a reminder) is
    // taken in the next round of decide().
    const auto& st = steps();
    for (ItemState* s : g.items) {
      s->next_index = g.step_index + 1;
      if (state == StepState::done) {
        s->last_done = ctx_.as_of;
        s->last_done_index = g.step_index;
      }
      s->next_date = s->next_index < static_cast<int>(st.size()) ? std::optional<Date>(planned_date(*s, s->next_index, st))
                                                                 : std::nullopt;
    }
  }

  std::vector<InvoiceId> ids_of(const Group& g) const {
    std::vector<InvoiceId> ids;
    for (const ItemState* s : g.items) ids.push_back(s->item->id);
    std::sort(ids.begin(), ids.end());
    return ids;
  }

  std::string items_text(const Group& g) const {
    std::string s;
    for (const ItemState* i : g.items) {
      s += (s.empty() ? "" : ", ") + i->item->number + " (due " + i->item->due_date.iso() + ", open " +
           amount_text(i->item->open.minor(), i->item->open.currency()) + ")";
    }
    return s;
  }

  std::string step_text(int index) const {
    const Step& st = steps()[index];
    return "step " + std::to_string(index + 1) + " '" + std::string(to_string(st.kind)) +
           (st.template_name.empty() ? "" : "/" + st.template_name) + "' (day " + signed_days(st.day) + ") of " +
           out_.journey->strategy + " v" + std::to_string(out_.journey->version) +
           (out_.journey->variant.empty() ? "" : " variant " + out_.journey->variant);
  }

  // `notes`, when given, holds one note per item of the group (shown after its number).
  void skip(const Group& g, const std::string& why, bool record, const std::vector<std::string>* notes = nullptr) {
    Decision d = base_decision(DecisionKind::skip);
    d.step_index = g.step_index;
    d.step_kind = std::string(to_string(steps()[g.step_index].kind));
    d.invoice_ids = ids_of(g);
    std::string numbers;
    for (std::size_t i = 0; i < g.items.size(); ++i) {
      numbers += (numbers.empty() ? "" : ", ") + g.items[i]->item->number;
      if (notes && i < notes->size() && !(*notes)[i].empty()) numbers += " (" + (*notes)[i] + ")";
    }
    d.reason = step_text(g.step_index) + " skipped for " + numbers + ": " + why;
    if (record) {
      d.idempotency_key = decision_key(c_.ledger.customer.id, out_.journey->strategy, out_.journey->version,
                                       g.step_index, d.invoice_ids);
      record_steps(g, StepState::skipped, d.idempotency_key);
    }
    out_.decisions.push_back(std::move(d));
  }

  PolicyCustomer policy_customer() const {
    const Customer& cu = c_.ledger.customer;
    PolicyCustomer p;
    p.state = cu.country == "DE" || cu.country.empty() ? cu.state : std::string();
    p.time_zone = cu.time_zone;
    p.contacts = cu.contacts;
    p.has_postal_address = !cu.street.empty() && !cu.postal_code.empty() && !cu.city.empty();
    return p;
  }

  // The contact days the caps look at: earlier and planned ones plus those planned today.
  std::vector<Date> contact_days() const {
    std::vector<Date> days;
    for (const ContactRecord& r : c_.contacts) {
      if (is_customer_contact(r.channel)) days.push_back(r.day);
    }
    days.insert(days.end(), planned_today_.begin(), planned_today_.end());
    return days;
  }

  // Checks the day and caps for a customer contact; false (and a defer decision) if it
  // cannot happen today.
  bool allowed_today(const Group& g, StepChannel channel, const std::string& what) {
    if (!is_customer_contact(channel)) return true;
    const ContactPolicyConfig& policy = ctx_.catalog.current->policy;
    const PolicyCustomer pc = policy_customer();
    const std::vector<Date> days = contact_days();
    const NextDay next = next_allowed_day(policy, pc.state, days, ctx_.as_of);
    if (next.day && *next.day == ctx_.as_of) return true;
    Decision d = base_decision(DecisionKind::defer);
    d.step_index = g.step_index;
    d.step_kind = std::string(to_string(steps()[g.step_index].kind));
    d.channel = std::string(to_string(channel));
    d.invoice_ids = ids_of(g);
    d.deferred_until = next.day;
    const DayCheck& first = next.pushed_by.empty() ? DayCheck{} : next.pushed_by.front();
    d.policy_rule = next.day ? std::string(to_string(first.rule)) : std::string(to_string(PolicyRule::horizon));
    std::string causes;
    for (std::size_t i = 0; i < next.pushed_by.size(); ++i) {
      causes += (causes.empty() ? "" : "; ") + next.blocked_days[i].iso() + ": " + next.pushed_by[i].reason;
    }
    d.reason = what + " deferred " +
               (next.day ? "to " + next.day->iso() : "with no allowed day within " +
                                                         std::to_string(policy.max_deferral_days) + " days") +
               " (" + causes + ")";
    out_.decisions.push_back(std::move(d));
    for (ItemState* s : g.items) {
      deferred_[s->item->id] = {next.day, first.rule};
      s->stopped = true;
    }
    return false;
  }

  void send_message(const Group& g) {
    const Step& st = steps()[g.step_index];
    const PolicyCustomer pc = policy_customer();
    std::optional<StepChannel> chosen;
    std::vector<StepChannel> fallbacks;
    std::string passed_over;
    for (StepChannel ch : st.channels) {
      const ChannelCheck cc = check_channel(pc, ch);
      if (!cc.usable) {
        passed_over += (passed_over.empty() ? "" : "; ") + std::string(to_string(ch)) + ": " + cc.reason;
        continue;
      }
      if (!chosen) {
        chosen = ch;
      } else {
        fallbacks.push_back(ch);
      }
    }
    const std::vector<InvoiceId> ids = ids_of(g);
    const std::string key =
        decision_key(c_.ledger.customer.id, out_.journey->strategy, out_.journey->version, g.step_index, ids);
    if (!chosen) {
      // Nobody is reached: a collector checks the contact data. The step counts as taken
      // so the journey does not stall silently; the task says what happened.
      Decision d = base_decision(DecisionKind::create_task);
      d.step_index = g.step_index;
      d.step_kind = std::string(to_string(st.kind));
      d.channel = "task";
      d.invoice_ids = ids;
      d.idempotency_key = key;
      d.reason = step_text(g.step_index) + " for " + items_text(g) + " cannot be sent on any channel (" +
                 passed_over + "); a task asks a collector to check the contact data";
      TaskEntry t;
      t.customer_id = c_.ledger.customer.id;
      t.idempotency_key = key;
      t.kind = "contact_data";
      t.due_on = ctx_.as_of;
      t.invoice_ids = ids;
      t.note = "No usable channel for " + std::string(to_string(st.kind)) + " '" + st.template_name +
               "': " + passed_over;
      out_.tasks.push_back(std::move(t));
      out_.decisions.push_back(std::move(d));
      record_steps(g, StepState::done, key);
      return;
    }
    const std::string what = step_text(g.step_index) + " by " + std::string(to_string(*chosen));
    if (!allowed_today(g, *chosen, what)) return;
    const Customer& cu = c_.ledger.customer;
    OutboxEntry o;
    o.customer_id = cu.id;
    o.idempotency_key = key;
    o.decision_key = key;
    o.channel = *chosen;
    o.fallbacks = fallbacks;
    o.template_name = st.template_name;
    o.tone = st.tone ? std::string(to_string(*st.tone)) : std::string("neutral");
    o.language = std::string(domain::to_string(cu.language));
    o.invoice_ids = ids;
    o.local_day = ctx_.as_of;
    std::string tz_note;
    auto window = send_window(ctx_.catalog.current->policy, *chosen, pc.time_zone, ctx_.as_of);
    if (!window) {
      tz_note = "; time zone '" + pc.time_zone + "' unknown, Europe/Berlin used";
      window = send_window(ctx_.catalog.current->policy, *chosen, "Europe/Berlin", ctx_.as_of);
    }
    if (window) {
      o.send_from_unix = window->from_unix;
      o.send_until_unix = window->to_unix;
    }
    Decision d = base_decision(DecisionKind::send_message);
    d.step_index = g.step_index;
    d.step_kind = std::string(to_string(st.kind));
    d.channel = std::string(to_string(*chosen));
    d.invoice_ids = ids;
    d.idempotency_key = key;
    const QuietHours& h = ctx_.catalog.current->policy.hours[static_cast<int>(*chosen)];
    auto hhmm = [](int m) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%02d:%02d", m / 60, m % 60);
      return std::string(buf);
    };
    d.reason = what + " (" + o.tone + ", " + o.language + ") for " + items_text(g) + "; between " +
               hhmm(h.allowed_from_minute) + " and " + hhmm(h.allowed_to_minute) + " " +
               (pc.time_zone.empty() ? std::string("Europe/Berlin") : pc.time_zone) + tz_note +
               (passed_over.empty() ? "" : "; passed over " + passed_over);
    o.reason = d.reason;
    out_.outbox.push_back(std::move(o));
    out_.decisions.push_back(std::move(d));
    planned_today_.push_back(ctx_.as_of);
    record_steps(g, StepState::done, key);
  }

  void call_task(const Group& g) {
    const Step& st = steps()[g.step_index];
    const PolicyCustomer pc = policy_customer();
    const ChannelCheck cc = check_channel(pc, StepChannel::call);
    const std::vector<InvoiceId> ids = ids_of(g);
    const std::string key =
        decision_key(c_.ledger.customer.id, out_.journey->strategy, out_.journey->version, g.step_index, ids);
    const std::string what = step_text(g.step_index) + " (call task)";
    if (cc.usable && !allowed_today(g, StepChannel::call, what)) return;
    TaskEntry t;
    t.customer_id = c_.ledger.customer.id;
    t.idempotency_key = key;
    // Without a number the customer agreed to be called on, the task is to find one: it is
    // not a contact (no caps, any day).
    t.kind = cc.usable ? "call" : "contact_data";
    t.due_on = ctx_.as_of;
    t.invoice_ids = ids;
    t.note = "Personal call about " + items_text(g) + (st.template_name.empty() ? "" : "; script " + st.template_name) +
             (cc.usable ? "" : "; " + cc.reason + ": find a number first");
    Decision d = base_decision(DecisionKind::create_task);
    d.step_index = g.step_index;
    d.step_kind = std::string(to_string(st.kind));
    d.channel = cc.usable ? "call" : "task";
    d.invoice_ids = ids;
    d.idempotency_key = key;
    d.reason = what + " for " + items_text(g) + (cc.usable ? "" : "; " + cc.reason + ": the task asks to find a number first");
    out_.tasks.push_back(std::move(t));
    out_.decisions.push_back(std::move(d));
    if (cc.usable) planned_today_.push_back(ctx_.as_of);
    record_steps(g, StepState::done, key);
  }

  const Invoice* ledger_item(std::string_view external_id) const {
    for (const auto& i : c_.ledger.invoices) {
      if (i.external_id == external_id) return &i;
    }
    for (const auto& i : out_.items) {
      if (i.external_id == external_id) return &i;
    }
    return nullptr;
  }

  Invoice new_item(ItemKind kind, std::string external_id, std::string number, std::int64_t minor) const {
    Invoice i;
    i.creditor_id = c_.ledger.customer.creditor_id;
    i.customer_id = c_.ledger.customer.id;
    i.external_id = std::move(external_id);
    i.number = std::move(number);
    i.kind = kind;
    i.issue_date = ctx_.as_of;
    i.due_date = ctx_.as_of;
    i.amount = Money(minor, cur_);
    i.open = i.amount;
    return i;
  }

  void post_fee(const Group& g) {
    const Step& st = steps()[g.step_index];
    const std::vector<InvoiceId> ids = ids_of(g);
    const std::string key =
        decision_key(c_.ledger.customer.id, out_.journey->strategy, out_.journey->version, g.step_index, ids);
    if (st.fee_type == FeeType::flat_fee_288) {
      std::int64_t total = 0;
      std::string lines;
      for (const ItemState* s : g.items) {
        law::DefaultInputs in;
        in.debtor = c_.ledger.customer.type;
        in.calendar_due_date = s->item->due_date;
        law::FlatFeeQuestion fq;
        fq.debtor = c_.ledger.customer.type;
        fq.claim_kind = s->item->kind;
        fq.default_start = law::default_start(in);
        fq.as_of = ctx_.as_of;
        const std::string ext = "FEE288-" + s->item->external_id;
        fq.already_charged = ledger_item(ext) != nullptr;
        const law::FlatFeeAnswer a = law::flat_fee_applies(fq);
        lines += (lines.empty() ? "" : "; ") + s->item->number + ": " + a.reason;
        if (!a.applies) continue;
        const Money fee = law::flat_fee_amount();
        out_.items.push_back(new_item(ItemKind::fee, ext, "Pauschale §288 Abs. 5 BGB zu " + s->item->number, fee.minor()));
        total += fee.minor();
      }
      Decision d = base_decision(total > 0 ? DecisionKind::post_fee : DecisionKind::skip);
      d.step_index = g.step_index;
      d.step_kind = std::string(to_string(st.kind));
      d.invoice_ids = ids;
      d.amount_minor = total;
      d.idempotency_key = key;
      d.reason = step_text(g.step_index) + ": " + (total > 0 ? "flat fee " + amount_text(total, cur_) + " posted; " : "") +
                 lines;
      out_.decisions.push_back(std::move(d));
      record_steps(g, total > 0 ? StepState::done : StepState::skipped, key);
      return;
    }
    const std::int64_t fee = st.fee_minor.value_or(0);
    const std::string ext = "FEE-" + key;
    Decision d = base_decision(DecisionKind::post_fee);
    d.step_index = g.step_index;
    d.step_kind = std::string(to_string(st.kind));
    d.invoice_ids = ids;
    d.amount_minor = fee;
    d.idempotency_key = key;
    if (fee <= 0 || ledger_item(ext)) {
      d.kind = DecisionKind::skip;
      d.reason = step_text(g.step_index) + ": " + (fee <= 0 ? "no fee amount" : "fee already posted");
    } else {
      out_.items.push_back(new_item(ItemKind::fee, ext, "Mahngebühr " + ctx_.as_of.german(), fee));
      d.reason = step_text(g.step_index) + ": dunning fee " + amount_text(fee, cur_) + " posted for " + items_text(g);
    }
    const StepState state = d.kind == DecisionKind::post_fee ? StepState::done : StepState::skipped;
    out_.decisions.push_back(std::move(d));
    record_steps(g, state, key);
  }

  // Interest already posted for an item (items "INT-<external id>-<date>").
  std::int64_t interest_posted(const Invoice& item) const {
    const std::string prefix = "INT-" + item.external_id + "-";
    std::int64_t sum = 0;
    for (const auto& i : c_.ledger.invoices) {
      if (i.kind == ItemKind::interest && i.external_id.rfind(prefix, 0) == 0) sum += i.amount.minor();
    }
    return sum;
  }

  void post_interest(const Group& g) {
    const Step& st = steps()[g.step_index];
    const std::vector<InvoiceId> ids = ids_of(g);
    const std::string key =
        decision_key(c_.ledger.customer.id, out_.journey->strategy, out_.journey->version, g.step_index, ids);
    std::int64_t total = 0;
    std::string lines;
    for (const ItemState* s : g.items) {
      if (!ctx_.base_rates) break;
      const InterestView v = accrued_interest(*s->item, c_.ledger, ctx_.as_of, *ctx_.base_rates);
      if (!v.note.empty() && v.parts.empty()) {
        lines += (lines.empty() ? "" : "; ") + s->item->number + ": " + v.note;
        continue;
      }
      const std::int64_t due = v.total_minor - interest_posted(*s->item);
      std::string periods;
      for (const auto& p : v.parts) {
        for (const auto& per : p.periods) {
          periods += (periods.empty() ? "" : ", ") + per.from.iso() + ".." + per.to.iso() + " " +
                     std::to_string(per.days) + "d on " + amount_text(p.principal.minor(), cur_) + " at " +
                     law::format_percent(per.rate_bp) + "% = " + amount_text(per.interest.minor(), cur_);
        }
      }
      lines += (lines.empty() ? "" : "; ") + s->item->number + ": " + amount_text(v.total_minor, cur_) + " (" +
               periods + ")";
      if (due > 0) {
        out_.items.push_back(new_item(ItemKind::interest, "INT-" + s->item->external_id + "-" + ctx_.as_of.iso(),
                                      "Verzugszinsen zu " + s->item->number + " bis " + ctx_.as_of.german(), due));
        total += due;
      }
    }
    Decision d = base_decision(total > 0 ? DecisionKind::post_interest : DecisionKind::skip);
    d.step_index = g.step_index;
    d.step_kind = std::string(to_string(st.kind));
    d.invoice_ids = ids;
    d.amount_minor = total;
    d.idempotency_key = key;
    d.reason = step_text(g.step_index) + ": " +
               (total > 0 ? "§288 BGB interest " + amount_text(total, cur_) + " posted; " : "no interest posted; ") + lines;
    out_.decisions.push_back(std::move(d));
    record_steps(g, total > 0 ? StepState::done : StepState::skipped, key);
  }

  void escalate(const Group& g) {
    const Step& st = steps()[g.step_index];
    const std::vector<InvoiceId> ids = ids_of(g);
    const std::string key =
        decision_key(c_.ledger.customer.id, out_.journey->strategy, out_.journey->version, g.step_index, ids);
    const Customer& cu = c_.ledger.customer;
    EscalationEntry e;
    e.customer_id = cu.id;
    e.idempotency_key = key;
    e.kind = st.kind == StepKind::handover ? "handover" : "court_dunning_prep";
    e.invoice_ids = ids;
    e.currency = std::string(cur_.code());
    std::string items_json;
    for (const ItemState* s : g.items) {
      e.principal_minor += s->item->open.minor();
      items_json += std::string(items_json.empty() ? "" : ",") + "{\"number\":" + q(s->item->number) +
                    ",\"external_id\":" + q(s->item->external_id) + ",\"issue_date\":" + q(s->item->issue_date.iso()) +
                    ",\"due_date\":" + q(s->item->due_date.iso()) + ",\"amount\":" +
                    q(s->item->amount.to_decimal_string()) + ",\"open\":" + q(s->item->open.to_decimal_string()) + "}";
    }
    for (const auto& i : c_.ledger.invoices) {
      if (!i.open.is_positive()) continue;
      if (i.kind == ItemKind::fee) e.fees_minor += i.open.minor();
      if (i.kind == ItemKind::interest) e.interest_minor += i.open.minor();
    }
    e.payload_json = "{\"customer\":{\"external_id\":" + q(cu.external_id) + ",\"name\":" + q(cu.name) +
                     ",\"type\":" + q(domain::to_string(cu.type)) + ",\"street\":" + q(cu.street) +
                     ",\"postal_code\":" + q(cu.postal_code) + ",\"city\":" + q(cu.city) + ",\"country\":" +
                     q(cu.country) + (cu.birth_date ? ",\"birth_date\":" + q(cu.birth_date->iso()) : std::string()) +
                     "},\"items\":[" + items_json + "],\"principal\":" +
                     q(money::format_decimal(e.principal_minor, cur_.exponent())) + ",\"fees\":" +
                     q(money::format_decimal(e.fees_minor, cur_.exponent())) + ",\"interest\":" +
                     q(money::format_decimal(e.interest_minor, cur_.exponent())) + ",\"currency\":" + q(e.currency) +
                     ",\"as_of\":" + q(ctx_.as_of.iso()) + "}";
    Decision d = base_decision(DecisionKind::escalate);
    d.step_index = g.step_index;
    d.step_kind = std::string(to_string(st.kind));
    d.invoice_ids = ids;
    d.amount_minor = e.principal_minor;
    d.idempotency_key = key;
    d.reason = step_text(g.step_index) + ": " +
               (e.kind == "handover" ? "handed over to the collection agency" : "court dunning application prepared") +
               " for " + items_text(g) + "; principal " + amount_text(e.principal_minor, cur_) + ", fees " +
               amount_text(e.fees_minor, cur_) + ", interest " + amount_text(e.interest_minor, cur_);
    out_.escalations.push_back(std::move(e));
    out_.decisions.push_back(std::move(d));
    record_steps(g, StepState::done, key);
  }

  void decide() {
    const auto& st = steps();
    const int n = static_cast<int>(st.size());
    for (int round = 0; round <= n; ++round) {
      if (!decide_round(st, n)) break;
    }
    if (ctx_.with_details) item_views();
  }

  // One round: every item whose next step is due today and that is not stopped takes it
  // (or passes it over). False when nothing was due.
  bool decide_round(const std::vector<Step>& st, int n) {
    std::map<int, Group, std::greater<int>> groups;  // most advanced step first
    for (ItemState& s : dunning_) {
      if (s.stopped || s.next_index >= n || !s.next_date || *s.next_date > ctx_.as_of) continue;
      if (s.active_hold) {
        if (*s.next_date == ctx_.as_of) {
          Group one{s.next_index, {&s}};
          skip(one, "on hold: " + hold_text(*s.active_hold) + "; the journey resumes when the hold ends", false);
        }
        s.stopped = true;
        continue;
      }
      auto& g = groups[s.next_index];
      g.step_index = s.next_index;
      g.items.push_back(&s);
    }
    if (groups.empty()) return false;
    const Customer& cu = c_.ledger.customer;
    for (auto& [index, group] : groups) {
      const Step& step = st[index];
      // Per-item conditions split the group into items to skip and items to act on.
      Group act{index, {}};
      // Items skipped for the same reason share one decision; `note` is the item's own
      // detail (its due date, the day it became time-barred).
      struct Skipped {
        Group group;
        std::vector<std::string> notes;
      };
      std::map<std::string, Skipped> skipped;
      for (ItemState* s : group.items) {
        std::string why, note;
        if (s->barred) {
          note = "time-barred since " + s->limitation_dates.barred_from.iso();
          why = "time-barred (§§195, 199, 214 BGB): the debtor may refuse to pay; no further dunning";
        } else if (step.day <= 0 && ctx_.as_of > s->item->due_date) {
          note = "due " + s->item->due_date.iso();
          why = "the due date has passed; a " +
                (step.day < 0 ? std::string("pre-due reminder") : std::string("due-day note")) + " no longer fits";
        } else if (step.day <= 0 && index + 1 < static_cast<int>(st.size()) &&
                   planned_date(*s, index + 1, st) <= ctx_.as_of) {
          why = "the following step is due today; a " +
                (step.day < 0 ? std::string("pre-due reminder") : std::string("due-day note")) + " would only add a message";
        } else if (step.min_open_minor && s->item->open.minor() < *step.min_open_minor) {
          why = "open amount " + amount_text(s->item->open.minor(), cur_) + " is below the step's minimum " +
                amount_text(*step.min_open_minor, cur_);
        } else if (step.customer_type && *step.customer_type != cu.type) {
          why = "the step is for " + std::string(domain::to_string(*step.customer_type)) + " customers only";
        } else if (step.optional && out_.journey->holdout) {
          why = "holdout group of the experiment: optional steps are not sent";
        } else if (step.only_if_no_reaction_since_last_step) {
          const Date since = s->last_done ? *s->last_done : s->item->issue_date;
          if (auto r = reaction_since(since)) why = "the customer reacted since the last step (" + *r + ")";
        }
        if (why.empty()) {
          act.items.push_back(s);
        } else {
          auto& sg = skipped[why];
          sg.group.step_index = index;
          sg.group.items.push_back(s);
          sg.notes.push_back(std::move(note));
        }
      }
      for (auto& [why, sg] : skipped) skip(sg.group, why, true, &sg.notes);
      if (act.items.empty()) continue;
      switch (step.kind) {
        case StepKind::reminder:
        case StepKind::notice:
        case StepKind::statement: send_message(act); break;
        case StepKind::call_task: call_task(act); break;
        case StepKind::fee: post_fee(act); break;
        case StepKind::interest: post_interest(act); break;
        case StepKind::handover:
        case StepKind::court_dunning_prep: escalate(act); break;
      }
    }
    return true;
  }

  void limitation_tasks() {
    for (const ItemState& s : dunning_) {
      if (!s.flagged) continue;
      const bool known = std::any_of(c_.steps.begin(), c_.steps.end(), [&](const StepRecord& r) {
        return r.invoice_id == s.item->id && r.strategy == "$limitation";
      });
      if (known) continue;
      const std::string key = "c" + std::to_string(c_.ledger.customer.id.value) + "/limitation/" +
                              std::to_string(s.item->id.value);
      TaskEntry t;
      t.customer_id = c_.ledger.customer.id;
      t.idempotency_key = key;
      t.kind = "limitation";
      t.due_on = ctx_.as_of;
      t.invoice_ids = {s.item->id};
      t.note = "Claim " + s.item->number + " becomes time-barred after " + s.limitation_dates.last_day.iso() +
               " (§§195, 199 BGB); act before then (e.g. court dunning application, §204 BGB)";
      Decision d = base_decision(DecisionKind::create_task);
      d.channel = "task";
      d.invoice_ids = t.invoice_ids;
      d.idempotency_key = key;
      d.reason = "limitation flag: " + t.note;
      StepRecord r;
      r.customer_id = c_.ledger.customer.id;
      r.invoice_id = s.item->id;
      r.strategy = "$limitation";
      r.version = 0;
      r.step_index = 0;
      r.on = ctx_.as_of;
      out_.steps.push_back(r);
      out_.tasks.push_back(std::move(t));
      out_.decisions.push_back(std::move(d));
    }
  }

  void item_views() {
    const auto& st = steps();
    for (const ItemState& s : dunning_) {
      ItemView v;
      v.invoice_id = s.item->id;
      v.number = s.item->number;
      v.due_date = s.item->due_date;
      v.open_minor = s.item->open.minor();
      v.days_on_hold = s.shift;
      if (s.active_hold) v.hold = hold_text(*s.active_hold);
      v.limitation = s.barred    ? "time-barred since " + s.limitation_dates.barred_from.iso()
                     : s.flagged ? "flagged: time-barred after " + s.limitation_dates.last_day.iso()
                                 : "running until " + s.limitation_dates.last_day.iso();
      const auto deferred = deferred_.find(s.item->id);
      std::optional<Date> previous;  // projected date of the step before, for the later ones
      for (int i = 0; i < static_cast<int>(st.size()); ++i) {
        StepView sv;
        sv.index = i;
        sv.kind = std::string(to_string(st[i].kind));
        sv.day = st[i].day;
        const StepRecord* rec = nullptr;
        for (const StepRecord& r : c_.steps) {
          if (r.invoice_id == s.item->id && r.strategy == out_.journey->strategy && r.version == out_.journey->version &&
              r.step_index == i)
            rec = &r;
        }
        const auto today = taken_.find({s.item->id, i});
        if (rec) {
          sv.date = rec->on;
          sv.status = rec->state == StepState::done ? StepStatus::done : StepStatus::skipped;
          sv.note = std::string(rec->state == StepState::done ? "taken on " : "skipped on ") + rec->on.iso();
        } else if (today != taken_.end()) {
          sv.date = ctx_.as_of;
          sv.status = today->second.state == StepState::done ? StepStatus::due : StepStatus::skipped;
          sv.note = today->second.state == StepState::done ? "taken today" : "passed over today (see decisions)";
        } else if (i < s.next_index) {
          sv.status = StepStatus::not_applicable;
          sv.note = "passed over";
        } else if (i == s.next_index && deferred != deferred_.end()) {
          sv.date = s.next_date;
          sv.status = StepStatus::deferred;
          sv.note = "deferred" + (deferred->second.until ? " until " + deferred->second.until->iso() : std::string()) +
                    " by " + std::string(to_string(deferred->second.rule));
        } else if (i == s.next_index && s.active_hold) {
          sv.date = s.next_date;
          sv.status = StepStatus::on_hold;
          sv.note = "paused: " + hold_text(*s.active_hold);
        } else if (i == s.next_index) {
          sv.date = s.next_date;
          sv.status = StepStatus::waiting;
          sv.note = s.next_date ? "next, planned for " + s.next_date->iso() : "next";
        } else {
          Date d = s.item->due_date.add_days(st[i].day + s.shift);
          if (previous && i > 0 && previous->add_days(st[i].day - st[i - 1].day) > d)
            d = previous->add_days(st[i].day - st[i - 1].day);
          if (d < ctx_.as_of) d = ctx_.as_of.add_days(1);
          sv.date = d;
          sv.status = StepStatus::waiting;
          sv.note = "not before " + sv.date->iso();
        }
        if (sv.date) previous = sv.date;
        v.steps.push_back(std::move(sv));
      }
      out_.item_views.push_back(std::move(v));
    }
  }

  void interest_details() {
    if (!ctx_.base_rates) return;
    for (const Invoice& i : c_.ledger.invoices) {
      if (i.kind != ItemKind::invoice || !i.open.is_positive() || i.due_date >= ctx_.as_of) continue;
      out_.interest.push_back(accrued_interest(i, c_.ledger, ctx_.as_of, *ctx_.base_rates));
    }
  }

  struct Taken {
    int index = 0;
    StepState state = StepState::done;
    std::string key;
  };
  struct Deferred {
    std::optional<Date> until;
    PolicyRule rule = PolicyRule::none;
  };

  const EvaluationContext& ctx_;
  const CustomerCase& c_;
  money::Currency cur_;
  Evaluation out_;
  std::vector<ItemState> dunning_;
  const Strategy* strategy_ = nullptr;
  std::vector<Date> planned_today_;
  std::map<std::pair<InvoiceId, int>, Taken> taken_;
  std::map<InvoiceId, Deferred> deferred_;
  std::string override_note_;
};

}  // namespace

const Strategy* StrategyCatalog::find(const std::string& name, std::int64_t version) const {
  if (current) {
    const auto v = current_versions.find(name);
    if (v != current_versions.end() && v->second == version) {
      for (const Strategy& s : current->strategies) {
        if (s.name == name) return &s;
      }
    }
  }
  return older ? older(name, version) : nullptr;
}

std::string_view to_string(StepStatus s) {
  switch (s) {
    case StepStatus::done: return "done";
    case StepStatus::skipped: return "skipped";
    case StepStatus::due: return "due";
    case StepStatus::deferred: return "deferred";
    case StepStatus::waiting: return "waiting";
    case StepStatus::on_hold: return "on_hold";
    case StepStatus::not_applicable: return "not_applicable";
  }
  return "?";
}

CustomerFacts customer_facts(const CustomerCase& c, Date as_of) {
  const Customer& cu = c.ledger.customer;
  CustomerFacts f;
  f.type = cu.type;
  f.key_account = cu.key_account;
  f.also_supplier = cu.also_supplier;
  f.birth_date = cu.birth_date;
  f.state = cu.state;
  f.risk_score = cu.risk_score;
  std::int64_t late_sum = 0;
  std::int64_t late_count = 0;
  const Date year_ago = as_of.add_days(-365);
  for (const Invoice& i : c.ledger.invoices) {
    if (i.open.is_positive()) {
      f.open_minor += i.open.minor();
      if (i.due_date < as_of) {
        f.overdue_minor += i.open.minor();
        f.days_past_due = std::max(f.days_past_due, i.due_date.days_until(as_of));
      }
    } else if (i.kind == ItemKind::invoice) {
      if (auto paid = settled_on(i, c.ledger.allocations); paid && *paid > year_ago && *paid <= as_of) {
        late_sum += std::max<std::int32_t>(0, i.due_date.days_until(*paid));
        ++late_count;
      }
    }
  }
  if (late_count > 0) f.avg_days_late_12m = static_cast<std::int32_t>((2 * late_sum + late_count) / (2 * late_count));
  for (const Hold& h : c.holds) {
    if (h.kind != HoldKind::promise_to_pay) continue;
    if ((h.end == HoldEnd::broken && h.ended_on && *h.ended_on > year_ago) || promise_unkept(h, c.ledger, as_of))
      ++f.broken_promises;
  }
  return f;
}

VariantChoice choose_variant(CreditorId creditor, std::string_view customer_external_id, const Strategy& s) {
  VariantChoice v;
  const std::string experiment = s.experiment.empty() ? s.name : s.experiment;
  const std::uint64_t h =
      fnv1a(std::to_string(creditor.value) + "\x1f" + std::string(customer_external_id) + "\x1f" + experiment);
  v.bucket = static_cast<std::uint32_t>(h % 10000);
  v.holdout = v.bucket < static_cast<std::uint32_t>(s.holdout) * 100;
  if (!s.variants.empty()) {
    // A second number from the upper bits, independent of the holdout bucket.
    const auto pick = static_cast<int>((h >> 32) % 100);
    int acc = 0;
    v.variant = s.variants.back().name;
    for (const Variant& var : s.variants) {
      acc += var.share;
      if (pick < acc) {
        v.variant = var.name;
        break;
      }
    }
  }
  return v;
}

const std::vector<Step>& steps_of(const Strategy& s, std::string_view variant) {
  for (const Variant& v : s.variants) {
    if (v.name == variant && !v.steps.empty()) return v.steps;
  }
  return s.steps;
}

std::string decision_key(CustomerId customer, const std::string& strategy, std::int64_t version, int step_index,
                         const std::vector<InvoiceId>& items) {
  return "c" + std::to_string(customer.value) + "/" + strategy + "@" + std::to_string(version) + "/s" +
         std::to_string(step_index) + "/" + ids_text(items);
}

Evaluation evaluate(const EvaluationContext& ctx, const CustomerCase& c) { return Evaluator(ctx, c).run(); }

}  // namespace kulanz::engine
