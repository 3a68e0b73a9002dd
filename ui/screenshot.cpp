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

std::vector<uint8_t> framebuffer_png(int x, int y, int w, int h, int fb_h) {
  std::vector<unsigned char> pixels(static_cast<size_t>(w) * static_cast<size_t>(h) * 3);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadBuffer(GL_BACK);
  glReadPixels(x, fb_h - y - h, w, h, GL_RGB, GL_UNSIGNED_BYTE, pixels.data());
  stbi_flip_vertically_on_write(1);
  std::vector<uint8_t> png;
  stbi_write_png_to_func(
      [](void* ctx, void* data, int size) {
        auto* out = static_cast<std::vector<uint8_t>*>(ctx);
        out->insert(out->end(), static_cast<uint8_t*>(data), static_cast<uint8_t*>(data) + size);
      },
      &png, w, h, 3, pixels.data(), w * 3);
  return png;
}

}  // namespace synack::ui
