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
  int loc_nudge = -1;
  int atlas_w = 1, atlas_h = 1;
  std::vector<ImDrawVert> vertices;  // the frame's vertex lists, end to end
  std::vector<ImDrawIdx> indices;
};

// Compiles the shaders (GLSL ES 3.00 on the web, 1.30 on the desktop) and uploads the
// font atlas. On failure returns false and says why in *error.
bool gl_renderer_init(GlRenderer& r, std::string* error);

// Uploads the font atlas again (into the same texture) after it was built again: a font
// merged in at run time (cjk_font.hpp).
void gl_renderer_upload_font(GlRenderer& r);

// Draws the frame into the current framebuffer (fb_w x fb_h device pixels): the opaque
// fills (gl_opaque_fill), the rest of the screen in `background`, then the draw lists,
// running their callbacks in order. Fills in `panel` colour are the screen's panels.
void gl_renderer_draw(GlRenderer& r, const ImDrawData* data, int fb_w, int fb_h, ImU32 background, ImU32 panel);

void gl_renderer_shutdown(GlRenderer& r);

// The font atlas is baked at device pixels and ImGui puts glyphs on whole pixels, so at a
// whole-number display scale text lands texel on pixel and the renderer samples it
// NEAREST: bilinear filtering was 30% of a software-rendered frame (docs/PERFORMANCE.md)
// and changes no pixel there. Text drawn at another size than its font (the TCP state in
// large type) is wrapped in gl_smooth_text(dl, true) ... (dl, false) to be filtered.
void gl_smooth_text(ImDrawList* dl, bool on);

// Marks [min, max] (within the draw list's clip rectangle) as an opaque rectangle of `colour` under
// everything drawn in the frame: painted by a clear, which costs a software rasterizer
// under half what a blended fill does, and nothing at all for the panels, which are
// painted by clearing the whole frame to their colour and then the background only in
// the gaps between them (screen_gaps.hpp).
void gl_opaque_fill(ImDrawList* dl, ImVec2 min, ImVec2 max, ImU32 colour);

// Whether a draw command is such a fill (its clip rectangle is the rectangle), and its
// colour: for tools that read a frame's draw data as the renderer paints it.
bool gl_opaque_fill_colour(const ImDrawCmd& cmd, ImU32* colour);

}  // namespace synack::ui
