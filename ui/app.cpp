#include "app.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>

#include "build_info.hpp"
#include "inspector_view.hpp"
#include "ladder_view.hpp"
#include "scenario/scenario.hpp"
#include "scenario_library.hpp"
#include "scene_view.hpp"
#include "strings.hpp"
#include "style.hpp"
#include "trace/export.hpp"

extern const unsigned char ui_font_data[];
extern const std::size_t ui_font_size;

namespace synack::ui {

namespace {
// Simulated seconds per real second: slow motion for a LAN, fast for timers.
constexpr double kSpeeds[] = {0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 10.0, 100.0};
constexpr const char* kSpeedNames[] = {"0.001x", "0.003x", "0.01x", "0.03x", "0.1x", "0.3x", "1x", "10x", "100x"};
constexpr int kSpeedCount = static_cast<int>(sizeof(kSpeeds) / sizeof(kSpeeds[0]));
}  // namespace

void setup_fonts_and_style(float dpi_scale) {
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // layout is code, not a file the app writes behind the user's back
  ImFontConfig cfg;
  cfg.FontDataOwnedByAtlas = false;  // the bytes are a static array
  cfg.OversampleH = 2;
  static const ImWchar ranges[] = {0x0020, 0x00FF, 0x2013, 0x2026, 0x2190, 0x21FF, 0x2212, 0x2265, 0x2500, 0x25FF, 0};
  io.Fonts->AddFontFromMemoryTTF(const_cast<unsigned char*>(ui_font_data), static_cast<int>(ui_font_size),
                                 17.0f * dpi_scale, &cfg, ranges);
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

bool open_scenario(App& app, const std::string& id, int64_t t) {
  const auto& lib = scenario_library();
  for (size_t i = 0; i < lib.size(); ++i) {
    if (id != lib[i].id) continue;
    load_scenario(app, static_cast<int>(i));
    app.play.t = std::clamp<int64_t>(t, 0, app.timeline.end_ns);
    return true;
  }
  return false;
}

void load_scenario(App& app, int index) {
  const auto& lib = scenario_library();
  if (index < 0 || index >= static_cast<int>(lib.size())) return;
  app.scenario = index;
  app.world.reset();
  app.timeline = Timeline{};
  app.play = Playback{.speed_index = app.play.speed_index};
  app.selected = -1;
  app.error.clear();
  auto parsed = scenario::parse_scenario(lib[static_cast<size_t>(index)].toml,
                                         std::string("scenarios/") + lib[static_cast<size_t>(index)].id + ".toml");
  if (!parsed) {
    // A broken scenario is shown, not fatal: the app keeps running.
    app.error = parsed.error().str();
    return;
  }
  app.scenario_name = parsed->name.empty() ? lib[static_cast<size_t>(index)].id : parsed->name;
  app.counterfactual = parsed->counterfactual;
  app.world = scenario::build_world(*parsed);
  app.world->run(parsed->until);
  app.timeline = build_timeline(app.world->trace(), 0, 1);
  // The event log beside the scene is the CLI's text trace, split by line: each line
  // starts with its time in seconds with nine decimals, i.e. exact nanoseconds.
  app.log.clear();
  const std::string text = trace::to_text(app.world->trace());
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const std::string line = text.substr(start, end - start);
    const size_t dot = line.find('.');
    if (dot != std::string::npos && dot + 10 <= line.size()) {
      const int64_t ns = std::atoll(line.c_str()) * 1000000000LL + std::atoll(line.substr(dot + 1, 9).c_str());
      app.log.emplace_back(ns, line.substr(dot + 11));
    }
    start = end + 1;
  }
}

namespace {

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

std::string format_time(int64_t ns) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%lld.%06lld s", static_cast<long long>(ns / 1000000000),
                static_cast<long long>((ns % 1000000000) / 1000));
  return buf;
}

bool key_pressed(ImGuiKey key) { return ImGui::IsKeyPressed(ImGui::GetKeyIndex(key)); }

// ImGui 1.86 names only a few keys, so single-key shortcuts are read as typed characters;
// none of them fire while a text field has focus.
void shortcuts(App& app) {
  const ImGuiIO& io = ImGui::GetIO();
  if (io.WantTextInput) return;
  for (int i = 0; i < io.InputQueueCharacters.Size; ++i) {
    switch (io.InputQueueCharacters[i]) {
      case '?': case 'h': app.show_help = !app.show_help; break;
      case '+': case '=': app.zoom = std::min(2.5f, app.zoom + 0.25f); break;
      case '-': app.zoom = std::max(0.75f, app.zoom - 0.25f); break;
      case ' ': app.play.playing = !app.play.playing; break;
      default: break;
    }
  }
  if (key_pressed(ImGuiKey_RightArrow)) {
    app.play.playing = false;
    app.play.t = next_event(app.timeline, app.play.t);
  }
  if (key_pressed(ImGuiKey_LeftArrow)) {
    app.play.playing = false;
    app.play.t = prev_event(app.timeline, app.play.t);
  }
  if (key_pressed(ImGuiKey_Home)) app.play.t = 0;
}

void advance(App& app, float dt) {
  Playback& p = app.play;
  if (!p.playing) return;
  const double speed = kSpeeds[p.speed_index];
  int64_t t = p.t + static_cast<int64_t>(static_cast<double>(dt) * speed * 1e9);
  if (p.skip_quiet) {
    // Nothing on the cable and the next event more than a second of real time away:
    // jump to it, so that a 1 s retransmission timer does not cost minutes of waiting.
    bool in_flight = false;
    for (const SegmentView& s : app.timeline.segments)
      if (s.t_sent <= p.t && p.t < s.t_end) in_flight = true;
    const int64_t next = next_event(app.timeline, p.t);
    if (!in_flight && static_cast<double>(next - p.t) > speed * 1e9) t = std::max(t, next);
  }
  if (t >= app.timeline.end_ns) {
    t = app.timeline.end_ns;
    p.playing = false;
  }
  p.t = t;
}

void top_bar(App& app) {
  ImGui::TextUnformatted("synack");
  ImGui::SameLine();
  ImGui::TextDisabled("v%s (%s)", synack::version(), synack::build_hash());
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 16);
  const auto& lib = scenario_library();
  const char* current = app.scenario >= 0 ? lib[static_cast<size_t>(app.scenario)].id : tr(Str::NoScenario);
  if (ImGui::BeginCombo("##scenario", current)) {
    for (size_t i = 0; i < lib.size(); ++i)
      if (ImGui::Selectable(lib[i].id, static_cast<int>(i) == app.scenario)) load_scenario(app, static_cast<int>(i));
    ImGui::EndCombo();
  }
  if (app.counterfactual) {
    ImGui::SameLine();
    ImGui::PushStyleColor(ImGuiCol_Button, palette::kWarning);
    ImGui::SmallButton(tr(Str::NotRealTcp));
    ImGui::PopStyleColor();
  }
  const float help_w = ImGui::CalcTextSize(tr(Str::Help)).x + 24.0f;
  ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - help_w);
  if (ImGui::Button(tr(Str::Help))) app.show_help = !app.show_help;
}

// Both sides' control-block variables at the playhead, sequence numbers relative.
void control_blocks(const App& app) {
  ImGui::TextUnformatted(tr(Str::ControlBlocks));
  ImGui::Separator();
  const trace::TcbSnapshot* v[2] = {tcb_at(app.timeline, 0, app.play.t), tcb_at(app.timeline, 1, app.play.t)};
  if (!ImGui::BeginTable("tcb", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchSame)) return;
  ImGui::TableNextRow();
  ImGui::TableSetColumnIndex(1);
  ImGui::TextDisabled("%s", app.timeline.left_name.c_str());
  ImGui::TableSetColumnIndex(2);
  ImGui::TextDisabled("%s", app.timeline.right_name.c_str());
  auto row = [&](const char* name, auto get) {
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    ImGui::TextDisabled("%s", name);
    for (int side = 0; side < 2; ++side) {
      ImGui::TableSetColumnIndex(side + 1);
      if (v[side]) ImGui::Text("%s", get(*v[side]).c_str());
      else ImGui::TextDisabled("-");
    }
  };
  using S = trace::TcbSnapshot;
  row("SND.UNA", [](const S& s) { return std::to_string(s.snd_una - s.iss); });
  row("SND.NXT", [](const S& s) { return std::to_string(s.snd_nxt - s.iss); });
  row("SND.WND", [](const S& s) { return std::to_string(s.snd_wnd); });
  row("RCV.NXT", [](const S& s) { return std::to_string(s.rcv_nxt - s.irs); });
  row("RCV.WND", [](const S& s) { return std::to_string(s.rcv_wnd); });
  row("cwnd", [](const S& s) { return std::to_string(s.cwnd); });
  row("ssthresh", [](const S& s) { return s.ssthresh >= 0x7fffffff ? std::string("inf") : std::to_string(s.ssthresh); });
  row("RTO", [](const S& s) { return std::to_string(s.rto_ns / 1000000) + " ms"; });
  row("SRTT", [](const S& s) { return std::to_string(s.srtt_ns / 1000) + " us"; });
  ImGui::EndTable();
}

void side_panel(App& app) {
  ImGui::TextUnformatted(tr(Str::Scenario));
  ImGui::Separator();
  if (!app.error.empty()) {
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(palette::kWarning), "%s", tr(Str::ScenarioError));
    ImGui::TextWrapped("%s", app.error.c_str());
    return;
  }
  ImGui::TextWrapped("%s", app.scenario_name.c_str());
  ImGui::PushStyleColor(ImGuiCol_Text, palette::kTextDim);
  ImGui::TextWrapped("%s", tr(Str::Legend));
  ImGui::PopStyleColor();
  ImGui::Spacing();
  const SegmentView* sel = app.selected >= 0 && app.selected < static_cast<int>(app.timeline.segments.size())
                               ? &app.timeline.segments[static_cast<size_t>(app.selected)]
                               : nullptr;
  if (app.world) draw_inspector(app.world->trace(), sel);
  ImGui::Spacing();
  control_blocks(app);
  ImGui::Spacing();
  ImGui::TextUnformatted(tr(Str::Events));
  ImGui::Separator();
  // The last events up to the playhead, newest at the bottom.
  auto upto = std::upper_bound(app.log.begin(), app.log.end(), app.play.t,
                               [](int64_t t, const auto& e) { return t < e.first; });
  const size_t shown = std::min<size_t>(40, static_cast<size_t>(upto - app.log.begin()));
  ImGui::BeginChild("log", ImVec2(0, 0), false);
  ImGui::PushTextWrapPos(0.0f);
  for (auto it = upto - static_cast<std::ptrdiff_t>(shown); it != upto; ++it) {
    ImGui::TextDisabled("%s", format_time(it->first).c_str());
    ImGui::SameLine();
    ImGui::TextUnformatted(it->second.c_str());
  }
  ImGui::PopTextWrapPos();
  ImGui::SetScrollHereY(1.0f);  // newest at the bottom, always in view
  ImGui::EndChild();
}

void playback_bar(App& app) {
  Playback& p = app.play;
  if (ImGui::Button(tr(Str::Start))) p.t = 0;
  ImGui::SameLine();
  if (ImGui::Button(tr(Str::PrevEvent))) {
    p.playing = false;
    p.t = prev_event(app.timeline, p.t);
  }
  ImGui::SameLine();
  if (ImGui::Button(p.playing ? tr(Str::Pause) : tr(Str::Play), ImVec2(ImGui::GetFontSize() * 4, 0))) {
    if (!p.playing && p.t >= app.timeline.end_ns) p.t = 0;
    p.playing = !p.playing;
  }
  ImGui::SameLine();
  if (ImGui::Button(tr(Str::NextEvent))) {
    p.playing = false;
    p.t = next_event(app.timeline, p.t);
  }
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
  ImGui::Combo(tr(Str::Speed), &p.speed_index, kSpeedNames, kSpeedCount);
  ImGui::SameLine();
  ImGui::Checkbox(tr(Str::SkipQuiet), &p.skip_quiet);
  ImGui::SameLine();
  ImGui::Text("%s %s", tr(Str::Time), format_time(p.t).c_str());
  ImGui::SameLine();
  // The scrubber runs over event rows, like the ladder, so every event gets its share.
  const int rows = std::max(1, static_cast<int>(app.timeline.event_times.size()) - 1);
  float row = std::min(ladder_row(app.timeline, p.t), static_cast<float>(rows));
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x);
  if (ImGui::SliderFloat("##scrub", &row, 0.0f, static_cast<float>(rows), "")) {
    p.playing = false;
    const auto& ev = app.timeline.event_times;
    const size_t i = std::min(static_cast<size_t>(row), ev.size() - 1);
    const double frac = row - static_cast<float>(i);
    p.t = i + 1 < ev.size() ? ev[i] + static_cast<int64_t>(frac * static_cast<double>(ev[i + 1] - ev[i])) : ev[i];
  }
}

void help_overlay(App& app) {
  if (!app.show_help) return;
  ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::Begin(tr(Str::HelpTitle), &app.show_help, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoCollapse);
  ImGui::TextUnformatted(tr(Str::HelpBody));
  ImGui::End();
}

}  // namespace

void frame(App& app, float dt) {
  if (app.scenario < 0 && app.error.empty()) load_scenario(app, 0);
  shortcuts(app);
  advance(app, dt);
  ImGui::GetIO().FontGlobalScale = app.zoom / ImGui::GetIO().DisplayFramebufferScale.x;
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->WorkPos);
  ImGui::SetNextWindowSize(vp->WorkSize);
  ImGui::Begin("synack", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus);
  top_bar(app);

  const ImGuiStyle& style = ImGui::GetStyle();
  const float bar_h = ImGui::GetFrameHeightWithSpacing() + style.WindowPadding.y * 2;
  const ImVec2 body = ImGui::GetContentRegionAvail();
  const float body_h = body.y - bar_h - style.ItemSpacing.y;
  const float side_w = body.x * 0.27f;

  ImGui::BeginChild("side", ImVec2(side_w, body_h), true);
  side_panel(app);
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginGroup();
  const float right_w = body.x - side_w - style.ItemSpacing.x;
  SceneLabels labels;
  if (app.world && app.world->hosts().size() >= 2) {
    labels.left_title = upper(app.world->hosts()[0]->config().name);
    labels.left_addr = app.world->hosts()[0]->config().ip.str();
    labels.right_title = upper(app.world->hosts()[1]->config().name);
    labels.right_addr = app.world->hosts()[1]->config().ip.str();
  }
  ImGui::BeginChild("scene", ImVec2(right_w, body_h * 0.42f), true);
  const int clicked_scene = draw_scene(app.timeline, labels, app.play.t, app.selected);
  ImGui::EndChild();
  ImGui::BeginChild("ladder", ImVec2(right_w, body_h * 0.58f - style.ItemSpacing.y), true);
  // The ladder follows the playhead when it moves; otherwise the learner may scroll it.
  const int clicked_ladder = draw_ladder(app.timeline, app.play.t, app.selected, app.play.t != app.last_drawn_t);
  app.last_drawn_t = app.play.t;
  ImGui::EndChild();
  ImGui::EndGroup();
  if (clicked_scene >= 0) app.selected = clicked_scene;
  if (clicked_ladder >= 0) app.selected = clicked_ladder;

  ImGui::BeginChild("playback", ImVec2(0, bar_h), true);
  playback_bar(app);
  ImGui::EndChild();
  ImGui::End();

  help_overlay(app);
  ++app.frame_count;
}

}  // namespace synack::ui
