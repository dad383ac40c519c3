// Collection files in the database, the daily run and explanations (docs/ENGINE.md).
#include "services/collection_service.hpp"

#include <algorithm>
#include <future>
#include <mutex>
#include <set>
#include <unordered_map>

#include "base/text.hpp"
#include "engine/builtin_collection.hpp"
#include "money/money.hpp"
#include "security/security.hpp"
#include "services/dispatch.hpp"
#include "services/portal_actions.hpp"

namespace kulanz::services {
namespace {

using base::fail;
using engine::CollectionFile;

base::Result<std::shared_ptr<CollectionFile>> parse(std::string_view toml, const std::string& name) {
  // A stored file is parsed once per content and name for the process: every portal
  // overview and explanation needs the creditor's current file. The engine only reads it.
  static std::mutex mutex;
  static std::unordered_map<std::string, std::shared_ptr<CollectionFile>> cache;
  std::string key = name + '\0' + std::string(toml);
  {
    std::lock_guard<std::mutex> lock(mutex);
    if (auto it = cache.find(key); it != cache.end()) return it->second;
  }
  engine::LoadResult r = engine::parse_collection(toml, name);
  if (!r.errors.empty() || !r.file) {
    std::string detail;
    for (const auto& d : r.errors) detail += (detail.empty() ? "" : "\n") + d.to_string();
    return fail(base::ErrorCode::collection_invalid, detail.empty() ? "the file could not be read" : detail);
  }
  auto file = std::make_shared<CollectionFile>(std::move(*r.file));
  std::lock_guard<std::mutex> lock(mutex);
  if (cache.size() >= 64) cache.clear();
  cache.emplace(std::move(key), file);
  return file;
}

std::string json_string(std::string_view s) { return base::json_quote(s); }

std::string json_counts(const std::map<std::string, std::int64_t>& m) {
  std::string out = "{";
  for (const auto& [k, v] : m) out += (out.size() > 1 ? "," : "") + json_string(k) + ":" + std::to_string(v);
  return out + "}";
}

}  // namespace

engine::StrategyCatalog LoadedCollection::catalog() const {
  engine::StrategyCatalog c;
  c.current = current.get();
  c.current_versions = current_versions;
  c.older = [this](const std::string& name, std::int64_t version) -> const engine::Strategy* {
    const auto h = holders.find({name, version});
    if (h == holders.end()) return nullptr;
    const auto f = older_files.find(h->second);
    if (f == older_files.end()) return nullptr;
    for (const auto& s : f->second->strategies) {
      if (s.name == name) return &s;
    }
    return nullptr;
  };
  return c;
}

base::Result<LoadCollectionOutcome> load_collection(ports::LedgerStore& store, domain::CreditorId creditor,
                                                    std::string_view toml, std::string_view source_name,
                                                    std::string_view note, std::int64_t now_unix) {
  KULANZ_TRY(file, parse(toml, std::string(source_name)));
  auto& cs = store.collection();
  LoadCollectionOutcome out;
  const std::string sha = security::sha256_hex(toml);
  KULANZ_TRY(latest, cs.latest_collection_file(creditor));
  if (latest && latest->sha256 == sha) {
    out.file_version = latest->version;
    return out;
  }
  KULANZ_TRY(versions, cs.list_strategy_versions(creditor));
  const base::Status st = ports::in_transaction(store, [&]() -> base::Status {
    ports::CollectionFileRecord rec;
    rec.content = std::string(toml);
    rec.sha256 = sha;
    rec.note = std::string(note);
    rec.created_unix = now_unix;
    KULANZ_TRY(version, cs.save_collection_file(creditor, rec));
    out.file_version = version;
    out.new_file_version = true;
    for (const auto& s : file->strategies) {
      const std::string fp = security::sha256_hex(engine::canonical_text(s));
      std::int64_t last = 0;
      std::string last_fp;
      for (const auto& v : versions) {
        if (v.name == s.name && v.version > last) {
          last = v.version;
          last_fp = v.fingerprint;
        }
      }
      if (last > 0 && last_fp == fp) continue;
      ports::StrategyVersionRecord v;
      v.name = s.name;
      v.version = last + 1;
      v.collection_version = version;
      v.segment = s.segment;
      v.fingerprint = fp;
      v.created_unix = now_unix;
      KULANZ_TRY_STATUS(cs.add_strategy_version(creditor, v));
      out.changed.push_back(s.name + " v" + std::to_string(v.version));
    }
    return {};
  });
  if (!st) return fail(st.error());
  return out;
}

base::Result<LoadedCollection> current_collection(ports::LedgerStore& store, domain::CreditorId creditor,
                                                  std::int64_t now_unix) {
  auto& cs = store.collection();
  KULANZ_TRY(latest, cs.latest_collection_file(creditor));
  if (!latest) {
    KULANZ_TRY(loaded, load_collection(store, creditor, engine::builtin_collection_text(), "builtin:default.toml",
                                       "built-in default set", now_unix));
    (void)loaded;
    KULANZ_TRY(again, cs.latest_collection_file(creditor));
    latest = std::move(again);
    if (!latest) return fail(base::ErrorCode::internal, "the default collection file was not stored");
  }
  LoadedCollection lc;
  lc.file_version = latest->version;
  KULANZ_TRY(file, parse(latest->content, "collection file v" + std::to_string(latest->version)));
  lc.current = file;
  KULANZ_TRY(versions, cs.list_strategy_versions(creditor));
  for (const auto& v : versions) {
    lc.holders[{v.name, v.version}] = v.collection_version;
    // The current version of a strategy is the newest one at or before this file.
    if (v.collection_version <= latest->version) {
      auto& cur = lc.current_versions[v.name];
      cur = std::max(cur, v.version);
    }
  }
  // Older files are parsed once, up front: journeys of a run may point at any of them.
  std::set<std::int64_t> needed;
  for (const auto& [key, holder] : lc.holders) {
    if (holder != latest->version && lc.current_versions[key.first] != key.second) needed.insert(holder);
  }
  for (std::int64_t v : needed) {
    KULANZ_TRY(rec, cs.collection_file(creditor, v));
    if (!rec) continue;
    auto parsed = parse(rec->content, "collection file v" + std::to_string(v));
    if (parsed) lc.older_files[v] = std::move(*parsed);  // an old file that no longer parses pins nobody
  }
  return lc;
}

std::string RunReport::to_json() const {
  return "{\"run_id\":" + std::to_string(run_id) + ",\"as_of\":" + json_string(as_of.iso()) +
         ",\"dry_run\":" + (dry_run ? "true" : "false") + ",\"customers\":" + std::to_string(customers) +
         ",\"in_journey\":" + std::to_string(in_journey) + ",\"journeys_started\":" + std::to_string(journeys_started) +
         ",\"journeys_ended\":" + std::to_string(journeys_ended) + ",\"per_segment\":" + json_counts(per_segment) +
         ",\"per_decision\":" + json_counts(per_decision) + ",\"per_step\":" + json_counts(per_step) +
         ",\"per_channel\":" + json_counts(per_channel) + ",\"deferrals\":" + json_counts(deferrals) +
         ",\"outbox_new\":" + std::to_string(outbox_new) + ",\"outbox_existing\":" + std::to_string(outbox_existing) +
         ",\"tasks_new\":" + std::to_string(tasks_new) + ",\"escalations_new\":" + std::to_string(escalations_new) +
         ",\"fees_posted\":" + json_string(money::format_decimal(fees_posted_minor, 2)) +
         ",\"interest_posted\":" + json_string(money::format_decimal(interest_posted_minor, 2)) +
         ",\"holds_broken\":" + std::to_string(holds_broken) + ",\"plans_completed\":" + std::to_string(plans_completed) +
         ",\"plans_broken\":" + std::to_string(plans_broken) + ",\"currency\":" + json_string(currency) + "}";
}

std::string RunReport::to_text() const {
  auto section = [](const std::string& title, const std::map<std::string, std::int64_t>& m) {
    std::string s = title + ":\n";
    if (m.empty()) return s + "  (none)\n";
    std::size_t w = 0;
    for (const auto& [k, v] : m) w = std::max(w, k.size());
    for (const auto& [k, v] : m) s += "  " + k + std::string(w - k.size() + 2, ' ') + std::to_string(v) + "\n";
    return s;
  };
  std::string s = (dry_run ? std::string("Dry run") : "Run " + std::to_string(run_id)) + " as of " + as_of.iso() +
                  (dry_run ? " (nothing written)" : "") + "\n";
  s += "customers " + std::to_string(customers) + ", in a journey " + std::to_string(in_journey) +
       ", journeys started " + std::to_string(journeys_started) + ", ended " + std::to_string(journeys_ended) + "\n";
  s += section("segments (customers)", per_segment);
  s += section("decisions", per_decision);
  s += section("steps", per_step);
  s += section("channels", per_channel);
  s += section("deferrals by rule", deferrals);
  s += "outbox: " + std::to_string(outbox_new) + " new, " + std::to_string(outbox_existing) +
       " already there; tasks: " + std::to_string(tasks_new) + " new; escalations: " + std::to_string(escalations_new) +
       " new\n";
  s += "fees posted " + money::format_decimal(fees_posted_minor, 2) + " " + currency + ", interest posted " +
       money::format_decimal(interest_posted_minor, 2) + " " + currency + "; promises broken " +
       std::to_string(holds_broken) + "; payment plans completed " + std::to_string(plans_completed) + ", broken " +
       std::to_string(plans_broken) + "\n";
  return s;
}

namespace {

// One batch of a run after evaluation: its counts for the report, what it writes, and the
// customer id to continue after.
struct EvaluatedBatch {
  RunReport counts;  // customers, segments, decisions, steps, channels, deferrals, fees, interest
  ports::BatchWrites writes;
  std::vector<domain::Invoice> items;
  std::vector<std::int64_t> broken, kept;
  domain::CustomerId last;
  std::size_t size = 0;
};

void add_counts(std::map<std::string, std::int64_t>& to, const std::map<std::string, std::int64_t>& from) {
  for (const auto& [k, v] : from) to[k] += v;
}

// Evaluates a batch of cases; pure (no I/O), so it runs beside the loading and writing of
// other batches.
EvaluatedBatch evaluate_batch(const engine::EvaluationContext& ctx, std::vector<engine::CustomerCase> cases) {
  EvaluatedBatch b;
  b.size = cases.size();
  if (!cases.empty()) b.last = cases.back().ledger.customer.id;
  RunReport& report = b.counts;
  ports::BatchWrites& writes = b.writes;
  auto move_all = [](auto& to, auto& from) {
    to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
  };
  for (const engine::CustomerCase& c : cases) {
    engine::Evaluation ev = engine::evaluate(ctx, c);
    ++report.customers;
    ++report.per_segment[ev.assignment.segment];
    if (ev.journey) ++report.in_journey;
    if (ev.journey_started) {
      ++report.journeys_started;
      writes.journeys_started.push_back(*ev.journey);
    } else if (ev.journey_ended) {
      ++report.journeys_ended;
      writes.journeys_ended.push_back(c.ledger.customer.id);
    }
    if (!c.assignment || c.assignment->segment != ev.assignment.segment ||
        c.assignment->rule_index != ev.assignment.rule_index) {
      // Stored with the rule that matched; why earlier rules did not match is shown by
      // explain, which recomputes it (keeps a first run over a large portfolio light).
      engine::SegmentAssignmentRecord a = std::move(ev.assignment);
      if (const auto cut = a.explanation.find("; earlier rules did not match"); cut != std::string::npos)
        a.explanation.resize(cut);
      writes.assignments.push_back(std::move(a));
    }
    for (const auto& d : ev.decisions) {
      ++report.per_decision[std::string(engine::to_string(d.kind))];
      if (d.kind == engine::DecisionKind::defer) ++report.deferrals[d.policy_rule];
      if (d.kind != engine::DecisionKind::defer && d.kind != engine::DecisionKind::skip && d.step_index >= 0) {
        ++report.per_step[d.strategy + " v" + std::to_string(d.version) + " step " + std::to_string(d.step_index + 1) +
                          " " + d.step_kind];
      }
      if (d.kind == engine::DecisionKind::send_message || d.kind == engine::DecisionKind::create_task)
        ++report.per_channel[d.channel];
      if (d.kind == engine::DecisionKind::post_fee) report.fees_posted_minor += d.amount_minor;
      if (d.kind == engine::DecisionKind::post_interest) report.interest_posted_minor += d.amount_minor;
    }
    report.holds_broken += static_cast<std::int64_t>(ev.holds_broken.size());
    move_all(writes.decisions, ev.decisions);
    move_all(writes.outbox, ev.outbox);
    move_all(writes.tasks, ev.tasks);
    move_all(writes.escalations, ev.escalations);
    move_all(writes.steps, ev.steps);
    move_all(b.items, ev.items);
    b.broken.insert(b.broken.end(), ev.holds_broken.begin(), ev.holds_broken.end());
    b.kept.insert(b.kept.end(), ev.holds_kept.begin(), ev.holds_kept.end());
  }
  return b;
}

void merge_counts(RunReport& into, const RunReport& c) {
  into.customers += c.customers;
  into.in_journey += c.in_journey;
  into.journeys_started += c.journeys_started;
  into.journeys_ended += c.journeys_ended;
  add_counts(into.per_segment, c.per_segment);
  add_counts(into.per_decision, c.per_decision);
  add_counts(into.per_step, c.per_step);
  add_counts(into.per_channel, c.per_channel);
  add_counts(into.deferrals, c.deferrals);
  into.fees_posted_minor += c.fees_posted_minor;
  into.interest_posted_minor += c.interest_posted_minor;
  into.holds_broken += c.holds_broken;
}

}  // namespace

base::Result<RunReport> run_collection(ports::LedgerStore& store, const RunOptions& options,
                                       const RunProgress& progress, const DecisionSink& dry_run_sink) {
  auto& cs = store.collection();
  KULANZ_TRY(collection, current_collection(store, options.creditor, options.now_unix));
  engine::EvaluationContext ctx;
  ctx.creditor = options.creditor;
  ctx.as_of = options.as_of;
  ctx.catalog = collection.catalog();
  ctx.base_rates = options.base_rates ? options.base_rates : &law::builtin_base_rates();

  RunReport report;
  report.as_of = options.as_of;
  report.dry_run = options.dry_run;
  engine::RunRecord run;
  if (!options.dry_run) {
    run.creditor_id = options.creditor;
    run.as_of = options.as_of;
    run.started_unix = options.now_unix;
    KULANZ_TRY_STATUS(cs.create_run(run));
    report.run_id = run.id;
    // Plans first: a broken plan's hold ends before its customer is evaluated.
    auto plans = review_payment_plans(store, options.creditor, options.as_of, options.now_unix);
    if (!plans) {
      (void)cs.finish_run(options.creditor, run.id, "failed", report.to_json(), options.now_unix);
      return fail(plans.error());
    }
    report.plans_completed = plans->completed;
    report.plans_broken = plans->broken;
  }
  const calendar::Date since = options.as_of.add_days(-kContactHistoryDays);
  // A pipeline over batches of customers (docs/ENGINE.md, "The run"). With a reader
  // session, one thread loads and evaluates batch k+1 while this one writes batch k; without
  // one, this thread loads and the other only evaluates. Batches are disjoint sets of
  // customers and a case depends only on its own customer's rows, so reading batch k+1
  // before batch k is written reads nothing that k changes.
  const engine::EvaluationContext& cctx = ctx;
  const int batch_size = options.batch_size;
  auto load = [&cctx, batch_size, since](ports::CollectionStore& from,
                                         domain::CustomerId after) -> base::Result<std::vector<engine::CustomerCase>> {
    return from.load_cases(cctx.creditor, after, batch_size, since);
  };
  using Produced = base::Result<EvaluatedBatch>;
  auto start = [&](domain::CustomerId after) -> std::future<Produced> {
    if (options.reader) {
      ports::CollectionStore* from = &options.reader->collection();
      return std::async(std::launch::async, [&cctx, load, from, after]() -> Produced {
        KULANZ_TRY(cases, load(*from, after));
        return evaluate_batch(cctx, std::move(cases));
      });
    }
    auto cases = load(cs, after);
    if (!cases) {
      std::promise<Produced> failed;
      failed.set_value(base::fail(cases.error()));
      return failed.get_future();
    }
    return std::async(std::launch::async,
                      [&cctx](std::vector<engine::CustomerCase> c) -> Produced { return evaluate_batch(cctx, std::move(c)); },
                      std::move(*cases));
  };
  auto failed = [&](const base::Error& e) -> base::Result<RunReport> {
    if (!options.dry_run) (void)cs.finish_run(options.creditor, run.id, "failed", report.to_json(), options.now_unix);
    return fail(e);
  };
  std::future<Produced> pending = start(domain::CustomerId());
  while (pending.valid()) {
    Produced produced = pending.get();
    if (!produced) return failed(produced.error());
    EvaluatedBatch batch = std::move(*produced);
    if (batch.size == 0) break;
    pending = start(batch.last);
    merge_counts(report, batch.counts);
    if (options.dry_run) {
      if (dry_run_sink)
        for (const auto& d : batch.writes.decisions) dry_run_sink(d);
      report.outbox_new += static_cast<std::int64_t>(batch.writes.outbox.size());
      report.tasks_new += static_cast<std::int64_t>(batch.writes.tasks.size());
      report.escalations_new += static_cast<std::int64_t>(batch.writes.escalations.size());
    } else {
      // One transaction per batch: the steps taken and everything they caused commit
      // together, so a crash leaves each customer either fully done for the day or untouched.
      ports::BatchOutcome outcome;
      const base::Status st = ports::in_transaction(store, [&]() -> base::Status {
        for (std::int64_t id : batch.broken) {
          KULANZ_TRY(ended, cs.end_hold(options.creditor, id, engine::HoldEnd::broken, options.as_of));
          (void)ended;
        }
        for (std::int64_t id : batch.kept) {
          KULANZ_TRY(ended, cs.end_hold(options.creditor, id, engine::HoldEnd::ended, options.as_of));
          (void)ended;
        }
        if (!batch.items.empty()) {
          KULANZ_TRY(outcomes, store.upsert_invoices(options.creditor, batch.items));
          (void)outcomes;
        }
        KULANZ_TRY(o, cs.apply_batch(options.creditor, run.id, batch.writes));
        outcome = o;
        return {};
      });
      if (!st) {
        if (pending.valid()) pending.wait();  // no thread outlives the run
        return failed(st.error());
      }
      report.outbox_new += outcome.outbox_inserted;
      report.outbox_existing += outcome.outbox_existing;
      report.tasks_new += outcome.tasks_inserted;
      report.escalations_new += outcome.escalations_inserted;
    }
    if (progress) progress(report.customers);
  }
  if (!options.dry_run) {
    const std::string report_json = report.to_json();
    // The run and its `run.finished` event for the creditor's webhooks, together.
    const base::Status finished = ports::in_transaction(store, [&]() -> base::Status {
      KULANZ_TRY_STATUS(cs.finish_run(options.creditor, run.id, "finished", report_json, options.now_unix));
      auto event = queue_event(store, options.creditor, "run.finished", "run:" + std::to_string(run.id),
                               "{\"run_id\":" + std::to_string(run.id) + ",\"report\":" + report_json + "}",
                               options.now_unix);
      if (!event) return base::fail(std::move(event).error());
      return {};
    });
    if (!finished) return base::fail(finished.error());
  }
  return report;
}

base::Result<Explanation> explain_customer(ports::LedgerStore& store, domain::CreditorId creditor,
                                           std::string_view customer_external_id, calendar::Date as_of,
                                           std::int64_t now_unix, const law::BaseRateTable* base_rates) {
  KULANZ_TRY(customer, store.customer_by_external_id(creditor, customer_external_id));
  if (!customer)
    return fail(base::ErrorCode::customer_unknown,
                "no customer with external id '" + std::string(customer_external_id) + "' for this creditor");
  KULANZ_TRY(collection, current_collection(store, creditor, now_unix));
  KULANZ_TRY(c, store.collection().load_case(creditor, customer->id, as_of.add_days(-kContactHistoryDays)));
  if (!c) return fail(base::ErrorCode::customer_unknown, "the customer's records could not be loaded");
  engine::EvaluationContext ctx;
  ctx.creditor = creditor;
  ctx.as_of = as_of;
  ctx.catalog = collection.catalog();
  ctx.base_rates = base_rates ? base_rates : &law::builtin_base_rates();
  ctx.with_details = true;
  Explanation e;
  e.customer = *customer;
  e.collection_version = collection.file_version;
  e.evaluation = engine::evaluate(ctx, *c);
  if (e.evaluation.journey) {
    if (const auto* s = ctx.catalog.find(e.evaluation.journey->strategy, e.evaluation.journey->version))
      e.variant = engine::choose_variant(creditor, customer->external_id, *s);
  }
  return e;
}

}  // namespace kulanz::services
