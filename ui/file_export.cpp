#include "file_export.hpp"

#ifdef __EMSCRIPTEN__
#include <emscripten.h>

// Saves bytes from the heap, or (data null) a part of the canvas as PNG: what is on
// screen, while this frame's pixels are still in the drawing buffer.
EM_JS(void, synack_download, (const char* name, const uint8_t* data, int size, float x, float y, float w, float h), {
  const file = UTF8ToString(name);
  const save = (blob) => {
    const url = URL.createObjectURL(blob);
    const a = document.createElement("a");
    a.href = url;
    a.download = file;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  };
  if (data) {
    const type = file.endsWith(".svg") ? "image/svg+xml" : "application/vnd.tcpdump.pcap";
    save(new Blob([HEAPU8.slice(data, data + size)], {type: type}));
    return;
  }
  const c = document.createElement("canvas");
  c.width = Math.max(1, Math.round(w));
  c.height = Math.max(1, Math.round(h));
  c.getContext("2d").drawImage(Module.canvas, x, y, w, h, 0, 0, c.width, c.height);
  c.toBlob(save, "image/png");
});

namespace synack::ui {

std::string offer_file(const std::string& name, const std::vector<uint8_t>& bytes) {
  synack_download(name.c_str(), bytes.data(), static_cast<int>(bytes.size()), 0, 0, 0, 0);
  return "downloaded " + name + " (" + std::to_string(bytes.size()) + " bytes)";
}

std::string offer_canvas_part(const std::string& name, float x, float y, float w, float h) {
  synack_download(name.c_str(), nullptr, 0, x, y, w, h);
  return "downloaded " + name;
}

}  // namespace synack::ui

#else
#include <filesystem>
#include <fstream>

namespace synack::ui {

std::string offer_file(const std::string& name, const std::vector<uint8_t>& bytes) {
  std::ofstream out(name, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  if (!out) return "could not write " + name;
  std::error_code ec;
  const auto full = std::filesystem::absolute(name, ec);
  return "saved " + (ec ? name : full.string()) + " (" + std::to_string(bytes.size()) + " bytes)";
}

}  // namespace synack::ui
#endif
