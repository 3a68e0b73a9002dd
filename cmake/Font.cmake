# The UI font: DejaVu Sans from Debian's fonts-dejavu-core, subset at build time with
# fonttools to the glyphs synack's strings use (Latin, arrows, box and math symbols),
# then embedded as a byte array so native and web load the same bytes with no file I/O.
set(SYNACK_FONT_SRC "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf" CACHE FILEPATH "UI font")
set(SYNACK_FONT_SUBSET "${CMAKE_BINARY_DIR}/generated/ui_font.ttf")
set(SYNACK_FONT_CPP "${CMAKE_BINARY_DIR}/generated/ui_font.cpp")
find_program(PYFTSUBSET pyftsubset REQUIRED)
add_custom_command(OUTPUT ${SYNACK_FONT_SUBSET}
  COMMAND ${PYFTSUBSET} ${SYNACK_FONT_SRC}
          --unicodes=U+0020-007E,U+00A0-00FF,U+2013-2014,U+2018-201D,U+2022,U+2026,U+2190-21FF,U+2212,U+2264-2265,U+2500-257F,U+25A0-25FF,U+2713-2717
          --layout-features= --no-hinting --output-file=${SYNACK_FONT_SUBSET}
  DEPENDS ${SYNACK_FONT_SRC}
  COMMENT "subsetting UI font")
add_custom_command(OUTPUT ${SYNACK_FONT_CPP}
  COMMAND ${CMAKE_COMMAND} -DIN=${SYNACK_FONT_SUBSET} -DOUT=${SYNACK_FONT_CPP} -DSYMBOL=ui_font
          -P ${CMAKE_SOURCE_DIR}/cmake/embed_file.cmake
  DEPENDS ${SYNACK_FONT_SUBSET} ${CMAKE_SOURCE_DIR}/cmake/embed_file.cmake
  COMMENT "embedding UI font")
add_library(synack_font STATIC ${SYNACK_FONT_CPP} ${CMAKE_BINARY_DIR}/generated/cjk_switch_font.cpp)  # cjk_switch_font.cpp: CjkFont.cmake
