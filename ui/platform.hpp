#pragma once
// SDL2 + OpenGL (desktop) / WebGL2 (browser) setup around the shared frame function.
// The two mains differ only in how they loop; everything else is here.
#include <string>

#include "gl_renderer.hpp"

struct SDL_Window;

namespace synack::ui {

struct Platform {
  SDL_Window* window = nullptr;
  void* gl_context = nullptr;
  GlRenderer renderer;
  bool quit = false;
};

// Creates the window, the GL context and the ImGui context with synack's fonts and style.
// On failure returns false and says why in *error.
bool platform_init(Platform& p, const char* title, int width, int height, std::string* error);

// Handles pending input; sets p.quit when the window is closed.
void platform_pump_events(Platform& p);

void platform_begin_frame();
void platform_end_frame(Platform& p);

// The drawable size in device pixels (what a screenshot reads).
void platform_drawable_size(const Platform& p, int* w, int* h);

void platform_shutdown(Platform& p);

}  // namespace synack::ui
