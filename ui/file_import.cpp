#include "file_import.hpp"

#include "embedded_files.hpp"
#include "strings.hpp"

namespace synack::ui {

std::optional<std::string> find_beside(const std::vector<NamedText>& beside, const std::string& path) {
  const std::string base = path.substr(path.find_last_of('/') + 1);
  for (const std::string& want : {path, base})
    for (const NamedText& f : beside)
      if (f.name == want) return f.text;
  return std::nullopt;
}

bool is_capture_file(const std::string& name, const std::string& bytes) {
  const size_t dot = name.find_last_of('.');
  const std::string ext = dot == std::string::npos ? "" : name.substr(dot);
  return looks_like_capture(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()) || ext == ".pcap" ||
         ext == ".pcapng" || ext == ".cap";
}

}  // namespace synack::ui

#ifdef __EMSCRIPTEN__
#include <emscripten.h>

EM_JS(void, synack_pick_lesson_file, (), {
  const input = document.createElement("input");
  input.type = "file";
  input.accept = ".toml";
  input.multiple = true;  // a lesson and the scenario files its try-its name
  input.onchange = () => window.synackOpenFiles(input.files);
  // Counted for tests: whether the app asked for the picker, whatever the browser did.
  const s = window.synack = window.synack || {};
  s.filePickers = (s.filePickers || 0) + 1;
  input.click();
});

// A capture file: index.html tells it from a lesson by its first bytes.
EM_JS(void, synack_pick_capture_file, (), {
  const input = document.createElement("input");
  input.type = "file";
  input.accept = ".pcap,.pcapng,.cap";
  input.onchange = () => window.synackOpenFiles(input.files);
  const s = window.synack = window.synack || {};
  s.filePickers = (s.filePickers || 0) + 1;
  input.click();
});

namespace synack::ui {
void request_lesson_file() { synack_pick_lesson_file(); }
void request_capture_file() { synack_pick_capture_file(); }
void draw_open_file_window(App&) {}
lesson::Sources lesson_sources(const std::vector<NamedText>& beside) {
  return {embedded::embedded_scenario, [beside](const std::string& path) { return find_beside(beside, path); }, true};
}
}  // namespace synack::ui

#else
#include <fstream>
#include <sstream>

namespace synack::ui {

namespace {
bool asking = false;         // UI-only state of the desktop prompt
char path[1024] = "";
}  // namespace

void request_lesson_file() { asking = true; }
void request_capture_file() { asking = true; }

lesson::Sources lesson_sources(const std::vector<NamedText>& beside) {
  return {embedded::embedded_scenario, [beside](const std::string& file) -> std::optional<std::string> {
            if (auto opened = find_beside(beside, file)) return opened;
            std::ifstream in(file, std::ios::binary);
            if (!in) return std::nullopt;
            std::stringstream buf;
            buf << in.rdbuf();
            return buf.str();
          }};
}

void draw_open_file_window(App& app) {
  if (!asking) return;
  ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  ImGui::Begin(tr(Str::OpenLessonFile), &asking, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoCollapse);
  ImGui::TextUnformatted(tr(Str::LessonPath));
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 30);
  const bool enter = ImGui::InputText("##path", path, sizeof path, ImGuiInputTextFlags_EnterReturnsTrue);
  if (ImGui::Button(tr(Str::Open)) || enter) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      app.file_error = std::string(path) + ": cannot open this file";
    } else {
      std::stringstream buf;
      buf << in.rdbuf();
      const std::string bytes = buf.str();
      if (is_capture_file(path, bytes)) open_capture_bytes(app, path, std::vector<uint8_t>(bytes.begin(), bytes.end()));
      else open_lesson_text(app, path, bytes);
    }
    asking = false;
  }
  ImGui::End();
}

}  // namespace synack::ui
#endif
