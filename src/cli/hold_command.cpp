// `kulanz hold` (pause dunning: dispute, plan, promise, insolvency, deceased, manual) and
// `kulanz segment` (manual segment overrides with a reason and an expiry).
#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>
#include <sstream>

#include "cli/context.hpp"
#include "services/collection_service.hpp"

namespace kulanz::cli {
namespace {

struct HoldArgs {
  std::string creditor, customer, kind, items, from, until, reason, by = "cli";
  std::int64_t id = 0;
  bool broken = false;
  std::string on;
  bool all = false;
  std::string segment;
};

void fail_with(Context& ctx, const std::string& command, const std::string& message) {
  std::fprintf(stderr, "kulanz %s: %s\n", command.c_str(), message.c_str());
  ctx.exit_code = 2;
}

std::optional<calendar::Date> date_or_today(Context& ctx, const std::string& command, const std::string& option,
                                            const std::string& text) {
  if (text.empty()) return calendar::Date::from_unix_utc(ctx.clock.now_unix());
  auto d = calendar::Date::parse(text);
  if (!d) {
    fail_with(ctx, command, option + ": " + d.error().to_string());
    return std::nullopt;
  }
  return *d;
}

struct Opened {
  std::unique_ptr<ports::LedgerStore> store;
  domain::Creditor creditor;
};

std::optional<Opened> open(Context& ctx, const std::string& creditor) {
  auto s = ctx.open_store();
  if (!s) return std::nullopt;
  auto c = ctx.find_creditor(*s, creditor);
  if (!c) return std::nullopt;
  return Opened{std::move(s), *c};
}

std::optional<domain::Customer> customer(Context& ctx, Opened& o, const std::string& command, const std::string& ext) {
  auto c = o.store->customer_by_external_id(o.creditor.id, ext);
  if (!c) {
    fail_with(ctx, command, c.error().to_string());
    return std::nullopt;
  }
  if (!*c) {
    fail_with(ctx, command, "--customer: no customer '" + ext + "' for creditor " + o.creditor.code + " (E6004)");
    return std::nullopt;
  }
  return **c;
}

void print_hold(const engine::Hold& h, const std::string& customer_ext) {
  std::string items;
  for (auto id : h.invoice_ids) items += (items.empty() ? "" : ",") + std::to_string(id.value);
  std::printf("%lld\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", static_cast<long long>(h.id), customer_ext.c_str(),
              std::string(engine::to_string(h.kind)).c_str(), items.empty() ? "all" : items.c_str(),
              h.starts_on.iso().c_str(), h.until ? h.until->iso().c_str() : "-",
              h.ended_on ? (std::string(engine::to_string(*h.end)) + " " + h.ended_on->iso()).c_str() : "active",
              h.created_by.c_str(), h.reason.c_str());
}

void add_hold(Context& ctx, const HoldArgs& a) {
  const std::string cmd = "hold add";
  auto kind = engine::parse_hold_kind(a.kind);
  if (!kind) return fail_with(ctx, cmd, "--kind: " + kind.error().detail);
  if (a.reason.empty()) return fail_with(ctx, cmd, "--reason: say why the journey pauses (shown to collectors)");
  auto from = date_or_today(ctx, cmd, "--from", a.from);
  if (!from) return;
  std::optional<calendar::Date> until;
  if (!a.until.empty()) {
    auto u = calendar::Date::parse(a.until);
    if (!u) return fail_with(ctx, cmd, "--until: " + u.error().to_string());
    if (*u < *from) return fail_with(ctx, cmd, "--until " + u->iso() + " lies before --from " + from->iso());
    until = *u;
  }
  if (*kind == engine::HoldKind::promise_to_pay && !until)
    return fail_with(ctx, cmd, "--until: a promise to pay needs the promised date");
  auto o = open(ctx, a.creditor);
  if (!o) return;
  auto cu = customer(ctx, *o, cmd, a.customer);
  if (!cu) return;
  engine::Hold h;
  h.customer_id = cu->id;
  h.kind = *kind;
  h.starts_on = *from;
  h.until = until;
  h.reason = a.reason;
  h.created_by = a.by;
  h.created_unix = ctx.clock.now_unix();
  std::stringstream items(a.items);
  std::string number;
  while (std::getline(items, number, ',')) {
    if (number.empty()) continue;
    auto inv = o->store->invoice_by_external_id(o->creditor.id, number);
    if (!inv || !*inv || (*inv)->customer_id != cu->id)
      return fail_with(ctx, cmd, "--items: '" + number + "' is not an invoice (external id) of customer " + a.customer);
    h.invoice_ids.push_back((*inv)->id);
  }
  auto st = o->store->collection().create_hold(o->creditor.id, h);
  if (!st) return fail_with(ctx, cmd, st.error().to_string());
  std::printf("hold %lld: %s for %s (%s) from %s%s\n", static_cast<long long>(h.id),
              std::string(engine::to_string(h.kind)).c_str(), a.customer.c_str(),
              h.invoice_ids.empty() ? "all items" : a.items.c_str(), h.starts_on.iso().c_str(),
              until ? (" until " + until->iso()).c_str() : "");
}

void end_hold(Context& ctx, const HoldArgs& a) {
  const std::string cmd = "hold end";
  auto on = date_or_today(ctx, cmd, "--on", a.on);
  if (!on) return;
  auto o = open(ctx, a.creditor);
  if (!o) return;
  auto& cs = o->store->collection();
  auto h = cs.hold_by_id(o->creditor.id, a.id);
  if (!h) return fail_with(ctx, cmd, h.error().to_string());
  if (!*h) return fail_with(ctx, cmd, "no hold " + std::to_string(a.id) + " for creditor " + o->creditor.code + " (E7002)");
  if ((*h)->ended_on) return fail_with(ctx, cmd, "hold " + std::to_string(a.id) + " already ended on " + (*h)->ended_on->iso() + " (E7003)");
  if (*on < (*h)->starts_on) return fail_with(ctx, cmd, "--on " + on->iso() + " lies before the hold began (" + (*h)->starts_on.iso() + ")");
  auto done = cs.end_hold(o->creditor.id, a.id, a.broken ? engine::HoldEnd::broken : engine::HoldEnd::ended, *on);
  if (!done) return fail_with(ctx, cmd, done.error().to_string());
  std::printf("hold %lld %s on %s\n", static_cast<long long>(a.id), a.broken ? "broken" : "ended", on->iso().c_str());
}

void list_holds(Context& ctx, const HoldArgs& a) {
  auto o = open(ctx, a.creditor);
  if (!o) return;
  std::optional<domain::CustomerId> only;
  if (!a.customer.empty()) {
    auto cu = customer(ctx, *o, "hold list", a.customer);
    if (!cu) return;
    only = cu->id;
  }
  auto holds = o->store->collection().list_holds(o->creditor.id, only, !a.all);
  if (!holds) return fail_with(ctx, "hold list", holds.error().to_string());
  std::printf("id\tcustomer\tkind\titems\tfrom\tuntil\tstate\tby\treason\n");
  for (const auto& h : *holds) {
    auto cu = o->store->customer_by_id(o->creditor.id, h.customer_id);
    print_hold(h, cu && *cu ? (*cu)->external_id : "?");
  }
}

void add_override(Context& ctx, const HoldArgs& a) {
  const std::string cmd = "segment override";
  if (a.reason.empty()) return fail_with(ctx, cmd, "--reason: say why this customer is moved");
  auto until = calendar::Date::parse(a.until);
  if (!until) return fail_with(ctx, cmd, "--until: " + until.error().to_string());
  auto o = open(ctx, a.creditor);
  if (!o) return;
  auto cu = customer(ctx, *o, cmd, a.customer);
  if (!cu) return;
  auto lc = services::current_collection(*o->store, o->creditor.id, ctx.clock.now_unix());
  if (!lc) return fail_with(ctx, cmd, lc.error().to_string());
  std::string names;
  bool known = false;
  for (const auto& s : lc->current->segments.segments) {
    known = known || s.name == a.segment;
    names += (names.empty() ? "" : ", ") + s.name;
  }
  if (!known) return fail_with(ctx, cmd, "--segment: '" + a.segment + "' is not a segment; use one of: " + names + " (E7004)");
  engine::SegmentOverride ov;
  ov.customer_id = cu->id;
  ov.segment = a.segment;
  ov.reason = a.reason;
  ov.expires_on = *until;
  ov.created_by = a.by;
  ov.created_unix = ctx.clock.now_unix();
  auto st = o->store->collection().add_segment_override(o->creditor.id, ov);
  if (!st) return fail_with(ctx, cmd, st.error().to_string());
  std::printf("override %lld: %s is in segment %s until %s\n", static_cast<long long>(ov.id), a.customer.c_str(),
              a.segment.c_str(), until->iso().c_str());
}

}  // namespace

void add_hold_command(CLI::App& app, Context& ctx) {
  auto a = std::make_shared<HoldArgs>();
  auto* hold = app.add_subcommand("hold", "Pause dunning for a customer or some items, and end the pause");
  hold->require_subcommand(1);
  auto* add = hold->add_subcommand("add", "Start a hold");
  add->add_option("--creditor", a->creditor, "Creditor code or id")->required();
  add->add_option("--customer", a->customer, "Customer external id")->required();
  add->add_option("--kind", a->kind, "dispute, payment_plan, promise_to_pay, insolvency, deceased or manual")->required();
  add->add_option("--items", a->items, "Invoice external ids, comma-separated; default all the customer's items");
  add->add_option("--from", a->from, "First day (YYYY-MM-DD); default today");
  add->add_option("--until", a->until, "Planned end: the promised date, the plan's end (YYYY-MM-DD)");
  add->add_option("--reason", a->reason, "Why (shown to collectors and in explanations)")->required();
  add->add_option("--by", a->by, "Who starts it (default cli)");
  add->callback([&ctx, a] { add_hold(ctx, *a); });
  auto* end = hold->add_subcommand("end", "End a hold: the journey resumes where it stood (--broken: at once)");
  end->add_option("--creditor", a->creditor, "Creditor code or id")->required();
  end->add_option("id", a->id, "The hold's id (from `hold list`)")->required();
  end->add_flag("--broken", a->broken, "The promise or plan was not kept: resume dunning at once");
  end->add_option("--on", a->on, "Day it ended (YYYY-MM-DD); default today");
  end->callback([&ctx, a] { end_hold(ctx, *a); });
  auto* list = hold->add_subcommand("list", "List active holds (--all: also ended ones)");
  list->add_option("--creditor", a->creditor, "Creditor code or id")->required();
  list->add_option("--customer", a->customer, "Only this customer (external id)");
  list->add_flag("--all", a->all, "Include ended holds");
  list->callback([&ctx, a] { list_holds(ctx, *a); });

  auto* seg = app.add_subcommand("segment", "Manual segment overrides");
  seg->require_subcommand(1);
  auto* ov = seg->add_subcommand("override", "Put a customer into a segment by hand until a date");
  ov->add_option("--creditor", a->creditor, "Creditor code or id")->required();
  ov->add_option("--customer", a->customer, "Customer external id")->required();
  ov->add_option("--segment", a->segment, "Segment name from the collection file")->required();
  ov->add_option("--until", a->until, "Last day of the override (YYYY-MM-DD)")->required();
  ov->add_option("--reason", a->reason, "Why")->required();
  ov->add_option("--by", a->by, "Who (default cli)");
  ov->callback([&ctx, a] { add_override(ctx, *a); });
}

}  // namespace kulanz::cli
