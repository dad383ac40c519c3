#include "documents/qr_code.hpp"

#include <qrencode.h>

#include <cerrno>
#include <memory>

namespace kulanz::documents {

bool QrMatrix::at(int x, int y) const {
  if (x < 0 || y < 0 || x >= size || y >= size) return false;
  return dark[static_cast<std::size_t>(y) * static_cast<std::size_t>(size) + static_cast<std::size_t>(x)] != 0;
}

namespace {
struct QrFree {
  void operator()(QRcode* code) const { QRcode_free(code); }
};
}  // namespace

base::Result<QrMatrix> encode_qr(std::string_view bytes) {
  if (bytes.empty()) {
    return base::fail(base::ErrorCode::invalid_argument, "there is nothing to encode: the QR code data is empty",
                      "bytes");
  }
  if (bytes.size() > qr_max_bytes_level_m) {
    return base::fail(base::ErrorCode::invalid_argument,
                      std::to_string(bytes.size()) + " bytes do not fit into a QR code at error-correction level M " +
                          "(at most 2331): shorten the data",
                      "bytes");
  }
  errno = 0;
  std::unique_ptr<QRcode, QrFree> code(QRcode_encodeData(static_cast<int>(bytes.size()),
                                                         reinterpret_cast<const unsigned char*>(bytes.data()),
                                                         0, QR_ECLEVEL_M));
  if (!code) {
    const int err = errno;
    return base::fail(base::ErrorCode::render_failed,
                      err == ERANGE ? std::string("the data is too long for a QR code at level M")
                                    : "the QR encoder failed (errno " + std::to_string(err) + ")",
                      "bytes");
  }
  QrMatrix matrix;
  matrix.size = code->width;
  const std::size_t cells = static_cast<std::size_t>(code->width) * static_cast<std::size_t>(code->width);
  matrix.dark.resize(cells);
  // libqrencode sets bit 0 of each byte for a dark module; the other bits describe its role.
  for (std::size_t i = 0; i < cells; ++i) matrix.dark[i] = code->data[i] & 1U;
  return matrix;
}

std::string qr_svg(const QrMatrix& qr, std::string_view label, int quiet_zone) {
  const int side = qr.size + 2 * quiet_zone;
  const std::string w = std::to_string(side);
  std::string escaped;
  for (char c : label) {
    switch (c) {
      case '<': escaped += "&lt;"; break;
      case '>': escaped += "&gt;"; break;
      case '&': escaped += "&amp;"; break;
      case '"': escaped += "&quot;"; break;
      default: escaped += c;
    }
  }
  std::string out = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + w + " " + w +
                    "\" role=\"img\" shape-rendering=\"crispEdges\"><title>" + escaped + "</title><rect width=\"" + w +
                    "\" height=\"" + w + "\" fill=\"#fff\"/><path fill=\"#000\" d=\"";
  for (int y = 0; y < qr.size; ++y) {
    for (int x = 0; x < qr.size;) {
      if (!qr.at(x, y)) {
        ++x;
        continue;
      }
      int run = 1;
      while (qr.at(x + run, y)) ++run;
      const std::string n = std::to_string(run);
      out += "M" + std::to_string(x + quiet_zone) + " " + std::to_string(y + quiet_zone) + "h" + n + "v1h-" + n + "z";
      x += run;
    }
  }
  out += "\"/></svg>";
  return out;
}

}  // namespace kulanz::documents
