# Embeds web/templates, web/static and (when `npm ci` has run in web/) htmx into kulanz_http.
# Included from src/http/CMakeLists.txt; defines the generated source of the target.
set(KULANZ_WEB_DIR ${PROJECT_SOURCE_DIR}/web)
file(GLOB kulanz_web_templates CONFIGURE_DEPENDS RELATIVE ${KULANZ_WEB_DIR} ${KULANZ_WEB_DIR}/templates/*.mustache)
file(GLOB kulanz_web_static CONFIGURE_DEPENDS RELATIVE ${KULANZ_WEB_DIR} ${KULANZ_WEB_DIR}/static/*)
# htmx comes from npm (web/package.json, pinned by web/package-lock.json). `make` runs
# `npm ci` in web/ before configuring; a plain CMake configure of a fresh clone does it here.
set(kulanz_web_htmx_path ${KULANZ_WEB_DIR}/node_modules/htmx.org/dist/htmx.min.js)
if(NOT EXISTS ${kulanz_web_htmx_path})
  find_program(KULANZ_NPM npm)
  if(KULANZ_NPM)
    message(STATUS "Installing web/node_modules (npm ci in ${KULANZ_WEB_DIR})")
    execute_process(COMMAND ${KULANZ_NPM} ci --no-audit --no-fund --loglevel=error
                    WORKING_DIRECTORY ${KULANZ_WEB_DIR} RESULT_VARIABLE kulanz_npm_result)
    if(NOT kulanz_npm_result EQUAL 0)
      message(WARNING "npm ci in web/ failed (${kulanz_npm_result})")
    endif()
  endif()
endif()
# Globbing the single file makes CMake notice when `npm ci` creates it later.
file(GLOB kulanz_web_htmx CONFIGURE_DEPENDS ${kulanz_web_htmx_path})

set(kulanz_web_files ${kulanz_web_templates} ${kulanz_web_static})
set(kulanz_web_deps)
foreach(f IN LISTS kulanz_web_files)
  list(APPEND kulanz_web_deps ${KULANZ_WEB_DIR}/${f})
endforeach()
if(kulanz_web_htmx)
  list(APPEND kulanz_web_files "static/htmx.min.js=${kulanz_web_htmx}")
  list(APPEND kulanz_web_deps ${kulanz_web_htmx})
else()
  message(WARNING "web/node_modules/htmx.org is missing: pages work, but without htmx (run `npm ci` in web/)")
endif()

set(KULANZ_WEB_ASSETS_CPP ${CMAKE_CURRENT_BINARY_DIR}/web_assets_data.cpp)
# "|" separates the entries on the command line (a ";" would split or escape the argument).
string(REPLACE ";" "|" kulanz_web_files_arg "${kulanz_web_files}")
add_custom_command(
  OUTPUT ${KULANZ_WEB_ASSETS_CPP}
  COMMAND ${CMAKE_COMMAND} -DROOT=${KULANZ_WEB_DIR} -DOUT=${KULANZ_WEB_ASSETS_CPP}
          "-DFILES=${kulanz_web_files_arg}" -P ${KULANZ_WEB_DIR}/embed_assets.cmake
  DEPENDS ${kulanz_web_deps} ${KULANZ_WEB_DIR}/embed_assets.cmake ${KULANZ_WEB_DIR}/assets.cmake
  COMMENT "Embedding web assets"
  VERBATIM)
