#include "capture_open.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstring>

#include "app.hpp"
#include "capture/tracker.hpp"
#include "sim/time_text.hpp"
#include "style.hpp"

namespace synack::ui {

namespace {

constexpr const char* kWords[][2] = {
    {"Open capture file (pcap, pcapng)...", "打开抓包文件（pcap、pcapng）..."},
    {"Both ends' states are inferred from one point on the path (where the capture was taken), "
     "not told by either end.",
     "两端的状态都是从路径上的一点（抓包的位置）推断出来的，而不是任何一端自己报告的。"},
    {"Capture taken: %s (%s)", "抓包位置：%s（%s）"},
    {"The capture missed %llu bytes from %s: acknowledged, never seen (marked on the ACK).",
     "抓包漏掉了来自%s的 %llu 字节：已被确认，却从未被抓到（标在那个 ACK 上）。"},
    {"Break it is off for a capture: what happened was recorded, not simulated, so it cannot be re-run "
     "with a change.",
     "抓包不能用 Break it：这是录下来的真实经过，不是模拟出来的，无法改动后重新运行。"},
    {"Connections in this file (%zu)...", "本文件中的连接（%zu 个）..."},
    {"Connections in %s: choose one", "%s 中的连接：选择一个"},
    {"#|client|server|packets|bytes|duration|opened|ended", "#|客户端|服务器|包数|字节|时长|建立|结束"},
    {"inferred from one point on the path", "从路径上的一点推断"},
};

bool zh() { return language() == Lang::Zh; }

std::string file_stem(const std::string& name) {
  const size_t slash = name.find_last_of("/\\");
  std::string s = name.substr(slash == std::string::npos ? 0 : slash + 1);
  const size_t dot = s.find_last_of('.');
  return dot == std::string::npos || dot == 0 ? s : s.substr(0, dot);
}

}  // namespace

const char* capture_word(CaptureWord w) { return kWords[static_cast<int>(w)][zh() ? 1 : 0]; }

bool looks_like_capture(const uint8_t* b, size_t size) {
  if (size < 4) return false;
  const uint32_t le = b[0] | (b[1] << 8) | (b[2] << 16) | (static_cast<uint32_t>(b[3]) << 24);
  const uint32_t be = (static_cast<uint32_t>(b[0]) << 24) | (b[1] << 16) | (b[2] << 8) | b[3];
  for (const uint32_t magic : {0xa1b2c3d4u, 0xa1b23c4du, 0x0a0d0d0au})
    if (le == magic || be == magic) return true;
  return false;
}

bool open_capture_bytes(App& app, std::string name, std::vector<uint8_t> bytes) {
  auto opened = analysis::open_capture(bytes);
  if (!opened) {
    // Nothing on screen changes but the message: the run, the lesson, an open capture stay.
    app.file_warning.clear();
    app.file_error = name + ": " + opened.error().message();
    return false;
  }
  // The index holds offsets into the bytes, which a vector's move keeps where they are.
  app.capture = OpenCapture{std::move(name), std::move(bytes), std::move(*opened), false};
  app.capture.listing = app.capture.opened.streams.streams.size() > 1;
  choose_capture_stream(app, app.capture.opened.streams.default_stream);
  return true;
}

void choose_capture_stream(App& app, size_t stream) {
  OpenCapture& c = app.capture;
  if (stream >= c.opened.streams.streams.size()) return;
  Session& s = app;
  s.run = analysis::capture_run(c.opened, c.bytes, stream, c.name);
  s.scenario = -1;
  s.lesson.index = -1;
  s.lesson.error.clear();
  s.lesson.trying = false;
  s.error.clear();
  s.file_error.clear();
  s.file_warning.clear();
  s.counterfactual = false;
  s.injected = false;
  s.run_profile.reset();
  s.run_tcp_keys.clear();
  // No branch: a capture is what happened, and nothing re-simulates it.
  s.branch = Branch{};
  s.branch.name = file_stem(c.name) + "-" + std::to_string(stream);
  const capture::Stream& st = c.opened.streams.streams[stream];
  s.scenario_name = c.name + ", connection " + std::to_string(stream) + ": " + st.client.str() + " \u2192 " + st.server.str();
  s.cost = build_cost_meter(s.run.trace);
  s.conns = build_connections(s.run);
  ++s.run_generation;
  s.log = trace::to_text_lines(s.run.trace);
  s.play = Playback{.speed_index = s.play.speed_index};
  s.loaded();
  s.new_run();
}

void draw_capture_facts(App& app) {
  if (!app.run.capture) return;
  const CaptureOrigin& o = *app.run.capture;
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(palette::kHighlight), "%s", capture_word(CaptureWord::Inferred));
  note_item(app.view, "capture_inferred");
  ImGui::Text(capture_word(CaptureWord::Where), o.where.c_str(), o.where_why.c_str());
  note_item(app.view, "capture_where");
  for (int end = 0; end < 2; ++end) {
    if (!o.missed_bytes[end]) continue;
    const std::string& who = end == 0 ? app.run.timeline.left_name : app.run.timeline.right_name;
    if (zh()) ImGui::Text(capture_word(CaptureWord::Missed), who.c_str(), static_cast<unsigned long long>(o.missed_bytes[end]));
    else ImGui::Text(capture_word(CaptureWord::Missed), static_cast<unsigned long long>(o.missed_bytes[end]), who.c_str());
  }
  ImGui::PopTextWrapPos();
  char label[128];
  std::snprintf(label, sizeof label, capture_word(CaptureWord::Connections), o.streams);
  if (ImGui::SmallButton(label)) app.capture.listing = true;
  note_item(app.view, "capture_list");
}

void draw_capture_list(App& app) {
  OpenCapture& c = app.capture;
  // Another run replaced the capture's: its bytes are let go.
  if (!app.run.capture && !c.bytes.empty()) c = OpenCapture{};
  if (!c.listing || !app.run.capture) return;
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(vp->WorkSize.x * 0.8f, vp->WorkSize.y * 0.6f), ImGuiCond_Appearing);
  char title[512];
  std::snprintf(title, sizeof title, capture_word(CaptureWord::Choose), c.name.c_str());
  if (!ImGui::Begin((std::string(title) + "###capture_list").c_str(), &c.listing, ImGuiWindowFlags_NoCollapse)) {
    ImGui::End();
    return;
  }
  const auto& streams = c.opened.streams.streams;
  std::vector<std::string> heads;
  for (std::string h = capture_word(CaptureWord::Header); !h.empty();) {
    const size_t bar = h.find('|');
    heads.push_back(h.substr(0, bar));
    h = bar == std::string::npos ? "" : h.substr(bar + 1);
  }
  size_t chosen = SIZE_MAX;
  if (ImGui::BeginTable("conns", static_cast<int>(heads.size()),
                        ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit)) {
    ImGui::TableSetupScrollFreeze(0, 1);
    for (const std::string& h : heads) ImGui::TableSetupColumn(h.c_str());
    ImGui::TableHeadersRow();
    ImGuiListClipper clip;
    clip.Begin(static_cast<int>(streams.size()));
    while (clip.Step())
      for (int i = clip.DisplayStart; i < clip.DisplayEnd; ++i) {
        const capture::Stream& s = streams[static_cast<size_t>(i)];
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        char id[32];
        std::snprintf(id, sizeof id, "%d%s", i, static_cast<size_t>(i) == c.opened.streams.default_stream ? " *" : "");
        const bool on = static_cast<size_t>(i) == app.run.capture->stream;
        if (ImGui::Selectable(id, on, ImGuiSelectableFlags_SpanAllColumns)) chosen = static_cast<size_t>(i);
        note_item(app.view, "capture_row" + std::to_string(i));
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(s.client.str().c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(s.server.str().c_str());
        ImGui::TableNextColumn();
        ImGui::Text("%zu", s.packets.size());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(kilobytes(static_cast<long long>(s.payload_bytes[0] + s.payload_bytes[1])).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(sim::seconds_text(s.last_ns - s.first_ns).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(capture::to_string(s.opened));
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(capture::to_string(s.ended()));
      }
    ImGui::EndTable();
  }
  ImGui::End();
  if (chosen != SIZE_MAX) {
    choose_capture_stream(app, chosen);
    app.capture.listing = false;
  }
}

std::string capture_json(const App& app) {
  if (!app.run.capture) return "null";
  const CaptureOrigin& o = *app.run.capture;
  auto q = [](const std::string& v) {
    std::string out = "\"";
    for (const char ch : v) {
      if (ch == '"' || ch == '\\') out += '\\';
      if (static_cast<unsigned char>(ch) >= 0x20) out += ch;
    }
    return out + "\"";
  };
  std::string j = "{\"file\":" + q(o.file) + ",\"stream\":" + std::to_string(o.stream) +
                  ",\"streams\":" + std::to_string(o.streams) +
                  ",\"default\":" + std::to_string(app.capture.opened.streams.default_stream) + ",\"where\":" + q(o.where) +
                  ",\"listing\":" + (app.capture.listing ? "true" : "false") + ",\"inferred\":[";
  for (int side = 0; side < 2; ++side) {
    const StateMark* m = last_change(app.run.timeline, side, app.play.t);
    j += std::string(side ? "," : "") + (m && m->inferred ? "true" : "false");
  }
  j += "],\"segments\":" + std::to_string(app.run.timeline.segments.size()) + ",\"end_ns\":" +
       std::to_string(app.run.timeline.run_end_ns) + "}";
  return j;
}

}  // namespace synack::ui
