#pragma once
// Streams the records of an import file (CSV or JSON Lines, already decoded to UTF-8)
// as RawRecords, one at a time and re-readable from the start, so that a file can be
// validated completely in one pass and written in a second without holding all rows.
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "importers/column_aliases.hpp"
#include "importers/csv_reader.hpp"
#include "importers/raw_record.hpp"

namespace kulanz::importers {

enum class FileFormat { csv, jsonl };
std::string_view to_string(FileFormat f);
// "csv" | "jsonl" (also "json", "ndjson").
base::Result<FileFormat> parse_file_format(std::string_view text);
// From the file name's extension: .csv/.txt -> csv, .jsonl/.ndjson/.json -> jsonl.
base::Result<FileFormat> format_from_path(std::string_view path);

class RecordSource {
 public:
  virtual ~RecordSource() = default;
  // Starts again at the first record.
  virtual void rewind() = 0;
  // Fills `record` with the next record (location "NAME:LINE"). Returns false at the end.
  // A record that cannot be split into fields (a broken quote, invalid JSON) is returned
  // as true with `record_error` set: the record is then invalid, the source continues
  // where it can.
  virtual base::Result<bool> next(RawRecord& record) = 0;
  // The problem with the last record when it could not be read at all.
  virtual const std::optional<base::Error>& record_error() const = 0;
  virtual std::size_t bytes_done() const = 0;
  virtual std::size_t bytes_total() const = 0;
  // How the file names a canonical field (the header as written; for JSON the key).
  virtual std::string column_label(std::string_view canonical_name) const = 0;
  // The last record as written (without the line break), for rejects files.
  virtual std::string_view raw_record() const = 0;
};

struct CsvOptions {
  char delimiter = 0;  // 0 = detect from the header line
};

// Builds a CSV source over `text` (UTF-8, without BOM; must outlive the source). Errors
// in the header (none, unknown, duplicate or missing columns) are returned all together
// as one Error each, located at "NAME:1".
class CsvRecordSource final : public RecordSource {
 public:
  static base::Result<std::unique_ptr<CsvRecordSource>> open(std::string_view text, std::string name, RecordKind kind,
                                                             CsvOptions options, std::vector<base::Error>& header_errors);

  void rewind() override;
  base::Result<bool> next(RawRecord& record) override;
  const std::optional<base::Error>& record_error() const override { return record_error_; }
  std::size_t bytes_done() const override { return reader_.bytes_consumed(); }
  std::size_t bytes_total() const override { return reader_.size(); }
  std::string column_label(std::string_view canonical_name) const override { return mapping_.header_for(canonical_name); }
  std::string_view raw_record() const override { return reader_.raw(); }

  char delimiter() const { return delimiter_; }
  const ColumnMapping& mapping() const { return mapping_; }
  std::string_view header_line() const { return header_raw_; }
  // The values of one canonical column over the first `max_rows` records (for detecting
  // the decimal style); rewinds afterwards.
  std::vector<std::string> sample_column(std::string_view canonical_name, std::size_t max_rows);

 private:
  CsvRecordSource(std::string_view text, std::string name, char delimiter, ColumnMapping mapping);
  void skip_header();

  std::string_view text_;
  std::string name_;
  char delimiter_;
  ColumnMapping mapping_;
  CsvReader reader_;
  std::vector<std::string> fields_;
  std::string header_raw_;
  std::optional<base::Error> record_error_;
};

// JSON Lines: one object per line with canonical keys; blank lines are skipped. Unknown
// keys make the record invalid (listed by record_error with the accepted keys).
class JsonLinesRecordSource final : public RecordSource {
 public:
  JsonLinesRecordSource(std::string_view text, std::string name, RecordKind kind);

  void rewind() override;
  base::Result<bool> next(RawRecord& record) override;
  const std::optional<base::Error>& record_error() const override { return record_error_; }
  std::size_t bytes_done() const override { return pos_; }
  std::size_t bytes_total() const override { return text_.size(); }
  std::string column_label(std::string_view canonical_name) const override { return std::string(canonical_name); }
  std::string_view raw_record() const override { return raw_; }

 private:
  std::string_view text_;
  std::string name_;
  RecordKind kind_;
  std::size_t pos_ = 0;
  std::size_t line_ = 0;
  std::string_view raw_;
  std::optional<base::Error> record_error_;
  std::vector<std::string> unknown_keys_;
};

// The accepted canonical names of a kind, comma-separated (for messages).
std::string accepted_fields_list(RecordKind kind);

}  // namespace kulanz::importers
