# Version and build hash: regenerated on every build, rewritten only when the hash
# changes, so a new commit updates the title bar without a reconfigure.
set(SYNACK_BUILD_INFO_CPP "${CMAKE_BINARY_DIR}/generated/build_info.cpp")
add_custom_target(synack_build_info_gen
  COMMAND ${CMAKE_COMMAND} -DSRC=${CMAKE_SOURCE_DIR} -DOUT=${SYNACK_BUILD_INFO_CPP}
          -DVERSION=${PROJECT_VERSION} -P ${CMAKE_SOURCE_DIR}/cmake/write_build_info.cmake
  BYPRODUCTS ${SYNACK_BUILD_INFO_CPP}
  COMMENT "synack build info")
add_library(synack_build_info STATIC ${SYNACK_BUILD_INFO_CPP})
add_dependencies(synack_build_info synack_build_info_gen)
target_include_directories(synack_build_info PUBLIC ${CMAKE_SOURCE_DIR}/engine)
