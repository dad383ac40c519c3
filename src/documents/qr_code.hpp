#pragma once
// QR codes as a matrix of modules, encoded with libqrencode.
#include <cstdint>
#include <string_view>
#include <vector>

#include "base/result.hpp"

namespace kulanz::documents {

// A square QR symbol without its quiet zone: `size` modules per side, `dark` row by row
// (index y * size + x), 1 for a dark module and 0 for a light one.
struct QrMatrix {
  int size = 0;
  std::vector<std::uint8_t> dark;

  // True for a dark module; coordinates outside the symbol (the quiet zone) are light.
  bool at(int x, int y) const;
};

// Capacity of the largest QR symbol (version 40) in byte mode at level M.
inline constexpr std::size_t qr_max_bytes_level_m = 2331;

// The smallest QR symbol holding `bytes` in 8-bit (byte) mode at error-correction level M,
// the level EPC069-12 prescribes for GiroCodes. Errors: invalid_argument (field "bytes")
// for empty input or more than the 2331 bytes a level-M symbol holds; render_failed when
// the encoder fails otherwise.
base::Result<QrMatrix> encode_qr(std::string_view bytes);

// The symbol as an SVG image for a web page: black modules on white with a quiet zone of
// `quiet_zone` modules, one module = one unit of the viewBox (the page sizes it), one path
// of horizontal runs. `label` becomes the image's accessible name (<title>, role img);
// it is escaped for XML.
std::string qr_svg(const QrMatrix& qr, std::string_view label, int quiet_zone = 4);

}  // namespace kulanz::documents
