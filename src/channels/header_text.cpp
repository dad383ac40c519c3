#include "channels/header_text.hpp"

namespace kulanz::channels {
namespace {

constexpr char kHex[] = "0123456789ABCDEF";
constexpr std::size_t kEncodedWordOverhead = 12;  // "=?utf-8?Q?" and "?="
// Room for the longest character (4 bytes, 12 characters in Q) in an encoded-word.
constexpr std::size_t kSmallestUsefulWord = kEncodedWordOverhead + 12;

std::size_t utf8_sequence_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead & 0xE0) == 0xC0) return 2;
  if ((lead & 0xF0) == 0xE0) return 3;
  if ((lead & 0xF8) == 0xF0) return 4;
  return 1;  // not reached for valid UTF-8
}

bool q_literal(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '!' || c == '*' ||
         c == '+' || c == '-' || c == '/';
}

std::size_t q_length(unsigned char c) { return (q_literal(c) || c == ' ') ? 1 : 3; }

void append_q(std::string& out, unsigned char c) {
  if (q_literal(c)) {
    out += static_cast<char>(c);
  } else if (c == ' ') {
    out += '_';
  } else {
    out += '=';
    out += kHex[c >> 4];
    out += kHex[c & 0x0F];
  }
}

std::string base64(std::string_view bytes) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  auto at = [&](std::size_t k) { return static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[k])); };
  for (; i + 3 <= bytes.size(); i += 3) {
    const std::uint32_t g = (at(i) << 16) | (at(i + 1) << 8) | at(i + 2);
    for (int shift = 18; shift >= 0; shift -= 6) out += kAlphabet[(g >> shift) & 0x3F];
  }
  if (i < bytes.size()) {
    const bool two = bytes.size() - i == 2;
    const std::uint32_t g = (at(i) << 16) | (two ? at(i + 1) << 8 : 0);
    out += kAlphabet[(g >> 18) & 0x3F];
    out += kAlphabet[(g >> 12) & 0x3F];
    out += two ? kAlphabet[(g >> 6) & 0x3F] : '=';
    out += '=';
  }
  return out;
}

std::size_t base64_length(std::size_t bytes) { return (bytes + 2) / 3 * 4; }

bool is_printable_ascii(std::string_view s) {
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u > 0x7E) return false;
  }
  return true;
}

bool is_atext(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("!#$%&'*+-/=?^_`{|}~").find(c) != std::string_view::npos;
}

// The text split at each space that is followed by a non-space character (not at the
// start): joining the pieces with single spaces gives the text back, and no folded line
// consists of whitespace only.
std::vector<std::string> split_at_fold_points(std::string_view text) {
  std::vector<std::string> pieces;
  std::size_t start = 0;
  for (std::size_t i = 1; i + 1 < text.size(); ++i) {
    if (text[i] == ' ' && text[i + 1] != ' ') {
      pieces.emplace_back(text.substr(start, i - start));
      start = i + 1;
    }
  }
  pieces.emplace_back(text.substr(start));
  return pieces;
}

// Whether `pieces` fold into lines of at most 78 characters after "Name: ".
bool pieces_fit(std::string_view name, const std::vector<std::string>& pieces) {
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    const std::size_t lead = i == 0 ? name.size() + 2 : 1;
    if (lead + pieces[i].size() > kMaxHeaderLine) return false;
  }
  return true;
}

std::size_t first_word_budget(std::size_t used_on_first_line) {
  if (used_on_first_line + kSmallestUsefulWord > kMaxHeaderLine) return kMaxEncodedWord;  // folded before it
  const std::size_t room = kMaxHeaderLine - used_on_first_line;
  return room < kMaxEncodedWord ? room : kMaxEncodedWord;
}

bool is_phrase_of_atoms(std::string_view s) {
  if (s.empty() || s.front() == ' ' || s.back() == ' ') return false;
  char previous = 0;
  for (char c : s) {
    if (c == ' ' ? previous == ' ' : !is_atext(c)) return false;
    previous = c;
  }
  return true;
}

// A display name as a phrase: words that are atoms stay as they are, each run of other
// words (with the spaces inside it) becomes encoded-words. Whitespace between two
// encoded-words is dropped by RFC 2047 decoders but kept as a space by some (Python's
// address parser), so runs are split only when one encoded-word cannot hold them.
std::vector<std::string> phrase_tokens(std::string_view display_name) {
  std::vector<std::string_view> words;
  std::size_t start = 0;
  while (true) {
    const auto space = display_name.find(' ', start);
    words.push_back(display_name.substr(start, space == std::string_view::npos ? std::string_view::npos : space - start));
    if (space == std::string_view::npos) break;
    start = space + 1;
  }
  auto plain = [](std::string_view word) {
    if (word.empty() || word.find("=?") != std::string_view::npos) return false;
    for (char c : word) {
      if (!is_atext(c)) return false;
    }
    return true;
  };
  std::vector<std::string> tokens;
  std::size_t i = 0;
  while (i < words.size()) {
    if (plain(words[i])) {
      tokens.emplace_back(words[i]);
      ++i;
      continue;
    }
    std::string run(words[i]);
    std::size_t j = i + 1;
    for (; j < words.size() && !plain(words[j]); ++j) run += " " + std::string(words[j]);
    for (auto& word : encode_words(run, kMaxEncodedWord)) tokens.push_back(std::move(word));
    i = j;
  }
  return tokens;
}

bool is_attr_char(unsigned char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("!#$&+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
}

// days since 1970-01-01 -> civil date (proleptic Gregorian), for days >= 0.
void civil_from_days(std::int64_t days, int& year, int& month, int& day) {
  // Count in 400-year eras starting on 0000-03-01, so the leap day ends each cycle year.
  days += 719468;  // 0000-03-01 to 1970-01-01
  const std::int64_t era = days / 146097;
  const std::int64_t day_of_era = days - era * 146097;
  const std::int64_t year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const std::int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const std::int64_t month_from_march = (5 * day_of_year + 2) / 153;
  day = static_cast<int>(day_of_year - (153 * month_from_march + 2) / 5 + 1);
  month = static_cast<int>(month_from_march < 10 ? month_from_march + 3 : month_from_march - 9);
  year = static_cast<int>(year_of_era + era * 400 + (month <= 2 ? 1 : 0));
}

void append_two_digits(std::string& out, int value) {
  out += static_cast<char>('0' + value / 10);
  out += static_cast<char>('0' + value % 10);
}

}  // namespace

std::vector<std::string> encode_words(std::string_view utf8, std::size_t first_max) {
  std::size_t q_total = 0;
  for (char c : utf8) q_total += q_length(static_cast<unsigned char>(c));
  const bool use_q = q_total <= base64_length(utf8.size());
  const std::string_view prefix = use_q ? "=?utf-8?Q?" : "=?utf-8?B?";
  if (first_max < kSmallestUsefulWord || first_max > kMaxEncodedWord) first_max = kMaxEncodedWord;

  std::vector<std::string> words;
  std::size_t word_start = 0;  // first byte of the current word in utf8
  std::size_t payload = 0;     // encoded length of the current word's payload (Q)
  auto flush = [&](std::size_t end) {
    const auto bytes = utf8.substr(word_start, end - word_start);
    std::string word(prefix);
    if (use_q) {
      for (char c : bytes) append_q(word, static_cast<unsigned char>(c));
    } else {
      word += base64(bytes);
    }
    word += "?=";
    words.push_back(std::move(word));
    word_start = end;
    payload = 0;
  };
  std::size_t i = 0;
  while (i < utf8.size()) {
    std::size_t length = utf8_sequence_length(static_cast<unsigned char>(utf8[i]));
    if (i + length > utf8.size()) length = utf8.size() - i;
    std::size_t char_payload = 0;
    for (std::size_t k = 0; k < length; ++k) char_payload += q_length(static_cast<unsigned char>(utf8[i + k]));
    const std::size_t limit = words.empty() ? first_max : kMaxEncodedWord;
    const std::size_t would_be = use_q ? payload + char_payload : base64_length(i + length - word_start);
    if (would_be + kEncodedWordOverhead > limit && i > word_start) flush(i);
    payload += char_payload;
    i += length;
  }
  if (word_start < utf8.size() || words.empty()) flush(utf8.size());
  return words;
}

std::string fold_header(std::string_view name, const std::vector<std::string>& tokens) {
  std::string out;
  std::string line(name);
  line += ':';
  for (const auto& token : tokens) {
    if (line.size() + 1 + token.size() > kMaxHeaderLine && line.size() > 1) {
      out += line;
      out += "\r\n";
      line.clear();
    }
    line += ' ';
    line += token;
  }
  out += line;
  out += "\r\n";
  return out;
}

std::string unstructured_header(std::string_view name, std::string_view utf8) {
  if (is_printable_ascii(utf8) && utf8.find("=?") == std::string_view::npos) {
    auto pieces = split_at_fold_points(utf8);
    if (pieces_fit(name, pieces)) return fold_header(name, pieces);
  }
  return fold_header(name, encode_words(utf8, first_word_budget(name.size() + 2)));
}

std::string mailbox_header(std::string_view name, std::string_view display_name, std::string_view address) {
  if (display_name.empty()) return fold_header(name, {std::string(address)});
  const std::string angle_address = "<" + std::string(address) + ">";
  std::vector<std::string> tokens;
  const bool ascii = is_printable_ascii(display_name) && display_name.find("=?") == std::string_view::npos;
  if (ascii && is_phrase_of_atoms(display_name) && pieces_fit(name, split_at_fold_points(display_name))) {
    tokens = split_at_fold_points(display_name);
  } else {
    std::string quoted = "\"";
    for (char c : display_name) {
      if (c == '"' || c == '\\') quoted += '\\';
      quoted += c;
    }
    quoted += '"';
    if (ascii && name.size() + 2 + quoted.size() <= kMaxHeaderLine) {
      tokens.push_back(std::move(quoted));
    } else {
      tokens = phrase_tokens(display_name);
    }
  }
  tokens.push_back(angle_address);
  return fold_header(name, tokens);
}

std::vector<std::string> parameter_tokens(std::string_view attribute, std::string_view utf8_value) {
  const std::string attr(attribute);
  if (is_printable_ascii(utf8_value)) {
    std::string quoted = attr + "=\"";
    for (char c : utf8_value) {
      if (c == '"' || c == '\\') quoted += '\\';
      quoted += c;
    }
    quoted += '"';
    if (quoted.size() + 1 <= kMaxHeaderLine) return {quoted};
  }
  // Percent-encoded characters, each kept whole.
  std::vector<std::string> characters;
  for (std::size_t i = 0; i < utf8_value.size();) {
    std::size_t length = utf8_sequence_length(static_cast<unsigned char>(utf8_value[i]));
    if (i + length > utf8_value.size()) length = utf8_value.size() - i;
    std::string encoded;
    for (std::size_t k = 0; k < length; ++k) {
      const auto c = static_cast<unsigned char>(utf8_value[i + k]);
      if (is_attr_char(c)) {
        encoded += static_cast<char>(c);
      } else {
        encoded += '%';
        encoded += kHex[c >> 4];
        encoded += kHex[c & 0x0F];
      }
    }
    characters.push_back(std::move(encoded));
    i += length;
  }
  std::string single = attr + "*=utf-8''";
  for (const auto& c : characters) single += c;
  if (single.size() + 1 <= kMaxHeaderLine) return {single};

  std::vector<std::string> tokens;
  std::string current;
  auto head = [&](std::size_t index) {
    return attr + "*" + std::to_string(index) + "*=" + (index == 0 ? "utf-8''" : "");
  };
  current = head(0);
  bool current_has_value = false;
  for (const auto& c : characters) {
    // one leading space on the folded line and the ";" that separates continuations
    if (current_has_value && 1 + current.size() + c.size() + 1 > kMaxHeaderLine) {
      tokens.push_back(current + ";");
      current = head(tokens.size());
      current_has_value = false;
    }
    current += c;
    current_has_value = true;
  }
  tokens.push_back(current);
  return tokens;
}

std::string rfc5322_date(std::int64_t unix_seconds) {
  static constexpr const char* kWeekdays[] = {"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const std::int64_t days = unix_seconds / 86400;
  const std::int64_t seconds_of_day = unix_seconds % 86400;
  int year = 0;
  int month = 0;
  int day = 0;
  civil_from_days(days, year, month, day);
  std::string out = kWeekdays[days % 7];
  out += ", ";
  append_two_digits(out, day);
  out += ' ';
  out += kMonths[month - 1];
  out += ' ';
  out += std::to_string(year);
  out += ' ';
  append_two_digits(out, static_cast<int>(seconds_of_day / 3600));
  out += ':';
  append_two_digits(out, static_cast<int>(seconds_of_day / 60 % 60));
  out += ':';
  append_two_digits(out, static_cast<int>(seconds_of_day % 60));
  out += " +0000";
  return out;
}

}  // namespace kulanz::channels
