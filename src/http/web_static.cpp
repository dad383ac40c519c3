// GET /static/{file}: the embedded files of web/static with content type and caching.
#include <string>

#include "http/web_assets.hpp"
#include "http/web_pages.hpp"

namespace kulanz::http {

Response static_file(Request& request) {
  const std::string& name = request.path_params["file"];
  const EmbeddedAsset* asset = find_embedded_asset("static/" + name);
  if (asset == nullptr) {
    auto r = Response::text(404, "not found: /static/" + name);
    r.set_header("X-Content-Type-Options", "nosniff");
    return r;
  }
  std::string version(asset->sha256.substr(0, 12));
  std::string etag = "\"" + std::string(asset->sha256.substr(0, 32)) + "\"";
  Response r;
  if (request.header("if-none-match") == etag) {
    r.status = 304;
  } else {
    r = Response::text(200, std::string(asset->bytes), std::string(content_type_for(asset->path)));
  }
  r.set_header("ETag", etag);
  // URLs from static_url() carry the content's hash: such a response never changes.
  bool versioned = request.query_param("v") == version;
  r.set_header("Cache-Control", versioned ? "public, max-age=31536000, immutable" : "public, max-age=300");
  r.set_header("X-Content-Type-Options", "nosniff");
  return r;
}

}  // namespace kulanz::http
