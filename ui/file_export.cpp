#include "file_export.hpp"

#ifdef __EMSCRIPTEN__
#include <emscripten.h>

EM_JS(void, synack_download, (const char* name, const uint8_t* data, int size), {
  const bytes = HEAPU8.slice(data, data + size);
  const url = URL.createObjectURL(new Blob([bytes], {type: "application/vnd.tcpdump.pcap"}));
  const a = document.createElement("a");
  a.href = url;
  a.download = UTF8ToString(name);
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
});

namespace synack::ui {

std::string offer_file(const std::string& name, const std::vector<uint8_t>& bytes) {
  synack_download(name.c_str(), bytes.data(), static_cast<int>(bytes.size()));
  return "downloaded " + name + " (" + std::to_string(bytes.size()) + " bytes)";
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
