#pragma once
// Draws ImGui's draw data with OpenGL 3 / WebGL2. synack owns its GL context, so unlike
// ImGui's example backend this renderer never reads GL state back to restore it: in a
// browser each glGet* is a synchronous round trip to the GPU process that waits for the
// previous frame (2.8 s of every 3 s in a CPU profile of the web build). It also uploads
// the whole frame's vertices and indices once instead of once per window.
#include <imgui.h>

#include <string>
#include <vector>

namespace synack::ui {

struct GlRenderer {
  unsigned program = 0;
  unsigned vao = 0;
  unsigned vbo = 0;
  unsigned ibo = 0;
  unsigned font_texture = 0;
  bool texel_per_pixel = false;  // this frame's glyphs land texel on pixel: sample NEAREST
  int loc_projection = -1;
  int loc_texture = -1;
  std::vector<ImDrawVert> vertices;  // the frame's vertex lists, end to end
  std::vector<ImDrawIdx> indices;
};

// Compiles the shaders (GLSL ES 3.00 on the web, 1.30 on the desktop) and uploads the
// font atlas. On failure returns false and says why in *error.
bool gl_renderer_init(GlRenderer& r, std::string* error);

// Draws the frame into the current framebuffer (fb_w x fb_h device pixels), running
// draw-list callbacks (panel clears) in order.
void gl_renderer_draw(GlRenderer& r, const ImDrawData* data, int fb_w, int fb_h);

void gl_renderer_shutdown(GlRenderer& r);

// The font atlas is baked at device pixels and ImGui puts glyphs on whole pixels, so at a
// whole-number display scale text lands texel on pixel and the renderer samples it
// NEAREST: bilinear filtering was 30% of a software-rendered frame (docs/PERFORMANCE.md)
// and changes no pixel there. Text drawn at another size than its font (the TCP state in
// large type) is wrapped in gl_smooth_text(dl, true) ... (dl, false) to be filtered.
void gl_smooth_text(ImDrawList* dl, bool on);

// Sets the GL scissor to an ImGui clip rectangle of `data` (a framebuffer of fb_h device
// pixels); false, and nothing set, when the rectangle is empty.
bool gl_scissor_to(const ImDrawData* data, const ImVec4& clip, int fb_h);

}  // namespace synack::ui
