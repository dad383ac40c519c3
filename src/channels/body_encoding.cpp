#include "channels/body_encoding.hpp"

#include <cstdint>
#include <vector>

namespace kulanz::channels {
namespace {

constexpr char kHex[] = "0123456789ABCDEF";

void append_escape(std::string& out, unsigned char byte) {
  out += '=';
  out += kHex[byte >> 4];
  out += kHex[byte & 0x0F];
}

// One line of text (no line break in it) as one or more encoded lines.
void encode_qp_line(std::string_view line, std::string& out) {
  std::string encoded;
  std::vector<std::size_t> starts;  // where each source byte's encoding begins
  starts.reserve(line.size() + 1);
  for (std::size_t i = 0; i < line.size(); ++i) {
    const auto byte = static_cast<unsigned char>(line[i]);
    const bool last = i + 1 == line.size();
    starts.push_back(encoded.size());
    if ((byte == ' ' || byte == '\t') && !last) {
      encoded += static_cast<char>(byte);
    } else if (byte >= 33 && byte <= 126 && byte != '=') {
      encoded += static_cast<char>(byte);
    } else {
      append_escape(encoded, byte);
    }
  }
  starts.push_back(encoded.size());

  std::size_t token = 0;
  const std::size_t tokens = line.size();
  while (true) {
    const std::size_t begin = starts[token];
    if (encoded.size() - begin <= kMaxBodyLine) {
      out.append(encoded, begin, std::string::npos);
      return;
    }
    // Room for 75 characters and the "=" of the soft line break.
    std::size_t end = token;
    while (end < tokens && starts[end + 1] - begin <= kMaxBodyLine - 1) ++end;
    out.append(encoded, begin, starts[end] - begin);
    out += "=\r\n";
    token = end;
  }
}

}  // namespace

std::string encode_quoted_printable(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  std::size_t start = 0;
  bool first = true;
  while (true) {
    const auto newline = text.find('\n', start);
    auto line = text.substr(start, newline == std::string_view::npos ? std::string_view::npos : newline - start);
    if (newline != std::string_view::npos && !line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!first) out += "\r\n";
    first = false;
    encode_qp_line(line, out);
    if (newline == std::string_view::npos) break;
    start = newline + 1;
  }
  return out;
}

std::string encode_base64_lines(std::string_view bytes) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve(bytes.size() / 3 * 4 + bytes.size() / 57 * 2 + 8);
  std::size_t line_length = 0;
  auto put = [&](char c) {
    if (line_length == kMaxBodyLine) {
      out += "\r\n";
      line_length = 0;
    }
    out += c;
    ++line_length;
  };
  std::size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const std::uint32_t group = (static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i])) << 16) |
                                (static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i + 1])) << 8) |
                                static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i + 2]));
    put(kAlphabet[(group >> 18) & 0x3F]);
    put(kAlphabet[(group >> 12) & 0x3F]);
    put(kAlphabet[(group >> 6) & 0x3F]);
    put(kAlphabet[group & 0x3F]);
  }
  const std::size_t rest = bytes.size() - i;
  if (rest > 0) {
    std::uint32_t group = static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i])) << 16;
    if (rest == 2) group |= static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i + 1])) << 8;
    put(kAlphabet[(group >> 18) & 0x3F]);
    put(kAlphabet[(group >> 12) & 0x3F]);
    put(rest == 2 ? kAlphabet[(group >> 6) & 0x3F] : '=');
    put('=');
  }
  return out;
}

}  // namespace kulanz::channels
