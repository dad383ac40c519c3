#include "documents/file_type.hpp"

#include <algorithm>

namespace kulanz::documents {
namespace {

using base::ErrorCode;

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// PDF: "%PDF-1.x" or "%PDF-2.0" at the start (ISO 32000 allows a little junk before it;
// kulanz does not), and "%%EOF" in the last kilobyte (a truncated file has none).
bool is_pdf(std::string_view b) {
  if (!starts_with(b, "%PDF-") || b.size() < 8) return false;
  if (!((b[5] == '1' || b[5] == '2') && b[6] == '.' && b[7] >= '0' && b[7] <= '9')) return false;
  const std::string_view tail = b.substr(b.size() > 1024 ? b.size() - 1024 : 0);
  return tail.find("%%EOF") != std::string_view::npos;
}

// JPEG: SOI (FF D8) and a marker (FF xx) right after, and EOI (FF D9) at the end
// (trailing padding of zero bytes or line ends tolerated).
bool is_jpeg(std::string_view b) {
  if (b.size() < 4 || static_cast<unsigned char>(b[0]) != 0xFF || static_cast<unsigned char>(b[1]) != 0xD8 ||
      static_cast<unsigned char>(b[2]) != 0xFF)
    return false;
  std::size_t end = b.size();
  while (end > 2 && (b[end - 1] == '\0' || b[end - 1] == '\n' || b[end - 1] == '\r')) --end;
  return end >= 4 && static_cast<unsigned char>(b[end - 2]) == 0xFF && static_cast<unsigned char>(b[end - 1]) == 0xD9;
}

// PNG: the 8-byte signature, an IHDR chunk first, an IEND chunk last.
bool is_png(std::string_view b) {
  static constexpr std::string_view signature("\x89PNG\r\n\x1a\n", 8);
  if (!starts_with(b, signature) || b.size() < 8 + 25 + 12) return false;
  if (b.substr(12, 4) != "IHDR") return false;
  return b.substr(b.size() - 8, 4) == "IEND";
}

std::string accepted_list(unsigned accepted) {
  std::string s;
  auto add = [&](unsigned bit, const char* name) {
    if (accepted & bit) s += (s.empty() ? "" : ", ") + std::string(name);
  };
  add(kAcceptPdf, "PDF");
  add(kAcceptJpeg, "JPEG");
  add(kAcceptPng, "PNG");
  return s;
}

// What the bytes look like, for the message when they are refused.
std::string looks_like(std::string_view b) {
  if (b.empty()) return "the file is empty";
  if (starts_with(b, "%PDF-")) return "it starts like a PDF but is not a complete one (cut off, or damaged)";
  if (b.size() >= 2 && static_cast<unsigned char>(b[0]) == 0xFF && static_cast<unsigned char>(b[1]) == 0xD8)
    return "it starts like a JPEG image but is not a complete one";
  if (starts_with(b, "\x89PNG")) return "it starts like a PNG image but is not a complete one";
  if (starts_with(b, "PK\x03\x04")) return "it is a ZIP archive (or an Office document)";
  if (starts_with(b, "GIF8")) return "it is a GIF image";
  if (starts_with(b, "MZ")) return "it is a Windows program";
  if (starts_with(b, "\x7f" "ELF")) return "it is a program";
  const bool text = std::all_of(b.begin(), b.begin() + static_cast<std::ptrdiff_t>(std::min<std::size_t>(b.size(), 512)),
                                [](char c) { return c == '\n' || c == '\r' || c == '\t' || static_cast<unsigned char>(c) >= 0x20; });
  return text ? "it is text" : "its content is of an unknown type";
}

}  // namespace

std::string_view content_type(FileType t) {
  switch (t) {
    case FileType::pdf: return "application/pdf";
    case FileType::jpeg: return "image/jpeg";
    case FileType::png: return "image/png";
  }
  return "application/octet-stream";
}

std::string_view extension(FileType t) {
  switch (t) {
    case FileType::pdf: return ".pdf";
    case FileType::jpeg: return ".jpg";
    case FileType::png: return ".png";
  }
  return "";
}

base::Result<FileType> check_file(std::string_view bytes, unsigned accepted, std::size_t max_bytes) {
  if (bytes.size() > max_bytes) {
    return base::fail(ErrorCode::document_too_large, "the file has " + std::to_string(bytes.size()) +
                                                         " bytes; at most " + std::to_string(max_bytes) +
                                                         " are accepted (split it, or compress the scan)");
  }
  if ((accepted & kAcceptPdf) && is_pdf(bytes)) return FileType::pdf;
  if ((accepted & kAcceptJpeg) && is_jpeg(bytes)) return FileType::jpeg;
  if ((accepted & kAcceptPng) && is_png(bytes)) return FileType::png;
  return base::fail(ErrorCode::document_type_invalid,
                    "the file is not accepted: " + looks_like(bytes) + "; accepted are " + accepted_list(accepted) +
                        " files, judged by their content, not their name");
}

}  // namespace kulanz::documents
