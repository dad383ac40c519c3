# Writes OUT: a C++ source holding the text of the base-rate table IN as a string literal.
file(READ "${IN}" csv)
set(text "// Generated from data/law/basiszinssatz.csv; do not edit.\n#include \"law/base_rate.hpp\"\n\nnamespace kulanz::law {\n\nstd::string_view builtin_base_rates_text() {\n  return R\"kulanz_csv(${csv})kulanz_csv\";\n}\n\n}  // namespace kulanz::law\n")
include("${CMAKE_CURRENT_LIST_DIR}/../../cmake/write_if_changed.cmake")
write_if_changed("${OUT}" "${text}")
