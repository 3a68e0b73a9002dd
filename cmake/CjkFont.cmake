# The CJK font: WenQuanYi Micro Hei from Debian's fonts-wqy-microhei, subset at build time
# by scripts/cjk_font.py (fonttools) to the characters synack's Chinese needs -- its
# strings, the course's Chinese lessons -- and GB2312 level 1, so that a teacher's
# Chinese lesson draws without a rebuild. It is a file of its own, cjk_font.ttf, that the
# app reads only when Chinese is on (ui/cjk_font.hpp): beside the .wasm on the web,
# beside the desktop app (or in its install's share/synack). Only the two characters of
# the language switch are compiled in (cjk_switch_font.cpp, into synack_font).
# The list of kept characters is built even without the app: the lesson checker (CLI)
# warns about characters outside it.
set(SYNACK_CJK_FONT_SRC "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc" CACHE FILEPATH "CJK UI font")
# Debian's python3, whose dist-packages hold python3-fonttools (a pyenv or venv python may not).
find_program(SYNACK_PYTHON3 NAMES python3 PATHS /usr/bin NO_DEFAULT_PATH REQUIRED)
file(GLOB SYNACK_ZH_TEXTS CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/lessons/zh/*.toml)
set(SYNACK_CJK_TEXTS ${CMAKE_SOURCE_DIR}/ui/strings_zh.cpp ${SYNACK_ZH_TEXTS})
set(gen ${CMAKE_BINARY_DIR}/generated)
set(SYNACK_CJK_FONT_FILE ${gen}/cjk_font.ttf)
add_custom_command(OUTPUT ${SYNACK_CJK_FONT_FILE} ${gen}/cjk_switch_font.cpp ${gen}/cjk_chars.cpp
  COMMAND ${CMAKE_COMMAND} -E make_directory ${gen}
  COMMAND ${SYNACK_PYTHON3} ${CMAKE_SOURCE_DIR}/scripts/cjk_font.py --font ${SYNACK_CJK_FONT_SRC}
          --font-out ${SYNACK_CJK_FONT_FILE} --switch-font-cpp ${gen}/cjk_switch_font.cpp --chars-cpp ${gen}/cjk_chars.cpp
          ${SYNACK_CJK_TEXTS}
  DEPENDS ${SYNACK_CJK_FONT_SRC} ${CMAKE_SOURCE_DIR}/scripts/cjk_font.py ${SYNACK_CJK_TEXTS}
  COMMENT "subsetting the CJK font")
add_library(synack_cjk_chars STATIC ${gen}/cjk_chars.cpp)
# The font file, for the targets that copy it beside themselves (the web folder, the desktop app).
add_custom_target(synack_cjk_font_file DEPENDS ${SYNACK_CJK_FONT_FILE})
