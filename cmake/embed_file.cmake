# cmake -P script: turns the bytes of IN into a C++ array SYMBOL in OUT.
file(READ "${IN}" hex HEX)
string(LENGTH "${hex}" n)
math(EXPR size "${n} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
string(REGEX REPLACE "(0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,)" "\\1\n" bytes "${bytes}")
file(WRITE "${OUT}" "// generated from ${IN} by cmake/embed_file.cmake\n#include <cstddef>\nextern const unsigned char ${SYMBOL}_data[] = {\n${bytes}\n};\nextern const std::size_t ${SYMBOL}_size = ${size};\n")
