#pragma once
// Files from web/ (templates, CSS, images, htmx) compiled into the binary at build time
// by web/embed_assets.cmake, so that a running server needs no files on disk.
#include <string>
#include <string_view>
#include <vector>

namespace kulanz::http {

struct EmbeddedAsset {
  std::string_view path;    // relative to web/: "templates/login.mustache", "static/app.css"
  std::string_view bytes;
  std::string_view sha256;  // lower-case hex digest of bytes, computed at build time
};

// Every embedded file (generated source).
std::vector<EmbeddedAsset> embedded_assets();
// The file at `path` (relative to web/), or nullptr.
const EmbeddedAsset* find_embedded_asset(std::string_view path);
// Content type by file extension, with charset for text types.
std::string_view content_type_for(std::string_view path);
// "/static/app.css?v=0123456789ab": a URL that changes whenever the file does, so that the
// file can be cached for a year. Falls back to the plain URL for an unknown file.
std::string static_url(std::string_view name);

}  // namespace kulanz::http
