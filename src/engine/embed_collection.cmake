# Writes OUT: a C++ source holding the text of the default collection file IN as a string literal.
file(READ "${IN}" toml)
set(text "// Generated from data/collection/default.toml; do not edit.\n#include \"engine/builtin_collection.hpp\"\n\nnamespace kulanz::engine {\n\nstd::string_view builtin_collection_text() {\n  return R\"kulanz_toml(${toml})kulanz_toml\";\n}\n\n}  // namespace kulanz::engine\n")
include("${CMAKE_CURRENT_LIST_DIR}/../../cmake/write_if_changed.cmake")
write_if_changed("${OUT}" "${text}")
