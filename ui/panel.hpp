#pragma once
// The screen's panels: bordered child windows in the panel colour.
#include <imgui.h>

namespace synack::ui {

// A panel's background is a scissored clear, not a filled rectangle. On software-rendered
// WebGL (headless Chromium's SwiftShader, 2 cores) a blended full-screen fill costs about
// 12 ms at 1280x720 and the four panels cover 0.9 of the screen, while a clear costs next
// to nothing (docs/PERFORMANCE.md). Same pixels either way, but square corners.
void begin_panel(const char* id, ImVec2 size);
void end_panel();

}  // namespace synack::ui
