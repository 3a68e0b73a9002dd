# The CJK font: WenQuanYi Micro Hei from Debian's fonts-wqy-microhei, subset at build time
# by scripts/cjk_font.py (fonttools) to the characters synack's Chinese needs -- its
# strings, the course's Chinese lessons -- and GB2312 level 1, so that a teacher's
# Chinese lesson draws without a rebuild. Merged into the Latin font in ImGui (app.cpp).
# The list of kept characters is built even without the app: the lesson checker (CLI)
# warns about characters outside it.
set(SYNACK_CJK_FONT_SRC "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc" CACHE FILEPATH "CJK UI font")
# Debian's python3, whose dist-packages hold python3-fonttools (a pyenv or venv python may not).
find_program(SYNACK_PYTHON3 NAMES python3 PATHS /usr/bin NO_DEFAULT_PATH REQUIRED)
file(GLOB SYNACK_ZH_TEXTS CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/lessons/zh/*.toml)
set(SYNACK_CJK_TEXTS ${CMAKE_SOURCE_DIR}/ui/strings_zh.cpp ${SYNACK_ZH_TEXTS})
set(gen ${CMAKE_BINARY_DIR}/generated)
add_custom_command(OUTPUT ${gen}/cjk_font.ttf ${gen}/cjk_font.cpp ${gen}/cjk_chars.cpp
  COMMAND ${CMAKE_COMMAND} -E make_directory ${gen}
  COMMAND ${SYNACK_PYTHON3} ${CMAKE_SOURCE_DIR}/scripts/cjk_font.py --font ${SYNACK_CJK_FONT_SRC}
          --font-out ${gen}/cjk_font.ttf --font-cpp ${gen}/cjk_font.cpp --chars-cpp ${gen}/cjk_chars.cpp
          ${SYNACK_CJK_TEXTS}
  DEPENDS ${SYNACK_CJK_FONT_SRC} ${CMAKE_SOURCE_DIR}/scripts/cjk_font.py ${SYNACK_CJK_TEXTS}
  COMMENT "subsetting the CJK font")
add_library(synack_cjk_chars STATIC ${gen}/cjk_chars.cpp)
