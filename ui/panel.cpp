#include "panel.hpp"

#include <cstdint>

#ifdef __EMSCRIPTEN__
#include <GLES3/gl3.h>
#else
#include <SDL_opengl.h>
#endif

#include "gl_renderer.hpp"
#include "style.hpp"

namespace synack::ui {
namespace {

// Runs inside the renderer, between draw commands: the command's clip rectangle is the
// panel. The renderer sets its own scissor before the next draw, so nothing leaks.
void clear_clip_rect(const ImDrawList*, const ImDrawCmd* cmd) {
  const ImDrawData* dd = ImGui::GetDrawData();
  if (!gl_scissor_to(dd, cmd->ClipRect, static_cast<int>(dd->DisplaySize.y * dd->FramebufferScale.y))) return;
  const ImVec4 c = ImGui::ColorConvertU32ToFloat4(static_cast<ImU32>(reinterpret_cast<uintptr_t>(cmd->UserCallbackData)));
  glEnable(GL_SCISSOR_TEST);
  glClearColor(c.x, c.y, c.z, c.w);
  glClear(GL_COLOR_BUFFER_BIT);
}

}  // namespace

void begin_panel(const char* id, ImVec2 size) {
  ImGui::BeginChild(id, size, true, ImGuiWindowFlags_NoBackground);
}

void end_panel() {
  ImGui::EndChild();
  // The parent's draw list is rendered before any child's, so a clear added to it now
  // still lands under the panel's border and contents.
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->PushClipRect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), true);
  dl->AddCallback(&clear_clip_rect, reinterpret_cast<void*>(static_cast<uintptr_t>(palette::kPanel)));
  dl->PopClipRect();
}

}  // namespace synack::ui
