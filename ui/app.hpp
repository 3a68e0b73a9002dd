#pragma once
// The frame function shared by the web and desktop mains: plain code over plain structs.
#include <imgui.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "beside_view.hpp"
#include "connections_view.hpp"
#include "cost_meter.hpp"
#include "ladder_layout.hpp"
#include "lesson_run.hpp"
#include "narration.hpp"
#include "ui_view.hpp"
#include "scenario/scenario.hpp"
#include "timeline.hpp"
#include "world/world.hpp"

namespace synack::ui {

struct Playback {
  int64_t t = 0;          // the playhead, simulated ns
  bool playing = false;
  int speed_index = 2;    // into kSpeeds (app.cpp): simulated seconds per real second
  bool skip_quiet = true; // jump over stretches where nothing is on the cable
};

// Which tab of a tab bar shows, and a switch asked for by code (a key, a lesson step).
// The request holds until that tab shows: a tab bar met for the first time cannot
// select a tab on that frame.
struct TabChoice {
  int shown = 0;
  int asked = -1;
  void ask(int tab) { asked = tab; }
  ImGuiTabItemFlags flags(int tab) const { return asked == tab ? ImGuiTabItemFlags_SetSelected : 0; }
  void showing(int tab) {
    shown = tab;
    if (asked == tab) asked = -1;
  }
};

// The lesson being followed, if any, and progress across lessons.
struct LessonState {
  int index = -1;            // into lesson_library(); -1: exploring scenarios freely
  std::string error;         // a lesson that failed to load: file, line, what
  LessonRun run;
  bool trying = false;       // a "try it" variant has replaced the lesson's scenario
  std::string trying_text;
  Progress progress;
  bool progress_loaded = false;
  int64_t step_cable_ns = 0; // the current step's time with a segment on the cable (see playback_speed)
  bool active() const { return index >= 0 && error.empty(); }
};

// Breaking things live: edits made at the playhead (a fault from now on, an application
// call now, a NIC setting) re-simulate the run as a branch. The engine is deterministic,
// so the past up to the playhead replays identically; undo pops an edit.
struct Edit {
  std::string label;
  std::function<void(scenario::Scenario&)> apply;
};

// The learner may also switch the whole run to the other TCP profile (RFC or Linux): the
// same script re-simulated from the start under it, the edits then applied on top.
struct Branch {
  scenario::Scenario base;  // the run as loaded, before any edit
  std::string name;
  std::optional<tcp::Profile> profile;  // switched by the learner; none: the base's own
  std::vector<Edit> edits;
  bool changed() const { return profile || !edits.empty(); }
};

// The scenario a branch runs: its base under the switched profile, then every edit.
scenario::Scenario branch_scenario(const Branch& b);

// A lesson the app can open: one of the course's (compiled in), or a file the user
// opened (a teacher's own lesson, no rebuild needed).
struct NamedText {
  std::string name;  // a file's name, as the browser gives it (no folder)
  std::string text;
};

struct LessonFile {
  std::string id;    // file stem
  std::string file;  // the name errors are reported under
  std::string text;
  std::vector<NamedText> beside;  // files opened together with it (its try-its' scenario files)
};

struct App {
  float zoom = 1.0f;  // presentation zoom on top of the DPI scale
  bool show_help = false;
  bool embed = false;  // in a course page's iframe (#embed=1): no top bar and no cost meter
  int frame_count = 0;

  int scenario = -1;                    // index into scenario_library()
  std::string scenario_name;
  std::string error;                    // a scenario that failed to load: file, line, what
  bool counterfactual = false;          // "not real TCP"
  bool injected = false;                // a hand-made (injected test) segment is in the run
  std::optional<tcp::Profile> run_profile;  // the profile every host of the run uses (none: they differ)
  std::vector<std::string> run_tcp_keys;    // what its file sets on top of it (the first host's keys)
  std::unique_ptr<world::World> world;
  Timeline timeline;
  CostMeter cost;                       // the meter under the scene
  Connections conns;                    // the Connections tab
  ConnectionsView conns_view;
  size_t run_generation = 0;            // counts runs: views that keep rows of one know it changed
  std::vector<std::pair<int64_t, std::string>> log;  // the text trace, one line per event
  Playback play;
  int selected = -1;                    // index into timeline.segments
  TabChoice side_tabs;                  // beside the scene: segment, control blocks, events, break it
  TabChoice lower_tabs;                 // below the scene: ladder, state machines
  bool relative_seq = true;
  int64_t last_drawn_t = -1;
  LadderLayout ladder_layout;           // the ladder as last drawn: labels the tests check
  float ladder_rect[4] = {};            // where the ladder was drawn (x, y, w, h in ImGui units)
  bool ladder_png_wanted = false;       // read the ladder's pixels back after this frame is drawn
  LessonState lesson;
  std::vector<LessonFile> lesson_files;  // the course first, then opened files (see lessons())
  std::string file_error;               // a lesson file that could not be opened: file, line, what
  std::string file_warning;             // a lesson file opened, with what will not look right
  Branch branch;
  std::string status;                   // one-line feedback, e.g. where a pcap was saved
  bool lessons_first = true;            // the first frame opens the course, not a bare scenario
  UiView view;                          // what the last frame showed, for tests (ui_view.hpp)
  mutable NarrationCache narration;     // the latest event in words, for the page (ui_view.cpp)
  float lesson_text_h = 0;              // the height the lesson panel needed last frame
  std::string lesson_text_for;          // the step and phase its text was drawn for
  BesideState beside;                   // side by side: the step's run and another of its script
};

// Loads the embedded UI font at a size fitting the display's pixel density.
void setup_fonts_and_style(float dpi_scale);

// Runs scenario `index` of the library and shows it from t = 0.
void load_scenario(App& app, int index);

// Opens the scenario with this id (file stem) at playhead t; false if there is none.
bool open_scenario(App& app, const std::string& id, int64_t t);

// Every lesson the app knows: the course, then files the user opened.
const std::vector<LessonFile>& lessons(App& app);

// Adds a lesson from a file the user chose and opens it. A broken file changes nothing
// but app.file_error, which names the file, the line and what was expected.
bool open_lesson_text(App& app, const std::string& file_name, const std::string& text,
                      const std::vector<NamedText>& beside = {});

// Several files opened at once (the browser's picker or a drop, where a lesson has no
// folder): the one lesson among them opens with the others as the files beside it. Not
// exactly one lesson changes nothing but app.file_error, which says so.
bool open_lesson_files(App& app, std::vector<NamedText> files);

// Opens lesson `index` of lessons(app) at step (0-based): its question first if it has
// one (time waits at the previous stop), else step 1 plays and a later step shows its stop.
void load_lesson(App& app, int index, int step);

// Opens the lesson with this id (file stem) at step (0-based); false if there is none.
bool open_lesson(App& app, const std::string& id, int step);

// Lesson navigation: forward (with the step's question first, then playing to its stop),
// back (straight to the stop), into a "try it" variant and back to the script.
void lesson_next(App& app);
void lesson_back(App& app);
void lesson_goto(App& app, int step);
void lesson_try(App& app);
void lesson_return(App& app);

// The learner answers the step's question (choice 0-based): time runs to the stop.
void lesson_answer(App& app, int choice);

// "Skip to the moment": while a step plays toward its stop, go there at once.
void lesson_skip(App& app);

// Simulated seconds per real second right now: the chosen speed, raised while a lesson
// step plays toward its stop so that its time on the cable lasts at most kStepSeconds.
inline constexpr double kStepSeconds = 3.0;
double playback_speed(const App& app);

// Moves the playhead by one frame of real time dt (seconds) at the playback speed; a
// lesson step pauses at its stop.
void advance(App& app, float dt);

// Adds an edit at the playhead and re-simulates (in a lesson, as an experiment the
// learner can leave with "Back to the lesson"); undo removes the last; reset all.
void branch_apply(App& app, Edit edit);
void branch_undo(App& app);
void branch_reset(App& app);

// The run under profile p (every host), re-simulated as a branch that keeps the edits and
// the playhead's time; in a lesson, an experiment left by "Back to the lesson". Switching
// to the run's own profile undoes the switch. toggle_profile: to the other one.
void switch_profile(App& app, tcp::Profile p);
void toggle_profile(App& app);
// Below the scene, the run on screen beside the same run under the other profile.
void show_profiles_beside(App& app, bool on);
// "RFC 9293", "Linux 6.x", or "mixed profiles".
const char* profile_name(std::optional<tcp::Profile> p);

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
