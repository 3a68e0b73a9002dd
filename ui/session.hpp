#pragma once
// The learner's session: what is loaded (a scenario, or a lesson and where in it), the
// branch made of it, and the Run that simulating them gives, with the playhead. No
// drawing and no layout: the frame code (app.hpp) draws a session's run and calls these
// to change it, and hears of each change through the hooks.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "analysis/lesson_check.hpp"
#include "analysis/run.hpp"
#include "analysis/run_pair.hpp"
#include "connections.hpp"
#include "cost_meter.hpp"
#include "lesson_run.hpp"
#include "scenario/scenario.hpp"
#include "strings.hpp"
#include "trace/export.hpp"

namespace synack::ui {

using namespace analysis;  // the views draw what the analysis layer reads from a run

// Simulated seconds per real second: slow motion for a LAN, fast for timers.
inline constexpr double kSpeeds[] = {0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 10.0, 100.0};
inline constexpr int kSpeedCount = static_cast<int>(sizeof(kSpeeds) / sizeof(kSpeeds[0]));

struct Playback {
  int64_t t = 0;          // the playhead, simulated ns
  bool playing = false;
  int speed_index = 2;    // into kSpeeds: simulated seconds per real second
  bool skip_quiet = true; // jump over stretches where nothing is on the cable
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
  std::vector<TranslationFile> translations;  // the course's: lessons/zh/NAME.toml, compiled in
  // What the lesson picker lists, from the parsed lesson (once, not every frame it is open):
  // a lesson that does not parse is listed by its id, and says what is wrong when opened.
  std::string title;
  std::string title_zh;  // the Chinese translation's title, if it has one
  int steps = 0;
};

// Side by side: another run of the same script, simulated by the session beside the run
// on screen (beside_view.hpp draws the pair).
struct BesideRuns {
  std::string key;             // what the pair was made for (lesson, other run, labels)
  std::optional<RunPair> pair; // none: nothing to show beside this step
  std::string turned_for;      // the step whose arrival turned the lower view to it
  bool profiles = false;       // asked for: the run on screen beside it under the other TCP profile
};

struct Session {
  Lang lang = Lang::En;                 // the language on screen (strings and lessons); see set_app_language
  int scenario = -1;                    // index into scenario_library()
  std::string scenario_name;
  std::string error;                    // a scenario that failed to load: file, line, what
  bool counterfactual = false;          // "not real TCP"
  bool injected = false;                // a hand-made (injected test) segment is in the run
  std::optional<tcp::Profile> run_profile;  // the profile every host of the run uses (none: they differ)
  std::vector<std::string> run_tcp_keys;    // what its file sets on top of it (the first host's keys)
  Run run;                              // the run on screen: what every view reads
  CostMeter cost;                       // the meter under the scene
  Connections conns;                    // the Connections tab
  size_t run_generation = 0;            // counts runs: views that keep rows of one know it changed
  std::vector<trace::TextLine> log;     // the text trace, one line per event
  Playback play;
  LessonState lesson;
  std::vector<LessonFile> lesson_files;  // the course first, then opened files (see lessons())
  std::string file_error;               // a lesson file that could not be opened: file, line, what
  std::string file_warning;             // a lesson file opened, with what will not look right
  Branch branch;
  BesideRuns beside;

  virtual ~Session() = default;
  // What the display does about a change (a session alone shows nothing): a scenario or
  // lesson loaded afresh (not a branch of it); a new run replaced the one shown; a lesson
  // step was entered; a step's moment came (what it points at is to be shown).
  virtual void loaded() {}
  virtual void new_run() {}
  virtual void step_entered() {}
  virtual void arrived() {}
  // A step with a side by side was entered: the pair is to be shown.
  virtual void beside_entered() {}
};

// Runs scenario `index` of the library and shows it from t = 0.
void load_scenario(Session& session, int index);

// Reads the learner's progress (lessons reached, the language chosen) once.
void ensure_progress(Session& session);

// Opens the scenario with this id (file stem) at playhead t; false if there is none.
bool open_scenario(Session& session, const std::string& id, int64_t t);

// Every lesson the app knows: the course, then files the user opened.
const std::vector<LessonFile>& lessons(Session& session);

// Adds a lesson from a file the user chose and opens it. A broken file changes nothing
// but session.file_error, which names the file, the line and what was expected.
bool open_lesson_text(Session& session, const std::string& file_name, const std::string& text,
                      const std::vector<NamedText>& beside = {});

// Several files opened at once (the browser's picker or a drop, where a lesson has no
// folder): the one lesson among them opens with the others as the files beside it. Not
// exactly one lesson changes nothing but session.file_error, which says so.
bool open_lesson_files(Session& session, std::vector<NamedText> files);

// Opens lesson `index` of lessons(session) at step (0-based): its question first if it has
// one (time waits at the previous stop), else step 1 plays and a later step shows its stop.
void load_lesson(Session& session, int index, int step);

// Opens the lesson with this id (file stem) at step (0-based); false if there is none.
bool open_lesson(Session& session, const std::string& id, int step);

// Lesson navigation: forward (with the step's question first, then playing to its stop),
// back (straight to the stop), into a "try it" variant and back to the script.
void lesson_next(Session& session);
void lesson_back(Session& session);
void lesson_goto(Session& session, int step);
void lesson_try(Session& session);
void lesson_return(Session& session);

// The learner answers the step's question (choice 0-based): time runs to the stop.
void lesson_answer(Session& session, int choice);

// "Skip to the moment": while a step plays toward its stop, go there at once.
void lesson_skip(Session& session);

// Simulated seconds per real second right now: the chosen speed, raised while a lesson
// step plays toward its stop so that its time on the cable lasts at most kStepSeconds.
inline constexpr double kStepSeconds = 3.0;
double playback_speed(const Session& session);

// Moves the playhead by one frame of real time dt (seconds) at the playback speed; a
// lesson step pauses at its stop.
void advance(Session& session, float dt);

// Adds an edit at the playhead and re-simulates (in a lesson, as an experiment the
// learner can leave with "Back to the lesson"); undo removes the last; reset all.
void branch_apply(Session& session, Edit edit);
void branch_undo(Session& session);
void branch_reset(Session& session);

// The run under profile p (every host), re-simulated as a branch that keeps the edits and
// the playhead's time; in a lesson, an experiment left by "Back to the lesson". Switching
// to the run's own profile undoes the switch. toggle_profile: to the other one.
void switch_profile(Session& session, tcp::Profile p);
void toggle_profile(Session& session);

// Makes (or drops) the pair beside the run on screen: for the step on screen, none while
// the learner tries a variant or a branch, since the run on screen is then not the
// lesson's; a step that has one calls beside_entered when it is entered. RFC against
// Linux, once asked for (beside.profiles), pairs whatever run is on screen instead, until
// another run is loaded. Simulates only when what the pair is made for changed.
void sync_beside(Session& session);

// "RFC 9293", "Linux 6.x", or "mixed profiles".
const char* profile_name(std::optional<tcp::Profile> p);
}  // namespace synack::ui
