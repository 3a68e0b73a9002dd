#pragma once
// The screen's panels: bordered child windows in the panel colour.
#include <imgui.h>

namespace synack::ui {

// A panel's background is not a filled rectangle: the renderer clears the frame to the
// panel colour and paints the background between panels (gl_opaque_fill). Software-rendered
// WebGL pays per pixel for every blended fill, and the panels are two thirds of the
// screen (docs/PERFORMANCE.md). Same pixels either way, but square corners.
void begin_panel(const char* id, ImVec2 size);
void end_panel();

}  // namespace synack::ui
