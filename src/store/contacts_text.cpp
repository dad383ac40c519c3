#include "store/contacts_text.hpp"

#include <charconv>

#include <cstdint>

#include "fmt/format.h"

namespace kulanz::store {
namespace {

using base::ErrorCode;

void append_string(std::string& out, std::string_view s) {
  out += '"';
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (u < 0x20) {
      out += fmt::format("\\u{:04x}", u);
    } else {
      out += c;
    }
  }
  out += '"';
}

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

class Reader {
 public:
  explicit Reader(std::string_view t) : t_(t) {}

  base::Result<std::vector<domain::Contact>> contacts() {
    std::vector<domain::Contact> out;
    if (!eat('[')) return bad("expected '['");
    if (eat(']')) return finish(std::move(out));
    do {
      domain::Contact c;
      if (!eat('{')) return bad("expected '{'");
      if (!eat('}')) {
        do {
          std::string key;
          if (!string(key)) return bad("expected a key");
          if (!eat(':')) return bad("expected ':'");
          if (key == "channel" || key == "address") {
            std::string value;
            if (!string(value)) return bad("expected a text value");
            if (key == "address") {
              c.address = std::move(value);
            } else {
              auto ch = domain::parse_channel(value);
              if (!ch) return bad("unknown channel '" + value + "'");
              c.channel = *ch;
            }
          } else if (key == "consent" || key == "invalid") {
            bool value = false;
            if (!boolean(value)) return bad("expected true or false");
            (key == "consent" ? c.consent : c.invalid) = value;
          } else {
            return bad("unknown key '" + key + "'");
          }
        } while (eat(','));
        if (!eat('}')) return bad("expected '}'");
      }
      out.push_back(std::move(c));
    } while (eat(','));
    if (!eat(']')) return bad("expected ']'");
    return finish(std::move(out));
  }

 private:
  void skip_ws() {
    while (i_ < t_.size() && (t_[i_] == ' ' || t_[i_] == '\n' || t_[i_] == '\t' || t_[i_] == '\r')) ++i_;
  }
  bool eat(char c) {
    skip_ws();
    if (i_ < t_.size() && t_[i_] == c) {
      ++i_;
      return true;
    }
    return false;
  }
  bool boolean(bool& v) {
    skip_ws();
    if (t_.substr(i_, 4) == "true") { v = true; i_ += 4; return true; }
    if (t_.substr(i_, 5) == "false") { v = false; i_ += 5; return true; }
    return false;
  }
  bool hex4(std::uint32_t& v) {
    if (i_ + 4 > t_.size()) return false;
    v = 0;
    for (int k = 0; k < 4; ++k) {
      char h = t_[i_++];
      v <<= 4;
      if (h >= '0' && h <= '9') v |= static_cast<std::uint32_t>(h - '0');
      else if (h >= 'a' && h <= 'f') v |= static_cast<std::uint32_t>(h - 'a' + 10);
      else if (h >= 'A' && h <= 'F') v |= static_cast<std::uint32_t>(h - 'A' + 10);
      else return false;
    }
    return true;
  }
  bool string(std::string& out) {
    if (!eat('"')) return false;
    while (i_ < t_.size()) {
      char c = t_[i_++];
      if (c == '"') return true;
      if (c != '\\') { out += c; continue; }
      if (i_ >= t_.size()) return false;
      char e = t_[i_++];
      switch (e) {
        case '"': case '\\': case '/': out += e; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          std::uint32_t cp = 0;
          if (!hex4(cp)) return false;
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            std::uint32_t low = 0;
            if (t_.substr(i_, 2) != "\\u") return false;
            i_ += 2;
            if (!hex4(low) || low < 0xDC00 || low > 0xDFFF) return false;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          }
          append_utf8(out, cp);
          break;
        }
        default: return false;
      }
    }
    return false;
  }
  base::Result<std::vector<domain::Contact>> finish(std::vector<domain::Contact> v) {
    skip_ws();
    if (i_ != t_.size()) return bad("unexpected text after the list");
    return v;
  }
  base::Unexpected<base::Error> bad(const std::string& what) {
    return base::fail(ErrorCode::db_error,
                      fmt::format("stored contacts of a customer are not readable at character {}: {}; re-import the "
                                  "customer to rewrite them",
                                  i_, what),
                      "contacts");
  }

  std::string_view t_;
  std::size_t i_ = 0;
};

}  // namespace

std::string encode_contacts(const std::vector<domain::Contact>& contacts) {
  std::string out = "[";
  for (std::size_t k = 0; k < contacts.size(); ++k) {
    const auto& c = contacts[k];
    if (k) out += ',';
    out += "{\"channel\":";
    append_string(out, domain::to_string(c.channel));
    out += ",\"address\":";
    append_string(out, c.address);
    out += c.consent ? ",\"consent\":true" : ",\"consent\":false";
    out += c.invalid ? ",\"invalid\":true}" : ",\"invalid\":false}";
  }
  out += ']';
  return out;
}

base::Result<std::vector<domain::Contact>> decode_contacts(std::string_view text) { return Reader(text).contacts(); }

std::string encode_preferences(const domain::ContactPreferences& p) {
  if (p.empty()) return {};
  std::string session;
  for (char c : p.session_ref) {
    if (c != ';' && c != '\n' && c != '\r') session += c;
  }
  return "language=" + (p.language ? std::string(domain::to_string(*p.language)) : std::string()) +
         ";updated=" + std::to_string(p.updated_unix) + ";session=" + session + "\n" + encode_contacts(p.channels);
}

base::Result<domain::ContactPreferences> decode_preferences(std::string_view text) {
  domain::ContactPreferences p;
  if (text.empty()) return p;
  auto damaged = [&](const std::string& what) {
    return base::fail(base::ErrorCode::db_error, "the stored contact preferences are damaged: " + what, "preferences");
  };
  const auto newline = text.find('\n');
  if (newline == std::string_view::npos) return damaged("no line break after the header");
  std::string_view header = text.substr(0, newline);
  while (!header.empty()) {
    const auto semicolon = header.find(';');
    const std::string_view field = header.substr(0, semicolon);
    header = semicolon == std::string_view::npos ? std::string_view() : header.substr(semicolon + 1);
    const auto eq = field.find('=');
    if (eq == std::string_view::npos) return damaged("'" + std::string(field) + "' is not key=value");
    const std::string_view key = field.substr(0, eq), value = field.substr(eq + 1);
    if (key == "language") {
      if (value == "de") p.language = domain::Language::de;
      else if (value == "en") p.language = domain::Language::en;
      else if (!value.empty()) return damaged("language '" + std::string(value) + "'");
    } else if (key == "updated") {
      auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), p.updated_unix);
      if (ec != std::errc() || end != value.data() + value.size()) return damaged("updated '" + std::string(value) + "'");
    } else if (key == "session") {
      p.session_ref = std::string(value);
    } else {
      return damaged("unknown key '" + std::string(key) + "'");
    }
  }
  KULANZ_TRY(channels, decode_contacts(text.substr(newline + 1)));
  p.channels = std::move(channels);
  return p;
}

}  // namespace kulanz::store
