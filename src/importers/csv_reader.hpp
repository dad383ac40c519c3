#pragma once
// An RFC 4180 CSV reader over UTF-8 text: quoted fields may hold delimiters, doubled
// quotes and line breaks; records end with LF or CRLF. Bounded: a record longer than
// max_record_bytes or with more than max_fields fields is an error, never a huge buffer.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"

namespace kulanz::importers {

// The delimiter used in the first line: the most frequent of ';', ',' and tab outside
// quotes; ';' when none occurs (German ERPs' default).
char detect_delimiter(std::string_view text);

// "auto" -> 0, ";" / "semicolon", "," / "comma", "tab" / "\t" -> the character.
base::Result<char> parse_delimiter(std::string_view text);

// One CSV field as written for `delim` (RFC 4180): quoted when it holds the delimiter, a
// quote or a line break, with quotes doubled.
std::string csv_quote(std::string_view field, char delim);

class CsvReader {
 public:
  static constexpr std::size_t kDefaultMaxRecordBytes = 1u << 20;
  static constexpr std::size_t kDefaultMaxFields = 4096;

  CsvReader(std::string_view text, char delimiter, std::size_t max_record_bytes = kDefaultMaxRecordBytes,
            std::size_t max_fields = kDefaultMaxFields);

  // Reads the next non-blank record into `fields` (resized to the record's field count).
  // Returns false at the end of the text. Errors (import_row_malformed, location
  // "LINE" only: the caller adds the file name) stop the reader.
  base::Result<bool> next(std::vector<std::string>& fields);

  std::size_t line() const { return record_line_; }            // first line of the last record
  std::string_view raw() const { return record_raw_; }         // the last record as written
  std::size_t bytes_consumed() const { return pos_; }
  std::size_t size() const { return text_.size(); }

 private:
  base::Status read_quoted(std::string& field);
  base::Status read_plain(std::string& field);
  base::Unexpected<base::Error> malformed(std::size_t line, std::string detail) const;

  std::string_view text_;
  char delimiter_;
  std::size_t max_record_bytes_;
  std::size_t max_fields_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;  // line of pos_
  std::size_t record_start_ = 0;
  std::size_t record_line_ = 0;
  std::string_view record_raw_;
};

}  // namespace kulanz::importers
