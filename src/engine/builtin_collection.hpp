#pragma once
// The default collection file shipped with kulanz (data/collection/default.toml, compiled in).
#include <string_view>

#include "engine/collection.hpp"

namespace kulanz::engine {

std::string_view builtin_collection_text();
// Parsed once; the shipped file always parses (a test makes sure).
const CollectionFile& builtin_collection();

}  // namespace kulanz::engine
