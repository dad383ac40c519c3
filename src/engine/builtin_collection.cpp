// The parsed default collection file.
#include "engine/builtin_collection.hpp"

#include <stdexcept>

namespace kulanz::engine {

const CollectionFile& builtin_collection() {
  static const CollectionFile file = [] {
    LoadResult r = parse_collection(builtin_collection_text(), "builtin:default.toml");
    if (!r.file) throw std::logic_error("the built-in collection file does not parse: " + r.errors.front().to_string());
    return std::move(*r.file);
  }();
  return file;
}

}  // namespace kulanz::engine
