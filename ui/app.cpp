#include "app.hpp"

#include <imgui_internal.h>  // ClosePopupToLevel: Escape closes an open menu

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <tuple>

#include "build_info.hpp"
#include "inspector_view.hpp"
#include "cost_meter_view.hpp"
#include "ladder_svg.hpp"
#include "ladder_view.hpp"
#include "scenario/scenario.hpp"
#include "sim/time_text.hpp"
#include "embedded_files.hpp"
#include "progress_store.hpp"
#include "fault_panel.hpp"
#include "file_import.hpp"
#include "file_export.hpp"
#include "lesson_panel.hpp"
#include "scene_view.hpp"
#include "state_diagram_view.hpp"
#include "strings.hpp"
#include "panel.hpp"
#include "style.hpp"
#include "trace/export.hpp"
#include "run_words.hpp"

extern const unsigned char ui_font_data[];
extern const std::size_t ui_font_size;
extern const unsigned char cjk_switch_font_data[];  // generated/cjk_switch_font.cpp (cmake/CjkFont.cmake)
extern const std::size_t cjk_switch_font_size;

namespace synack::ui {

using namespace analysis;  // the views draw what the analysis layer reads from a run

namespace {
constexpr const char* kSpeedNames[] = {"0.001x", "0.003x", "0.01x", "0.03x", "0.1x", "0.3x", "1x", "10x", "100x"};
static_assert(sizeof(kSpeedNames) / sizeof(kSpeedNames[0]) == kSpeedCount);
}  // namespace

void setup_fonts_and_style(float dpi_scale) {
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // layout is code, not a file the app writes behind the user's back
  ImFontConfig cfg;
  cfg.FontDataOwnedByAtlas = false;  // the bytes are a static array
  cfg.OversampleH = 2;
  static const ImWchar ranges[] = {0x0020, 0x00FF, 0x2013, 0x2026, 0x2190, 0x21FF, 0x2212, 0x2265, 0x2500, 0x25FF, 0x2713, 0x2717, 0};
  io.Fonts->AddFontFromMemoryTTF(const_cast<unsigned char*>(ui_font_data), static_cast<int>(ui_font_size),
                                 17.0f * dpi_scale, &cfg, ranges);
  // The language switch's 中文 on an English screen; the rest of Chinese is merged in when
  // it is asked for (cjk_font.hpp).
  static const ImWchar switch_ranges[] = {0x4E2D, 0x4E2D, 0x6587, 0x6587, 0};
  ImFontConfig cjk;
  cjk.FontDataOwnedByAtlas = false;
  cjk.MergeMode = true;
  cjk.OversampleH = 1;
  cjk.PixelSnapH = true;
  io.Fonts->AddFontFromMemoryTTF(const_cast<unsigned char*>(cjk_switch_font_data), static_cast<int>(cjk_switch_font_size),
                                 17.0f * dpi_scale, &cjk, switch_ranges);
  io.FontGlobalScale = 1.0f / dpi_scale;  // atlas at device pixels, layout in points

  ImGui::StyleColorsDark();
  ImGuiStyle& style = ImGui::GetStyle();
  style.WindowRounding = 0.0f;
  style.ChildRounding = 0.0f;  // panels are cleared rectangles (panel.hpp)
  style.FrameRounding = 0.0f;  // square like the panels, and 2 triangles a frame, not 46
  style.WindowPadding = ImVec2(10, 10);
  style.Colors[ImGuiCol_WindowBg] = ImGui::ColorConvertU32ToFloat4(palette::kBackground);
  style.Colors[ImGuiCol_ChildBg] = ImGui::ColorConvertU32ToFloat4(palette::kPanel);
  // ImGui's grey (#808080) is under 4.5:1 on the panels; the palette's dim text is not.
  style.Colors[ImGuiCol_TextDisabled] = ImGui::ColorConvertU32ToFloat4(palette::kTextDim);
}

// The session's changes, as the display follows them.
void App::loaded() { beside.profiles = false; }  // a comparison of the run that was on screen

void App::new_run() { selected = -1; }

void App::step_entered() {
  selected = -1;
  want_font_for_lesson(*this);  // a Chinese-only lesson on an English screen
}

void App::beside_entered() { lower_tabs.ask(3); }

// A lesson step's moment: select what it points at, and the tab it is in.
void App::arrived() {
  const LessonRun& r = lesson.run;
  const int seg = r.stops.segment.empty() ? -1 : r.stops.segment[static_cast<size_t>(r.step)];
  const auto& hl = r.lesson.steps[static_cast<size_t>(r.step)].highlight;
  if (std::find(hl.begin(), hl.end(), "machines") != hl.end()) lower_tabs.ask(1);
  if (std::find(hl.begin(), hl.end(), "connections") != hl.end()) lower_tabs.ask(2);
  if (seg >= 0 && std::find(hl.begin(), hl.end(), "segment") != hl.end()) {
    selected = seg;
    side_tabs.ask(0);
  }
  // The event log, when the step points there first (before any segment or field).
  for (const std::string& h : hl) {
    if (h == "segment" || h.rfind("field:", 0) == 0) break;
    if (h == "log" || h.rfind("app:", 0) == 0) {
      side_tabs.ask(2);
      break;
    }
  }
}

void show_profiles_beside(App& app, bool on) {
  app.beside.profiles = on && app.run.simulated && !app.run.capture;
  if (app.beside.profiles) app.lower_tabs.ask(3);
  else if (app.lower_tabs.shown == 3) app.lower_tabs.ask(0);
}

std::string export_stem(const App& app) {
  const std::string profile = app.branch.profile ? std::string("-") + scenario::profile_key(*app.branch.profile) : "";
  return "synack-" + app.branch.name + profile + (app.branch.edits.empty() ? "" : "-branch");
}

void export_ladder_svg(App& app) {
  if (!app.run.simulated) return;
  LadderSvgOptions o;
  o.relative = app.relative_seq;
  o.title = app.branch.name + (app.branch.edits.empty() ? "" : " (branch)") + "  TCP: " + profile_name(app.run_profile) +
            (app.counterfactual ? "  NOT REAL TCP" : "");
  const std::string svg = ladder_svg(app.run.timeline, o).svg;
  app.status = offer_file(export_stem(app) + "-ladder.svg", std::vector<uint8_t>(svg.begin(), svg.end()));
}

void export_pcap(App& app, Capture what) {
  if (!app.run.simulated) return;
  const trace::Trace& t = app.run.trace;
  const std::string stem = export_stem(app);
  switch (what) {
    case Capture::Cable: app.status = offer_file(stem + ".pcapng", trace::to_pcapng(t)); break;
    case Capture::AtLeft:
    case Capture::AtRight: {
      const uint16_t host = what == Capture::AtLeft ? 0 : 1;
      app.status = offer_file(stem + "-at-" + t.host_name(host) + ".pcapng", trace::to_pcapng(t, host));
      break;
    }
    case Capture::PlainPcap: app.status = offer_file(stem + ".pcap", trace::to_pcap(t)); break;
  }
}

namespace {

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

std::string format_time(int64_t ns) { return sim::seconds_text(ns, {.decimals = 6}); }

// What the views draw with besides the run, as the app stands now (an action performed
// earlier in the frame may have moved the playhead).
Display display_of(const App& app) {
  return Display{app.play.t, app.selected, app.relative_seq, app.play.t != app.last_drawn_t, app.frame_count};
}

bool key_pressed(ImGuiKey key) { return ImGui::IsKeyPressed(ImGui::GetKeyIndex(key)); }

// ImGui 1.86 names only a few keys, so single-key shortcuts are read as typed characters;
// none of them fire while a text field has focus.
void shortcuts(App& app) {
  const ImGuiIO& io = ImGui::GetIO();
  if (io.WantTextInput) return;
  // An open menu or popup (last frame's) owns the keyboard: Escape closes it, and no key
  // typed there reaches the lesson (a digit would answer the step's question).
  if (ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId | ImGuiPopupFlags_AnyPopupLevel)) {
    if (key_pressed(ImGuiKey_Escape)) ImGui::ClosePopupToLevel(0, true);
    return;
  }
  if (key_pressed(ImGuiKey_Escape)) {
    app.show_help = false;
    app.file_error.clear();
  }
  for (int i = 0; i < io.InputQueueCharacters.Size; ++i) {
    switch (io.InputQueueCharacters[i]) {
      case '?': case 'h': app.show_help = !app.show_help; break;
      case '+': case '=': app.zoom = std::min(2.5f, app.zoom + 0.25f); break;
      case '-': app.zoom = std::max(0.75f, app.zoom - 0.25f); break;
      case ' ': app.play.playing = !app.play.playing; break;
      case 'n': case '\r': lesson_next(app); break;
      case '1': case '2': case '3': case '4': case '5': case '6':
        // Answer the step's question by number (A is 1).
        if (app.lesson.active() && app.lesson.run.phase == StepPhase::Question) {
          const auto& q = app.lesson.run.lesson.steps[static_cast<size_t>(app.lesson.run.step)].question;
          const int choice = static_cast<int>(io.InputQueueCharacters[i] - '1');
          // Keys pick a single answer only; the other kinds are answered in the panel.
          if (q && q->kind == lesson::Question::Kind::One && choice < static_cast<int>(q->choices.size()))
            lesson_answer(app, choice);
        }
        break;
      case 'b': lesson_back(app); break;
      case 'p': export_pcap(app); break;
      case 'l': export_ladder_svg(app); break;
      case 'L': app.ladder_png_wanted = true; break;
      case ']': app.play.speed_index = std::min(kSpeedCount - 1, app.play.speed_index + 1); break;
      case '[': app.play.speed_index = std::max(0, app.play.speed_index - 1); break;
      case 'i': app.side_tabs.ask(0); break;  // the segment inspector
      case 'c': app.side_tabs.ask(1); break;  // control blocks and socket buffers
      case 'e': app.side_tabs.ask(2); break;  // the event log
      case 'f': app.side_tabs.ask(3); break;  // the fault panel: break it
      case 'r': toggle_profile(app); break;     // the run under the other TCP profile
      case 'R': show_profiles_beside(app, !app.beside.profiles); break;
      case 'm': app.lower_tabs.ask(1 - app.lower_tabs.shown); break;  // ladder <-> state machines
      default: break;
    }
  }
  if (key_pressed(ImGuiKey_RightArrow)) {
    app.play.playing = false;
    app.play.t = next_event(app.run.timeline, app.play.t);
  }
  if (key_pressed(ImGuiKey_LeftArrow)) {
    app.play.playing = false;
    app.play.t = prev_event(app.run.timeline, app.play.t);
  }
  if (key_pressed(ImGuiKey_Home)) app.play.t = 0;
}

}  // namespace

namespace {

// Which TCP the run uses, always on screen; its menu switches the run to the other
// profile (a branch, badged in the branch's colour) or shows both side by side.
void profile_menu(App& app) {
  const std::string shown = trf(Str::ProfileMenuFmt, profile_name(app.run_profile));
  const bool switched = app.branch.profile.has_value();
  if (switched) ImGui::PushStyleColor(ImGuiCol_FrameBg, palette::kPsh);
  ImGui::SetNextItemWidth(ImGui::CalcTextSize(shown.c_str()).x + ImGui::GetStyle().FramePadding.x * 2 + ImGui::GetFrameHeight());
  const bool open = ImGui::BeginCombo("##profile", shown.c_str());
  if (switched) ImGui::PopStyleColor();
  note_item(app.view, "profile_menu");
  if (!open && ImGui::IsItemHovered()) {
    std::string tip = tr(Str::ProfileHelp);
    if (!app.run_tcp_keys.empty()) {
      std::string keys;
      for (const std::string& k : app.run_tcp_keys) keys += (keys.empty() ? "" : ", ") + k;
      tip += "\n" + trf(Str::ProfileKeysFmt, keys.c_str());
    }
    ImGui::SetTooltip("%s", tip.c_str());
  }
  if (!open) return;
  for (const auto& [p, item, name] : {std::tuple{tcp::Profile::Rfc, Str::ProfileRfcItem, "profile_rfc"},
                                     std::tuple{tcp::Profile::Linux, Str::ProfileLinuxItem, "profile_linux"}}) {
    if (ImGui::Selectable(tr(item), app.run_profile == p)) switch_profile(app, p);
    note_item(app.view, name);
  }
  ImGui::Separator();
  if (ImGui::Selectable(tr(Str::ProfileBesideItem), app.beside.profiles)) show_profiles_beside(app, !app.beside.profiles);
  note_item(app.view, "profile_beside");
  ImGui::EndCombo();
}

void top_bar(App& app) {
  ImGui::TextUnformatted(tr(Str::AppName));
  ImGui::SameLine();
  ImGui::TextDisabled("v%s (%s)", synack::version(), synack::build_hash());
  ImGui::SameLine();
  perform(app, draw_lesson_picker(lessons(app), app.lesson, app.lang, app.view));
  ImGui::SameLine();
  const auto& lib = embedded::scenario_library();
  const char* current = app.scenario >= 0 ? lib[static_cast<size_t>(app.scenario)].id : tr(Str::ExploreScenario);
  // As wide as its longest entry, so neither the preview nor the list is cut.
  float fit = ImGui::CalcTextSize(current).x;
  for (const embedded::EmbeddedFile& f : lib) fit = std::max(fit, ImGui::CalcTextSize(f.id).x);
  fit += ImGui::GetStyle().FramePadding.x * 2 + ImGui::GetFrameHeight();
  ImGui::SetNextItemWidth(std::min(fit, ImGui::GetContentRegionAvail().x * 0.4f));
  const bool scenarios_open = ImGui::BeginCombo("##scenario", current, ImGuiComboFlags_HeightLarge);
  note_item(app.view, "scenario_menu");
  if (scenarios_open) {
    for (size_t i = 0; i < lib.size(); ++i)
      if (ImGui::Selectable(lib[i].id, static_cast<int>(i) == app.scenario)) load_scenario(app, static_cast<int>(i));
    ImGui::EndCombo();
  }
  if (app.counterfactual) {
    ImGui::SameLine();
    ImGui::PushStyleColor(ImGuiCol_Button, palette::kWarningFill);
    ImGui::SmallButton(tr(Str::NotRealTcp));
    ImGui::PopStyleColor();
  }
  ImGui::SameLine();
  profile_menu(app);
  ImGui::SameLine();
  if (ImGui::Button(tr(Str::ExportPcap))) ImGui::OpenPopup("##export");
  if (ImGui::BeginPopup("##export")) {
    if (ImGui::Selectable(tr(Str::CaptureCable))) export_pcap(app, Capture::Cable);
    for (const Capture at : {Capture::AtLeft, Capture::AtRight}) {
      const std::string& host = at == Capture::AtLeft ? app.run.timeline.left_name : app.run.timeline.right_name;
      if (!host.empty() && ImGui::Selectable(trf(Str::CaptureAtFmt, host.c_str()).c_str())) export_pcap(app, at);
    }
    if (ImGui::Selectable(tr(Str::CapturePlain))) export_pcap(app, Capture::PlainPcap);
    ImGui::Separator();
    if (ImGui::Selectable(tr(Str::LadderSvg))) export_ladder_svg(app);
    if (ImGui::Selectable(tr(Str::LadderPng))) app.ladder_png_wanted = true;
    ImGui::EndPopup();
  }
  if (!app.status.empty()) {
    ImGui::SameLine();
    ImGui::TextDisabled("%s", app.status.c_str());
  }
  // The language switch names the other language in its own words, as sites do.
  // While the Chinese font is on its way, the switch says so (cjk_font.hpp).
  const char* other = app.lang == Lang::Zh             ? "English"
                      : chinese_waits_for_font(app) ? "\u4e2d\u6587 \u2026"  // 中文 …
                                                    : "\u4e2d\u6587";         // 中文
  const float pad = ImGui::GetStyle().FramePadding.x * 2, gap = ImGui::GetStyle().ItemSpacing.x;
  const float right_w = ImGui::CalcTextSize(other).x + ImGui::CalcTextSize(tr(Str::Help)).x + pad * 2 + gap;
  // Right-aligned when there is room; after the rest otherwise (never on top of it).
  ImGui::SameLine();
  ImGui::SetCursorPosX(std::max(ImGui::GetCursorPosX(), ImGui::GetWindowContentRegionMax().x - right_w));
  if (ImGui::Button(other)) ask_language(app, app.lang == Lang::Zh ? Lang::En : Lang::Zh);
  note_item(app.view, "lang_toggle");
  ImGui::SameLine();
  if (ImGui::Button(tr(Str::Help))) app.show_help = !app.show_help;
}

// Both sides' control-block variables at the playhead, sequence numbers relative.
void control_blocks(const App& app) {
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextWrapped("%s", tr(Str::RelativeNote));  // the side panel can be narrow
  ImGui::PopStyleColor();
  const trace::TcbSnapshot* v[2] = {tcb_at(app.run.timeline, 0, app.play.t), tcb_at(app.run.timeline, 1, app.play.t)};
  if (!ImGui::BeginTable("tcb", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchSame)) return;
  ImGui::TableNextRow();
  ImGui::TableSetColumnIndex(1);
  ImGui::TextDisabled("%s", app.run.timeline.left_name.c_str());
  ImGui::TableSetColumnIndex(2);
  ImGui::TextDisabled("%s", app.run.timeline.right_name.c_str());
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
  // Socket buffers as bars, bytes held of the buffer's size: the send buffer holds what
  // is unacknowledged or unsent; the receive buffer what arrived but is unread (its
  // free room is RCV.WND).
  const HostFacts* hosts[2] = {app.run.host(app.run.timeline.left_name), app.run.host(app.run.timeline.right_name)};
  auto buffer_row = [&](Str label, auto held, auto capacity) {
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    ImGui::TextDisabled("%s", tr(label));
    for (int side = 0; side < 2; ++side) {
      ImGui::TableSetColumnIndex(side + 1);
      if (!v[side] || !hosts[side]) {
        ImGui::TextDisabled("-");
        continue;
      }
      const uint32_t cap = capacity(hosts[side]->tcp);
      const uint32_t used = std::min(held(*v[side], cap), cap);
      const float fill = cap ? static_cast<float>(used) / static_cast<float>(cap) : 0.0f;
      ImGui::ProgressBar(fill, ImVec2(-1, 0), trf(Str::BufferFillFmt, kilobytes_number(used).c_str(), kilobytes_number(cap).c_str()).c_str());
    }
  };
  buffer_row(Str::SendBuffer, [](const S& s, uint32_t) { return s.send_buffered; },
             [](const tcp::TcpConfig& c) { return c.send_buffer; });
  buffer_row(Str::RecvBuffer, [](const S& s, uint32_t cap) { return cap > s.rcv_wnd ? cap - s.rcv_wnd : 0u; },
             [](const tcp::TcpConfig& c) { return c.recv_buffer; });
  ImGui::EndTable();
}

void side_panel(App& app) {
  if (app.lesson.index >= 0) {
    // The narrative first: in a lesson it is what the learner reads.
    // The lesson text gets the height it needed last frame, so that no step has to be
    // scrolled to find its answers, Try it or Next; the tabs below keep a few lines.
    const float avail = ImGui::GetContentRegionAvail().y;
    const float least = avail * 0.4f;
    const float most = std::max(least, avail - ImGui::GetFrameHeightWithSpacing() * 1.5f - ImGui::GetTextLineHeightWithSpacing());
    const float want = app.panels.lesson_text_h > 0 ? app.panels.lesson_text_h : avail * 0.62f;
    ImGui::BeginChild("lesson", ImVec2(0, std::clamp(want, least, most)), false, kInnerChild);
    perform(app, draw_lesson_panel(app.lesson, lessons(app), display_of(app), app.panels, app.view));
    ImGui::EndChild();
    ImGui::Separator();
  } else {
    ImGui::TextUnformatted(tr(Str::Scenario));
    ImGui::Separator();
  }
  if (!app.error.empty()) {
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(palette::kWarning), "%s", tr(Str::ScenarioError));
    ImGui::TextWrapped("%s", app.error.c_str());
    return;
  }
  if (app.lesson.index < 0) {
    ImGui::TextWrapped("%s", app.scenario_name.c_str());
    draw_capture_facts(app);
    ImGui::PushStyleColor(ImGuiCol_Text, palette::kTextDim);
    ImGui::TextWrapped("%s", tr(Str::Legend));
    ImGui::PopStyleColor();
    ImGui::Spacing();
  }
  // Segment, control blocks and events share the rest as tabs, each with the full height.
  if (!ImGui::BeginTabBar("details")) return;
  TabChoice& tabs = app.side_tabs;
  const bool inspector = ImGui::BeginTabItem(tr(Str::Inspector), nullptr, tabs.flags(0));
  note_item(app.view, "tab_inspector");
  if (inspector) {
    tabs.showing(0);
    const SegmentView* sel = app.selected >= 0 && app.selected < static_cast<int>(app.run.timeline.segments.size())
                                 ? &app.run.timeline.segments[static_cast<size_t>(app.selected)]
                                 : nullptr;
    ImGui::BeginChild("inspector", ImVec2(0, 0), false, kInnerChild);
    if (app.run.simulated) draw_inspector(app.run.trace, sel, app.panels.inspector_scrolled, lesson_fields(app.lesson));
    ImGui::EndChild();
    ImGui::EndTabItem();
  }
  const bool blocks = ImGui::BeginTabItem(tr(Str::ControlBlocks), nullptr, tabs.flags(1));
  note_item(app.view, "tab_blocks");
  if (blocks) {
    tabs.showing(1);
    ImGui::BeginChild("tcb", ImVec2(0, 0), false, kInnerChild);
    control_blocks(app);
    ImGui::EndChild();
    ImGui::EndTabItem();
  }
  const bool events = ImGui::BeginTabItem(tr(Str::Events), nullptr, tabs.flags(2));
  note_item(app.view, "tab_events");
  if (events) {
    tabs.showing(2);
    // The last events up to the playhead, newest at the bottom.
    auto upto = std::upper_bound(app.log.begin(), app.log.end(), app.play.t,
                                 [](int64_t t, const trace::TextLine& e) { return t < e.t_ns; });
    const size_t shown = std::min<size_t>(400, static_cast<size_t>(upto - app.log.begin()));
    ImGui::BeginChild("log", ImVec2(0, 0), false, kInnerChild);
    // Follow the newest line only while the reader is at the bottom (the scroll range is
    // last frame's): scrolled back to an earlier entry, the log stays there.
    const bool at_bottom = ImGui::GetScrollY() >= ImGui::GetScrollMaxY() - 1.0f;
    ImGui::PushTextWrapPos(0.0f);
    const std::vector<size_t> lit = lesson_log_lines(app.lesson, app.run, app.log);  // what the lesson step points at
    for (auto it = upto - static_cast<std::ptrdiff_t>(shown); it != upto; ++it) {
      const bool pointed = std::binary_search(lit.begin(), lit.end(), static_cast<size_t>(it - app.log.begin()));
      ImGui::TextDisabled("%s", format_time(it->t_ns).c_str());
      ImGui::SameLine();
      if (pointed) ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(palette::kHighlight), "%s", it->text.c_str());
      else ImGui::TextUnformatted(it->text.c_str());
    }
    ImGui::PopTextWrapPos();
    if (at_bottom) ImGui::SetScrollHereY(1.0f);
    app.view.log_scroll = ImGui::GetScrollY();
    app.view.log_scroll_max = ImGui::GetScrollMaxY();
    ImGui::EndChild();
    note_item(app.view, "log");
    ImGui::EndTabItem();
  }
  const bool break_it = ImGui::BeginTabItem(tr(Str::BreakIt), nullptr, tabs.flags(3));
  note_item(app.view, "tab_break");
  if (break_it) {
    tabs.showing(3);
    ImGui::BeginChild("break", ImVec2(0, 0), false, kInnerChild);
    perform(app, draw_fault_panel(app.run, app.branch, app.run_generation, display_of(app), app.panels.break_form, app.view));
    ImGui::EndChild();
    ImGui::EndTabItem();
  }
  ImGui::EndTabBar();
}

void playback_bar(App& app) {
  Playback& p = app.play;
  if (ImGui::Button(tr(Str::Start))) p.t = 0;
  ImGui::SameLine();
  if (ImGui::Button(tr(Str::PrevEvent))) {
    p.playing = false;
    p.t = prev_event(app.run.timeline, p.t);
  }
  ImGui::SameLine();
  if (ImGui::Button(p.playing ? tr(Str::Pause) : tr(Str::Play), ImVec2(ImGui::GetFontSize() * 4, 0))) {
    if (!p.playing && p.t >= app.run.timeline.run_end_ns) p.t = 0;
    p.playing = !p.playing;
  }
  note_item(app.view, "play");
  ImGui::SameLine();
  if (ImGui::Button(tr(Str::NextEvent))) {
    p.playing = false;
    p.t = next_event(app.run.timeline, p.t);
  }
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
  ImGui::Combo(tr(Str::Speed), &p.speed_index, kSpeedNames, kSpeedCount);
  ImGui::SameLine();
  ImGui::Checkbox(tr(Str::SkipQuiet), &p.skip_quiet);
  ImGui::SameLine();
  ImGui::Checkbox(tr(Str::Relative), &app.relative_seq);
  ImGui::SameLine();
  ImGui::Text("%s %s", tr(Str::Time), format_time(p.t).c_str());
  ImGui::SameLine();
  // The scrubber runs over event rows, like the ladder, so every event gets its share.
  const int rows = std::max(1, static_cast<int>(app.run.timeline.event_times.size()) - 1);
  float row = std::min(ladder_row(app.run.timeline, p.t), static_cast<float>(rows));
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x);
  if (ImGui::SliderFloat("##scrub", &row, 0.0f, static_cast<float>(rows), "")) {
    p.playing = false;
    const auto& ev = app.run.timeline.event_times;
    const size_t i = std::min(static_cast<size_t>(row), ev.size() - 1);
    const double frac = row - static_cast<float>(i);
    p.t = i + 1 < ev.size() ? ev[i] + static_cast<int64_t>(frac * static_cast<double>(ev[i + 1] - ev[i])) : ev[i];
  }
}

// A lesson file that could not be opened: what is wrong and where; nothing else changed.
void file_error_window(App& app) {
  if (app.file_error.empty() && app.file_warning.empty()) {
    return;
  } else if (app.file_error.empty()) {
    // Opened, but something in it will not look as the teacher meant.
    ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 32, 0));
    ImGui::Begin(tr(Str::FileWarningTitle), nullptr, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoCollapse);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(palette::kWarning), "%s", app.file_warning.c_str());
    ImGui::PopTextWrapPos();
    app.view.file_message = app.file_warning;
    if (ImGui::Button(tr(Str::Ok))) app.file_warning.clear();
    note_item(app.view, "file_ok");
    ImGui::End();
    return;
  }
  ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 32, 0));
  ImGui::Begin(tr(Str::FileErrorTitle), nullptr, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoCollapse);
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(palette::kWarning), "%s", app.file_error.c_str());
  ImGui::PopTextWrapPos();
  app.view.file_message = app.file_error;
  if (ImGui::Button(tr(Str::Ok))) app.file_error.clear();
  note_item(app.view, "file_ok");
  ImGui::End();
}

void help_overlay(App& app) {
  if (!app.show_help) return;
  ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::Begin(tr(Str::HelpTitle), &app.show_help, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoCollapse);
  ImGui::TextUnformatted(tr(Str::HelpBody));
  ImGui::End();
}

}  // namespace

void set_app_language(App& app, Lang lang) {
  app.lang = lang;
  set_language(lang);
  LessonState& ls = app.lesson;
  if (ls.index >= 0) {
    lesson::use_language(ls.run.lesson, lang_code(lang));
    const auto& steps = ls.run.lesson.steps;
    if (ls.trying && ls.run.step >= 0 && static_cast<size_t>(ls.run.step) < steps.size() && steps[static_cast<size_t>(ls.run.step)].try_it &&
        !app.branch.changed())
      ls.trying_text = steps[static_cast<size_t>(ls.run.step)].try_it->text;
    else if (ls.trying)
      ls.trying_text = tr(app.branch.edits.empty() ? Str::ProfileSwitchedText : Str::ExperimentText);
  }
  app.panels.lesson_text_for.clear();  // the lesson panel measures its text again
  app.log = event_log(app.run.trace, lang);
  // Tab labels are their ids: keep the tabs that show.
  app.side_tabs.ask(app.side_tabs.shown);
  app.lower_tabs.ask(app.lower_tabs.shown);
  ensure_progress(app);
  if (progress_lang(ls.progress) != lang_code(lang)) {
    set_progress_lang(ls.progress, lang_code(lang));
    save_progress_text(serialize_progress(ls.progress));
  }
}

void choose_first_language(App& app, std::optional<Lang> asked, std::string_view system_locale) {
  ensure_progress(app);
  std::optional<Lang> lang = asked;
  if (!lang) lang = parse_lang(progress_lang(app.lesson.progress));
  if (!lang) lang = parse_lang(system_locale);
  // English until the Chinese font is in the atlas (cjk_font.hpp).
  app.lang = Lang::En;
  set_language(app.lang);
  if (lang == Lang::Zh) ask_language(app, Lang::Zh);
}

void frame(App& app, float dt) {
  app.view = UiView{};
  set_language(app.lang);  // the views' tr() calls speak the app's language
  // First visit: the course's first lesson; a link or flag may have opened something else.
  if (app.scenario < 0 && app.lesson.index < 0 && app.error.empty() && !app.run.capture) {
    if (app.lessons_first && !lessons(app).empty()) load_lesson(app, 0, 0);
    else load_scenario(app, 0);
  }
  shortcuts(app);
  advance(app, dt);
  sync_beside(app);
  ImGui::GetIO().FontGlobalScale = app.zoom / ImGui::GetIO().DisplayFramebufferScale.x;
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->WorkPos);
  ImGui::SetNextWindowSize(vp->WorkSize);
  // No background: the platform layer clears the screen to the same colour first.
  ImGui::Begin("synack", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoBackground);
  // Embedded in a course page, the page chose what to show: its menus would only lead away.
  if (!app.embed) top_bar(app);

  const ImGuiStyle& style = ImGui::GetStyle();
  const float bar_h = ImGui::GetFrameHeightWithSpacing() + style.WindowPadding.y * 2;
  const ImVec2 body = ImGui::GetContentRegionAvail();
  const float body_h = body.y - bar_h - style.ItemSpacing.y;
  // A lesson needs room to read; otherwise the panel is as narrow as its tab titles allow.
  float tabs_w = style.WindowPadding.x * 2;
  for (const Str tab : {Str::Inspector, Str::ControlBlocks, Str::Events, Str::BreakIt})
    tabs_w += ImGui::CalcTextSize(tr(tab)).x + style.FramePadding.x * 2 + style.ItemInnerSpacing.x;
  const float side_w = app.lesson.index >= 0 ? body.x * 0.44f : std::clamp(tabs_w, body.x * 0.27f, body.x * 0.34f);

  begin_panel("side", ImVec2(side_w, body_h));
  side_panel(app);
  end_panel();
  ImGui::SameLine();
  ImGui::BeginGroup();
  const float right_w = body.x - side_w - style.ItemSpacing.x;
  SceneLabels labels;
  if (app.run.hosts.size() >= 2) {
    labels.left_title = upper(app.run.hosts[0].name);
    labels.left_addr = app.run.hosts[0].ip.str();
    labels.right_title = upper(app.run.hosts[1].name);
    labels.right_addr = app.run.hosts[1].ip.str();
    labels.ring_size[0] = app.run.hosts[0].nic.rx_ring_size;
    labels.ring_size[1] = app.run.hosts[1].nic.rx_ring_size;
  }
  labels.counterfactual = app.counterfactual;
  labels.injected = app.injected;
  labels.branch_edits = static_cast<int>(app.branch.edits.size());
  if (app.branch.profile) labels.profile_switch = profile_name(app.branch.profile);
  labels.relative_seq = app.relative_seq;
  for (int side = 0; side < 2; ++side) {
    const std::string name = side == 0 ? app.run.timeline.left_name : app.run.timeline.right_name;
    labels.highlight_state[side] = lesson_highlights(app.lesson, "state:" + name);
    labels.highlight_timers[side] = lesson_highlights(app.lesson, "timers:" + name);
  }
  begin_panel("scene", ImVec2(right_w, body_h * 0.42f));
  const int clicked_scene = draw_scene(app.run.timeline, labels, app.play.t, app.selected);
  end_panel();
  const float meter_h = app.embed ? 0.0f : ImGui::GetTextLineHeight() + style.WindowPadding.y * 2;
  if (!app.embed) {
    begin_panel("meter", ImVec2(right_w, meter_h));
    draw_cost_meter(app.cost, app.play.t, 0, 1);
    end_panel();
  }
  begin_panel("lower", ImVec2(right_w, body_h * 0.58f - style.ItemSpacing.y * 2 - meter_h));
  int clicked_ladder = -1;
  if (ImGui::BeginTabBar("views")) {
    if (ImGui::BeginTabItem(tr(Str::Ladder), nullptr, app.lower_tabs.flags(0))) {
      app.lower_tabs.showing(0);
      ImGui::BeginChild("ladder", ImVec2(0, 0), false, kInnerChild);
      const ImVec2 lp = ImGui::GetWindowPos(), ls = ImGui::GetWindowSize();
      app.ladder_rect[0] = lp.x, app.ladder_rect[1] = lp.y, app.ladder_rect[2] = ls.x, app.ladder_rect[3] = ls.y;
      // The ladder follows the playhead when it moves; otherwise the learner may scroll it.
      clicked_ladder = draw_ladder(app.run.timeline, app.play.t, app.selected, app.play.t != app.last_drawn_t, app.relative_seq,
                                   &app.ladder_layout);
      ImGui::EndChild();
      ImGui::EndTabItem();
    }
    if (ImGui::BeginTabItem(tr(Str::StateMachines), nullptr, app.lower_tabs.flags(1))) {
      app.lower_tabs.showing(1);
      draw_state_diagrams(app.run.timeline, app.play.t);
      ImGui::EndTabItem();
    }
    if (ImGui::BeginTabItem(tr(Str::Connections), nullptr, app.lower_tabs.flags(2))) {
      app.lower_tabs.showing(2);
      draw_connections(app.conns, app.run_generation, app.conns_view, app.play.t, 1, app.view);
      ImGui::EndTabItem();
    }
    if (const int c = draw_beside_tab(app.beside.pair, display_of(app), app.beside_view, app.lower_tabs, app.view); c >= 0) clicked_ladder = c;
    ImGui::EndTabBar();
  }
  app.last_drawn_t = app.play.t;
  end_panel();
  ImGui::EndGroup();
  if (clicked_scene >= 0 || clicked_ladder >= 0) {
    app.selected = clicked_scene >= 0 ? clicked_scene : clicked_ladder;
    app.side_tabs.ask(0);
  }

  begin_panel("playback", ImVec2(0, bar_h));
  playback_bar(app);
  end_panel();
  ImGui::End();

  help_overlay(app);
  draw_open_file_window(app);
  draw_capture_list(app);
  file_error_window(app);
  app.view.popup_open = ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId | ImGuiPopupFlags_AnyPopupLevel);
  ++app.frame_count;
}

}  // namespace synack::ui
