#include "progress_store.hpp"

#ifdef __EMSCRIPTEN__
#include <emscripten.h>

// Storage can be disabled (private windows, file:// pages): then progress is not kept.
EM_JS(void, synack_progress_load, (char* buf, int size), {
  let v = "";
  try { v = window.localStorage.getItem("synack.progress") || ""; } catch (e) {}
  stringToUTF8(v, buf, size);
});
EM_JS(void, synack_progress_save, (const char* text), {
  try { window.localStorage.setItem("synack.progress", UTF8ToString(text)); } catch (e) {}
});

namespace synack::ui {

std::string load_progress_text() {
  static char buf[16384];  // a line per lesson: far more than enough
  synack_progress_load(buf, sizeof buf);
  return buf;
}

void save_progress_text(const std::string& text) { synack_progress_save(text.c_str()); }

}  // namespace synack::ui

#else
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

namespace synack::ui {

namespace {
std::filesystem::path progress_path() {
  if (const char* f = std::getenv("SYNACK_PROGRESS_FILE"); f && *f) return f;
  if (const char* x = std::getenv("XDG_CONFIG_HOME"); x && *x) return std::filesystem::path(x) / "synack" / "progress.txt";
  if (const char* h = std::getenv("HOME"); h && *h) return std::filesystem::path(h) / ".config" / "synack" / "progress.txt";
  return {};
}
}  // namespace

std::string load_progress_text() {
  const auto path = progress_path();
  if (path.empty()) return {};
  std::ifstream in(path);
  std::stringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

void save_progress_text(const std::string& text) {
  const auto path = progress_path();
  if (path.empty()) return;
  std::error_code ec;
  std::filesystem::create_directories(path.parent_path(), ec);
  std::ofstream out(path, std::ios::trunc);
  out << text;
}

}  // namespace synack::ui
#endif
