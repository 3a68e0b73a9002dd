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
#include "embedded_files.hpp"
#include "fault_panel.hpp"
#include "file_import.hpp"
#include "file_export.hpp"
#include "lesson_check.hpp"
#include "lesson_panel.hpp"
#include "progress_store.hpp"
#include "scene_view.hpp"
#include "state_diagram_view.hpp"
#include "strings.hpp"
#include "panel.hpp"
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
  static const ImWchar ranges[] = {0x0020, 0x00FF, 0x2013, 0x2026, 0x2190, 0x21FF, 0x2212, 0x2265, 0x2500, 0x25FF, 0x2713, 0x2717, 0};
  io.Fonts->AddFontFromMemoryTTF(const_cast<unsigned char*>(ui_font_data), static_cast<int>(ui_font_size),
                                 17.0f * dpi_scale, &cfg, ranges);
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

bool open_scenario(App& app, const std::string& id, int64_t t) {
  const auto& lib = scenario_library();
  for (size_t i = 0; i < lib.size(); ++i) {
    if (id != lib[i].id) continue;
    load_scenario(app, static_cast<int>(i));
    app.play.t = std::clamp<int64_t>(t, 0, app.timeline.run_end_ns);
    return true;
  }
  return false;
}

namespace {

// Runs a scenario and shows it: world, timeline and event log. The playhead is kept
// when re-simulating a branch, else it starts at 0.
void run_world(App& app, const scenario::Scenario& sc, const std::string& fallback_name, bool keep_playhead) {
  const Playback kept = app.play;
  app.world.reset();
  app.timeline = Timeline{};
  app.play = Playback{.speed_index = app.play.speed_index};
  app.selected = -1;
  app.error.clear();
  app.scenario_name = sc.name.empty() ? fallback_name : sc.name;
  app.counterfactual = sc.counterfactual;
  app.injected = sc.injected();
  app.run_profile = scenario::profile_of(sc);
  app.run_tcp_keys = sc.hosts.empty() ? std::vector<std::string>{} : sc.hosts.front().tcp_source.keys;
  app.world = scenario::build_world(sc);
  app.world->run(sc.until);
  app.timeline = build_timeline(app.world->trace(), 0, 1, sc.until.ns);
  app.cost = build_cost_meter(app.world->trace());
  app.conns = build_connections(*app.world);
  ++app.run_generation;
  // The event log beside the scene is the CLI's text trace, line by line.
  app.log.clear();
  for (trace::TextLine& l : trace::to_text_lines(app.world->trace())) app.log.emplace_back(l.t_ns, std::move(l.text));
  if (keep_playhead) {
    app.play = kept;
    app.play.t = std::min(kept.t, app.timeline.run_end_ns);
  }
}

// A freshly loaded scenario: shown from the start, and the base of any branch.
void show_world(App& app, const scenario::Scenario& sc, const std::string& fallback_name) {
  app.branch = Branch{sc, fallback_name, std::nullopt, {}};
  app.beside.profiles = false;  // a comparison of the run that was on screen
  run_world(app, sc, fallback_name, false);
}

void rebuild_branch(App& app) {
  scenario::Scenario sc = branch_scenario(app.branch);
  if (!app.branch.edits.empty()) sc.name = app.branch.base.name + " (your branch)";
  run_world(app, sc, app.branch.name, true);
}

void clear_world(App& app, std::string error) {
  app.world.reset();
  app.timeline = Timeline{};
  app.cost = CostMeter{};
  app.conns = Connections{};
  ++app.run_generation;
  app.log.clear();
  app.selected = -1;
  app.error = std::move(error);
}

void ensure_progress(App& app) {
  if (app.lesson.progress_loaded) return;
  app.lesson.progress = parse_progress(load_progress_text());
  app.lesson.progress_loaded = true;
}

// The step's moment has come: select what it points at and remember the progress.
void arrive(App& app) {
  LessonRun& r = app.lesson.run;
  const int seg = r.stops.segment.empty() ? -1 : r.stops.segment[static_cast<size_t>(r.step)];
  const auto& hl = r.lesson.steps[static_cast<size_t>(r.step)].highlight;
  if (std::find(hl.begin(), hl.end(), "machines") != hl.end()) app.lower_tabs.ask(1);
  if (std::find(hl.begin(), hl.end(), "connections") != hl.end()) app.lower_tabs.ask(2);
  if (seg >= 0 && std::find(hl.begin(), hl.end(), "segment") != hl.end()) {
    app.selected = seg;
    app.side_tabs.ask(0);
  }
  // The event log, when the step points there first (before any segment or field).
  for (const std::string& h : hl) {
    if (h == "segment" || h.rfind("field:", 0) == 0) break;
    if (h == "log" || h.rfind("app:", 0) == 0) {
      app.side_tabs.ask(2);
      break;
    }
  }
  ensure_progress(app);
  if (note_progress(app.lesson.progress, r.lesson.id, r.step)) save_progress_text(serialize_progress(app.lesson.progress));
}

void go_to_step(App& app, int step, Entry how) {
  LessonRun& r = app.lesson.run;
  app.play.t = enter_step(r, step, how);
  app.lesson.step_cable_ns = time_on_cable(app.timeline, app.play.t, r.stops.t[static_cast<size_t>(r.step)]);
  app.play.playing = r.phase == StepPhase::Playing;
  app.selected = -1;
  if (r.phase == StepPhase::AtStop) arrive(app);
}

}  // namespace

void load_scenario(App& app, int index) {
  const auto& lib = scenario_library();
  if (index < 0 || index >= static_cast<int>(lib.size())) return;
  app.scenario = index;
  app.lesson.index = -1;
  app.lesson.error.clear();
  app.lesson.trying = false;
  const EmbeddedFile& f = lib[static_cast<size_t>(index)];
  auto parsed = scenario::parse_scenario(f.text, std::string("scenarios/") + f.id + ".toml");
  if (!parsed) {
    // A broken scenario is shown, not fatal: the app keeps running.
    clear_world(app, parsed.error().str());
    return;
  }
  show_world(app, *parsed, f.id);
}

const std::vector<LessonFile>& lessons(App& app) {
  if (app.lesson_files.empty())
    for (const EmbeddedFile& f : lesson_library())
      app.lesson_files.push_back({f.id, std::string("lessons/") + f.id + ".toml", f.text});
  return app.lesson_files;
}

bool open_lesson_text(App& app, const std::string& file_name, const std::string& text,
                      const std::vector<NamedText>& beside) {
  const size_t slash = file_name.find_last_of("/\\");
  std::string id = file_name.substr(slash == std::string::npos ? 0 : slash + 1);
  if (id.size() > 5 && id.compare(id.size() - 5, 5, ".toml") == 0) id.resize(id.size() - 5);
  // Check it fully, as `synack lesson` does (the lesson, its scenarios, every stop and
  // check), before anything on screen changes.
  const LessonVerdict verdict = check_lesson(text, file_name, lesson_sources(beside));
  app.file_error = join_lines(verdict.errors);
  app.file_warning = join_lines(verdict.warnings);
  if (!verdict.accepted()) return false;
  lessons(app);
  auto& files = app.lesson_files;
  auto at = std::find_if(files.begin(), files.end(), [&](const LessonFile& f) { return f.id == id; });
  if (at == files.end()) at = files.insert(at, LessonFile{id, file_name, text, beside});
  else *at = LessonFile{id, file_name, text, beside};  // a newer version of a lesson being written
  load_lesson(app, static_cast<int>(at - files.begin()), 0);
  return true;
}

bool open_lesson_files(App& app, std::vector<NamedText> files) {
  if (files.size() == 1) return open_lesson_text(app, files[0].name, files[0].text);
  std::string names, lessons_named;
  std::vector<const NamedText*> lessons_among;
  for (const NamedText& f : files) {
    names += (names.empty() ? "" : ", ") + f.name;
    if (!lesson::looks_like_lesson(f.text)) continue;
    lessons_named += (lessons_named.empty() ? "" : ", ") + f.name;
    lessons_among.push_back(&f);
  }
  if (lessons_among.size() != 1) {
    app.file_warning.clear();
    app.file_error = lessons_among.empty()
                         ? "none of the files opened is a lesson (a lesson has [[step]] tables): " + names
                         : "several of the files opened are lessons (" + lessons_named +
                               "): open one lesson at a time, together with the scenario files it names";
    return false;
  }
  const auto lesson = files.begin() + (lessons_among[0] - files.data());
  NamedText chosen = std::move(*lesson);
  files.erase(lesson);
  return open_lesson_text(app, chosen.name, chosen.text, files);
}

void load_lesson(App& app, int index, int step) {
  const auto& lib = lessons(app);
  if (index < 0 || index >= static_cast<int>(lib.size())) return;
  ensure_progress(app);
  LessonState& ls = app.lesson;
  ls.index = index;
  ls.error.clear();
  ls.trying = false;
  app.scenario = -1;
  const LessonFile& f = lib[static_cast<size_t>(index)];
  auto parsed = lesson::parse_lesson(f.text, f.file, lesson_sources(f.beside));
  if (!parsed) {
    // A broken lesson names its file, line and what was expected; nothing else is lost.
    ls.error = parsed.error().str();
    clear_world(app, "");
    return;
  }
  ls.run = LessonRun{};
  ls.run.lesson = std::move(*parsed);
  show_world(app, ls.run.lesson.scenario, ls.run.lesson.id);
  ls.run.stops = resolve_stops(ls.run.lesson, app.timeline);
  if (!ls.run.stops.error.empty()) {
    ls.error = ls.run.stops.error;
    return;
  }
  ls.run.step = 0;
  go_to_step(app, step, Entry::Open);
}

bool open_lesson(App& app, const std::string& id, int step) {
  const auto& lib = lessons(app);
  for (size_t i = 0; i < lib.size(); ++i)
    if (id == lib[i].id) {
      load_lesson(app, static_cast<int>(i), step);
      return true;
    }
  return false;
}

void lesson_next(App& app) {
  LessonRun& r = app.lesson.run;
  if (!app.lesson.active() || app.lesson.trying) return;
  if (r.step + 1 >= static_cast<int>(r.lesson.steps.size())) {
    // The end of the lesson: on to the next one, if any.
    if (app.lesson.index + 1 < static_cast<int>(lessons(app).size())) load_lesson(app, app.lesson.index + 1, 0);
    return;
  }
  go_to_step(app, r.step + 1, Entry::Forward);
}

void lesson_back(App& app) {
  if (!app.lesson.active() || app.lesson.trying || app.lesson.run.step == 0) return;
  go_to_step(app, app.lesson.run.step - 1, Entry::Direct);
}

void lesson_goto(App& app, int step) {
  if (!app.lesson.active() || app.lesson.trying) return;
  go_to_step(app, step, Entry::Direct);
}

void lesson_try(App& app) {
  LessonState& ls = app.lesson;
  if (!ls.active() || ls.trying) return;
  const auto& step = ls.run.lesson.steps[static_cast<size_t>(ls.run.step)];
  if (!step.try_it) return;
  // The variant was parsed with the lesson (by id, inline or from its side file).
  ls.trying = true;
  ls.trying_text = step.try_it->text;
  show_world(app, step.try_it->variant, step.try_it->scenario.empty() ? ls.run.lesson.id + " (try it)" : step.try_it->scenario);
  app.play.playing = true;
}

void branch_apply(App& app, Edit edit) {
  if (!app.world) return;
  LessonState& ls = app.lesson;
  if (ls.active() && !ls.trying) {
    // Off the script: the lesson waits until the learner comes back.
    ls.trying = true;
    ls.trying_text = tr(Str::ExperimentText);
  }
  app.branch.edits.push_back(std::move(edit));
  rebuild_branch(app);
}

scenario::Scenario branch_scenario(const Branch& b) {
  scenario::Scenario sc = b.profile ? scenario::with_profile(b.base, *b.profile) : b.base;
  for (const Edit& e : b.edits) e.apply(sc);
  return sc;
}

void switch_profile(App& app, tcp::Profile p) {
  if (!app.world) return;
  // Back to the run's own profile is no switch at all.
  const std::optional<tcp::Profile> want =
      scenario::profile_of(app.branch.base) == p ? std::nullopt : std::optional<tcp::Profile>(p);
  if (want == app.branch.profile) return;
  LessonState& ls = app.lesson;
  if (want && ls.active() && !ls.trying) {
    // Off the script, as with Break it: the lesson waits until the learner comes back.
    ls.trying = true;
    ls.trying_text = tr(Str::ProfileSwitchedText);
  }
  app.branch.profile = want;
  rebuild_branch(app);
}

void toggle_profile(App& app) {
  const tcp::Profile now = app.run_profile.value_or(tcp::Profile::Rfc);
  switch_profile(app, now == tcp::Profile::Linux ? tcp::Profile::Rfc : tcp::Profile::Linux);
}

void show_profiles_beside(App& app, bool on) {
  app.beside.profiles = on && app.world;
  if (app.beside.profiles) app.lower_tabs.ask(3);
  else if (app.lower_tabs.shown == 3) app.lower_tabs.ask(0);
}

const char* profile_name(std::optional<tcp::Profile> p) {
  if (!p) return tr(Str::ProfileMixed);
  return tr(*p == tcp::Profile::Linux ? Str::ProfileLinux : Str::ProfileRfc);
}

void branch_undo(App& app) {
  if (app.branch.edits.empty()) return;
  app.branch.edits.pop_back();
  rebuild_branch(app);
}

void branch_reset(App& app) {
  if (app.branch.edits.empty()) return;
  app.branch.edits.clear();
  rebuild_branch(app);
}

std::string export_stem(const App& app) {
  const std::string profile = app.branch.profile ? std::string("-") + scenario::profile_key(*app.branch.profile) : "";
  return "synack-" + app.branch.name + profile + (app.branch.edits.empty() ? "" : "-branch");
}

void export_ladder_svg(App& app) {
  if (!app.world) return;
  LadderSvgOptions o;
  o.relative = app.relative_seq;
  o.title = app.branch.name + (app.branch.edits.empty() ? "" : " (branch)") + "  TCP: " + profile_name(app.run_profile) +
            (app.counterfactual ? "  NOT REAL TCP" : "");
  const std::string svg = ladder_svg(app.timeline, o).svg;
  app.status = offer_file(export_stem(app) + "-ladder.svg", std::vector<uint8_t>(svg.begin(), svg.end()));
}

void export_pcap(App& app, Capture what) {
  if (!app.world) return;
  const trace::Trace& t = app.world->trace();
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

void lesson_return(App& app) {
  LessonState& ls = app.lesson;
  if (!ls.trying) return;
  ls.trying = false;
  show_world(app, ls.run.lesson.scenario, ls.run.lesson.id);
  go_to_step(app, ls.run.step, Entry::Direct);
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
    app.play.t = next_event(app.timeline, app.play.t);
  }
  if (key_pressed(ImGuiKey_LeftArrow)) {
    app.play.playing = false;
    app.play.t = prev_event(app.timeline, app.play.t);
  }
  if (key_pressed(ImGuiKey_Home)) app.play.t = 0;
}

}  // namespace

void advance(App& app, float dt) {
  Playback& p = app.play;
  if (!p.playing) return;
  const Timeline& tl = app.timeline;
  const bool to_stop = app.lesson.active() && !app.lesson.trying && app.lesson.run.phase == StepPhase::Playing;
  const int64_t stop = to_stop ? app.lesson.run.stops.t[static_cast<size_t>(app.lesson.run.step)] : tl.run_end_ns;
  const double speed = playback_speed(app);
  int64_t t = p.t + static_cast<int64_t>(static_cast<double>(dt) * speed * 1e9);
  if (p.skip_quiet) {
    // Nothing on the cable and the next thing to see (an event, the step's stop, the run's
    // end) more than a second of real time away: jump to it, so that a 1 s retransmission
    // timer or the quiet after the last event does not cost minutes of waiting.
    bool in_flight = false;
    for (const SegmentView& s : tl.segments)
      if (s.t_sent <= p.t && p.t < s.t_end) in_flight = true;
    int64_t next = next_event(tl, p.t);
    if (next <= p.t) next = tl.run_end_ns;  // after the last event: only quiet time is left
    next = std::min(next, stop);
    if (!in_flight && static_cast<double>(next - p.t) > speed * 1e9) t = std::max(t, next);
  }
  // The run was simulated up to run_end_ns, not only to its last event: time goes on there.
  if (t >= tl.run_end_ns) {
    t = tl.run_end_ns;
    p.playing = false;
  }
  // A lesson step plays to its stop and pauses there, however fast time was running.
  if (app.lesson.active() && !app.lesson.trying && reach_stop(app.lesson.run, t)) {
    p.playing = false;
    p.t = t;
    arrive(app);
    return;
  }
  p.t = t;
}

double playback_speed(const App& app) {
  const double chosen = kSpeeds[app.play.speed_index];
  const LessonState& ls = app.lesson;
  if (!ls.active() || ls.trying || ls.run.phase == StepPhase::AtStop) return chosen;
  // Slow motion shows a LAN segment crossing (0.01x: 5 ms of flight in 0.5 s), but a
  // segment held 3 s in the network would then take 5 minutes: the step's flights are
  // fitted into kStepSeconds of real time instead. Quiet stretches are skipped as ever.
  return std::max(chosen, static_cast<double>(ls.step_cable_ns) / 1e9 / kStepSeconds);
}

void lesson_answer(App& app, int choice) {
  if (!app.lesson.active() || app.lesson.trying || app.lesson.run.phase != StepPhase::Question) return;
  answer(app.lesson.run, choice);
  app.play.playing = true;
}

void lesson_skip(App& app) {
  LessonRun& r = app.lesson.run;
  if (!app.lesson.active() || app.lesson.trying || r.phase != StepPhase::Playing) return;
  int64_t t = r.stops.t[static_cast<size_t>(r.step)];
  reach_stop(r, t);
  app.play.t = t;
  app.play.playing = false;
  arrive(app);
}

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
  draw_lesson_picker(app);
  ImGui::SameLine();
  const auto& lib = scenario_library();
  const char* current = app.scenario >= 0 ? lib[static_cast<size_t>(app.scenario)].id : tr(Str::ExploreScenario);
  // As wide as its longest entry, so neither the preview nor the list is cut.
  float fit = ImGui::CalcTextSize(current).x;
  for (const EmbeddedFile& f : lib) fit = std::max(fit, ImGui::CalcTextSize(f.id).x);
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
      const std::string& host = at == Capture::AtLeft ? app.timeline.left_name : app.timeline.right_name;
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
  const float help_w = ImGui::CalcTextSize(tr(Str::Help)).x + 24.0f;
  // Right-aligned when there is room; after the rest otherwise (never on top of it).
  ImGui::SameLine();
  ImGui::SetCursorPosX(std::max(ImGui::GetCursorPosX(), ImGui::GetWindowContentRegionMax().x - help_w));
  if (ImGui::Button(tr(Str::Help))) app.show_help = !app.show_help;
}

// Both sides' control-block variables at the playhead, sequence numbers relative.
void control_blocks(const App& app) {
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextWrapped("%s", tr(Str::RelativeNote));  // the side panel can be narrow
  ImGui::PopStyleColor();
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
  // Socket buffers as bars, bytes held of the buffer's size: the send buffer holds what
  // is unacknowledged or unsent; the receive buffer what arrived but is unread (its
  // free room is RCV.WND).
  const host::Host* hosts[2] = {app.world ? app.world->find_host(app.timeline.left_name) : nullptr,
                                app.world ? app.world->find_host(app.timeline.right_name) : nullptr};
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
      const uint32_t cap = capacity(hosts[side]->config().tcp);
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
    const float want = app.lesson_text_h > 0 ? app.lesson_text_h : avail * 0.62f;
    ImGui::BeginChild("lesson", ImVec2(0, std::clamp(want, least, most)), false, kInnerChild);
    draw_lesson_panel(app);
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
    const SegmentView* sel = app.selected >= 0 && app.selected < static_cast<int>(app.timeline.segments.size())
                                 ? &app.timeline.segments[static_cast<size_t>(app.selected)]
                                 : nullptr;
    ImGui::BeginChild("inspector", ImVec2(0, 0), false, kInnerChild);
    if (app.world) draw_inspector(app.world->trace(), sel, lesson_fields(app));
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
                                 [](int64_t t, const auto& e) { return t < e.first; });
    const size_t shown = std::min<size_t>(400, static_cast<size_t>(upto - app.log.begin()));
    ImGui::BeginChild("log", ImVec2(0, 0), false, kInnerChild);
    // Follow the newest line only while the reader is at the bottom (the scroll range is
    // last frame's): scrolled back to an earlier entry, the log stays there.
    const bool at_bottom = ImGui::GetScrollY() >= ImGui::GetScrollMaxY() - 1.0f;
    ImGui::PushTextWrapPos(0.0f);
    const std::vector<size_t> lit = lesson_log_lines(app);  // what the lesson step points at
    for (auto it = upto - static_cast<std::ptrdiff_t>(shown); it != upto; ++it) {
      const bool pointed = std::binary_search(lit.begin(), lit.end(), static_cast<size_t>(it - app.log.begin()));
      ImGui::TextDisabled("%s", format_time(it->first).c_str());
      ImGui::SameLine();
      if (pointed) ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(palette::kHighlight), "%s", it->second.c_str());
      else ImGui::TextUnformatted(it->second.c_str());
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
    draw_fault_panel(app);
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
    p.t = prev_event(app.timeline, p.t);
  }
  ImGui::SameLine();
  if (ImGui::Button(p.playing ? tr(Str::Pause) : tr(Str::Play), ImVec2(ImGui::GetFontSize() * 4, 0))) {
    if (!p.playing && p.t >= app.timeline.run_end_ns) p.t = 0;
    p.playing = !p.playing;
  }
  note_item(app.view, "play");
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
  ImGui::Checkbox(tr(Str::Relative), &app.relative_seq);
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

void frame(App& app, float dt) {
  app.view = UiView{};
  // First visit: the course's first lesson; a link or flag may have opened something else.
  if (app.scenario < 0 && app.lesson.index < 0 && app.error.empty()) {
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
  if (app.world && app.world->hosts().size() >= 2) {
    labels.left_title = upper(app.world->hosts()[0]->config().name);
    labels.left_addr = app.world->hosts()[0]->config().ip.str();
    labels.right_title = upper(app.world->hosts()[1]->config().name);
    labels.right_addr = app.world->hosts()[1]->config().ip.str();
    labels.ring_size[0] = app.world->hosts()[0]->config().nic.rx_ring_size;
    labels.ring_size[1] = app.world->hosts()[1]->config().nic.rx_ring_size;
  }
  labels.counterfactual = app.counterfactual;
  labels.injected = app.injected;
  labels.branch_edits = static_cast<int>(app.branch.edits.size());
  if (app.branch.profile) labels.profile_switch = profile_name(app.branch.profile);
  labels.relative_seq = app.relative_seq;
  for (int side = 0; side < 2; ++side) {
    const std::string name = side == 0 ? app.timeline.left_name : app.timeline.right_name;
    labels.highlight_state[side] = lesson_highlights(app, "state:" + name);
    labels.highlight_timers[side] = lesson_highlights(app, "timers:" + name);
  }
  begin_panel("scene", ImVec2(right_w, body_h * 0.42f));
  const int clicked_scene = draw_scene(app.timeline, labels, app.play.t, app.selected);
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
      clicked_ladder = draw_ladder(app.timeline, app.play.t, app.selected, app.play.t != app.last_drawn_t, app.relative_seq,
                                   &app.ladder_layout);
      ImGui::EndChild();
      ImGui::EndTabItem();
    }
    if (ImGui::BeginTabItem(tr(Str::StateMachines), nullptr, app.lower_tabs.flags(1))) {
      app.lower_tabs.showing(1);
      draw_state_diagrams(app.timeline, app.play.t);
      ImGui::EndTabItem();
    }
    if (ImGui::BeginTabItem(tr(Str::Connections), nullptr, app.lower_tabs.flags(2))) {
      app.lower_tabs.showing(2);
      draw_connections(app.conns, app.run_generation, app.conns_view, app.play.t, 1, app.view);
      ImGui::EndTabItem();
    }
    if (const int c = draw_beside_tab(app); c >= 0) clicked_ladder = c;
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
  file_error_window(app);
  app.view.popup_open = ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId | ImGuiPopupFlags_AnyPopupLevel);
  ++app.frame_count;
}

}  // namespace synack::ui
