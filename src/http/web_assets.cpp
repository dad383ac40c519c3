#include "http/web_assets.hpp"

#include <algorithm>

namespace kulanz::http {
namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

const std::vector<EmbeddedAsset>& all_assets() {
  static const std::vector<EmbeddedAsset> assets = embedded_assets();
  return assets;
}

}  // namespace

const EmbeddedAsset* find_embedded_asset(std::string_view path) {
  const auto& assets = all_assets();
  auto it = std::find_if(assets.begin(), assets.end(), [&](const EmbeddedAsset& a) { return a.path == path; });
  return it == assets.end() ? nullptr : &*it;
}

std::string_view content_type_for(std::string_view path) {
  struct Entry {
    std::string_view suffix;
    std::string_view type;
  };
  static constexpr Entry table[] = {
      {".css", "text/css; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".webp", "image/webp"},
      {".txt", "text/plain; charset=utf-8"},
      {".html", "text/html; charset=utf-8"},
      {".json", "application/json"},
  };
  for (const auto& e : table) {
    if (ends_with(path, e.suffix)) return e.type;
  }
  return "application/octet-stream";
}

std::string static_url(std::string_view name) {
  std::string url = "/static/" + std::string(name);
  const EmbeddedAsset* asset = find_embedded_asset("static/" + std::string(name));
  if (asset != nullptr) url += "?v=" + std::string(asset->sha256.substr(0, 12));
  return url;
}

}  // namespace kulanz::http
