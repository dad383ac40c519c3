#include "http/api_query.hpp"

#include <charconv>

namespace kulanz::http {
namespace {

base::Unexpected<base::Error> invalid(std::string_view name, std::string detail) {
  return base::fail(base::ErrorCode::query_invalid, std::move(detail), std::string(name));
}

std::string quoted(std::string_view value) {
  constexpr std::size_t kShown = 60;
  std::string s(value.substr(0, kShown));
  return "'" + s + (value.size() > kShown ? "...'" : "'");
}

constexpr std::string_view kCursorTag = "c1:";
constexpr char kHex[] = "0123456789abcdef";

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

}  // namespace

base::Status check_query_names(const Request& request, const std::vector<std::string>& allowed) {
  for (auto it = request.query.begin(); it != request.query.end(); ++it) {
    bool known = false;
    for (const auto& name : allowed) known = known || name == it->first;
    if (!known) {
      std::string list;
      for (const auto& name : allowed) list += (list.empty() ? "" : ", ") + name;
      return invalid(it->first, "unknown query parameter " + quoted(it->first) + " on " + request.path +
                                    (list.empty() ? " (this route takes none)" : " (allowed: " + list + ")"));
    }
    if (request.query.count(it->first) > 1) {
      return invalid(it->first, "query parameter " + quoted(it->first) + " is given more than once; give it once");
    }
  }
  return {};
}

base::Result<std::optional<calendar::Date>> query_date(const Request& request, std::string_view name) {
  auto raw = request.query_param(name);
  if (!raw) return std::optional<calendar::Date>{};
  auto date = calendar::Date::parse_iso(*raw);
  if (!date) return invalid(name, std::string(name) + "=" + quoted(*raw) + " is not a date; use YYYY-MM-DD");
  return std::optional<calendar::Date>{*date};
}

base::Result<int> query_int(const Request& request, std::string_view name, int min, int max, int fallback) {
  auto raw = request.query_param(name);
  if (!raw) return fallback;
  int value = 0;
  auto [end, ec] = std::from_chars(raw->data(), raw->data() + raw->size(), value);
  if (ec != std::errc() || end != raw->data() + raw->size() || value < min || value > max) {
    return invalid(name, std::string(name) + "=" + quoted(*raw) + " must be a whole number from " + std::to_string(min) +
                             " to " + std::to_string(max));
  }
  return value;
}

base::Result<std::optional<std::string>> query_choice(const Request& request, std::string_view name,
                                                      std::initializer_list<std::string_view> choices) {
  auto raw = request.query_param(name);
  if (!raw) return std::optional<std::string>{};
  std::string list;
  for (auto c : choices) {
    if (c == *raw) return std::optional<std::string>{*raw};
    list += (list.empty() ? "" : ", ") + std::string(c);
  }
  return invalid(name, std::string(name) + "=" + quoted(*raw) + " is not allowed; use one of " + list);
}

base::Result<std::optional<std::string>> query_text(const Request& request, std::string_view name, std::size_t max_length) {
  auto raw = request.query_param(name);
  if (!raw) return std::optional<std::string>{};
  if (raw->empty() || raw->size() > max_length) {
    return invalid(name, std::string(name) + " must have 1 to " + std::to_string(max_length) + " characters");
  }
  return std::optional<std::string>{*raw};
}

base::Result<calendar::Date> query_as_of(const Request& request) {
  auto given = query_date(request, "as_of");
  if (!given) return base::fail(std::move(given).error());
  if (*given) return **given;
  return calendar::Date::from_unix_utc(request.now_unix);
}

std::string encode_cursor(std::string_view store_cursor) {
  std::string plain = std::string(kCursorTag) + std::string(store_cursor);
  std::string out;
  out.reserve(plain.size() * 2);
  for (unsigned char c : plain) {
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 0x0F]);
  }
  return out;
}

base::Result<std::string> decode_cursor(std::string_view api_cursor) {
  auto bad = [] {
    return base::fail(base::ErrorCode::cursor_invalid,
                      "the cursor was not issued by this API; pass next_cursor of the previous page unchanged, or omit it to start over",
                      "cursor");
  };
  if (api_cursor.size() % 2 != 0 || api_cursor.size() > 1024) return bad();
  std::string plain;
  for (std::size_t i = 0; i < api_cursor.size(); i += 2) {
    int hi = hex_value(api_cursor[i]);
    int lo = hex_value(api_cursor[i + 1]);
    if (hi < 0 || lo < 0) return bad();
    plain.push_back(static_cast<char>(hi * 16 + lo));
  }
  if (plain.size() <= kCursorTag.size() || plain.compare(0, kCursorTag.size(), kCursorTag) != 0) return bad();
  return plain.substr(kCursorTag.size());
}

base::Result<std::int64_t> path_id(const Request& request, const char* name) {
  const std::string& text = request.path_params.at(name);
  std::int64_t v = 0;
  if (text.empty() || text.size() > 18) return base::fail(base::ErrorCode::id_invalid, std::string(name) + " must be a number", name);
  for (char ch : text) {
    if (ch < '0' || ch > '9') return base::fail(base::ErrorCode::id_invalid, std::string(name) + " must be a number", name);
    v = v * 10 + (ch - '0');
  }
  return v;
}

}  // namespace kulanz::http
