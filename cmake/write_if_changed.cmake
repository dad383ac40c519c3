# write_if_changed(FILE TEXT): writes TEXT to FILE only when it differs from what is there,
# so that generated sources keep their time stamp and dependants are not rebuilt.
function(write_if_changed file text)
  set(old "")
  if(EXISTS "${file}")
    file(READ "${file}" old)
  endif()
  if(NOT "${old}" STREQUAL "${text}")
    file(WRITE "${file}" "${text}")
  endif()
endfunction()
