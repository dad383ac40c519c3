// `kulanz import KIND FILE --creditor ID`: CSV or JSON Lines into the ledger. Every row is
// validated before anything is written; bad rows are reported as FILE:LINE: column: reason.
// See docs/IMPORT.md.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <unordered_set>

#include "base/text.hpp"
#include "cli/context.hpp"
#include "importers/csv_reader.hpp"
#include "importers/field_parsers.hpp"
#include "importers/fields.hpp"
#include "importers/record_source.hpp"
#include "importers/text_encoding.hpp"
#include "services/import_service.hpp"

namespace kulanz::cli {
namespace {

struct ImportArgs {
  std::string kind;
  std::string file;
  std::string creditor;
  bool skip_invalid = false;
  std::string rejects;
  bool dry_run = false;
  std::string format;
  std::string encoding = "auto";
  std::string delimiter = "auto";
  std::string decimal = "auto";
};

base::Result<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return base::fail(base::ErrorCode::io_error, "cannot open " + path + " for reading (does it exist?)");
  std::ostringstream buf;
  buf << in.rdbuf();
  if (in.bad()) return base::fail(base::ErrorCode::io_error, "reading " + path + " failed");
  return buf.str();
}

// Decides the decimal separator of a CSV file from its amount column: the first value
// that is unambiguous wins; otherwise what the delimiter suggests (';' files are German).
money::DecimalStyle detect_decimal_style(importers::CsvRecordSource& csv) {
  for (const auto& v : csv.sample_column("amount", 5000)) {
    if (auto style = importers::decimal_style_of(v)) return *style;
  }
  return csv.delimiter() == ',' ? money::DecimalStyle::point : money::DecimalStyle::comma;
}

class ProgressBar {
 public:
  explicit ProgressBar(bool enabled) : enabled_(enabled) {}
  void update(std::int64_t done, std::int64_t total) {
    if (!enabled_ || total <= 0) return;
    const int percent = static_cast<int>(done * 100 / total);
    if (percent == last_) return;
    last_ = percent;
    constexpr int kWidth = 40;
    const int filled = percent * kWidth / 100;
    std::fprintf(stderr, "\r[%.*s%*s] %3d%% %s", filled, "########################################", kWidth - filled, "",
                 percent, done * 2 < total ? "validating" : "writing   ");
    std::fflush(stderr);
  }
  void finish() {
    if (enabled_ && last_ >= 0) std::fprintf(stderr, "\r%*s\r", 70, "");
  }

 private:
  bool enabled_;
  int last_ = -1;
};

std::string json_string(std::string_view s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') { out.push_back('\\'); out.push_back(static_cast<char>(c)); }
    else if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else if (c == '\t') out += "\\t";
    else if (c < 0x20) { char b[8]; std::snprintf(b, sizeof b, "\\u%04x", c); out += b; }
    else out.push_back(static_cast<char>(c));
  }
  return out + "\"";
}

// One line per problem, the column named as the file names it.
std::string describe(base::Error e, const importers::RecordSource& source) {
  if (!e.field.empty()) e.field = source.column_label(e.field);
  return e.to_string();
}

std::string reasons_of(const services::RejectedRecord& r, const importers::RecordSource& source) {
  std::string out;
  for (const auto& e : r.errors) {
    std::string one = e.field.empty() ? "" : source.column_label(e.field) + ": ";
    one += e.detail.empty() ? e.info().message : e.detail;
    out += (out.empty() ? "" : "; ") + one + " [E" + std::to_string(e.number()) + "]";
  }
  return out;
}

// Writes the rejected records with their reasons: CSV as the original row plus a
// `reason` column (UTF-8 with BOM so spreadsheet programs show umlauts), JSON Lines as
// the original object plus a "reason" key.
bool write_rejects(const std::string& path, importers::RecordSource& source, importers::FileFormat format,
                   char delimiter, std::string_view header_line, const std::vector<services::RejectedRecord>& rejected) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return false;
  std::unordered_map<std::string, const services::RejectedRecord*> by_location;
  for (const auto& r : rejected) by_location.emplace(r.location, &r);
  if (format == importers::FileFormat::csv) {
    out << "\xEF\xBB\xBF" << header_line << delimiter << "reason\r\n";
  }
  source.rewind();
  importers::RawRecord record;
  for (;;) {
    auto got = source.next(record);
    if (!got || !*got) break;
    auto it = by_location.find(record.location);
    if (it == by_location.end()) continue;
    const std::string reason = reasons_of(*it->second, source);
    std::string_view raw = source.raw_record();
    if (format == importers::FileFormat::csv) {
      out << raw << delimiter << importers::csv_quote(reason, delimiter) << "\r\n";
    } else {
      auto trimmed = base::trim(raw);
      if (!source.record_error() && trimmed.size() >= 2 && trimmed.back() == '}') {
        trimmed.remove_suffix(1);
        out << trimmed << (base::trim(trimmed.substr(1)).empty() ? "" : ",") << "\"reason\":" << json_string(reason) << "}\n";
      } else {
        out << "{\"line_text\":" << json_string(raw) << ",\"reason\":" << json_string(reason) << "}\n";
      }
    }
  }
  return static_cast<bool>(out.flush());
}

std::string display_name(const std::string& path) { return path; }

void run_import(Context& ctx, const ImportArgs& a) {
  auto fail_usage = [&](const std::string& msg) {
    std::fprintf(stderr, "kulanz import: %s\n", msg.c_str());
    ctx.exit_code = 2;
  };
  auto kind = importers::parse_record_kind(a.kind);
  if (!kind) return fail_usage(kind.error().to_string());
  auto encoding = importers::parse_encoding(a.encoding);
  if (!encoding) return fail_usage("--encoding: " + encoding.error().detail);
  auto delimiter = importers::parse_delimiter(a.delimiter);
  if (!delimiter) return fail_usage("--delimiter: " + delimiter.error().detail);
  auto format = a.format.empty() ? importers::format_from_path(a.file) : importers::parse_file_format(a.format);
  if (!format) return fail_usage(format.error().detail);
  if (!a.rejects.empty() && !a.skip_invalid) return fail_usage("--rejects needs --skip-invalid");

  const std::string name = display_name(a.file);
  auto bytes = read_file(a.file);
  if (!bytes) return fail_usage(bytes.error().detail);
  auto decoded = importers::decode_text(std::move(*bytes), *encoding, name);
  if (!decoded) {
    std::fprintf(stderr, "%s\n", decoded.error().to_string().c_str());
    ctx.exit_code = 1;
    return;
  }
  const std::string& text = decoded->text;

  std::unique_ptr<importers::RecordSource> source;
  money::DecimalStyle style = money::DecimalStyle::point;
  char csv_delimiter = ',';
  std::string header_line;
  if (*format == importers::FileFormat::csv) {
    std::vector<base::Error> header_errors;
    auto csv = importers::CsvRecordSource::open(text, name, *kind, importers::CsvOptions{*delimiter}, header_errors);
    if (!csv) {
      for (const auto& e : header_errors) std::fprintf(stderr, "%s\n", e.to_string().c_str());
      std::fprintf(stderr, "%s: the header row is not usable; nothing was imported\n", name.c_str());
      ctx.exit_code = 1;
      return;
    }
    csv_delimiter = (*csv)->delimiter();
    header_line = std::string((*csv)->header_line());
    if (a.decimal == "comma") style = money::DecimalStyle::comma;
    else if (a.decimal == "point") style = money::DecimalStyle::point;
    else style = detect_decimal_style(**csv);
    source = std::move(*csv);
  } else {
    source = std::make_unique<importers::JsonLinesRecordSource>(text, name, *kind);
  }

  auto store = ctx.open_store();
  if (!store) return;
  auto creditor = ctx.find_creditor(*store, a.creditor);
  if (!creditor) return;

  services::ImportOptions options;
  options.kind = *kind;
  options.creditor = creditor->id;
  options.skip_invalid = a.skip_invalid;
  options.dry_run = a.dry_run;
  options.decimal_style = style;

  ProgressBar bar(::isatty(STDERR_FILENO) == 1 && text.size() >= (4u << 20));
  auto report = services::import_records(*store, options, *source,
                                         [&](std::int64_t done, std::int64_t total) { bar.update(done, total); });
  bar.finish();
  if (!report) {
    std::fprintf(stderr, "%s\n", report.error().to_string().c_str());
    std::fprintf(stderr, "%s: nothing was imported\n", name.c_str());
    ctx.exit_code = 2;
    return;
  }
  for (const auto& r : report->rejected) {
    for (const auto& e : r.errors) std::fprintf(stderr, "%s\n", describe(e, *source).c_str());
  }
  const auto rejected = static_cast<long long>(report->rejected.size());
  std::string rejects_note;
  if (a.skip_invalid && rejected > 0 && !a.dry_run) {
    const std::string path = a.rejects.empty()
                                 ? a.file + (*format == importers::FileFormat::csv ? ".rejects.csv" : ".rejects.jsonl")
                                 : a.rejects;
    if (!write_rejects(path, *source, *format, csv_delimiter, header_line, report->rejected)) {
      std::fprintf(stderr, "kulanz import: cannot write the rejects file %s\n", path.c_str());
      ctx.exit_code = 2;
    }
    rejects_note = " (rejected rows with reasons in " + path + ")";
  }
  std::printf("%s: %lld rows, %lld inserted, %lld updated, %lld unchanged, %lld rejected%s\n", name.c_str(),
              static_cast<long long>(report->records), static_cast<long long>(report->inserted),
              static_cast<long long>(report->updated), static_cast<long long>(report->unchanged), rejected,
              rejects_note.c_str());
  if (a.dry_run) {
    std::printf("%s: dry run, nothing was written\n", name.c_str());
    if (rejected > 0) ctx.exit_code = 1;
  } else if (!report->written) {
    std::fprintf(stderr,
                 "%s: %lld of %lld rows are invalid; nothing was imported (fix them, or use --skip-invalid to import "
                 "the valid rows)\n",
                 name.c_str(), rejected, static_cast<long long>(report->records));
    ctx.exit_code = 1;
  }
}

}  // namespace

void add_import_command(CLI::App& app, Context& ctx) {
  static ImportArgs args;
  auto* cmd = app.add_subcommand("import", "Import customers, invoices, credit notes or payments from CSV or JSON Lines");
  cmd->add_option("kind", args.kind, "customers | invoices | credit-notes | payments")
      ->required()
      ->check(CLI::IsMember({"customers", "invoices", "credit-notes", "payments"}));
  cmd->add_option("file", args.file, "The CSV or JSON Lines file")->required();
  cmd->add_option("--creditor", args.creditor, "Creditor code or id")->required();
  cmd->add_flag("--skip-invalid", args.skip_invalid,
                "Import the valid rows and write the invalid ones with their reasons to the rejects file");
  cmd->add_option("--rejects", args.rejects, "Rejects file (default: FILE.rejects.csv or FILE.rejects.jsonl)");
  cmd->add_flag("--dry-run", args.dry_run, "Validate only; write nothing");
  cmd->add_option("--format", args.format, "csv | jsonl (default: from the file name's extension)")
      ->check(CLI::IsMember({"csv", "jsonl"}));
  cmd->add_option("--encoding", args.encoding, "auto | utf-8 | windows-1252 | latin-1")->capture_default_str();
  cmd->add_option("--delimiter", args.delimiter, "auto | ';' | ',' | tab (CSV)")->capture_default_str();
  cmd->add_option("--decimal", args.decimal, "auto | comma (1.234,56) | point (1,234.56) for CSV amounts")
      ->check(CLI::IsMember({"auto", "comma", "point"}))
      ->capture_default_str();
  cmd->footer(
      "Exit status: 0 imported; 1 invalid rows or file (nothing written unless --skip-invalid); 2 usage, file or "
      "database errors. Columns and aliases: docs/IMPORT.md");
  cmd->callback([&ctx] { run_import(ctx, args); });
}

}  // namespace kulanz::cli
