# For the cmake -P generator scripts: writes TEXT to PATH only when it differs, so an
# unchanged generated file keeps its time stamp and nothing rebuilds.
function(synack_write_if_changed path text)
  set(old "")
  if(EXISTS "${path}")
    file(READ "${path}" old)
  endif()
  if(NOT old STREQUAL text)
    file(WRITE "${path}" "${text}")
  endif()
endfunction()
