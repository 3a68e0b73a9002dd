#pragma once
// The light markup of lesson text: paragraphs separated by blank lines, lines starting
// with "- " as list items, **bold**, *emphasis* and `code` inside. Parsing is plain code (tested
// natively); drawing is in markup_view.
#include <string>
#include <vector>

namespace synack::ui {

struct Run {
  enum class Style : unsigned char { Plain, Bold, Emphasis, Code };
  Style style = Style::Plain;
  std::string text;
};

struct Block {
  bool list_item = false;
  std::vector<Run> runs;
};

std::vector<Block> parse_markup(const std::string& text);

// Draws parsed markup wrapped to the available width (ImGui; see markup_view.cpp).
void draw_markup(const std::vector<Block>& blocks);
// Plain text wrapped to the available width, between words and between Chinese
// characters (line_break.hpp), where ImGui's own wrapping knows only spaces. A colour of
// 0 is the style's text colour.
void wrapped_text(const std::string& text, unsigned int colour = 0);

}  // namespace synack::ui
