#include "screenshot.hpp"

#include <SDL_opengl.h>
#include <stb_image_write.h>

#include <vector>

namespace synack::ui {

bool save_framebuffer_png(const std::string& path, int w, int h, std::string* error) {
  std::vector<unsigned char> pixels(static_cast<size_t>(w) * static_cast<size_t>(h) * 3);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadBuffer(GL_BACK);
  glReadPixels(0, 0, w, h, GL_RGB, GL_UNSIGNED_BYTE, pixels.data());
  stbi_flip_vertically_on_write(1);  // GL rows start at the bottom
  if (!stbi_write_png(path.c_str(), w, h, 3, pixels.data(), w * 3)) {
    *error = "could not write " + path;
    return false;
  }
  return true;
}

}  // namespace synack::ui
