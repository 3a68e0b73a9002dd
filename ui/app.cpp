#include "app.hpp"

#include <cstdio>

#include "build_info.hpp"
#include "scene_view.hpp"
#include "strings.hpp"
#include "style.hpp"

extern const unsigned char ui_font_data[];
extern const std::size_t ui_font_size;

namespace synack::ui {

void setup_fonts_and_style(float dpi_scale) {
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // layout is code, not a file the app writes behind the user's back
  ImFontConfig cfg;
  cfg.FontDataOwnedByAtlas = false;  // the bytes are a static array
  cfg.OversampleH = 2;
  const float size = 17.0f * dpi_scale;
  io.Fonts->AddFontFromMemoryTTF(const_cast<unsigned char*>(ui_font_data),
                                 static_cast<int>(ui_font_size), size, &cfg,
                                 io.Fonts->GetGlyphRangesDefault());
  io.FontGlobalScale = 1.0f / dpi_scale;  // atlas at device pixels, layout in points

  ImGui::StyleColorsDark();
  ImGuiStyle& style = ImGui::GetStyle();
  style.WindowRounding = 0.0f;
  style.ChildRounding = 6.0f;
  style.FrameRounding = 4.0f;
  style.WindowPadding = ImVec2(10, 10);
  style.Colors[ImGuiCol_WindowBg] = ImGui::ColorConvertU32ToFloat4(palette::kBackground);
  style.Colors[ImGuiCol_ChildBg] = ImGui::ColorConvertU32ToFloat4(palette::kPanel);
}

namespace {

void top_bar(App& app) {
  ImGui::TextUnformatted("synack");
  ImGui::SameLine();
  ImGui::TextDisabled("%s  ·  v%s (%s)", tr(Str::AppTagline), synack::version(), synack::build_hash());
  const float help_w = ImGui::CalcTextSize(tr(Str::Help)).x + 24.0f;
  ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - help_w);
  if (ImGui::Button(tr(Str::Help))) app.show_help = !app.show_help;
}

void lesson_panel() {
  ImGui::TextUnformatted(tr(Str::Lesson));
  ImGui::Separator();
  ImGui::TextUnformatted(tr(Str::NoLesson));
  ImGui::Spacing();
  ImGui::PushStyleColor(ImGuiCol_Text, palette::kTextDim);
  ImGui::TextWrapped("%s", tr(Str::NoLessonHint));
  ImGui::PopStyleColor();
}

void ladder_panel() {
  ImGui::TextUnformatted(tr(Str::Ladder));
  ImGui::Separator();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float left = p0.x + avail.x * 0.25f;
  const float right = p0.x + avail.x * 0.75f;
  dl->AddLine(ImVec2(left, p0.y), ImVec2(left, p0.y + avail.y), palette::kHostEdge, 2.0f);
  dl->AddLine(ImVec2(right, p0.y), ImVec2(right, p0.y + avail.y), palette::kHostEdge, 2.0f);
  dl->AddText(ImVec2(left - ImGui::CalcTextSize(tr(Str::Client)).x * 0.5f, p0.y + 4), palette::kTextDim,
              tr(Str::Client));
  dl->AddText(ImVec2(right - ImGui::CalcTextSize(tr(Str::Server)).x * 0.5f, p0.y + 4), palette::kTextDim,
              tr(Str::Server));
  const char* empty = tr(Str::LadderEmpty);
  const ImVec2 sz = ImGui::CalcTextSize(empty);
  dl->AddText(ImVec2(p0.x + (avail.x - sz.x) * 0.5f, p0.y + avail.y * 0.5f), palette::kTextDim, empty);
}

void timeline_bar() {
  ImGui::TextUnformatted(tr(Str::Timeline));
  ImGui::SameLine();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const float w = ImGui::GetContentRegionAvail().x;
  const float h = ImGui::GetTextLineHeight();
  dl->AddRectFilled(ImVec2(p.x, p.y + h * 0.35f), ImVec2(p.x + w, p.y + h * 0.65f), palette::kRingEmpty, 3.0f);
  ImGui::Dummy(ImVec2(w, h));
}

void help_overlay(App& app) {
  if (!app.show_help) return;
  ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::Begin(tr(Str::HelpTitle), &app.show_help,
               ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoCollapse);
  ImGui::TextUnformatted(tr(Str::HelpBody));
  ImGui::End();
}

// ImGui 1.86 names only a few keys, so single-key shortcuts are read as typed characters;
// they are ignored while a text field has focus.
void shortcuts(App& app) {
  const ImGuiIO& io = ImGui::GetIO();
  if (io.WantTextInput) return;
  for (int i = 0; i < io.InputQueueCharacters.Size; ++i) {
    switch (io.InputQueueCharacters[i]) {
      case '?': case 'h': app.show_help = !app.show_help; break;
      case '+': case '=': app.zoom = app.zoom < 2.5f ? app.zoom + 0.25f : app.zoom; break;
      case '-': app.zoom = app.zoom > 0.75f ? app.zoom - 0.25f : app.zoom; break;
      default: break;
    }
  }
}

}  // namespace

void frame(App& app) {
  shortcuts(app);
  ImGui::GetIO().FontGlobalScale = app.zoom / ImGui::GetIO().DisplayFramebufferScale.x;
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->WorkPos);
  ImGui::SetNextWindowSize(vp->WorkSize);
  ImGui::Begin("synack", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus);
  top_bar(app);

  const float timeline_h = ImGui::GetFrameHeightWithSpacing() + ImGui::GetStyle().WindowPadding.y * 2;
  const ImVec2 body = ImGui::GetContentRegionAvail();
  const float body_h = body.y - timeline_h - ImGui::GetStyle().ItemSpacing.y;
  const float lesson_w = body.x * 0.26f;

  ImGui::BeginChild("lesson", ImVec2(lesson_w, body_h), true);
  lesson_panel();
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginGroup();
  const float right_w = body.x - lesson_w - ImGui::GetStyle().ItemSpacing.x;
  ImGui::BeginChild("scene", ImVec2(right_w, body_h * 0.5f), true);
  draw_scene(SceneModel::empty_two_hosts());
  ImGui::EndChild();
  ImGui::BeginChild("ladder", ImVec2(right_w, body_h * 0.5f - ImGui::GetStyle().ItemSpacing.y), true);
  ladder_panel();
  ImGui::EndChild();
  ImGui::EndGroup();

  ImGui::BeginChild("timeline", ImVec2(0, timeline_h), true);
  timeline_bar();
  ImGui::EndChild();
  ImGui::End();

  help_overlay(app);
  ++app.frame_count;
}

}  // namespace synack::ui
