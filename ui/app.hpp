#pragma once
// The frame function shared by the web and desktop mains: plain code over plain structs.
// What is loaded and run is the session (session.hpp); this is how it is shown.
#include <imgui.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "beside_view.hpp"
#include "capture_open.hpp"
#include "cjk_font.hpp"
#include "connections_view.hpp"
#include "ladder_layout.hpp"
#include "narration.hpp"
#include "panel_state.hpp"
#include "session.hpp"
#include "tab_choice.hpp"
#include "ui_view.hpp"

namespace synack::ui {

// The application: a session, and how it is shown (zoom, tabs, the selection, what the
// last frame drew). The session's changes reach the display through its hooks.
struct App : Session {
  float zoom = 1.0f;  // presentation zoom on top of the DPI scale
  bool show_help = false;
  bool embed = false;  // in a course page's iframe (#embed=1): no top bar and no cost meter
  int frame_count = 0;

  ConnectionsView conns_view;
  int selected = -1;                    // index into timeline.segments
  TabChoice side_tabs;                  // beside the scene: segment, control blocks, events, break it
  TabChoice lower_tabs;                 // below the scene: ladder, state machines
  bool relative_seq = true;
  int64_t last_drawn_t = -1;
  LadderLayout ladder_layout;           // the ladder as last drawn: labels the tests check
  float ladder_rect[4] = {};            // where the ladder was drawn (x, y, w, h in ImGui units)
  bool ladder_png_wanted = false;       // read the ladder's pixels back after this frame is drawn
  std::string status;                   // one-line feedback, e.g. where a pcap was saved
  bool lessons_first = true;            // the first frame opens the course, not a bare scenario
  UiView view;                          // what the last frame showed, for tests (ui_view.hpp)
  mutable NarrationCache narration;     // the latest event in words, for the page (ui_view.cpp)
  BesideView beside_view;               // side by side as last drawn (the pair is the session's)
  PanelState panels;                    // what the panels keep between frames
  OpenCapture capture;                  // a capture file the learner opened (capture_open.hpp)
  CjkFont cjk;                          // the Chinese font: read when Chinese is asked for

  void loaded() override;
  void new_run() override;
  void step_entered() override;
  void arrived() override;
  void beside_entered() override;
};

// Puts the app in `lang`: the strings and the open lesson's text (where it has that
// language) switch; lesson, step, playhead, branch and tabs stay. Remembered with the
// progress.
void set_app_language(App& app, Lang lang);
// The first frame's language: one asked for (a link, --lang), else the one remembered
// with the progress, else the system's (the browser's navigator.language, $LANG).
void choose_first_language(App& app, std::optional<Lang> asked, std::string_view system_locale);

// Loads the embedded UI font at a size fitting the display's pixel density.
void setup_fonts_and_style(float dpi_scale);

// Below the scene, the run on screen beside the same run under the other profile.
void show_profiles_beside(App& app, bool on);

// The current run's frames as a capture file: a download on the web, a file on the
// desktop. pcapng with a comment on each frame saying what became of it (taken on the
// cable, or as seen at one host), or plain pcap.
enum class Capture { Cable, AtLeft, AtRight, PlainPcap };
void export_pcap(App& app, Capture what = Capture::Cable);
// "synack-NAME" (or "synack-NAME-branch"): the start of every exported file's name.
std::string export_stem(const App& app);
// The whole run's ladder as SVG (ladder_svg.hpp), offered as a file.
void export_ladder_svg(App& app);

// Draws one frame of the whole application; dt is the real time since the last frame.
void frame(App& app, float dt);
// After the frame is drawn into the back buffer (fb_w x fb_h pixels): the ladder PNG, if asked.
void after_render(App& app, int fb_w, int fb_h);

}  // namespace synack::ui
