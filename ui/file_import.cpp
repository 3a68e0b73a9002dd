#include "file_import.hpp"

#include "embedded_files.hpp"
#include "strings.hpp"

#ifdef __EMSCRIPTEN__
#include <emscripten.h>

EM_JS(void, synack_pick_lesson_file, (), {
  const input = document.createElement("input");
  input.type = "file";
  input.accept = ".toml";
  input.onchange = () => {
    const f = input.files[0];
    if (f) f.text().then((text) => Module.ccall("synack_open_lesson_text", null, ["string", "string"], [f.name, text]));
  };
  // Counted for tests: whether the app asked for the picker, whatever the browser did.
  const s = window.synack = window.synack || {};
  s.filePickers = (s.filePickers || 0) + 1;
  input.click();
});

namespace synack::ui {
void request_lesson_file(App&) { synack_pick_lesson_file(); }
void draw_open_file_window(App&) {}
lesson::Sources lesson_sources() { return {embedded_scenario, {}}; }
}  // namespace synack::ui

#else
#include <fstream>
#include <sstream>

namespace synack::ui {

namespace {
bool asking = false;         // UI-only state of the desktop prompt
char path[1024] = "";
}  // namespace

void request_lesson_file(App&) { asking = true; }

lesson::Sources lesson_sources() {
  return {embedded_scenario, [](const std::string& file) -> std::optional<std::string> {
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
      open_lesson_text(app, path, buf.str());
    }
    asking = false;
  }
  ImGui::End();
}

}  // namespace synack::ui
#endif
