#include "importers/csv_reader.hpp"

#include <array>

#include "base/text.hpp"

namespace kulanz::importers {

char detect_delimiter(std::string_view text) {
  std::array<std::size_t, 3> counts{};  // ; , tab
  bool quoted = false;
  for (char c : text) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\n') break;
    if (c == ';') ++counts[0];
    else if (c == ',') ++counts[1];
    else if (c == '\t') ++counts[2];
  }
  if (counts[1] > counts[0] && counts[1] >= counts[2]) return ',';
  if (counts[2] > counts[0] && counts[2] > counts[1]) return '\t';
  return ';';
}

base::Result<char> parse_delimiter(std::string_view text) {
  auto s = base::ascii_lower(text);
  if (s == "auto") return '\0';
  if (s == ";" || s == "semicolon") return ';';
  if (s == "," || s == "comma") return ',';
  if (s == "tab" || s == "\t" || s == "\\t") return '\t';
  if (s == "|" || s == "pipe") return '|';
  return base::fail(base::ErrorCode::invalid_argument,
                    "'" + std::string(text) + "' is not a supported delimiter (use auto, ';', ',' or tab)", "delimiter");
}

CsvReader::CsvReader(std::string_view text, char delimiter, std::size_t max_record_bytes, std::size_t max_fields)
    : text_(text), delimiter_(delimiter), max_record_bytes_(max_record_bytes), max_fields_(max_fields) {}

base::Unexpected<base::Error> CsvReader::malformed(std::size_t line, std::string detail) const {
  base::Error e(base::ErrorCode::import_row_malformed, std::move(detail));
  e.location = std::to_string(line);
  return base::fail(std::move(e));
}

base::Status CsvReader::read_quoted(std::string& field) {
  ++pos_;  // opening quote
  while (true) {
    if (pos_ >= text_.size()) {
      return malformed(record_line_, "a quoted field starting in this record is never closed (a closing quote is missing)");
    }
    if (pos_ - record_start_ > max_record_bytes_) {
      return malformed(record_line_, "record is longer than " + std::to_string(max_record_bytes_) +
                                         " bytes (is a closing quote missing?)");
    }
    char c = text_[pos_];
    if (c == '"') {
      if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '"') {
        field.push_back('"');
        pos_ += 2;
        continue;
      }
      ++pos_;  // closing quote
      break;
    }
    if (c == '\n') ++line_;
    if (c == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') { ++pos_; continue; }  // CRLF -> LF
    field.push_back(c);
    ++pos_;
  }
  if (pos_ < text_.size()) {
    char c = text_[pos_];
    if (c != delimiter_ && c != '\n' && c != '\r') {
      return malformed(line_, "text follows the closing quote of a field (a quote inside a quoted field must be doubled: \"\")");
    }
  }
  return {};
}

base::Status CsvReader::read_plain(std::string& field) {
  // The hot loop of large imports: a plain scan, the size bound checked once per field.
  const char* const begin = text_.data();
  const char* const end = begin + text_.size();
  const char* p = begin + pos_;
  const char delim = delimiter_;
  while (p < end) {
    const char c = *p;
    if (c == delim || c == '\n') break;
    if (c == '\r' && (p + 1 == end || p[1] == '\n')) break;
    ++p;
  }
  const std::size_t start = pos_;
  pos_ = static_cast<std::size_t>(p - begin);
  if (pos_ - record_start_ > max_record_bytes_) {
    return malformed(record_line_, "record is longer than " + std::to_string(max_record_bytes_) + " bytes");
  }
  field.assign(begin + start, pos_ - start);
  return {};
}

base::Result<bool> CsvReader::next(std::vector<std::string>& fields) {
  // Skip blank lines.
  while (pos_ < text_.size() && (text_[pos_] == '\n' || text_[pos_] == '\r')) {
    if (text_[pos_] == '\n') ++line_;
    ++pos_;
  }
  if (pos_ >= text_.size()) return false;
  record_start_ = pos_;
  record_line_ = line_;
  std::size_t count = 0;
  while (true) {
    if (count == max_fields_) return malformed(record_line_, "record has more than " + std::to_string(max_fields_) + " fields");
    if (fields.size() <= count) fields.emplace_back();
    std::string& field = fields[count++];
    field.clear();
    auto st = pos_ < text_.size() && text_[pos_] == '"' ? read_quoted(field) : read_plain(field);
    if (!st) return base::fail(std::move(st).error());
    if (pos_ < text_.size() && text_[pos_] == delimiter_) {
      ++pos_;
      continue;
    }
    break;
  }
  record_raw_ = text_.substr(record_start_, pos_ - record_start_);
  if (pos_ < text_.size() && text_[pos_] == '\r') ++pos_;
  if (pos_ < text_.size() && text_[pos_] == '\n') { ++pos_; ++line_; }
  fields.resize(count);
  return true;
}

std::string csv_quote(std::string_view field, char delim) {
  if (field.find_first_of(std::string("\"\r\n") + delim) == std::string_view::npos) return std::string(field);
  std::string out = "\"";
  for (char c : field) {
    if (c == '"') out += "\"\"";
    else out.push_back(c);
  }
  return out + "\"";
}

}  // namespace kulanz::importers
