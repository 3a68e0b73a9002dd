// synack in the browser: SDL2 + WebGL2 around the shared frame function.
// The canvas follows the page size; the first frame is reported to the page so the
// smoke test can measure time to first frame.
#include <SDL.h>
#include <emscripten.h>
#include <emscripten/html5.h>

#include <cstdio>
#include <string>

#include "app.hpp"
#include "platform.hpp"

namespace {

struct WebApp {
  synack::ui::Platform platform;
  synack::ui::App app;
  int css_w = 0;
  int css_h = 0;
};

void follow_page_size(WebApp& w) {
  double css_w = 0, css_h = 0;
  emscripten_get_element_css_size("#canvas", &css_w, &css_h);
  const int iw = static_cast<int>(css_w), ih = static_cast<int>(css_h);
  if (iw > 0 && ih > 0 && (iw != w.css_w || ih != w.css_h)) {
    w.css_w = iw;
    w.css_h = ih;
    SDL_SetWindowSize(w.platform.window, iw, ih);
  }
}

void loop(void* arg) {
  auto& w = *static_cast<WebApp*>(arg);
  follow_page_size(w);
  synack::ui::platform_pump_events(w.platform);
  synack::ui::platform_begin_frame();
  synack::ui::frame(w.app);
  synack::ui::platform_end_frame(w.platform);
  if (w.app.frame_count == 1) {
    EM_ASM({
      window.synack = window.synack || {};
      window.synack.firstFrameMs = performance.now();
    });
  }
}

}  // namespace

int main() {
  static WebApp web;  // lives for the page's lifetime; the main loop never returns
  std::string error;
  if (!synack::ui::platform_init(web.platform, "synack", 1280, 720, &error)) {
    std::fprintf(stderr, "synack: %s\n", error.c_str());
    return 1;
  }
  emscripten_set_main_loop_arg(loop, &web, 0, true);
  return 0;
}
