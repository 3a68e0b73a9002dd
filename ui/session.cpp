#include "session.hpp"

#include <algorithm>
#include <utility>

#include "analysis/lesson_check.hpp"
#include "embedded_files.hpp"
#include "file_import.hpp"
#include "progress_store.hpp"
#include "strings.hpp"
#include "run_words.hpp"

namespace synack::ui {

bool open_scenario(Session& session, const std::string& id, int64_t t) {
  const auto& lib = embedded::scenario_library();
  for (size_t i = 0; i < lib.size(); ++i) {
    if (id != lib[i].id) continue;
    load_scenario(session, static_cast<int>(i));
    session.play.t = std::clamp<int64_t>(t, 0, session.run.timeline.run_end_ns);
    return true;
  }
  return false;
}

namespace {

// Runs a scenario and shows it: the run, its meters and event log. The playhead is kept
// when re-simulating a branch, else it starts at 0.
void run_world(Session& session, const scenario::Scenario& sc, const std::string& fallback_name, bool keep_playhead) {
  const Playback kept = session.play;
  session.run = Run{};
  session.play = Playback{.speed_index = session.play.speed_index};
  session.error.clear();
  session.scenario_name = sc.name.empty() ? fallback_name : sc.name;
  session.counterfactual = sc.counterfactual;
  session.injected = sc.injected();
  session.run_profile = scenario::profile_of(sc);
  session.run_tcp_keys = sc.hosts.empty() ? std::vector<std::string>{} : sc.hosts.front().tcp_source.keys;
  session.run = simulate(sc);
  session.cost = build_cost_meter(session.run.trace);
  session.conns = build_connections(session.run);
  ++session.run_generation;
  // The event log beside the scene is the CLI's text trace, line by line, in the language on screen.
  session.log = event_log(session.run.trace, session.lang);
  if (keep_playhead) {
    session.play = kept;
    session.play.t = std::min(kept.t, session.run.timeline.run_end_ns);
  }
  session.new_run();
}

// A freshly loaded scenario: shown from the start, and the base of any branch.
void show_world(Session& session, const scenario::Scenario& sc, const std::string& fallback_name) {
  session.branch = Branch{sc, fallback_name, std::nullopt, {}};
  session.loaded();
  run_world(session, sc, fallback_name, false);
}

void rebuild_branch(Session& session) {
  scenario::Scenario sc = branch_scenario(session.branch);
  if (!session.branch.edits.empty()) sc.name = session.branch.base.name + " (your branch)";
  run_world(session, sc, session.branch.name, true);
}

void clear_world(Session& session, std::string error) {
  session.run = Run{};
  session.cost = CostMeter{};
  session.conns = Connections{};
  ++session.run_generation;
  session.log.clear();
  session.error = std::move(error);
  session.new_run();
}

}  // namespace

void ensure_progress(Session& session) {
  if (session.lesson.progress_loaded) return;
  session.lesson.progress = parse_progress(load_progress_text());
  session.lesson.progress_loaded = true;
}

namespace {

// The step's moment has come: remember the progress, and let the display show what it
// points at.
void arrive(Session& session) {
  LessonRun& r = session.lesson.run;
  session.arrived();
  ensure_progress(session);
  if (note_progress(session.lesson.progress, r.lesson.id, r.step)) save_progress_text(serialize_progress(session.lesson.progress));
}

void go_to_step(Session& session, int step, Entry how) {
  LessonRun& r = session.lesson.run;
  session.play.t = enter_step(r, step, how);
  session.lesson.step_cable_ns = time_on_cable(session.run.timeline, session.play.t, r.stops.t[static_cast<size_t>(r.step)]);
  session.play.playing = r.phase == StepPhase::Playing;
  session.step_entered();
  if (r.phase == StepPhase::AtStop) arrive(session);
}

}  // namespace

void load_scenario(Session& session, int index) {
  const auto& lib = embedded::scenario_library();
  if (index < 0 || index >= static_cast<int>(lib.size())) return;
  session.scenario = index;
  session.lesson.index = -1;
  session.lesson.error.clear();
  session.lesson.trying = false;
  const embedded::EmbeddedFile& f = lib[static_cast<size_t>(index)];
  auto parsed = scenario::parse_scenario(f.text, std::string("scenarios/") + f.id + ".toml");
  if (!parsed) {
    // A broken scenario is shown, not fatal: the app keeps running.
    clear_world(session, parsed.error().str());
    return;
  }
  show_world(session, *parsed, f.id);
}

namespace {

LessonFile lesson_file(std::string id, std::string file, std::string text, std::vector<NamedText> beside,
                       std::vector<TranslationFile> translations, const lesson::Lesson* parsed) {
  LessonFile f{std::move(id), std::move(file), std::move(text), std::move(beside), std::move(translations), {}, {}, 0};
  std::optional<lesson::Lesson> own;
  if (!parsed)
    if (auto l = lesson::parse_lesson(f.text, f.file, lesson_sources(f.beside))) parsed = &own.emplace(std::move(*l));
  f.title = parsed ? parsed->title : f.id;
  f.steps = parsed ? static_cast<int>(parsed->steps.size()) : 0;
  // The picker's Chinese title: the translation's, where the lesson has one that loads.
  if (parsed) {
    lesson::Lesson l = *parsed;
    std::vector<std::string> warnings;
    for (const TranslationFile& t : f.translations)
      if (t.lang == "zh" && !lesson::add_translation(l, t.text, t.file, t.lang, warnings)) {
        lesson::use_language(l, "zh");
        f.title_zh = l.title;
      }
  }
  return f;
}

}  // namespace

const std::vector<LessonFile>& lessons(Session& session) {
  if (session.lesson_files.empty())
    for (const embedded::EmbeddedFile& f : embedded::lesson_library()) {
      std::vector<TranslationFile> translations;
      if (const embedded::EmbeddedFile* zh = embedded::embedded_zh_translation(f.id))
        translations.push_back({"zh", std::string("lessons/zh/") + zh->id + ".toml", zh->text});
      session.lesson_files.push_back(
          lesson_file(f.id, std::string("lessons/") + f.id + ".toml", f.text, {}, std::move(translations), nullptr));
    }
  return session.lesson_files;
}

bool open_lesson_text(Session& session, const std::string& file_name, const std::string& text,
                      const std::vector<NamedText>& beside) {
  const size_t slash = file_name.find_last_of("/\\");
  std::string id = file_name.substr(slash == std::string::npos ? 0 : slash + 1);
  if (id.size() > 5 && id.compare(id.size() - 5, 5, ".toml") == 0) id.resize(id.size() - 5);
  // Check it fully, as `synack lesson` does (the lesson, its scenarios, every stop and
  // check), before anything on screen changes.
  // Its translation beside it (zh/NAME.toml), where there is a folder to look in.
  const lesson::Sources sources = lesson_sources(beside);
  std::vector<TranslationFile> translations;
  // A picker gives names without folders: a translation picked with the lesson has the
  // lesson's own name, and is told apart by having no scenario.
  const std::string zh = lesson::translation_path(file_name, "zh");
  const std::string base = file_name.substr(slash == std::string::npos ? 0 : slash + 1);
  for (const NamedText& f : beside)
    if (f.name == base && lesson::looks_like_translation(f.text)) translations.push_back({"zh", zh, f.text});
  if (translations.empty() && sources.files && !sources.picked_only)
    if (auto t = sources.files(zh)) translations.push_back({"zh", zh, *t});
  const LessonVerdict verdict = check_lesson(text, file_name, sources, translations);
  session.file_error = join_lines(verdict.errors);
  session.file_warning = join_lines(verdict.warnings);
  if (!verdict.accepted()) return false;
  lessons(session);
  auto& files = session.lesson_files;
  auto at = std::find_if(files.begin(), files.end(), [&](const LessonFile& f) { return f.id == id; });
  LessonFile f = lesson_file(id, file_name, text, beside, translations, &*verdict.lesson);
  if (at == files.end()) at = files.insert(at, std::move(f));
  else *at = std::move(f);  // a newer version of a lesson being written
  load_lesson(session, static_cast<int>(at - files.begin()), 0);
  return true;
}

bool open_lesson_files(Session& session, std::vector<NamedText> files) {
  if (files.size() == 1) return open_lesson_text(session, files[0].name, files[0].text);
  std::string names, lessons_named;
  std::vector<const NamedText*> lessons_among;
  for (const NamedText& f : files) {
    names += (names.empty() ? "" : ", ") + f.name;
    if (!lesson::looks_like_lesson(f.text) || lesson::looks_like_translation(f.text)) continue;  // a translation goes beside
    lessons_named += (lessons_named.empty() ? "" : ", ") + f.name;
    lessons_among.push_back(&f);
  }
  if (lessons_among.size() != 1) {
    session.file_warning.clear();
    session.file_error = lessons_among.empty()
                         ? "none of the files opened is a lesson (a lesson has [[step]] tables): " + names
                         : "several of the files opened are lessons (" + lessons_named +
                               "): open one lesson at a time, together with the scenario files it names";
    return false;
  }
  const auto lesson = files.begin() + (lessons_among[0] - files.data());
  NamedText chosen = std::move(*lesson);
  files.erase(lesson);
  return open_lesson_text(session, chosen.name, chosen.text, files);
}

void load_lesson(Session& session, int index, int step) {
  const auto& lib = lessons(session);
  if (index < 0 || index >= static_cast<int>(lib.size())) return;
  ensure_progress(session);
  LessonState& ls = session.lesson;
  ls.index = index;
  ls.error.clear();
  ls.trying = false;
  session.scenario = -1;
  const LessonFile& f = lib[static_cast<size_t>(index)];
  auto parsed = lesson::parse_lesson(f.text, f.file, lesson_sources(f.beside));
  if (!parsed) {
    // A broken lesson names its file, line and what was expected; nothing else is lost.
    ls.error = parsed.error().str();
    clear_world(session, "");
    return;
  }
  std::vector<std::string> translation_warnings;  // the course's have none (lesson_corpus_test)
  for (const TranslationFile& t : f.translations)
    if (auto e = lesson::add_translation(*parsed, t.text, t.file, t.lang, translation_warnings)) {
      ls.error = e->str();
      clear_world(session, "");
      return;
    }
  lesson::use_language(*parsed, lang_code(session.lang));
  ls.run = LessonRun{};
  ls.run.lesson = std::move(*parsed);
  show_world(session, ls.run.lesson.scenario, ls.run.lesson.id);
  ls.run.stops = resolve_stops(ls.run.lesson, session.run.timeline);
  if (!ls.run.stops.error.empty()) {
    ls.error = ls.run.stops.error;
    return;
  }
  ls.run.step = 0;
  go_to_step(session, step, Entry::Open);
}

bool open_lesson(Session& session, const std::string& id, int step) {
  const auto& lib = lessons(session);
  for (size_t i = 0; i < lib.size(); ++i)
    if (id == lib[i].id) {
      load_lesson(session, static_cast<int>(i), step);
      return true;
    }
  return false;
}

void lesson_next(Session& session) {
  LessonRun& r = session.lesson.run;
  if (!session.lesson.active() || session.lesson.trying) return;
  if (r.step + 1 >= static_cast<int>(r.lesson.steps.size())) {
    // The end of the lesson: on to the next one, if any.
    if (session.lesson.index + 1 < static_cast<int>(lessons(session).size())) load_lesson(session, session.lesson.index + 1, 0);
    return;
  }
  go_to_step(session, r.step + 1, Entry::Forward);
}

void lesson_back(Session& session) {
  if (!session.lesson.active() || session.lesson.trying || session.lesson.run.step == 0) return;
  go_to_step(session, session.lesson.run.step - 1, Entry::Direct);
}

void lesson_goto(Session& session, int step) {
  if (!session.lesson.active() || session.lesson.trying) return;
  go_to_step(session, step, Entry::Direct);
}

void lesson_try(Session& session) {
  LessonState& ls = session.lesson;
  if (!ls.active() || ls.trying) return;
  const auto& step = ls.run.lesson.steps[static_cast<size_t>(ls.run.step)];
  if (!step.try_it) return;
  // The variant was parsed with the lesson (by id, inline or from its side file).
  ls.trying = true;
  ls.trying_text = step.try_it->text;
  show_world(session, step.try_it->variant, step.try_it->scenario.empty() ? ls.run.lesson.id + " (try it)" : step.try_it->scenario);
  session.play.playing = true;
}

void branch_apply(Session& session, Edit edit) {
  if (!session.run.simulated || session.run.capture) return;
  LessonState& ls = session.lesson;
  if (ls.active() && !ls.trying) {
    // Off the script: the lesson waits until the learner comes back.
    ls.trying = true;
    ls.trying_text = tr(Str::ExperimentText);
  }
  session.branch.edits.push_back(std::move(edit));
  rebuild_branch(session);
}

scenario::Scenario branch_scenario(const Branch& b) {
  scenario::Scenario sc = b.profile ? scenario::with_profile(b.base, *b.profile) : b.base;
  for (const Edit& e : b.edits) e.apply(sc);
  return sc;
}

void switch_profile(Session& session, tcp::Profile p) {
  if (!session.run.simulated || session.run.capture) return;
  // Back to the run's own profile is no switch at all.
  const std::optional<tcp::Profile> want =
      scenario::profile_of(session.branch.base) == p ? std::nullopt : std::optional<tcp::Profile>(p);
  if (want == session.branch.profile) return;
  LessonState& ls = session.lesson;
  if (want && ls.active() && !ls.trying) {
    // Off the script, as with Break it: the lesson waits until the learner comes back.
    ls.trying = true;
    ls.trying_text = tr(Str::ProfileSwitchedText);
  }
  session.branch.profile = want;
  rebuild_branch(session);
}

void toggle_profile(Session& session) {
  const tcp::Profile now = session.run_profile.value_or(tcp::Profile::Rfc);
  switch_profile(session, now == tcp::Profile::Linux ? tcp::Profile::Rfc : tcp::Profile::Linux);
}

void branch_undo(Session& session) {
  if (session.branch.edits.empty()) return;
  session.branch.edits.pop_back();
  rebuild_branch(session);
}

void branch_reset(Session& session) {
  if (session.branch.edits.empty()) return;
  session.branch.edits.clear();
  rebuild_branch(session);
}

void lesson_return(Session& session) {
  LessonState& ls = session.lesson;
  if (!ls.trying) return;
  ls.trying = false;
  show_world(session, ls.run.lesson.scenario, ls.run.lesson.id);
  go_to_step(session, ls.run.step, Entry::Direct);
}

void advance(Session& session, float dt) {
  Playback& p = session.play;
  if (!p.playing) return;
  const Timeline& tl = session.run.timeline;
  const bool to_stop = session.lesson.active() && !session.lesson.trying && session.lesson.run.phase == StepPhase::Playing;
  const int64_t stop = to_stop ? session.lesson.run.stops.t[static_cast<size_t>(session.lesson.run.step)] : tl.run_end_ns;
  const double speed = playback_speed(session);
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
  if (session.lesson.active() && !session.lesson.trying && reach_stop(session.lesson.run, t)) {
    p.playing = false;
    p.t = t;
    arrive(session);
    return;
  }
  p.t = t;
}

double playback_speed(const Session& session) {
  const double chosen = kSpeeds[session.play.speed_index];
  const LessonState& ls = session.lesson;
  if (!ls.active() || ls.trying || ls.run.phase == StepPhase::AtStop) return chosen;
  // Slow motion shows a LAN segment crossing (0.01x: 5 ms of flight in 0.5 s), but a
  // segment held 3 s in the network would then take 5 minutes: the step's flights are
  // fitted into kStepSeconds of real time instead. Quiet stretches are skipped as ever.
  return std::max(chosen, static_cast<double>(ls.step_cable_ns) / 1e9 / kStepSeconds);
}

void lesson_answer(Session& session, int choice) {
  if (!session.lesson.active() || session.lesson.trying || session.lesson.run.phase != StepPhase::Question) return;
  answer(session.lesson.run, choice);
  session.play.playing = true;
}

void lesson_skip(Session& session) {
  LessonRun& r = session.lesson.run;
  if (!session.lesson.active() || session.lesson.trying || r.phase != StepPhase::Playing) return;
  int64_t t = r.stops.t[static_cast<size_t>(r.step)];
  reach_stop(r, t);
  session.play.t = t;
  session.play.playing = false;
  arrive(session);
}

}  // namespace synack::ui
