#pragma once
// Hands a file to the user: a browser download on the web, a file in the working
// directory on the desktop. Returns a line saying where it went (or why it did not).
#include <cstdint>
#include <string>
#include <vector>

namespace synack::ui {

std::string offer_file(const std::string& name, const std::vector<uint8_t>& bytes);

#ifdef __EMSCRIPTEN__
// The web: a part of the page's canvas (in canvas pixels, from the top left) as a PNG
// download; call it after the frame is drawn. (The desktop reads its back buffer.)
std::string offer_canvas_part(const std::string& name, float x, float y, float w, float h);
#endif

}  // namespace synack::ui
