#include "panel.hpp"

#include "gl_renderer.hpp"
#include "style.hpp"

namespace synack::ui {

void begin_panel(const char* id, ImVec2 size) {
  ImGui::BeginChild(id, size, true, ImGuiWindowFlags_NoBackground);
}

void end_panel() {
  ImGui::EndChild();
  // Marked in the parent's list, clipped as the parent is: the renderer paints it first.
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->PushClipRect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), true);
  gl_opaque_fill(dl, palette::kPanel);
  dl->PopClipRect();
}

}  // namespace synack::ui
