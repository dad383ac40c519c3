#include "store/contacts_text.hpp"

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

}  // namespace kulanz::store
