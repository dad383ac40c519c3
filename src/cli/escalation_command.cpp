// `kulanz escalations list|export`: the handovers to a collection agency and the prepared
// court dunning applications that the run created, and the files handed on (docs/ENGINE.md).
#include <CLI/CLI.hpp>
#include <boost/json.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "base/text.hpp"
#include "cli/context.hpp"
#include "importers/csv_reader.hpp"
#include "money/money.hpp"

namespace kulanz::cli {
namespace {

namespace json = boost::json;

struct ListArgs {
  std::string creditor, kind, status;
};

struct ExportArgs {
  std::string creditor, kind = "handover", out, format = "csv";
  bool include_exported = false;
};

void fail_with(Context& ctx, const std::string& command, const std::string& message, int code = 1) {
  std::fprintf(stderr, "kulanz escalations %s: %s\n", command.c_str(), message.c_str());
  ctx.exit_code = code;
}

// Every escalation of the creditor, in id order.
base::Result<std::vector<engine::EscalationEntry>> all_escalations(ports::LedgerStore& store, domain::CreditorId creditor) {
  std::vector<engine::EscalationEntry> out;
  std::int64_t after = 0;
  for (;;) {
    KULANZ_TRY(page, store.collection().list_escalations(creditor, std::nullopt, after, 500));
    if (page.empty()) return out;
    after = page.back().id;
    for (auto& e : page) out.push_back(std::move(e));
  }
}

std::string text_of(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

// One agency-file row per position: each item's open principal, then the fees and the
// interest of the handover (when not zero); the amounts of a handover's rows add up to its claim.
class AgencyFile {
 public:
  explicit AgencyFile(bool german) : german_(german) {
    line({"handover_id", "customer_external_id", "name", "customer_type", "street", "postal_code", "city", "country",
          "birth_date", "position", "item_number", "item_external_id", "issue_date", "due_date", "amount", "currency",
          "as_of"});
  }
  base::Status add(const engine::EscalationEntry& e) {
    json::value payload;
    try {
      payload = json::parse(e.payload_json);
    } catch (const std::exception&) {
      return base::fail(base::ErrorCode::internal, "escalation " + std::to_string(e.id) + " has an unreadable payload");
    }
    if (!payload.is_object()) return base::fail(base::ErrorCode::internal, "escalation " + std::to_string(e.id) + " has no payload");
    const auto& p = payload.as_object();
    const auto* cust = p.if_contains("customer");
    const json::object none;
    const json::object& c = cust && cust->is_object() ? cust->as_object() : none;
    const std::vector<std::string> who = {std::to_string(e.id),  text_of(c, "external_id"), text_of(c, "name"),
                                          text_of(c, "type"),    text_of(c, "street"),      text_of(c, "postal_code"),
                                          text_of(c, "city"),    text_of(c, "country"),     date(text_of(c, "birth_date"))};
    const std::string as_of = date(text_of(p, "as_of"));
    if (const auto* items = p.if_contains("items"); items && items->is_array()) {
      for (const auto& iv : items->as_array()) {
        if (!iv.is_object()) continue;
        const auto& i = iv.as_object();
        row(who, {"principal", text_of(i, "number"), text_of(i, "external_id"), date(text_of(i, "issue_date")),
                  date(text_of(i, "due_date")), amount(text_of(i, "open")), e.currency, as_of});
      }
    }
    if (e.fees_minor > 0) row(who, {"fees", "", "", "", "", minor(e.fees_minor, e.currency), e.currency, as_of});
    if (e.interest_minor > 0) row(who, {"interest", "", "", "", "", minor(e.interest_minor, e.currency), e.currency, as_of});
    return {};
  }
  const std::string& text() const { return text_; }
  int rows() const { return rows_; }

 private:
  char delim() const { return german_ ? ';' : ','; }
  void line(const std::vector<std::string>& values) {
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (i) text_ += delim();
      text_ += importers::csv_quote(values[i], delim());
    }
    text_ += "\r\n";
  }
  void row(const std::vector<std::string>& who, const std::vector<std::string>& what) {
    std::vector<std::string> all = who;
    all.insert(all.end(), what.begin(), what.end());
    line(all);
    ++rows_;
  }
  std::string date(const std::string& iso) const {
    if (iso.empty() || !german_) return iso;
    auto d = calendar::Date::parse_iso(iso);
    return d ? d->german() : iso;
  }
  std::string amount(std::string decimal) const {
    if (german_)
      for (auto& ch : decimal)
        if (ch == '.') ch = ',';
    return decimal;
  }
  std::string minor(std::int64_t v, const std::string& currency) const {
    auto cur = money::Currency::from_code(currency);
    return amount(money::format_decimal(v, cur ? cur->exponent() : 2));
  }
  bool german_;
  std::string text_;
  int rows_ = 0;
};

void list(Context& ctx, const ListArgs& a) {
  auto store = ctx.open_store();
  if (!store) return;
  auto cr = ctx.find_creditor(*store, a.creditor);
  if (!cr) return;
  auto all = all_escalations(*store, cr->id);
  if (!all) return fail_with(ctx, "list", all.error().to_string());
  std::printf("id\tkind\tstatus\tcustomer\titems\tprincipal\tfees\tinterest\tcurrency\n");
  for (const auto& e : *all) {
    if (!a.kind.empty() && e.kind != a.kind) continue;
    if (!a.status.empty() && e.status != a.status) continue;
    std::string customer;
    try {
      auto p = json::parse(e.payload_json);
      if (const auto* c = p.as_object().if_contains("customer"); c && c->is_object()) customer = text_of(c->as_object(), "external_id");
    } catch (const std::exception&) {
      customer = "?";
    }
    auto cur = money::Currency::from_code(e.currency);
    const int exp = cur ? cur->exponent() : 2;
    std::printf("%lld\t%s\t%s\t%s\t%zu\t%s\t%s\t%s\t%s\n", static_cast<long long>(e.id), e.kind.c_str(), e.status.c_str(),
                customer.c_str(), e.invoice_ids.size(), money::format_decimal(e.principal_minor, exp).c_str(),
                money::format_decimal(e.fees_minor, exp).c_str(), money::format_decimal(e.interest_minor, exp).c_str(),
                e.currency.c_str());
  }
}

// Writes the file next to its final name, marks the escalations exported in a transaction,
// renames the file into place and commits: the file appears only together with the marks.
void export_file(Context& ctx, const ExportArgs& a) {
  if (a.out.empty()) return fail_with(ctx, "export", "name the file to write with --out FILE", 2);
  if (std::filesystem::exists(a.out))
    return fail_with(ctx, "export", "'" + a.out + "' exists; choose another file name (nothing was exported)", 2);
  auto store = ctx.open_store();
  if (!store) return;
  auto cr = ctx.find_creditor(*store, a.creditor);
  if (!cr) return;
  auto all = all_escalations(*store, cr->id);
  if (!all) return fail_with(ctx, "export", all.error().to_string());
  std::vector<const engine::EscalationEntry*> chosen;
  std::vector<std::int64_t> ready;
  for (const auto& e : *all) {
    if (e.kind != a.kind) continue;
    if (e.status == "ready") ready.push_back(e.id);
    else if (!(a.include_exported && e.status == "exported")) continue;
    chosen.push_back(&e);
  }
  if (chosen.empty()) {
    std::printf("nothing to export: no %s escalations %s for %s\n", a.kind.c_str(),
                a.include_exported ? "at all" : "ready", cr->code.c_str());
    return;
  }
  std::string content;
  int positions = 0;
  if (a.format == "json") {
    json::array items;
    for (const auto* e : chosen) {
      json::value payload;
      try {
        payload = json::parse(e->payload_json);
      } catch (const std::exception&) {
        return fail_with(ctx, "export", "escalation " + std::to_string(e->id) + " has an unreadable payload");
      }
      items.push_back(json::object{{"escalation_id", e->id}, {"kind", e->kind}, {"data", payload}});
    }
    positions = static_cast<int>(items.size());
    json::object doc{{"creditor", json::object{{"code", cr->code}, {"name", cr->name}}},
                     {"kind", a.kind},
                     {"escalations", std::move(items)}};
    content = json::serialize(doc) + "\n";
  } else {
    AgencyFile file(a.format == "csv-de");
    for (const auto* e : chosen) {
      if (auto st = file.add(*e); !st) return fail_with(ctx, "export", st.error().detail);
    }
    content = file.text();
    positions = file.rows();
  }
  const std::string tmp = a.out + ".part";
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    if (!f) return fail_with(ctx, "export", "cannot write '" + tmp + "' (check that the folder exists and is writable)");
    f << content;
    f.flush();
    if (!f) {
      std::filesystem::remove(tmp);
      return fail_with(ctx, "export", "writing '" + tmp + "' failed (disk full?); nothing was exported");
    }
  }
  const base::Status st = ports::in_transaction(*store, [&]() -> base::Status {
    KULANZ_TRY(changed, store->collection().set_escalation_status(cr->id, ready, "ready", "exported"));
    if (changed != static_cast<std::int64_t>(ready.size()))
      return base::fail(base::ErrorCode::conflict, "another export took some of these escalations meanwhile; run it again");
    std::error_code ec;
    std::filesystem::rename(tmp, a.out, ec);
    if (ec) return base::fail(base::ErrorCode::internal, "cannot move '" + tmp + "' to '" + a.out + "': " + ec.message());
    return {};
  });
  if (!st) {
    std::error_code ignored;
    std::filesystem::remove(tmp, ignored);
    if (std::filesystem::exists(a.out)) std::filesystem::remove(a.out, ignored);
    return fail_with(ctx, "export", st.error().to_string() + " (nothing was exported)");
  }
  std::printf("exported %zu %s escalation(s) of %s (%d %s) to %s; %zu newly marked exported\n", chosen.size(),
              a.kind.c_str(), cr->code.c_str(), positions, a.format == "json" ? "records" : "rows", a.out.c_str(),
              ready.size());
}

}  // namespace

void add_escalation_command(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("escalations", "Handovers to a collection agency and court dunning preparations");
  cmd->require_subcommand(1);
  auto la = std::make_shared<ListArgs>();
  auto* l = cmd->add_subcommand("list", "List the creditor's escalations (tab-separated)");
  l->add_option("--creditor", la->creditor, "Creditor code or id")->required();
  l->add_option("--kind", la->kind, "handover or court_dunning_prep")->check(CLI::IsMember({"handover", "court_dunning_prep"}));
  l->add_option("--status", la->status, "ready or exported");
  l->callback([&ctx, la] { list(ctx, *la); });

  auto ea = std::make_shared<ExportArgs>();
  auto* e = cmd->add_subcommand("export", "Write the ready escalations of one kind to a file and mark them exported");
  e->add_option("--creditor", ea->creditor, "Creditor code or id")->required();
  e->add_option("--kind", ea->kind, "handover (default) or court_dunning_prep")
      ->check(CLI::IsMember({"handover", "court_dunning_prep"}));
  e->add_option("--out", ea->out, "File to write (must not exist)")->required();
  e->add_option("--format", ea->format,
                "csv (comma, point decimals, ISO dates; default), csv-de (semicolon, decimal comma, DD.MM.YYYY) or json")
      ->check(CLI::IsMember({"csv", "csv-de", "json"}));
  e->add_flag("--include-exported", ea->include_exported, "Also write escalations exported before (a second copy)");
  e->callback([&ctx, ea] { export_file(ctx, *ea); });
}

}  // namespace kulanz::cli
