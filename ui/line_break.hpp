#pragma once
// Where a line of text may break, for English and Chinese alike. ImGui 1.86 wraps only at
// spaces, and Chinese has none: a Chinese sentence would be one word, moved whole to the
// next line or cut anywhere, even before a full stop. Here Latin words break at spaces,
// and Chinese between any two characters, except before closing punctuation (，。）」)
// and after opening punctuation (（「《), as Chinese typesetting does.
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace synack::ui {

// A piece of text no line break may fall inside, and the spaces after it (which
// a line's end drops).
struct Piece {
  std::string_view text;
  int spaces = 0;
};
std::vector<Piece> break_pieces(std::string_view text);

// Lines no wider than `width` as `measure` gives widths, broken between pieces; a piece
// wider than a line has a line of its own. A '\n' in the text ends a line.
std::vector<std::string> wrap_lines(std::string_view text, float width,
                                    const std::function<float(std::string_view)>& measure);

}  // namespace synack::ui
