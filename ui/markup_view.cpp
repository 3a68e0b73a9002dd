// Draws lesson markup with word wrapping: ImGui 1.86 has no rich text, so runs are laid
// out word by word on the draw list, with a Dummy reserving the space they took.
#include <imgui.h>

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
      size_t i = 0;
      while (i < r.text.size()) {
        // One word and the spaces after it.
        size_t end = r.text.find(' ', i);
        end = end == std::string::npos ? r.text.size() : end;
        const std::string word = r.text.substr(i, end - i);
        size_t next = end;
        while (next < r.text.size() && r.text[next] == ' ') ++next;
        const float w = ImGui::CalcTextSize(word.c_str()).x;
        if (x + w > width && x > indent) {
          x = indent;
          y += line_h;
        }
        const ImVec2 at(origin.x + x, origin.y + y);
        if (r.style == Run::Style::Code && !word.empty())
          dl->AddRectFilled(ImVec2(at.x - 2, at.y), ImVec2(at.x + w + 2, at.y + ImGui::GetTextLineHeight()), palette::kCodeBg, 3.0f);
        dl->AddText(at, colour, word.c_str());
        x += w + space * static_cast<float>(next - end);
        i = next;
      }
    }
    ImGui::Dummy(ImVec2(width, y + line_h));
    if (!b.list_item) ImGui::Dummy(ImVec2(width, line_h * 0.3f));
  }
}

}  // namespace synack::ui
