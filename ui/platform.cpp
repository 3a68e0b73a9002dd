#include "platform.hpp"

#include <SDL.h>
#include <imgui.h>
#include <imgui_impl_sdl.h>

#ifdef __EMSCRIPTEN__
#include <GLES3/gl3.h>
#else
#include <SDL_opengl.h>
#endif

#include "app.hpp"
#include "style.hpp"

namespace synack::ui {

bool platform_init(Platform& p, const char* title, int width, int height, std::string* error) {
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER) != 0) {
    *error = std::string("SDL_Init failed: ") + SDL_GetError();
    return false;
  }
#ifdef __EMSCRIPTEN__
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_FLAGS, 0);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_ES);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
#else
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_FLAGS, 0);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
#endif
  SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
  SDL_GL_SetAttribute(SDL_GL_DEPTH_SIZE, 0);
  SDL_GL_SetAttribute(SDL_GL_STENCIL_SIZE, 0);
  const auto flags =
      static_cast<SDL_WindowFlags>(SDL_WINDOW_OPENGL | SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
  p.window = SDL_CreateWindow(title, SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, width, height, flags);
  if (!p.window) {
    *error = std::string("SDL_CreateWindow failed: ") + SDL_GetError();
    return false;
  }
  p.gl_context = SDL_GL_CreateContext(p.window);
  if (!p.gl_context) {
    *error = std::string("SDL_GL_CreateContext failed: ") + SDL_GetError();
    return false;
  }
  SDL_GL_MakeCurrent(p.window, p.gl_context);
  SDL_GL_SetSwapInterval(1);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGui_ImplSDL2_InitForOpenGL(p.window, p.gl_context);

  int win_w = 0, win_h = 0, draw_w = 0, draw_h = 0;
  SDL_GetWindowSize(p.window, &win_w, &win_h);
  SDL_GL_GetDrawableSize(p.window, &draw_w, &draw_h);
  const float dpi_scale = win_w > 0 ? static_cast<float>(draw_w) / static_cast<float>(win_w) : 1.0f;
  setup_fonts_and_style(dpi_scale < 1.0f ? 1.0f : dpi_scale);
  return gl_renderer_init(p.renderer, error);
}

void platform_pump_events(Platform& p) {
  SDL_Event event;
  while (SDL_PollEvent(&event)) {
    ImGui_ImplSDL2_ProcessEvent(&event);
    if (event.type == SDL_QUIT) p.quit = true;
    if (event.type == SDL_WINDOWEVENT && event.window.event == SDL_WINDOWEVENT_CLOSE &&
        event.window.windowID == SDL_GetWindowID(p.window))
      p.quit = true;
  }
}

void platform_begin_frame() {
  ImGui_ImplSDL2_NewFrame();
  // Where there is no global mouse state (the browser), ImGui's SDL backend passes the
  // mouse position only while the window has keyboard focus: after the page lost focus
  // (a file picker, another tab) a first click landed nowhere and a tab only lit up on
  // hover. The pointer over the window is where the click is.
  ImGuiIO& io = ImGui::GetIO();
  if (!ImGui::IsMousePosValid(&io.MousePos) && SDL_GetMouseFocus() != nullptr) {
    int x = 0, y = 0;
    SDL_GetMouseState(&x, &y);
    io.MousePos = ImVec2(static_cast<float>(x), static_cast<float>(y));
  }
  ImGui::NewFrame();
}

void platform_end_frame(Platform& p) {
  ImGui::Render();
  int w = 0, h = 0;
  platform_drawable_size(p, &w, &h);
  gl_renderer_draw(p.renderer, ImGui::GetDrawData(), w, h, palette::kBackground, palette::kPanel);
}

void platform_drawable_size(const Platform& p, int* w, int* h) { SDL_GL_GetDrawableSize(p.window, w, h); }

void platform_shutdown(Platform& p) {
  gl_renderer_shutdown(p.renderer);
  ImGui_ImplSDL2_Shutdown();
  ImGui::DestroyContext();
  if (p.gl_context) SDL_GL_DeleteContext(p.gl_context);
  if (p.window) SDL_DestroyWindow(p.window);
  SDL_Quit();
}

}  // namespace synack::ui
