#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace synack::ui {
// Reads the current GL back buffer (w x h) and writes it as an RGB PNG at path.
bool save_framebuffer_png(const std::string& path, int w, int h, std::string* error);
// A part of the back buffer as PNG bytes: x, y from the top left, in pixels.
std::vector<uint8_t> framebuffer_png(int x, int y, int w, int h, int fb_h);
}  // namespace synack::ui
