#include "importers/record_source.hpp"

#include <algorithm>
#include <charconv>

#include "base/text.hpp"
#include "importers/fields.hpp"
#include "importers/json_record.hpp"

namespace kulanz::importers {
namespace {

void set_location(std::string& out, const std::string& name, std::size_t line) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, line);
  (void)ec;
  out.assign(name);
  out.push_back(':');
  out.append(buf, end);
}

}  // namespace

std::string_view to_string(FileFormat f) { return f == FileFormat::jsonl ? "jsonl" : "csv"; }

base::Result<FileFormat> parse_file_format(std::string_view text) {
  auto s = base::ascii_lower(base::trim(text));
  if (s == "csv") return FileFormat::csv;
  if (s == "jsonl" || s == "json" || s == "ndjson") return FileFormat::jsonl;
  return base::fail(base::ErrorCode::import_format_unknown, "'" + std::string(text) + "' is not a format (use csv or jsonl)",
                    "format");
}

base::Result<FileFormat> format_from_path(std::string_view path) {
  auto dot = path.find_last_of('.');
  auto slash = path.find_last_of('/');
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) {
    return base::fail(base::ErrorCode::import_format_unknown,
                      "cannot tell the format of '" + std::string(path) + "' from its name (give --format csv or --format jsonl)");
  }
  auto ext = base::ascii_lower(path.substr(dot + 1));
  if (ext == "csv" || ext == "txt" || ext == "tsv") return FileFormat::csv;
  if (ext == "jsonl" || ext == "ndjson" || ext == "json") return FileFormat::jsonl;
  return base::fail(base::ErrorCode::import_format_unknown,
                    "'." + ext + "' is not a known import format (use .csv or .jsonl, or give --format csv|jsonl)");
}

std::string accepted_fields_list(RecordKind kind) {
  std::string out;
  for (const auto& f : fields_of(kind)) out += (out.empty() ? "" : ", ") + std::string(f.name);
  return out;
}

// ---- CSV ----

CsvRecordSource::CsvRecordSource(std::string_view text, std::string name, char delimiter, ColumnMapping mapping)
    : text_(text), name_(std::move(name)), delimiter_(delimiter), mapping_(std::move(mapping)), reader_(text, delimiter) {}

base::Result<std::unique_ptr<CsvRecordSource>> CsvRecordSource::open(std::string_view text, std::string name,
                                                                     RecordKind kind, CsvOptions options,
                                                                     std::vector<base::Error>& header_errors) {
  const char delimiter = options.delimiter ? options.delimiter : detect_delimiter(text);
  CsvReader header_reader(text, delimiter);
  std::vector<std::string> header;
  auto got = header_reader.next(header);
  auto at_line_one = [&](base::Error e) {
    e.location = name + ":" + (e.location.empty() ? "1" : e.location);
    return e;
  };
  if (!got) {
    header_errors.push_back(at_line_one(std::move(got).error()));
    return base::fail(header_errors.back());
  }
  if (!*got) {
    header_errors.push_back(at_line_one(base::Error(base::ErrorCode::import_header_missing,
                                                    "the file is empty; the first line must name the columns")));
    return base::fail(header_errors.back());
  }
  ColumnMapping mapping = map_columns(kind, header);
  for (auto& e : mapping.errors) header_errors.push_back(at_line_one(e));
  if (!header_errors.empty()) return base::fail(header_errors.front());
  std::unique_ptr<CsvRecordSource> source(new CsvRecordSource(text, std::move(name), delimiter, std::move(mapping)));
  source->header_raw_ = std::string(header_reader.raw());
  source->skip_header();
  return source;
}

void CsvRecordSource::skip_header() {
  reader_ = CsvReader(text_, delimiter_);
  (void)reader_.next(fields_);
}

void CsvRecordSource::rewind() { skip_header(); }

base::Result<bool> CsvRecordSource::next(RawRecord& record) {
  record_error_.reset();
  auto got = reader_.next(fields_);
  if (!got) {
    base::Error e = std::move(got).error();
    e.location = name_ + ":" + e.location;
    return base::fail(std::move(e));
  }
  if (!*got) return false;
  set_location(record.location, name_, reader_.line());
  const auto& canonical = mapping_.canonical;
  std::size_t n = 0;
  record.fields.resize(canonical.size());
  for (std::size_t i = 0; i < canonical.size(); ++i) {
    if (canonical[i].empty()) continue;
    auto& slot = record.fields[n++];
    if (slot.first != canonical[i]) slot.first = canonical[i];
    if (i < fields_.size()) slot.second.assign(fields_[i]);
    else slot.second.clear();
  }
  record.fields.resize(n);
  if (fields_.size() != canonical.size()) {
    // A trailing empty field from a line ending in the delimiter is harmless.
    const bool trailing_empty = fields_.size() == canonical.size() + 1 && fields_.back().empty();
    if (!trailing_empty) {
      base::Error e(base::ErrorCode::import_row_malformed,
                    "the row has " + std::to_string(fields_.size()) + " fields but the header has " +
                        std::to_string(canonical.size()) + " columns (check for a stray '" +
                        std::string(delimiter_ == '\t' ? "tab" : std::string(1, delimiter_)) +
                        "' or an unquoted value containing it)");
      e.location = record.location;
      record_error_ = std::move(e);
    }
  }
  return true;
}

std::vector<std::string> CsvRecordSource::sample_column(std::string_view canonical_name, std::size_t max_rows) {
  std::vector<std::string> out;
  auto it = std::find(mapping_.canonical.begin(), mapping_.canonical.end(), canonical_name);
  if (it == mapping_.canonical.end()) return out;
  const auto col = static_cast<std::size_t>(it - mapping_.canonical.begin());
  rewind();
  while (out.size() < max_rows) {
    auto got = reader_.next(fields_);
    if (!got || !*got) break;
    if (col < fields_.size()) out.push_back(fields_[col]);
  }
  rewind();
  return out;
}

// ---- JSON Lines ----

JsonLinesRecordSource::JsonLinesRecordSource(std::string_view text, std::string name, RecordKind kind)
    : text_(text), name_(std::move(name)), kind_(kind) {}

void JsonLinesRecordSource::rewind() {
  pos_ = 0;
  line_ = 0;
}

base::Result<bool> JsonLinesRecordSource::next(RawRecord& record) {
  record_error_.reset();
  std::string_view line;
  do {
    if (pos_ >= text_.size()) return false;
    auto end = text_.find('\n', pos_);
    if (end == std::string_view::npos) end = text_.size();
    line = text_.substr(pos_, end - pos_);
    pos_ = end + 1;
    ++line_;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  } while (base::trim(line).empty());
  raw_ = line;
  set_location(record.location, name_, line_);
  record.fields.clear();
  auto fail_record = [&](base::Error e) {
    e.location = record.location;
    record_error_ = std::move(e);
    return true;
  };
  auto value = parse_json_exact(line, 1u << 20);
  if (!value) return fail_record(std::move(value).error());
  if (!value->is_object()) {
    return fail_record(base::Error(base::ErrorCode::import_json_invalid,
                                   "each line must be one JSON object ({\"external_id\": ...}), not " +
                                       std::string(value->is_array() ? "an array" : "a single value")));
  }
  unknown_keys_.clear();
  auto r = raw_record_from_json(value->as_object(), record.location, kind_, &unknown_keys_);
  if (!r) return fail_record(std::move(r).error());
  record.fields = std::move(r->fields);
  if (!unknown_keys_.empty()) {
    std::string keys;
    for (const auto& k : unknown_keys_) keys += (keys.empty() ? "'" : ", '") + k + "'";
    base::Error e(base::ErrorCode::import_column_unknown,
                  "unknown key" + std::string(unknown_keys_.size() > 1 ? "s " : " ") + keys + " (accepted: " +
                      accepted_fields_list(kind_) + ")",
                  unknown_keys_.front());
    return fail_record(std::move(e));
  }
  return true;
}

}  // namespace kulanz::importers
