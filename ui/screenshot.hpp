#pragma once
#include <string>

namespace synack::ui {
// Reads the current GL back buffer (w x h) and writes it as an RGB PNG at path.
bool save_framebuffer_png(const std::string& path, int w, int h, std::string* error);
}  // namespace synack::ui
