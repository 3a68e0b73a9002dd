#pragma once
// The frame function shared by the web and desktop mains: plain code over plain structs.
#include <imgui.h>

namespace synack::ui {

struct App {
  float zoom = 1.0f;        // presentation zoom on top of the DPI scale
  bool show_help = false;
  int frame_count = 0;
};

// Loads the embedded UI font at a size fitting the display's pixel density.
void setup_fonts_and_style(float dpi_scale);

// Draws one frame of the whole application into the current ImGui context.
void frame(App& app);

}  // namespace synack::ui
