// `kulanz export`: writes a creditor's records in the importer's canonical columns, so an
// export can be re-imported unchanged (round trip), or the open items with their aging.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <fstream>
#include <iostream>

#include "base/text.hpp"
#include "cli/context.hpp"
#include "importers/csv_reader.hpp"
#include "domain/ledger.hpp"

namespace kulanz::cli {
namespace {

struct Style {
  bool german = false;  // ';', decimal comma, dd.mm.yyyy
  bool jsonl = false;
};

class Writer {
 public:
  Writer(std::ostream& out, Style style, std::vector<std::string> columns)
      : out_(out), style_(style), columns_(std::move(columns)) {
    if (!style_.jsonl) {
      for (std::size_t i = 0; i < columns_.size(); ++i) out_ << (i ? std::string(1, delim()) : "") << columns_[i];
      out_ << "\r\n";
    }
  }
  char delim() const { return style_.german ? ';' : ','; }
  std::string amount(const domain::Money& m) const {
    std::string s = m.to_decimal_string();
    if (style_.german) for (auto& c : s) if (c == '.') c = ',';
    return s;
  }
  std::string date(const calendar::Date& d) const { return style_.german ? d.german() : d.iso(); }
  // values[i] belongs to columns_[i]; `raw` marks JSON values written unquoted (booleans, numbers).
  void row(const std::vector<std::string>& values, const std::vector<bool>& raw = {}) {
    if (style_.jsonl) {
      out_ << "{";
      bool first = true;
      for (std::size_t i = 0; i < columns_.size(); ++i) {
        if (values[i].empty()) continue;
        bool is_raw = i < raw.size() && raw[i];
        out_ << (first ? "" : ",") << base::json_quote(columns_[i]) << ":" << (is_raw ? values[i] : base::json_quote(values[i]));
        first = false;
      }
      out_ << "}\n";
    } else {
      for (std::size_t i = 0; i < values.size(); ++i) out_ << (i ? std::string(1, delim()) : "") << importers::csv_quote(values[i], delim());
      out_ << "\r\n";
    }
  }

 private:
  std::ostream& out_;
  Style style_;
  std::vector<std::string> columns_;
};

std::string bool_text(bool b) { return b ? "true" : "false"; }

template <class T, class Fetch, class Emit>
base::Status page_through(Fetch fetch, Emit emit) {
  ports::ListQuery q;
  q.limit = 500;
  for (;;) {
    base::Result<ports::Page<T>> page = fetch(q);
    if (!page) return base::fail(std::move(page).error());
    for (const auto& item : page->items) emit(item);
    if (page->next_cursor.empty()) return {};
    q.cursor = page->next_cursor;
  }
}

base::Status export_customers(ports::LedgerStore& s, domain::CreditorId cr, Writer& w) {
  return page_through<domain::Customer>([&](const ports::ListQuery& q) { return s.list_customers(cr, q); },
                                        [&](const domain::Customer& c) {
    auto contact = [&](domain::Channel ch) { const auto* k = c.contact(ch); return k ? k->address : std::string(); };
    auto consent = [&](domain::Channel ch) { const auto* k = c.contact(ch); return k ? bool_text(k->consent) : std::string(); };
    std::string phone = contact(domain::Channel::phone);
    if (phone.empty()) phone = contact(domain::Channel::sms);
    w.row({c.external_id, c.name, std::string(domain::to_string(c.type)), contact(domain::Channel::email), phone,
           std::string(domain::to_string(c.language)), c.country, c.state, c.postal_code, c.city, c.street,
           c.birth_date ? w.date(*c.birth_date) : "", bool_text(c.key_account), bool_text(c.also_supplier),
           consent(domain::Channel::email), consent(domain::Channel::sms), consent(domain::Channel::phone)},
          {false, false, false, false, false, false, false, false, false, false, false, false, true, true, true, true, true});
  });
}

base::Status export_invoices(ports::LedgerStore& s, domain::CreditorId cr, Writer& w,
                             const std::unordered_map<std::int64_t, std::string>& customer_ext) {
  return page_through<domain::Invoice>([&](const ports::ListQuery& q) { return s.list_invoices(cr, q); },
                                       [&](const domain::Invoice& i) {
    std::string skonto_pct, skonto_days;
    if (i.skonto_basis_points > 0) {
      skonto_pct = money::format_decimal(i.skonto_basis_points, 2);
      if (w.delim() == ';') for (auto& ch : skonto_pct) if (ch == '.') ch = ',';
      skonto_days = std::to_string(i.skonto_days);
    }
    auto it = customer_ext.find(i.customer_id.value);
    w.row({i.external_id, it == customer_ext.end() ? "" : it->second, i.number, w.date(i.issue_date), w.date(i.due_date),
           w.amount(i.amount), std::string(i.amount.currency().code()), skonto_pct, skonto_days, w.amount(i.open)});
  });
}

}  // namespace

void add_export_command(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("export", "Export customers or invoices of a creditor as CSV or JSON Lines");
  static std::string kind, creditor, out_path, format = "csv";
  cmd->add_option("kind", kind, "customers | invoices")->required()->check(CLI::IsMember({"customers", "invoices"}));
  cmd->add_option("--creditor", creditor, "Creditor code or id")->required();
  cmd->add_option("--out", out_path, "Output file (default: standard output)");
  cmd->add_option("--format", format, "csv (comma, point decimals, ISO dates), csv-de (semicolon, decimal comma, DD.MM.YYYY) or jsonl")
      ->check(CLI::IsMember({"csv", "csv-de", "jsonl"}))
      ->capture_default_str();
  cmd->callback([&ctx] {
    auto s = ctx.open_store();
    if (!s) return;
    auto cr = ctx.find_creditor(*s, creditor);
    if (!cr) return;
    std::ofstream file;
    if (!out_path.empty()) {
      file.open(out_path, std::ios::binary | std::ios::trunc);
      if (!file) {
        std::fprintf(stderr, "kulanz export: cannot write %s\n", out_path.c_str());
        ctx.exit_code = 2;
        return;
      }
    }
    std::ostream& out = out_path.empty() ? std::cout : file;
    Style style{format == "csv-de", format == "jsonl"};
    base::Status st;
    if (kind == "customers") {
      Writer w(out, style, {"external_id", "name", "type", "email", "phone", "language", "country", "state", "postal_code",
                            "city", "street", "birth_date", "key_account", "also_supplier", "email_consent", "sms_consent",
                            "phone_consent"});
      st = export_customers(*s, cr->id, w);
    } else {
      std::unordered_map<std::int64_t, std::string> customer_ext;
      auto ids = s->customer_ids(cr->id);
      if (!ids) {
        std::fprintf(stderr, "kulanz export: %s\n", ids.error().to_string().c_str());
        ctx.exit_code = 2;
        return;
      }
      for (const auto& [ext, id] : *ids) customer_ext.emplace(id.value, ext);
      Writer w(out, style, {"external_id", "customer_external_id", "number", "issue_date", "due_date", "amount", "currency",
                            "skonto_percent", "skonto_days", "open_amount"});
      st = export_invoices(*s, cr->id, w, customer_ext);
    }
    if (!st) {
      std::fprintf(stderr, "kulanz export: %s\n", st.error().to_string().c_str());
      ctx.exit_code = 2;
    }
  });
}

}  // namespace kulanz::cli
