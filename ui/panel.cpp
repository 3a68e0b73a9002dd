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
  gl_opaque_fill(ImGui::GetWindowDrawList(), ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), palette::kPanel);
}

}  // namespace synack::ui
