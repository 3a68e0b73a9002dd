#include "gl_renderer.hpp"

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

#ifdef __EMSCRIPTEN__
#include <GLES3/gl3.h>
#else
#define GL_GLEXT_PROTOTYPES 1
#include <SDL_opengl.h>
#endif

#include "screen_gaps.hpp"

namespace synack::ui {
namespace {

#ifdef __EMSCRIPTEN__
constexpr const char* kVersion = "#version 300 es\n";
#else
constexpr const char* kVersion = "#version 130\n";
#endif

constexpr const char* kVertexShader = R"(
uniform mat4 u_projection;
uniform vec2 u_nudge;
in vec2 a_pos;
in vec2 a_uv;
in vec4 a_colour;
out vec2 v_uv;
out vec4 v_colour;
void main() {
  v_uv = a_uv + u_nudge;
  v_colour = a_colour;
  gl_Position = u_projection * vec4(a_pos, 0.0, 1.0);
}
)";

// Positions stay at the vertex shader's default highp (mediump would wobble past 2048 px
// on GPUs that honour it); colours need no more than mediump.
constexpr const char* kFragmentShader = R"(
precision mediump float;
uniform sampler2D u_texture;
in vec2 v_uv;
in vec4 v_colour;
out vec4 o_colour;
void main() {
  o_colour = v_colour * texture(u_texture, v_uv);
}
)";

enum Attribute : GLuint { kPos = 0, kUv = 1, kColour = 2 };

bool compile(GLenum kind, const char* body, GLuint* out, std::string* error) {
  const GLuint s = glCreateShader(kind);
  const char* parts[] = {kVersion, body};
  glShaderSource(s, 2, parts, nullptr);
  glCompileShader(s);
  GLint ok = 0;
  glGetShaderiv(s, GL_COMPILE_STATUS, &ok);
  if (!ok) {
    char log[1024] = {0};
    glGetShaderInfoLog(s, sizeof log, nullptr, log);
    *error = std::string(kind == GL_VERTEX_SHADER ? "vertex" : "fragment") + " shader: " + log;
    glDeleteShader(s);
    return false;
  }
  *out = s;
  return true;
}

// Points the vertex attributes at the frame's vertex buffer from vertex `base` on:
// WebGL2 has no glDrawElementsBaseVertex, so each window's 16-bit indices are made to
// count from its own first vertex this way.
void point_attributes_at(size_t base) {
  const auto stride = static_cast<GLsizei>(sizeof(ImDrawVert));
  const size_t at = base * sizeof(ImDrawVert);
  glVertexAttribPointer(kPos, 2, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<void*>(at + offsetof(ImDrawVert, pos)));
  glVertexAttribPointer(kUv, 2, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<void*>(at + offsetof(ImDrawVert, uv)));
  glVertexAttribPointer(kColour, 4, GL_UNSIGNED_BYTE, GL_TRUE, stride,
                        reinterpret_cast<void*>(at + offsetof(ImDrawVert, col)));
}

void set_state(const GlRenderer& r, const ImDrawData* data, int fb_w, int fb_h) {
  glViewport(0, 0, fb_w, fb_h);
  glEnable(GL_BLEND);
  glBlendEquation(GL_FUNC_ADD);
  glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
  glDisable(GL_CULL_FACE);
  glDisable(GL_DEPTH_TEST);
  glDisable(GL_STENCIL_TEST);
  glEnable(GL_SCISSOR_TEST);
  glUseProgram(r.program);
  glActiveTexture(GL_TEXTURE0);
  glUniform1i(r.loc_texture, 0);
  // ImGui's coordinates (DisplayPos at the top left) to clip space.
  const float l = data->DisplayPos.x, rt = data->DisplayPos.x + data->DisplaySize.x;
  const float t = data->DisplayPos.y, b = data->DisplayPos.y + data->DisplaySize.y;
  const float projection[16] = {
      2.0f / (rt - l), 0, 0, 0,  //
      0, 2.0f / (t - b), 0, 0,   //
      0, 0, -1.0f, 0,            //
      (rt + l) / (l - rt), (t + b) / (b - t), 0, 1.0f,
  };
  glUniformMatrix4fv(r.loc_projection, 1, GL_FALSE, projection);
  glBindVertexArray(r.vao);
}

void set_font_filter(const GlRenderer& r, bool smooth) {
  const bool sharp = !smooth && r.texel_per_pixel;
  glBindTexture(GL_TEXTURE_2D, r.font_texture);  // the one texture: the draws rebind nothing else
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, sharp ? GL_NEAREST : GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, sharp ? GL_NEAREST : GL_LINEAR);
  // A third of a texel off: a pixel centre that maps onto a texel edge (the atlas's baked
  // anti-aliased lines on whole or half pixels) then takes the same texel on both
  // triangles of its quad, where rounding had broken a 2 px line in two along the
  // diagonal; 0.3 is no sum of halves and quarters, so no layout lands it back on an
  // edge. A pixel centre on a texel centre (glyphs) stays in its texel.
  const float nudge = sharp ? 0.3f : 0.0f;
  glUniform2f(r.loc_nudge, nudge / static_cast<float>(r.atlas_w), nudge / static_cast<float>(r.atlas_h));
}

// An ImGui clip rectangle as GL pixels (rows counted from the bottom), rounded one way
// for scissors and panels alike; false when empty.
bool to_pixels(const ImDrawData* data, const ImVec4& clip, int fb_h, PixelRect* out) {
  const ImVec2 off = data->DisplayPos, scale = data->FramebufferScale;
  const float x0 = (clip.x - off.x) * scale.x, y0 = (clip.y - off.y) * scale.y;
  const float x1 = (clip.z - off.x) * scale.x, y1 = (clip.w - off.y) * scale.y;
  if (x1 <= x0 || y1 <= y0) return false;
  const int bottom = static_cast<int>(static_cast<float>(fb_h) - y1);
  *out = {static_cast<int>(x0), bottom, static_cast<int>(x0) + static_cast<int>(x1 - x0),
          bottom + static_cast<int>(y1 - y0)};
  return true;
}

bool scissor_to(const ImDrawData* data, const ImVec4& clip, int fb_h) {
  PixelRect p;
  if (!to_pixels(data, clip, fb_h, &p)) return false;
  glScissor(p.x0, p.y0, p.x1 - p.x0, p.y1 - p.y0);
  return true;
}

void set_clear_colour(ImU32 colour) {
  const ImVec4 c = ImGui::ColorConvertU32ToFloat4(colour);
  glClearColor(c.x, c.y, c.z, 1.0f);
}

void clear_to(ImU32 colour) {
  set_clear_colour(colour);
  glClear(GL_COLOR_BUFFER_BIT);
}

// Never run: the renderer paints every opaque fill before the first triangle.
void fill_marker(const ImDrawList*, const ImDrawCmd*) {}

ImU32 fill_colour(const ImDrawCmd& cmd) {
  return static_cast<ImU32>(reinterpret_cast<uintptr_t>(cmd.UserCallbackData));
}

// The frame's background and opaque fills, as clears: one of the whole frame in the panel
// colour, the background in the gaps between panels (scissored clears, which a software
// rasterizer draws as quads, so the smaller area is the one scissored), then the fills of
// other colours in the order they were made.
void paint_fills(const ImDrawData* data, int fb_w, int fb_h, ImU32 background, ImU32 panel) {
  std::vector<PixelRect> panels;
  for (int n = 0; n < data->CmdListsCount; ++n)
    for (const ImDrawCmd& cmd : data->CmdLists[n]->CmdBuffer) {
      PixelRect p;
      if (cmd.UserCallback == &fill_marker && fill_colour(cmd) == panel && to_pixels(data, cmd.ClipRect, fb_h, &p))
        panels.push_back(p);
    }
  glDisable(GL_SCISSOR_TEST);
  clear_to(panels.empty() ? background : panel);
  glEnable(GL_SCISSOR_TEST);
  if (!panels.empty()) {
    set_clear_colour(background);
    for (const PixelRect& g : uncovered(fb_w, fb_h, panels)) {
      glScissor(g.x0, g.y0, g.x1 - g.x0, g.y1 - g.y0);
      glClear(GL_COLOR_BUFFER_BIT);
    }
  }
  for (int n = 0; n < data->CmdListsCount; ++n)
    for (const ImDrawCmd& cmd : data->CmdLists[n]->CmdBuffer) {
      if (cmd.UserCallback != &fill_marker || fill_colour(cmd) == panel || !scissor_to(data, cmd.ClipRect, fb_h)) continue;
      set_clear_colour(fill_colour(cmd));
      glClear(GL_COLOR_BUFFER_BIT);
    }
}

void smooth_text_callback(const ImDrawList*, const ImDrawCmd* cmd) {
  const auto* r = static_cast<const GlRenderer*>(ImGui::GetIO().BackendRendererUserData);
  if (r) set_font_filter(*r, cmd->UserCallbackData != nullptr);
}

}  // namespace

void gl_opaque_fill(ImDrawList* dl, ImVec2 min, ImVec2 max, ImU32 colour) {
  dl->PushClipRect(min, max, true);  // the marker's clip rectangle is the fill
  dl->AddCallback(&fill_marker, reinterpret_cast<void*>(static_cast<uintptr_t>(colour)));
  dl->PopClipRect();
}

bool gl_opaque_fill_colour(const ImDrawCmd& cmd, ImU32* colour) {
  if (cmd.UserCallback != &fill_marker) return false;
  *colour = fill_colour(cmd);
  return true;
}

void gl_smooth_text(ImDrawList* dl, bool on) {
  dl->AddCallback(&smooth_text_callback, on ? dl : nullptr);  // any non-null pointer means on
}

bool gl_renderer_init(GlRenderer& r, std::string* error) {
  GLuint vs = 0, fs = 0;
  if (!compile(GL_VERTEX_SHADER, kVertexShader, &vs, error)) return false;
  if (!compile(GL_FRAGMENT_SHADER, kFragmentShader, &fs, error)) {
    glDeleteShader(vs);
    return false;
  }
  r.program = glCreateProgram();
  glAttachShader(r.program, vs);
  glAttachShader(r.program, fs);
  glBindAttribLocation(r.program, kPos, "a_pos");
  glBindAttribLocation(r.program, kUv, "a_uv");
  glBindAttribLocation(r.program, kColour, "a_colour");
#ifndef __EMSCRIPTEN__
  glBindFragDataLocation(r.program, 0, "o_colour");
#endif
  glLinkProgram(r.program);
  glDeleteShader(vs);
  glDeleteShader(fs);
  GLint ok = 0;
  glGetProgramiv(r.program, GL_LINK_STATUS, &ok);
  if (!ok) {
    char log[1024] = {0};
    glGetProgramInfoLog(r.program, sizeof log, nullptr, log);
    *error = std::string("shader program: ") + log;
    return false;
  }
  r.loc_projection = glGetUniformLocation(r.program, "u_projection");
  r.loc_texture = glGetUniformLocation(r.program, "u_texture");
  r.loc_nudge = glGetUniformLocation(r.program, "u_nudge");

  glGenVertexArrays(1, &r.vao);
  glGenBuffers(1, &r.vbo);
  glGenBuffers(1, &r.ibo);
  glBindVertexArray(r.vao);
  glBindBuffer(GL_ARRAY_BUFFER, r.vbo);
  glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, r.ibo);  // remembered by the vertex array
  glEnableVertexAttribArray(kPos);
  glEnableVertexAttribArray(kUv);
  glEnableVertexAttribArray(kColour);
  glBindVertexArray(0);

  ImGuiIO& io = ImGui::GetIO();
  glGenTextures(1, &r.font_texture);
  glBindTexture(GL_TEXTURE_2D, r.font_texture);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
  gl_renderer_upload_font(r);
  io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(r.font_texture)));
  io.BackendRendererName = "synack_gl";
  io.BackendRendererUserData = &r;  // for draw-list callbacks
  io.BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset;  // handled by point_attributes_at
  return true;
}

void gl_renderer_upload_font(GlRenderer& r) {
  unsigned char* pixels = nullptr;
  int w = 0, h = 0;
  ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
  r.atlas_w = w;
  r.atlas_h = h;
  glBindTexture(GL_TEXTURE_2D, r.font_texture);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, w, h, 0, GL_RGBA, GL_UNSIGNED_BYTE, pixels);
}

void gl_renderer_draw(GlRenderer& r, const ImDrawData* data, int fb_w, int fb_h, ImU32 background, ImU32 panel) {
  if (fb_w <= 0 || fb_h <= 0) return;
  glViewport(0, 0, fb_w, fb_h);
  paint_fills(data, fb_w, fb_h, background, panel);
  if (data->CmdListsCount == 0) return;
  r.vertices.clear();
  r.indices.clear();
  for (int n = 0; n < data->CmdListsCount; ++n) {
    const ImDrawList* list = data->CmdLists[n];
    r.vertices.insert(r.vertices.end(), list->VtxBuffer.begin(), list->VtxBuffer.end());
    r.indices.insert(r.indices.end(), list->IdxBuffer.begin(), list->IdxBuffer.end());
  }
  set_state(r, data, fb_w, fb_h);
  const ImVec2 scale = data->FramebufferScale;
  // Glyphs sit on whole points; on whole device pixels when the scale is a whole number,
  // and at the atlas's own size when the scale is the one the atlas was baked for.
  const float atlas_scale = 1.0f / ImGui::GetIO().FontGlobalScale;
  r.texel_per_pixel = scale.x == std::floor(scale.x) && scale.y == scale.x && std::fabs(scale.x - atlas_scale) < 1e-3f;
  set_font_filter(r, false);
  // A new store each frame (not glBufferSubData into the last one, which the GPU may
  // still be reading).
  glBindBuffer(GL_ARRAY_BUFFER, r.vbo);
  glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(r.vertices.size() * sizeof(ImDrawVert)), r.vertices.data(),
               GL_STREAM_DRAW);
  glBufferData(GL_ELEMENT_ARRAY_BUFFER, static_cast<GLsizeiptr>(r.indices.size() * sizeof(ImDrawIdx)),
               r.indices.data(), GL_STREAM_DRAW);

  const GLenum index_type = sizeof(ImDrawIdx) == 2 ? GL_UNSIGNED_SHORT : GL_UNSIGNED_INT;
  size_t vertex_base = 0, index_base = 0;
  size_t pointed_at = SIZE_MAX;
  ImTextureID bound = nullptr;
  for (int n = 0; n < data->CmdListsCount; ++n) {
    const ImDrawList* list = data->CmdLists[n];
    for (const ImDrawCmd& cmd : list->CmdBuffer) {
      if (cmd.UserCallback) {
        if (cmd.UserCallback == ImDrawCallback_ResetRenderState) {
          set_state(r, data, fb_w, fb_h);
          pointed_at = SIZE_MAX;
          bound = nullptr;
        } else if (cmd.UserCallback != &fill_marker) {
          cmd.UserCallback(list, &cmd);
          bound = nullptr;  // a callback may have bound a texture
        }
        continue;
      }
      if (cmd.ElemCount == 0 || !scissor_to(data, cmd.ClipRect, fb_h)) continue;
      if (cmd.GetTexID() != bound) {
        bound = cmd.GetTexID();
        glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(reinterpret_cast<intptr_t>(bound)));
      }
      const size_t first_vertex = vertex_base + cmd.VtxOffset;
      if (first_vertex != pointed_at) {
        point_attributes_at(first_vertex);
        pointed_at = first_vertex;
      }
      glDrawElements(GL_TRIANGLES, static_cast<GLsizei>(cmd.ElemCount), index_type,
                     reinterpret_cast<void*>((index_base + cmd.IdxOffset) * sizeof(ImDrawIdx)));
    }
    vertex_base += static_cast<size_t>(list->VtxBuffer.Size);
    index_base += static_cast<size_t>(list->IdxBuffer.Size);
  }
  glBindVertexArray(0);
  glDisable(GL_SCISSOR_TEST);  // the next frame's clear covers the whole screen
}

void gl_renderer_shutdown(GlRenderer& r) {
  ImGui::GetIO().BackendRendererUserData = nullptr;
  if (r.font_texture) glDeleteTextures(1, &r.font_texture);
  if (r.vbo) glDeleteBuffers(1, &r.vbo);
  if (r.ibo) glDeleteBuffers(1, &r.ibo);
  if (r.vao) glDeleteVertexArrays(1, &r.vao);
  if (r.program) glDeleteProgram(r.program);
  ImGui::GetIO().Fonts->SetTexID(nullptr);
  r = GlRenderer{};
}

}  // namespace synack::ui
