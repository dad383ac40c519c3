// `kulanz run` (the daily collection run) and `kulanz explain` (one customer's day).
#include <CLI/CLI.hpp>
#include <boost/json.hpp>
#include <cstdio>
#include <memory>
#include <unistd.h>

#include "cli/context.hpp"
#include "money/money.hpp"
#include "services/collection_service.hpp"

namespace kulanz::cli {
namespace {

struct RunArgs {
  std::string as_of;
  std::string creditor;
  bool dry_run = false;
  bool json = false;
  int batch_size = 500;
  std::string base_rates;
};

struct ExplainArgs {
  std::string customer;
  std::string as_of;
  std::string creditor;
  bool json = false;
  std::string base_rates;
};

void fail_with(Context& ctx, const std::string& command, const base::Error& e) {
  std::fprintf(stderr, "kulanz %s: %s\n", command.c_str(), e.to_string().c_str());
  ctx.exit_code = 2;
}

std::optional<calendar::Date> parse_as_of(Context& ctx, const std::string& command, const std::string& text) {
  if (text.empty()) return calendar::Date::from_unix_utc(ctx.clock.now_unix());
  auto d = calendar::Date::parse(text);
  if (!d) {
    std::fprintf(stderr, "kulanz %s: --as-of: %s\n", command.c_str(), d.error().to_string().c_str());
    ctx.exit_code = 2;
    return std::nullopt;
  }
  return *d;
}

// The creditors a command works on: the one named, or all.
std::optional<std::vector<domain::Creditor>> creditors_for(Context& ctx, ports::LedgerStore& store,
                                                           const std::string& code_or_id) {
  if (!code_or_id.empty()) {
    auto c = ctx.find_creditor(store, code_or_id);
    if (!c) return std::nullopt;
    return std::vector<domain::Creditor>{*c};
  }
  auto all = store.list_creditors();
  if (!all) {
    fail_with(ctx, "run", all.error());
    return std::nullopt;
  }
  return *all;
}


void run(Context& ctx, const RunArgs& a) {
  auto as_of = parse_as_of(ctx, "run", a.as_of);
  if (!as_of) return;
  if (a.batch_size < 1 || a.batch_size > 100000) {
    std::fprintf(stderr, "kulanz run: --batch-size must be 1..100000\n");
    ctx.exit_code = 2;
    return;
  }
  auto rates = load_base_rate_table(ctx, a.base_rates);
  if (!rates) return;
  auto store = ctx.open_store();
  if (!store) return;
  auto creditors = creditors_for(ctx, *store, a.creditor);
  if (!creditors) return;
  if (creditors->empty()) {
    std::fprintf(stderr, "kulanz run: no creditors in the database (create one with `kulanz creditor create`)\n");
    ctx.exit_code = 2;
    return;
  }
  // A second session for loading customers beside the writing one (not for an in-memory
  // database, which a second session would not see).
  std::unique_ptr<ports::LedgerStore> reader;
  if (ctx.db_url.find(":memory:") == std::string::npos) {
    reader = ctx.open_store();
    if (!reader) return;
  }
  const bool tty = isatty(STDERR_FILENO) != 0;
  boost::json::array reports;
  for (const auto& cr : *creditors) {
    services::RunOptions o;
    o.creditor = cr.id;
    o.as_of = *as_of;
    o.dry_run = a.dry_run;
    o.batch_size = a.batch_size;
    o.now_unix = ctx.clock.now_unix();
    o.base_rates = &*rates;
    o.reader = reader.get();
    auto progress = [&](std::int64_t done) {
      if (tty) std::fprintf(stderr, "\r%s: %lld customers evaluated", cr.code.c_str(), static_cast<long long>(done));
    };
    auto sink = [&](const engine::Decision& d) {
      if (a.json) return;
      std::printf("%s\t%s\t%s\t%s\t%s\n", d.customer_external_id.c_str(), std::string(engine::to_string(d.kind)).c_str(),
                  d.channel.empty() ? "-" : d.channel.c_str(), d.deferred_until ? d.deferred_until->iso().c_str() : "-",
                  d.reason.c_str());
    };
    auto report = services::run_collection(*store, o, progress, sink);
    if (tty) std::fprintf(stderr, "\n");
    if (!report) {
      fail_with(ctx, "run", report.error());
      return;
    }
    if (a.json) {
      auto v = boost::json::parse(report->to_json());
      v.as_object()["creditor"] = cr.code;
      reports.push_back(std::move(v));
    } else {
      std::printf("== %s (%s)\n%s", cr.code.c_str(), cr.name.c_str(), report->to_text().c_str());
    }
  }
  if (a.json) std::printf("%s\n", boost::json::serialize(reports).c_str());
}

std::string amount(std::int64_t minor, const std::string& currency) {
  return money::format_decimal(minor, 2) + " " + currency;
}

boost::json::object decision_json(const engine::Decision& d) {
  boost::json::object o;
  o["kind"] = std::string(engine::to_string(d.kind));
  o["segment"] = d.segment;
  o["strategy"] = d.strategy;
  o["version"] = d.version;
  o["variant"] = d.variant;
  if (d.step_index >= 0) {
    o["step"] = d.step_index + 1;
    o["step_kind"] = d.step_kind;
  }
  if (!d.channel.empty()) o["channel"] = d.channel;
  boost::json::array items;
  for (auto id : d.invoice_ids) items.push_back(id.value);
  o["invoice_ids"] = std::move(items);
  if (d.amount_minor != 0) {
    o["amount"] = money::format_decimal(d.amount_minor, 2);
    o["amount_minor"] = d.amount_minor;
    o["currency"] = d.currency;
  }
  if (d.deferred_until) o["deferred_until"] = d.deferred_until->iso();
  if (!d.policy_rule.empty()) o["policy_rule"] = d.policy_rule;
  o["reason"] = d.reason;
  if (!d.idempotency_key.empty()) o["idempotency_key"] = d.idempotency_key;
  return o;
}

void explain(Context& ctx, const ExplainArgs& a) {
  auto as_of = parse_as_of(ctx, "explain", a.as_of);
  if (!as_of) return;
  auto rates = load_base_rate_table(ctx, a.base_rates);
  if (!rates) return;
  auto store = ctx.open_store();
  if (!store) return;
  auto who = ctx.find_customer(*store, "explain", a.creditor, a.customer);
  if (!who) return;
  const domain::Creditor* creditor = &who->creditor;
  auto e = services::explain_customer(*store, creditor->id, a.customer, *as_of, ctx.clock.now_unix(), &*rates);
  if (!e) return fail_with(ctx, "explain", e.error());
  const auto& ev = e->evaluation;
  const auto& cu = e->customer;
  const std::string cur = std::string(creditor->currency.code());
  if (a.json) {
    boost::json::object o;
    o["creditor"] = creditor->code;
    o["customer"] = cu.external_id;
    o["name"] = cu.name;
    o["as_of"] = as_of->iso();
    o["collection_version"] = e->collection_version;
    o["segment"] = {{"name", ev.assignment.segment},
                    {"rule", ev.assignment.rule_index >= 0 ? boost::json::value(ev.assignment.rule_index + 1)
                                                           : boost::json::value("override")},
                    {"explanation", ev.assignment.explanation}};
    boost::json::object facts;
    facts["open"] = money::format_decimal(ev.facts.open_minor, 2);
    facts["overdue"] = money::format_decimal(ev.facts.overdue_minor, 2);
    facts["days_past_due"] = ev.facts.days_past_due;
    if (ev.facts.avg_days_late_12m) facts["avg_days_late_12m"] = *ev.facts.avg_days_late_12m;
    facts["broken_promises"] = ev.facts.broken_promises;
    o["facts"] = std::move(facts);
    if (ev.journey) {
      o["journey"] = {{"strategy", ev.journey->strategy},
                      {"version", ev.journey->version},
                      {"variant", ev.journey->variant},
                      {"holdout", ev.journey->holdout},
                      {"bucket", e->variant.bucket},
                      {"started_on", ev.journey->started_on.iso()},
                      {"starts_today", ev.journey_started}};
    }
    boost::json::array items;
    for (const auto& iv : ev.item_views) {
      boost::json::array steps;
      for (const auto& sv : iv.steps) {
        boost::json::object so{{"step", sv.index + 1}, {"kind", sv.kind}, {"day", sv.day},
                               {"status", std::string(engine::to_string(sv.status))}, {"note", sv.note}};
        if (sv.date) so["date"] = sv.date->iso();
        steps.push_back(std::move(so));
      }
      boost::json::object io{{"number", iv.number},
                             {"due_date", iv.due_date.iso()},
                             {"open", money::format_decimal(iv.open_minor, 2)},
                             {"days_on_hold", iv.days_on_hold},
                             {"limitation", iv.limitation},
                             {"steps", std::move(steps)}};
      if (!iv.hold.empty()) io["hold"] = iv.hold;
      items.push_back(std::move(io));
    }
    o["items"] = std::move(items);
    boost::json::array decisions;
    for (const auto& d : ev.decisions) decisions.push_back(decision_json(d));
    o["decisions"] = std::move(decisions);
    boost::json::array interest;
    for (const auto& iv : ev.interest) {
      boost::json::array periods;
      for (const auto& part : iv.parts) {
        for (const auto& p : part.periods) {
          periods.push_back({{"from", p.from.iso()},
                             {"to", p.to.iso()},
                             {"days", p.days},
                             {"principal", part.principal.to_decimal_string()},
                             {"base_rate", law::format_percent(p.base_rate_bp)},
                             {"rate", law::format_percent(p.rate_bp)},
                             {"interest", p.interest.to_decimal_string()}});
        }
      }
      boost::json::object io{{"number", iv.number},
                             {"total", money::format_decimal(iv.total_minor, 2)},
                             {"periods", std::move(periods)}};
      if (!iv.note.empty()) io["note"] = iv.note;
      interest.push_back(std::move(io));
    }
    o["interest"] = std::move(interest);
    boost::json::array notes;
    for (const auto& n : ev.notes) notes.push_back(boost::json::string(n));
    o["notes"] = std::move(notes);
    std::printf("%s\n", boost::json::serialize(o).c_str());
    return;
  }
  std::printf("Customer %s %s (%s, %s, %s) of %s as of %s\n", cu.external_id.c_str(), cu.name.c_str(),
              std::string(domain::to_string(cu.type)).c_str(), cu.state.empty() ? "no state" : cu.state.c_str(),
              cu.time_zone.c_str(), creditor->code.c_str(), as_of->iso().c_str());
  std::printf("Facts: open %s, overdue %s, %d days past due, average days late (12 months) %s, broken promises %d\n",
              amount(ev.facts.open_minor, cur).c_str(), amount(ev.facts.overdue_minor, cur).c_str(),
              ev.facts.days_past_due,
              ev.facts.avg_days_late_12m ? std::to_string(*ev.facts.avg_days_late_12m).c_str() : "unknown",
              ev.facts.broken_promises);
  std::printf("Segment: %s\n  %s\n", ev.assignment.segment.c_str(), ev.assignment.explanation.c_str());
  if (ev.journey) {
    std::printf("Journey: %s v%lld%s%s, %s %s (collection file v%lld)\n", ev.journey->strategy.c_str(),
                static_cast<long long>(ev.journey->version),
                ev.journey->variant.empty() ? "" : (", variant " + ev.journey->variant).c_str(),
                ev.journey->holdout ? ", holdout group (no optional steps)" : "",
                ev.journey_started ? "starts" : "running since", ev.journey->started_on.iso().c_str(),
                static_cast<long long>(e->collection_version));
  } else {
    std::printf("Journey: none (nothing open in dunning)\n");
  }
  for (const auto& iv : ev.item_views) {
    std::printf("Item %s due %s, open %s%s; limitation: %s\n", iv.number.c_str(), iv.due_date.iso().c_str(),
                amount(iv.open_minor, cur).c_str(),
                iv.days_on_hold ? (", schedule shifted by " + std::to_string(iv.days_on_hold) + " days on hold").c_str() : "",
                iv.limitation.c_str());
    if (!iv.hold.empty()) std::printf("  on hold: %s\n", iv.hold.c_str());
    for (const auto& sv : iv.steps) {
      std::printf("  %2d  day %+4d  %-18s %-10s %-10s %s\n", sv.index + 1, sv.day, sv.kind.c_str(),
                  sv.date ? sv.date->iso().c_str() : "-", std::string(engine::to_string(sv.status)).c_str(),
                  sv.note.c_str());
    }
  }
  for (const auto& n : ev.notes) std::printf("Note: %s\n", n.c_str());
  std::printf("Decisions for %s:\n", as_of->iso().c_str());
  if (ev.decisions.empty()) std::printf("  none\n");
  for (const auto& d : ev.decisions) {
    std::printf("  %-13s %s\n", std::string(engine::to_string(d.kind)).c_str(), d.reason.c_str());
  }
  if (!ev.interest.empty()) {
    std::printf("Default interest (§288 BGB) up to %s:\n", as_of->iso().c_str());
    for (const auto& iv : ev.interest) {
      std::printf("  %s: %s%s\n", iv.number.c_str(), amount(iv.total_minor, cur).c_str(),
                  iv.note.empty() ? "" : ("  (" + iv.note + ")").c_str());
      for (const auto& part : iv.parts) {
        for (const auto& p : part.periods) {
          std::printf("    %s..%s  %3d days on %s at %s%% (base %s%%) = %s\n", p.from.iso().c_str(), p.to.iso().c_str(),
                      p.days, amount(part.principal.minor(), cur).c_str(), law::format_percent(p.rate_bp).c_str(),
                      law::format_percent(p.base_rate_bp).c_str(), amount(p.interest.minor(), cur).c_str());
        }
      }
    }
  }
}

}  // namespace

void add_run_command(CLI::App& app, Context& ctx) {
  auto ra = std::make_shared<RunArgs>();
  auto* run_cmd = app.add_subcommand(
      "run", "The daily collection run: evaluate every customer and write decisions, outbox, tasks and fees");
  run_cmd->add_option("--as-of", ra->as_of, "Run day (YYYY-MM-DD); default today (UTC)");
  run_cmd->add_option("--creditor", ra->creditor, "Creditor code or id; default every creditor");
  run_cmd->add_flag("--dry-run", ra->dry_run, "Print what would happen (one decision a line) and write nothing");
  run_cmd->add_flag("--json", ra->json, "Print the run report as JSON");
  run_cmd->add_option("--batch-size", ra->batch_size, "Customers per batch (one transaction each)")->capture_default_str();
  run_cmd->add_option("--base-rates", ra->base_rates, "Base-rate table (CSV) instead of the built-in one");
  run_cmd->callback([&ctx, ra] { run(ctx, *ra); });

  auto ea = std::make_shared<ExplainArgs>();
  auto* ex = app.add_subcommand("explain", "Explain one customer's day: segment, journey, every step, interest and fees");
  ex->add_option("--customer", ea->customer, "The customer's external id")->required();
  ex->add_option("--as-of", ea->as_of, "Day to explain (YYYY-MM-DD); default today (UTC)");
  ex->add_option("--creditor", ea->creditor, "Creditor code or id (needed when the external id is not unique)");
  ex->add_flag("--json", ea->json, "Print as JSON");
  ex->add_option("--base-rates", ea->base_rates, "Base-rate table (CSV) instead of the built-in one");
  ex->callback([&ctx, ea] { explain(ctx, *ea); });
}

}  // namespace kulanz::cli
