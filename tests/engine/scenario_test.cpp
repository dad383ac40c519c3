// Scenario files (tests/engine/scenarios/*.toml): customers, items, payments and holds
// that become known on given days, collection runs on given days, and the decisions each
// run must make. Every scenario runs through the real run (services::run_collection) on
// a fresh SQLite database. Format: tests/engine/scenarios/README.md.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <unistd.h>
#include <sstream>
#include <toml++/toml.h>

#include "engine/records.hpp"
#include "importers/raw_record.hpp"
#include "services/collection_service.hpp"
#include "services/import_service.hpp"
#include "store/open.hpp"

namespace fs = std::filesystem;
using namespace kulanz;
using calendar::Date;

namespace {

std::string text_of(const toml::node& n) {
  if (auto s = n.value<std::string>()) return *s;
  if (auto b = n.value<bool>()) return *b ? "yes" : "no";
  if (auto i = n.value<std::int64_t>()) return std::to_string(*i);
  return {};
}

Date date_of(const std::string& s) {
  auto d = Date::parse_iso(s);
  if (!d) throw std::runtime_error("bad date '" + s + "' in scenario");
  return *d;
}

// A record with the day it becomes known to kulanz.
struct Timed {
  Date known_from;
  importers::RawRecord record;
};

struct HoldSpec {
  Date known_from;
  std::string customer;
  std::string kind;
  std::vector<std::string> items;
  Date from;
  std::optional<Date> until;
  std::string reason;
  std::optional<Date> ended_on;
  bool broken = false;
  std::int64_t id = 0;  // once created
};

struct OverrideSpec {
  std::string customer;
  std::string segment;
  Date until;
  bool done = false;
};

struct RunSpec {
  Date as_of;
  std::string collection;                   // loaded before this run when set
  std::vector<std::string> expect_windows;  // "K1 first_reminder email 2026-03-09T12:00:00Z 2026-03-10T00:00:00Z"
  std::vector<std::string> expect;          // decision lines (any order)
  std::vector<std::string> expect_reasons;  // substrings that must appear in some reason
  std::optional<std::int64_t> outbox_total;  // outbox size after the run
};

struct Scenario {
  std::string name;
  std::string description;
  std::string collection;  // TOML; empty = built-in
  std::vector<Timed> customers, invoices, credit_notes, payments;
  std::vector<HoldSpec> holds;
  std::vector<OverrideSpec> overrides;
  std::vector<RunSpec> runs;
};

std::vector<Timed> records_of(const toml::table& t, const char* key, const char* default_known_field, Date start) {
  std::vector<Timed> out;
  const auto* arr = t[key].as_array();
  if (!arr) return out;
  int n = 0;
  for (const auto& el : *arr) {
    const auto* row = el.as_table();
    if (!row) throw std::runtime_error(std::string(key) + " must be tables");
    Timed r;
    r.known_from = start;
    r.record.location = std::string(key) + "[" + std::to_string(n++) + "]";
    for (const auto& [k, v] : *row) {
      if (k.str() == "known_from") {
        r.known_from = date_of(text_of(v));
        continue;
      }
      r.record.fields.emplace_back(std::string(k.str()), text_of(v));
    }
    if (default_known_field && !row->contains("known_from")) {
      if (auto f = r.record.get(default_known_field)) r.known_from = date_of(std::string(*f));
    }
    out.push_back(std::move(r));
  }
  return out;
}

Scenario load(const fs::path& path) {
  toml::table t = toml::parse_file(path.string());
  Scenario s;
  s.name = path.stem().string();
  s.description = t["description"].value_or(std::string());
  s.collection = t["collection"].value_or(std::string());
  const Date start = Date::from_days(0);
  s.customers = records_of(t, "customers", nullptr, start);
  s.invoices = records_of(t, "invoices", "issue_date", start);
  s.credit_notes = records_of(t, "credit_notes", "issue_date", start);
  s.payments = records_of(t, "payments", "value_date", start);
  if (const auto* holds = t["holds"].as_array()) {
    for (const auto& el : *holds) {
      const auto& h = *el.as_table();
      HoldSpec spec;
      spec.customer = h["customer"].value_or(std::string());
      spec.kind = h["kind"].value_or(std::string());
      spec.from = date_of(h["from"].value_or(std::string()));
      spec.known_from = h["known_from"] ? date_of(h["known_from"].value_or(std::string())) : spec.from;
      if (h["until"]) spec.until = date_of(h["until"].value_or(std::string()));
      spec.reason = h["reason"].value_or(std::string("scenario"));
      if (const auto* items = h["items"].as_array()) {
        for (const auto& i : *items) spec.items.push_back(i.value_or(std::string()));
      }
      if (h["ended_on"]) spec.ended_on = date_of(h["ended_on"].value_or(std::string()));
      spec.broken = h["broken"].value_or(false);
      s.holds.push_back(std::move(spec));
    }
  }
  if (const auto* ovs = t["overrides"].as_array()) {
    for (const auto& el : *ovs) {
      const auto& o = *el.as_table();
      s.overrides.push_back({o["customer"].value_or(std::string()), o["segment"].value_or(std::string()),
                             date_of(o["until"].value_or(std::string()))});
    }
  }
  for (const auto& el : *t["runs"].as_array()) {
    const auto& r = *el.as_table();
    RunSpec run;
    run.as_of = date_of(r["as_of"].value_or(std::string()));
    run.collection = r["collection"].value_or(std::string());
    if (const auto* e = r["expect_windows"].as_array()) {
      for (const auto& line : *e) run.expect_windows.push_back(line.value_or(std::string()));
    }
    if (const auto* e = r["expect"].as_array()) {
      for (const auto& line : *e) run.expect.push_back(line.value_or(std::string()));
    }
    if (const auto* e = r["expect_reasons"].as_array()) {
      for (const auto& line : *e) run.expect_reasons.push_back(line.value_or(std::string()));
    }
    if (r["outbox_total"]) run.outbox_total = r["outbox_total"].value_or(std::int64_t{0});
    s.runs.push_back(std::move(run));
  }
  return s;
}

// "K1 send_message step=2:reminder channel=email items=R1,R2" etc.
std::string line_of(const engine::Decision& d, const std::map<std::int64_t, std::string>& numbers) {
  std::string s = d.customer_external_id + " " + std::string(engine::to_string(d.kind));
  if (!d.strategy.empty()) s += " " + d.strategy + "@" + std::to_string(d.version) + (d.variant.empty() ? "" : "/" + d.variant);
  if (d.step_index >= 0) s += " step=" + std::to_string(d.step_index + 1) + ":" + d.step_kind;
  if (!d.channel.empty()) s += " channel=" + d.channel;
  if (!d.invoice_ids.empty()) {
    std::vector<std::string> names;
    for (auto id : d.invoice_ids) {
      auto it = numbers.find(id.value);
      names.push_back(it == numbers.end() ? "#" + std::to_string(id.value) : it->second);
    }
    std::sort(names.begin(), names.end());
    s += " items=";
    for (std::size_t i = 0; i < names.size(); ++i) s += (i ? "," : "") + names[i];
  }
  if (d.deferred_until) s += " until=" + d.deferred_until->iso();
  if (!d.policy_rule.empty()) s += " rule=" + d.policy_rule;
  if (d.amount_minor != 0) s += " amount=" + money::format_decimal(d.amount_minor, 2);
  return s;
}

std::string utc(std::int64_t unix_seconds) {
  const Date d = Date::from_unix_utc(unix_seconds);
  const std::int64_t secs = unix_seconds - static_cast<std::int64_t>(d.days_since_epoch()) * 86400;
  char buf[16];
  std::snprintf(buf, sizeof buf, "T%02d:%02d:%02dZ", static_cast<int>(secs / 3600), static_cast<int>(secs / 60 % 60),
                static_cast<int>(secs % 60));
  return d.iso() + buf;
}

class ScenarioTest : public ::testing::TestWithParam<fs::path> {};

TEST_P(ScenarioTest, DecisionsMatch) {
  const Scenario sc = load(GetParam());
  SCOPED_TRACE(sc.name + ": " + sc.description);
  const fs::path db = fs::temp_directory_path() / ("kulanz-scenario-" + sc.name + "-" + std::to_string(::getpid()) + ".db");
  fs::remove(db);
  const std::string url = "sqlite:" + db.string();
  ASSERT_TRUE(store::migrate(url));
  auto opened = store::open(url);
  ASSERT_TRUE(opened) << opened.error().to_string();
  auto& store = **opened;
  domain::Creditor cr;
  cr.code = "scenario";
  cr.name = "Scenario GmbH";
  auto created = store.create_creditor(cr);
  ASSERT_TRUE(created);
  const auto creditor = created->id;
  const std::int64_t now = 1'800'000'000;
  if (!sc.collection.empty()) {
    auto loaded = services::load_collection(store, creditor, sc.collection, sc.name + ".collection", "scenario", now);
    ASSERT_TRUE(loaded) << loaded.error().to_string();
  }

  std::set<std::string> imported;
  auto import_known = [&](const std::vector<Timed>& rows, importers::RecordKind kind, Date day) {
    std::vector<importers::RawRecord> batch;
    for (const auto& r : rows) {
      if (r.known_from > day || imported.count(r.record.location)) continue;
      imported.insert(r.record.location);
      batch.push_back(r.record);
    }
    if (batch.empty()) return;
    services::ImportOptions o;
    o.kind = kind;
    o.creditor = creditor;
    auto rep = services::import_records(store, o, batch);
    ASSERT_TRUE(rep) << rep.error().to_string();
    for (const auto& rej : rep->rejected) {
      for (const auto& e : rej.errors) ADD_FAILURE() << rej.location << ": " << e.to_string();
    }
  };

  std::vector<HoldSpec> holds = sc.holds;
  std::vector<OverrideSpec> overrides = sc.overrides;
  std::int64_t last_outbox = 0;
  std::int64_t last_decision = 0;
  for (const RunSpec& run : sc.runs) {
    SCOPED_TRACE("run as of " + run.as_of.iso());
    import_known(sc.customers, importers::RecordKind::customer, run.as_of);
    import_known(sc.invoices, importers::RecordKind::invoice, run.as_of);
    import_known(sc.credit_notes, importers::RecordKind::credit_note, run.as_of);
    import_known(sc.payments, importers::RecordKind::payment, run.as_of);
    for (auto& h : holds) {
      if (h.id == 0 && h.known_from <= run.as_of) {
        auto cu = store.customer_by_external_id(creditor, h.customer);
        ASSERT_TRUE(cu && *cu) << "hold for unknown customer " << h.customer;
        engine::Hold hold;
        hold.customer_id = (*cu)->id;
        auto kind = engine::parse_hold_kind(h.kind);
        ASSERT_TRUE(kind) << kind.error().to_string();
        hold.kind = *kind;
        hold.starts_on = h.from;
        hold.until = h.until;
        hold.reason = h.reason;
        hold.created_by = "scenario";
        for (const auto& ext : h.items) {
          auto inv = store.invoice_by_external_id(creditor, ext);
          ASSERT_TRUE(inv && *inv) << "hold names unknown item " << ext;
          hold.invoice_ids.push_back((*inv)->id);
        }
        ASSERT_TRUE(store.collection().create_hold(creditor, hold));
        h.id = hold.id;
      }
      if (h.id != 0 && h.ended_on && *h.ended_on <= run.as_of) {
        auto ended = store.collection().end_hold(creditor, h.id, h.broken ? engine::HoldEnd::broken : engine::HoldEnd::ended,
                                                 *h.ended_on);
        ASSERT_TRUE(ended);
        h.ended_on.reset();
      }
    }
    for (auto& ov : overrides) {
      if (ov.done) continue;
      auto cu = store.customer_by_external_id(creditor, ov.customer);
      ASSERT_TRUE(cu && *cu) << "override for unknown customer " << ov.customer;
      engine::SegmentOverride o;
      o.customer_id = (*cu)->id;
      o.segment = ov.segment;
      o.reason = "scenario";
      o.expires_on = ov.until;
      o.created_by = "scenario";
      ASSERT_TRUE(store.collection().add_segment_override(creditor, o));
      ov.done = true;
    }
    if (!run.collection.empty()) {
      auto loaded = services::load_collection(store, creditor, run.collection, sc.name + ".collection", "scenario", now);
      ASSERT_TRUE(loaded) << loaded.error().to_string();
    }
    services::RunOptions o;
    o.creditor = creditor;
    o.as_of = run.as_of;
    o.now_unix = now;
    o.batch_size = 7;  // several batches even in small scenarios
    auto report = services::run_collection(store, o);
    ASSERT_TRUE(report) << report.error().to_string();

    std::map<std::int64_t, std::string> numbers;
    auto inv_ids = store.invoice_ids(creditor);
    ASSERT_TRUE(inv_ids);
    for (const auto& [ext, id] : *inv_ids) numbers[id.value] = ext;

    engine::DecisionQuery q;
    q.run_id = report->run_id;
    q.after_id = last_decision;
    q.limit = 10000;
    auto decisions = store.collection().list_decisions(creditor, q);
    ASSERT_TRUE(decisions) << decisions.error().to_string();
    std::vector<std::string> got;
    std::string reasons;
    for (const auto& d : *decisions) {
      got.push_back(line_of(d, numbers));
      reasons += d.reason + "\n";
      last_decision = std::max(last_decision, d.id);
    }
    std::vector<std::string> want = run.expect;
    std::sort(got.begin(), got.end());
    std::sort(want.begin(), want.end());
    std::string got_text, want_text;
    for (const auto& l : got) got_text += "  " + l + "\n";
    for (const auto& l : want) want_text += "  " + l + "\n";
    EXPECT_EQ(want_text, got_text) << "reasons:\n" << reasons;
    for (const auto& r : run.expect_reasons) {
      EXPECT_NE(reasons.find(r), std::string::npos) << "no reason contains '" << r << "'; reasons:\n" << reasons;
    }
    {
      auto outbox = store.collection().list_outbox(creditor, std::nullopt, last_outbox, 100000);
      ASSERT_TRUE(outbox);
      std::vector<std::string> windows;
      for (const auto& e : *outbox) {
        last_outbox = std::max(last_outbox, e.id);
        auto cu = store.customer_by_id(creditor, e.customer_id);
        ASSERT_TRUE(cu && *cu);
        windows.push_back((*cu)->external_id + " " + e.template_name + " " + std::string(engine::to_string(e.channel)) +
                          " " + utc(e.send_from_unix) + " " + utc(e.send_until_unix));
      }
      if (!run.expect_windows.empty()) {
        std::vector<std::string> want_w = run.expect_windows;
        std::sort(want_w.begin(), want_w.end());
        std::sort(windows.begin(), windows.end());
        EXPECT_EQ(want_w, windows);
      }
    }
    if (run.outbox_total) {
      auto outbox = store.collection().list_outbox(creditor, std::nullopt, 0, 100000);
      ASSERT_TRUE(outbox);
      EXPECT_EQ(static_cast<std::int64_t>(outbox->size()), *run.outbox_total);
    }
  }
  opened->reset();
  fs::remove(db);
  fs::remove(db.string() + "-wal");
  fs::remove(db.string() + "-shm");
}

std::vector<fs::path> scenario_files() {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(KULANZ_SCENARIO_DIR)) {
    if (e.path().extension() == ".toml") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

INSTANTIATE_TEST_SUITE_P(Files, ScenarioTest, ::testing::ValuesIn(scenario_files()),
                         [](const ::testing::TestParamInfo<fs::path>& param_info) {
                           std::string n = param_info.param.stem().string();
                           for (char& ch : n) {
                             if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           }
                           return n;
                         });

TEST(ScenarioFiles, AtLeastThirty) { EXPECT_GE(scenario_files().size(), 30u); }

}  // namespace
