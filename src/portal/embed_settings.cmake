# Writes OUT: a C++ source holding the text of the default portal file IN as a string literal.
file(READ "${IN}" toml)
set(text "// Generated from data/portal/default.toml; do not edit.\n#include \"portal/settings.hpp\"\n\nnamespace kulanz::portal {\n\nstd::string_view builtin_portal_text() {\n  return R\"kulanz_toml(${toml})kulanz_toml\";\n}\n\n}  // namespace kulanz::portal\n")
include("${CMAKE_CURRENT_LIST_DIR}/../../cmake/write_if_changed.cmake")
write_if_changed("${OUT}" "${text}")
