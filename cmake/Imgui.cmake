# Dear ImGui 1.86 from the Debian source package (unpacked by scripts/bootstrap.sh),
# compiled the same way for both targets so native and web draw identically.
set(IMGUI_DIR "${SYNACK_CACHE_DIR}/src/imgui")
if(NOT EXISTS "${IMGUI_DIR}/imgui.cpp")
  message(FATAL_ERROR "imgui sources not found in ${IMGUI_DIR}: run scripts/bootstrap.sh")
endif()

if(EMSCRIPTEN)
  set(SDL2_WASM_PREFIX "${SYNACK_CACHE_DIR}/sdl2-wasm")
  if(NOT EXISTS "${SDL2_WASM_PREFIX}/lib/libSDL2.a")
    message(FATAL_ERROR "SDL2 for wasm not found in ${SDL2_WASM_PREFIX}: run scripts/bootstrap.sh")
  endif()
  add_library(synack_sdl2 INTERFACE)
  target_include_directories(synack_sdl2 SYSTEM INTERFACE "${SDL2_WASM_PREFIX}/include/SDL2")
  target_link_libraries(synack_sdl2 INTERFACE "${SDL2_WASM_PREFIX}/lib/libSDL2.a")
  target_link_options(synack_sdl2 INTERFACE -sUSE_WEBGL2=1 -sMIN_WEBGL_VERSION=2 -sMAX_WEBGL_VERSION=2)
else()
  find_package(PkgConfig REQUIRED)
  pkg_check_modules(SDL2 REQUIRED IMPORTED_TARGET sdl2)
  find_package(OpenGL REQUIRED)
  add_library(synack_sdl2 INTERFACE)
  target_link_libraries(synack_sdl2 INTERFACE PkgConfig::SDL2 OpenGL::GL ${CMAKE_DL_LIBS})
endif()

add_library(imgui STATIC
  ${IMGUI_DIR}/imgui.cpp ${IMGUI_DIR}/imgui_draw.cpp ${IMGUI_DIR}/imgui_tables.cpp
  ${IMGUI_DIR}/imgui_widgets.cpp
  ${IMGUI_DIR}/backends/imgui_impl_sdl.cpp)  # the renderer is synack's own (ui/gl_renderer.hpp)
target_include_directories(imgui SYSTEM PUBLIC ${IMGUI_DIR} ${IMGUI_DIR}/backends)
target_compile_definitions(imgui PUBLIC IMGUI_DISABLE_OBSOLETE_FUNCTIONS)
target_compile_options(imgui PRIVATE -w)  # third-party code: its warnings are not ours to fix
target_link_libraries(imgui PUBLIC synack_sdl2)
