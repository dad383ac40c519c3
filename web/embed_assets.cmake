# Turns the files under web/ into one C++ source so that the binary needs no files at run
# time. Script mode: cmake -DROOT=<web dir> -DOUT=<file.cpp> -DFILES=<a|b|...> -P embed_assets.cmake
# FILES are paths relative to ROOT, separated by "|"; an entry "ALIAS=PATH" embeds PATH
# under the name ALIAS.
cmake_minimum_required(VERSION 3.25)

string(REPLACE "|" ";" FILES "${FILES}")

set(decls "")
set(table "")
set(i 0)
foreach(entry IN LISTS FILES)
  if(entry MATCHES "^([^=]+)=(.+)$")
    set(name "${CMAKE_MATCH_1}")
    set(path "${CMAKE_MATCH_2}")
  else()
    set(name "${entry}")
    set(path "${ROOT}/${entry}")
  endif()
  file(READ "${path}" hex HEX)
  file(SHA256 "${path}" digest)
  string(LENGTH "${hex}" hex_len)
  math(EXPR size "${hex_len} / 2")
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
  # Break the initialiser into lines of 32 bytes to keep the generated file readable.
  string(REGEX REPLACE "((0x[0-9a-f][0-9a-f],){32})" "\\1\n" bytes "${bytes}")
  string(APPEND decls "// ${name}\nconst unsigned char asset_${i}[] = {\n${bytes}0x00};\n")
  string(APPEND table "    {\"${name}\", asset_${i}, ${size}, \"${digest}\"},\n")
  math(EXPR i "${i} + 1")
endforeach()

set(content "// Generated at build time from web/ by web/embed_assets.cmake. Do not edit.
#include \"http/web_assets.hpp\"

namespace kulanz::http {
namespace {
${decls}
struct Raw {
  const char* path;
  const unsigned char* data;
  std::size_t size;
  const char* sha256;
};
const Raw raw_assets[] = {
${table}    {nullptr, nullptr, 0, nullptr},
};
}  // namespace

std::vector<EmbeddedAsset> embedded_assets() {
  std::vector<EmbeddedAsset> out;
  for (const Raw* r = raw_assets; r->path != nullptr; ++r) {
    out.push_back(EmbeddedAsset{r->path, std::string_view(reinterpret_cast<const char*>(r->data), r->size), r->sha256});
  }
  return out;
}

}  // namespace kulanz::http
")

# Only touch the output when it changes, so that an unchanged web/ rebuilds nothing.
if(EXISTS "${OUT}")
  file(READ "${OUT}" old)
  if(old STREQUAL content)
    return()
  endif()
endif()
file(WRITE "${OUT}" "${content}")
