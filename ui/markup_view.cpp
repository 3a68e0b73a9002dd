// Draws lesson markup with word wrapping: ImGui 1.86 has no rich text, so runs are laid
// out piece by piece (a word, a Chinese character) on the draw list, with a Dummy
// reserving the space they took.
#include <imgui.h>

#include "line_break.hpp"
#include "markup.hpp"
#include "style.hpp"

namespace synack::ui {

void draw_markup(const std::vector<Block>& blocks) {
  const float width = ImGui::GetContentRegionAvail().x;
  const float line_h = ImGui::GetTextLineHeightWithSpacing();
  const float space = ImGui::CalcTextSize(" ").x;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  for (const Block& b : blocks) {
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float indent = b.list_item ? ImGui::GetFontSize() * 1.2f : 0.0f;
    if (b.list_item) dl->AddCircleFilled(ImVec2(origin.x + indent * 0.4f, origin.y + line_h * 0.45f), 2.5f, palette::kTextDim);
    float x = indent, y = 0;
    for (const Run& r : b.runs) {
      const ImU32 colour = r.style == Run::Style::Bold       ? palette::kPlayhead
                           : r.style == Run::Style::Emphasis ? palette::kEmphasis
                           : r.style == Run::Style::Code     ? palette::kCode
                                                             : palette::kText;
      // Pieces a line may not break inside (line_break.hpp): Latin words, Chinese characters.
      for (const Piece& p : break_pieces(r.text)) {
        const std::string word(p.text);
        const float w = ImGui::CalcTextSize(word.c_str()).x;
        if (x + w > width && x > indent) {
          x = indent;
          y += line_h;
        }
        const ImVec2 at(origin.x + x, origin.y + y);
        if (r.style == Run::Style::Code && !word.empty())
          dl->AddRectFilled(ImVec2(at.x - 2, at.y), ImVec2(at.x + w + 2, at.y + ImGui::GetTextLineHeight()), palette::kCodeBg, 3.0f);
        dl->AddText(at, colour, word.c_str());
        x += w + space * static_cast<float>(p.spaces);
      }
    }
    ImGui::Dummy(ImVec2(width, y + line_h));
    if (!b.list_item) ImGui::Dummy(ImVec2(width, line_h * 0.3f));
  }
}

void wrapped_text(const std::string& text, unsigned int colour) {
  // ImGui lays a '\n' in the text back at this line's x, as it does a wrapped line.
  const float width = ImGui::GetContentRegionAvail().x;
  std::string out;
  for (const std::string& l : wrap_lines(text, width, [](std::string_view s) {
         return ImGui::CalcTextSize(s.data(), s.data() + s.size()).x;
       }))
    out += (out.empty() ? "" : "\n") + l;
  if (colour) ImGui::PushStyleColor(ImGuiCol_Text, colour);
  ImGui::TextUnformatted(out.c_str(), out.c_str() + out.size());
  if (colour) ImGui::PopStyleColor();
}

}  // namespace synack::ui
