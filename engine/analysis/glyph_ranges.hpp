#pragma once
// The characters the app's fonts can draw: the code point ranges cmake/Font.cmake keeps
// when it subsets DejaVu Sans (a test checks the two agree), and the CJK font's subset
// (scripts/cjk_font.py: the Chinese strings and lessons, GB2312 level 1). Anything else
// is drawn as '?', so the lesson checker warns about it before a learner sees it.
#include <algorithm>
#include <cstddef>
#include <cstdint>

namespace synack::analysis {

struct GlyphRange {
  uint32_t first, last;
};

inline constexpr GlyphRange kFontGlyphs[] = {
    {0x0020, 0x007E}, {0x00A0, 0x00FF}, {0x2013, 0x2014}, {0x2018, 0x201D}, {0x2022, 0x2022},
    {0x2026, 0x2026}, {0x2190, 0x21FF}, {0x2212, 0x2212}, {0x2264, 0x2265}, {0x2500, 0x257F},
    {0x25A0, 0x25FF}, {0x2713, 0x2717},
};

// The CJK font's code points, ascending (generated/cjk_chars.cpp).
extern const uint16_t cjk_chars[];
extern const std::size_t cjk_chars_count;
// Those of them synack's own Chinese uses (its strings, the course): what the app's font
// atlas holds at first (ui/cjk_font.hpp).
extern const uint16_t cjk_text_chars[];
extern const std::size_t cjk_text_chars_count;

inline bool font_has_glyph(uint32_t cp) {
  for (const GlyphRange& r : kFontGlyphs)
    if (cp >= r.first && cp <= r.last) return true;
  return cp <= 0xFFFF && std::binary_search(cjk_chars, cjk_chars + cjk_chars_count, static_cast<uint16_t>(cp));
}

}  // namespace synack::analysis
