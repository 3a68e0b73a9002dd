// The app's actions without a window: lessons open at their stops, and a branch made at
// the playhead keeps the past and changes only the future.
#include <gtest/gtest.h>

#include <imgui.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "app.hpp"
#include "headless_gui.hpp"
#include "cost_meter_view.hpp"
#include "embedded_files.hpp"
#include "lesson_panel.hpp"
#include "run_words.hpp"
#include "strings.hpp"
#include "trace/export.hpp"

using namespace synack;
using synack::testing::HeadlessGui;  // not gtest's namespace testing

namespace {

// The text trace up to (not including) time t.
std::string trace_before(const ui::App& app, int64_t t) {
  const std::string all = trace::to_text(app.run.trace);
  std::string out;
  size_t start = 0;
  while (start < all.size()) {
    size_t end = all.find('\n', start);
    if (end == std::string::npos) end = all.size();
    const std::string line = all.substr(start, end - start);
    const double secs = std::atof(line.c_str());
    if (secs * 1e9 >= static_cast<double>(t)) break;
    out += line + "\n";
    start = end + 1;
  }
  return out;
}

// A choice for the current step's question: the right one, or a wrong one.
int choice_for(const ui::App& app, bool right) {
  const auto& q = *app.lesson.run.lesson.steps[static_cast<size_t>(app.lesson.run.step)].question;
  return right ? q.answer : (q.answer + 1) % static_cast<int>(q.choices.size());
}

constexpr float kFrame = 1.0f / 60.0f;

// Plays the current step as a learner does, at 60 frames a second and the default speed:
// answers its question if one is asked, then lets time run. Returns the real seconds the
// stop took to come, or -1 if it did not come within `bound` seconds.
double play_step(ui::App& app, bool right, double bound) {
  ui::LessonRun& r = app.lesson.run;
  if (r.phase == ui::StepPhase::Question) ui::lesson_answer(app, choice_for(app, right));
  int frames = 0;
  while (r.phase != ui::StepPhase::AtStop && frames < bound / kFrame) {
    ui::advance(app, kFrame);
    ++frames;
  }
  return r.phase == ui::StepPhase::AtStop ? frames * static_cast<double>(kFrame) : -1.0;
}

}  // namespace

TEST(App, StopsInTheQuietAfterTheLastEventAreReachedByNextAndPlay) {
  // These steps stop at a moment after the run's last event: playing must not end there.
  const std::pair<const char*, int> cases[] = {{"03-two-way-counterfactual", 3}, {"05-four-tuple", 3}, {"05-four-tuple", 4}};
  for (const auto& [id, step] : cases) {
    ui::App app;
    ASSERT_TRUE(ui::open_lesson(app, id, step - 1));
    ui::lesson_goto(app, step - 1);
    ui::lesson_next(app);
    ASSERT_EQ(app.lesson.run.step, step);
    const int64_t stop = app.lesson.run.stops.t[static_cast<size_t>(step)];
    EXPECT_GT(stop, app.run.timeline.end_ns) << id << " step " << step + 1 << " no longer stops after the last event";
    EXPECT_GE(play_step(app, true, 600), 0) << id << " step " << step + 1 << " never reached by playing";
    EXPECT_EQ(app.play.t, stop) << id << " step " << step + 1;
    // "Skip to the moment" goes there at once.
    ui::lesson_goto(app, step - 1);
    ui::lesson_next(app);
    if (app.lesson.run.phase == ui::StepPhase::Question) ui::lesson_answer(app, choice_for(app, true));
    ASSERT_EQ(app.lesson.run.phase, ui::StepPhase::Playing);
    ui::lesson_skip(app);
    EXPECT_EQ(app.lesson.run.phase, ui::StepPhase::AtStop) << id << " step " << step + 1 << ": skip did nothing";
    EXPECT_EQ(app.play.t, stop);
  }
}

TEST(App, EveryLessonOpensAtEveryStep) {
  ui::App app;
  for (const embedded::EmbeddedFile& f : embedded::lesson_library()) {
    ASSERT_TRUE(ui::open_lesson(app, f.id, 0));
    ASSERT_TRUE(app.lesson.active()) << f.id << ": " << app.lesson.error;
    const int n = static_cast<int>(app.lesson.run.lesson.steps.size());
    for (int i = 0; i < n; ++i) {
      ui::lesson_goto(app, i);
      EXPECT_EQ(app.play.t, app.lesson.run.stops.t[static_cast<size_t>(i)]) << f.id << " step " << i + 1;
      EXPECT_EQ(app.lesson.run.phase, ui::StepPhase::AtStop);
    }
  }
  EXPECT_FALSE(ui::open_lesson(app, "no-such-lesson", 0));
}

TEST(App, NextAsksOrPlaysBackLandsOnTheStop) {
  ui::App app;
  ASSERT_TRUE(ui::open_lesson(app, "01-handshake", 1));
  ui::lesson_next(app);  // step 3 asks what the server will send
  EXPECT_EQ(app.lesson.run.step, 2);
  EXPECT_EQ(app.lesson.run.phase, ui::StepPhase::Question);
  EXPECT_FALSE(app.play.playing);
  ui::lesson_back(app);
  EXPECT_EQ(app.lesson.run.step, 1);
  EXPECT_EQ(app.play.t, app.lesson.run.stops.t[1]);
  ui::lesson_goto(app, 2);
  ui::lesson_next(app);  // step 4 has no question: it plays
  EXPECT_EQ(app.lesson.run.phase, ui::StepPhase::Playing);
  EXPECT_TRUE(app.play.playing);
}

TEST(App, ABranchKeepsThePastAndUndoRestoresTheRun) {
  ui::App app;
  const int64_t t = 21'000'000;  // just after the client's third ACK left
  ASSERT_TRUE(ui::open_scenario(app, "handshake", t));
  const std::string original = trace::to_text(app.run.trace);
  const std::string past = trace_before(app, t);

  scenario::FaultSpec f;
  f.from = "client";
  f.rule.match.flags = link::FlagMatch::Data;
  f.rule.match.nth = 1;
  f.rule.match.after = sim::Time{t};
  f.rule.name = "drop the next data";
  ui::branch_apply(app, ui::Edit{"drop the next data", [f](scenario::Scenario& s) { s.faults.push_back(f); }});
  EXPECT_EQ(app.play.t, t);  // the playhead stays where the change was made
  EXPECT_EQ(trace_before(app, t), past);
  const std::string branched = trace::to_text(app.run.trace);
  EXPECT_NE(branched, original);
  EXPECT_NE(branched.find("DROPPED (fault rule 1: drop the next data"), std::string::npos);
  EXPECT_NE(branched.find("retransmission"), std::string::npos);  // and TCP repairs it

  ui::branch_undo(app);
  EXPECT_EQ(trace::to_text(app.run.trace), original);
  EXPECT_TRUE(app.branch.edits.empty());
}

TEST(App, ABranchInALessonIsAnExperimentToReturnFrom) {
  ui::App app;
  ASSERT_TRUE(ui::open_lesson(app, "01-handshake", 3));
  scenario::ActionSpec a;
  a.at = sim::Time{app.play.t};
  a.host = "client";
  a.op = scenario::Op::Abort;
  ui::branch_apply(app, ui::Edit{"client abort()", [a](scenario::Scenario& s) { s.actions.push_back(a); }});
  EXPECT_TRUE(app.lesson.trying);
  EXPECT_NE(trace::to_text(app.run.trace).find("Flags [R]"), std::string::npos);
  ui::lesson_return(app);
  EXPECT_FALSE(app.lesson.trying);
  EXPECT_TRUE(app.branch.edits.empty());
  EXPECT_EQ(app.lesson.run.step, 3);
  EXPECT_EQ(app.play.t, app.lesson.run.stops.t[3]);
}

// Break it's hand-made segment: a [[segment]] action of the branch; the run says it holds
// an injected test segment, and undo takes both away.
TEST(App, AHandmadeSegmentIsABranchMarkedInjected) {
  ui::App app;
  ASSERT_TRUE(ui::open_lesson(app, "01-handshake", 3));
  EXPECT_FALSE(app.injected);
  scenario::ActionSpec a;
  a.at = sim::Time{app.play.t};
  a.host = "client";
  a.op = scenario::Op::Segment;
  a.segment.flags = wire::tcpflag::RST | wire::tcpflag::ACK;
  a.segment.seq = host::SeqValue{host::SeqValue::Base::SndNxt, 10};
  ui::branch_apply(app, ui::Edit{"hand-made RST", [a](scenario::Scenario& s) { s.actions.push_back(a); }});
  EXPECT_TRUE(app.injected);
  const std::string text = trace::to_text(app.run.trace);
  EXPECT_NE(text.find("(hand-made test segment)"), std::string::npos) << text;
  ui::branch_undo(app);
  EXPECT_FALSE(app.injected);
}

TEST(App, ATeachersLessonOpensWithoutRebuildingAndABrokenOneChangesNothing) {
  ui::App app;
  ASSERT_TRUE(ui::open_lesson(app, "02-stale-syn", 2));
  const size_t course = ui::lessons(app).size();
  // A stop that never comes: refused with the step and line, the current lesson kept.
  const std::string broken = "title = \"t\"\nteaches = [\"T1\"]\nscenario = \"handshake\"\n[[step]]\ntext = \"x\"\n"
                             "stop = { segment = \"rst\" }\nshows = [\"T1\"]\n";
  EXPECT_FALSE(ui::open_lesson_text(app, "/home/teacher/mine.toml", broken));
  EXPECT_NE(app.file_error.find("/home/teacher/mine.toml:4: step 1: stops at rst segment"), std::string::npos)
      << app.file_error;
  EXPECT_EQ(app.lesson.run.lesson.id, "02-stale-syn");
  EXPECT_EQ(app.lesson.run.step, 2);
  EXPECT_EQ(ui::lessons(app).size(), course);
  // A good one is added after the course and opened at its first step.
  const std::string good = "title = \"Mine\"\nteaches = [\"T1\"]\nscenario = \"handshake\"\n[[step]]\ntext = \"x\"\n"
                           "stop = { segment = \"syn\" }\nshows = [\"T1\"]\n";
  EXPECT_TRUE(ui::open_lesson_text(app, "/home/teacher/mine.toml", good));
  EXPECT_TRUE(app.file_error.empty());
  EXPECT_EQ(ui::lessons(app).size(), course + 1);
  EXPECT_EQ(app.lesson.run.lesson.id, "mine");
  EXPECT_EQ(app.lesson.run.lesson.title, "Mine");
  // Opening it again (edited) replaces it rather than adding a copy.
  EXPECT_TRUE(ui::open_lesson_text(app, "mine.toml", good));
  EXPECT_EQ(ui::lessons(app).size(), course + 1);
}

// Several files opened at once, as the browser's picker and a drop hand them over (names
// without folders): the lesson among them opens, its try-it's scenario_file found among
// the others by name, the folder it names in the lesson notwithstanding.
TEST(App, ALessonOpenedWithItsScenarioFileFindsItAmongTheFilesOpened) {
  const auto read = [](const std::string& rel) {
    std::ifstream in(std::string(SYNACK_SOURCE_DIR) + "/tests/lessons/beside/" + rel);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  };
  const ui::NamedText lesson{"scenario-file-try.toml", read("scenario-file-try.toml")};
  const ui::NamedText variant{"closed-port.toml", read("scenarios/closed-port.toml")};
  ASSERT_FALSE(variant.text.empty());
  ui::App app;
  ASSERT_TRUE(ui::open_lesson_files(app, {variant, lesson})) << app.file_error;
  ASSERT_TRUE(app.lesson.error.empty()) << app.lesson.error;
  EXPECT_EQ(app.lesson.run.lesson.id, "scenario-file-try");
  ASSERT_FALSE(app.lesson.run.lesson.steps.empty());
  ASSERT_TRUE(app.lesson.run.lesson.steps[0].try_it);
  EXPECT_EQ(app.lesson.run.lesson.steps[0].try_it->variant.hosts.size(), 2u);
  // Reopened from the menu, it still has the file it was opened with.
  ASSERT_TRUE(ui::open_lesson(app, "01-handshake", 0));
  ASSERT_TRUE(ui::open_lesson(app, "scenario-file-try", 0));
  ASSERT_TRUE(app.lesson.error.empty()) << app.lesson.error;
  ui::lesson_try(app);
  EXPECT_TRUE(app.lesson.trying);
  // Not exactly one lesson among the files: nothing opens, and the message says why.
  ASSERT_TRUE(ui::open_lesson(app, "01-handshake", 0));
  EXPECT_FALSE(ui::open_lesson_files(app, {variant, variant}));
  EXPECT_EQ(app.file_error, "none of the files opened is a lesson (a lesson has [[step]] tables): closed-port.toml, closed-port.toml");
  EXPECT_FALSE(ui::open_lesson_files(app, {lesson, variant, ui::NamedText{"b.toml", lesson.text}}));
  EXPECT_EQ(app.file_error, "several of the files opened are lessons (scenario-file-try.toml, b.toml): open one lesson at a "
                            "time, together with the scenario files it names");
  EXPECT_EQ(app.lesson.run.lesson.id, "01-handshake");
}

// A page's picker gives file names without folders: a lesson and its translation come
// with the same name, and the translation (no scenario) goes with the lesson.
TEST(LessonFiles, ALessonPickedWithItsTranslationOpensWithIt) {
  const auto read = [](const std::string& rel) {
    std::ifstream in(std::string(SYNACK_SOURCE_DIR) + "/tests/lessons/good/" + rel);
    std::stringstream b;
    b << in.rdbuf();
    return b.str();
  };
  const ui::NamedText lesson{"translated-gap.toml", read("translated-gap.toml")};
  const ui::NamedText translation{"translated-gap.toml", read("zh/translated-gap.toml")};
  ASSERT_FALSE(lesson.text.empty());
  ASSERT_FALSE(translation.text.empty());
  for (const auto& order : {std::vector<ui::NamedText>{lesson, translation}, std::vector<ui::NamedText>{translation, lesson}}) {
    ui::App app;
    ASSERT_TRUE(ui::open_lesson_files(app, order)) << app.file_error;
    EXPECT_EQ(app.lesson.run.lesson.id, "translated-gap");
    // The pair's message: the gap in the translation, by its file and line.
    EXPECT_NE(app.file_warning.find("zh/translated-gap.toml:14: warning: [[step]] #2 has no 'text'"), std::string::npos)
        << app.file_warning;
    ui::set_app_language(app, ui::Lang::Zh);
    EXPECT_EQ(app.lesson.run.lesson.title, "三次握手（附中文）");
    ui::set_app_language(app, ui::Lang::En);
  }
  // The translation alone is no lesson to open with anything.
  ui::App app;
  EXPECT_FALSE(ui::open_lesson_files(app, {translation, ui::NamedText{"other.toml", translation.text}}));
}

TEST(Strings, EveryTableEntryHasText) {
  // The table is an array sized by the enum: an entry left out would be a null here.
  for (int i = 0; i < static_cast<int>(ui::Str::Count_); ++i) {
    const char* s = ui::tr(static_cast<ui::Str>(i));
    ASSERT_NE(s, nullptr) << "string " << i;
    EXPECT_GT(std::string(s).size(), 0u) << "string " << i;
  }
  EXPECT_EQ(ui::trf(ui::Str::BufferFillFmt, ui::kilobytes_number(1500).c_str(), ui::kilobytes_number(65535).c_str()),
            "1.5/66 KB");
  EXPECT_EQ(ui::kilobytes(65535), "65.5 KB");
}

TEST(Strings, EveryStateChangeCauseIsInTheTable) {
  // The English table says what the engine says, cause by cause: a cause added to the
  // engine without its entry, or the block out of order, shows the wrong sentence.
  for (int c = 1; c < static_cast<int>(tcp::Cause::Count_); ++c) {
    const auto cause = static_cast<tcp::Cause>(c);
    EXPECT_STREQ(ui::tr(cause), tcp::to_string(cause)) << "cause " << c;
  }
  EXPECT_STREQ(ui::tr(tcp::Cause::Unknown), "");
}

TEST(Strings, DropsAreSaidThroughTheTable) {
  using trace::DropReason;
  // A fault is said in plain words, without the rule's number or its match syntax: the
  // scenario's own name for it, or what it matches; a decode error keeps the decoder's detail.
  const std::vector<trace::FaultDesc> rules = {{.name = "lose the SYN", .action = "drop", .flags = "syn"},
                                               {.action = "drop", .flags = "ack", .nth = 1},
                                               {.action = "drop", .flags = "syn-ack", .nth = 12},
                                               {.action = "drop", .flags = "data", .percent = 5},
                                               {.action = "drop", .flags = "fin"}};
  const auto dropped = [&](DropReason r, int64_t value, wire::DecodeErrorKind e = {}, std::string why = {}) {
    analysis::SegmentView s;
    s.drop = r;
    s.drop_value = value;
    s.error = e;
    s.why = std::move(why);
    return ui::drop_text(s, rules);
  };
  ui::set_language(ui::Lang::En);
  EXPECT_EQ(dropped(DropReason::FaultRule, 1), "dropped on purpose: lose the SYN");
  EXPECT_EQ(dropped(DropReason::FaultRule, 2), "dropped on purpose: the 1st ACK");
  EXPECT_EQ(dropped(DropReason::FaultRule, 3), "dropped on purpose: the 12th SYN,ACK");
  EXPECT_EQ(dropped(DropReason::FaultRule, 4), "dropped on purpose: 5% of each data segment");
  EXPECT_EQ(dropped(DropReason::FaultRule, 5), "dropped on purpose: every FIN");
  EXPECT_EQ(dropped(DropReason::BadChecksum, 0, wire::DecodeErrorKind::BadTcpChecksum, "0x1234"),
            "bad checksum: bad TCP checksum: 0x1234");
  EXPECT_EQ(dropped(DropReason::RxRingFull, 4), "NIC RX ring full (all 4 descriptors in use)");
  EXPECT_EQ(dropped(DropReason::MacFilter, 0), ui::tr(ui::Str::DropMacFilter));
  ui::set_language(ui::Lang::Zh);
  EXPECT_EQ(dropped(DropReason::FaultRule, 2), "故意丢弃：第 1 个 ACK");
  EXPECT_EQ(dropped(DropReason::BadChecksum, 0, wire::DecodeErrorKind::BadTcpChecksum, "0x1234"),
            std::string(ui::trf(ui::Str::DropBadChecksumFmt, "TCP 校验和错误：0x1234")));
  ui::set_language(ui::Lang::En);
}

TEST(Strings, AnOverflowingRingIsSaidWithItsSize) {
  // The NIC lesson's scenario: the server's ring has 4 descriptors.
  ui::App app;
  ASSERT_TRUE(ui::open_scenario(app, "nic-overflow", 0));
  int ring_drops = 0;
  for (const analysis::SegmentView& s : app.run.timeline.segments) {
    if (s.drop != trace::DropReason::RxRingFull) continue;
    ++ring_drops;
    EXPECT_EQ(s.fate, analysis::Fate::DiedAtNic);
    EXPECT_EQ(ui::drop_text(s, app.run.timeline.faults), "NIC RX ring full (all 4 descriptors in use)");
  }
  EXPECT_GT(ring_drops, 0);
}

TEST(Strings, StateChangesCarryTheirCauseToTheScreen) {
  // A run's close: every state change on screen has a cause from the table, not text.
  ui::App app;
  ASSERT_TRUE(ui::open_scenario(app, "handshake", 0));
  ASSERT_FALSE(app.run.timeline.states.empty());
  bool time_wait = false;
  for (const analysis::StateMark& m : app.run.timeline.states) {
    EXPECT_NE(m.cause, tcp::Cause::Unknown) << m.from << " -> " << m.to;
    EXPECT_EQ(m.cause_text, tcp::to_string(m.cause));
    if (m.to == "TIME-WAIT") time_wait = m.cause == tcp::Cause::FinReceived || m.cause == tcp::Cause::FinAckTogether;
  }
  EXPECT_TRUE(time_wait);
}

TEST(Strings, OneOfACountIsSaidInTheSingular) {
  EXPECT_EQ(ui::trn(ui::Str::CableMoreOne, ui::Str::CableMore, 1), "cable: 1 more segment in flight, not drawn");
  EXPECT_EQ(ui::trn(ui::Str::CableMoreOne, ui::Str::CableMore, 3), "cable: 3 more segments in flight, not drawn");
  EXPECT_EQ(ui::trn(ui::Str::LadderHiddenOne, ui::Str::LadderHidden, 1).rfind("1 label left out", 0), 0u);
  EXPECT_EQ(ui::trn(ui::Str::LadderHiddenOne, ui::Str::LadderHidden, 2).rfind("2 labels left out", 0), 0u);
  // The cost meter, for the run and for a host.
  ui::Cost one;
  one.segments = 1;
  EXPECT_EQ(ui::cost_run_text(one).rfind("So far: 1 segment, ", 0), 0u) << ui::cost_run_text(one);
  one.segments = 2;
  EXPECT_EQ(ui::cost_run_text(one).rfind("So far: 2 segments, ", 0), 0u) << ui::cost_run_text(one);
  one.segments = 1;
  EXPECT_EQ(ui::cost_host_text("client", one).rfind("client sent 1 segment, ", 0), 0u) << ui::cost_host_text("client", one);
}

namespace {

// The step was opened with its question asked: time waits at the previous stop, the
// question is on screen, its answer and the step's text are not. Then a wrong answer:
// the verdict and the text come at the stop.
void expect_asked(ui::App& app, HeadlessGui& gui, const std::string& id, int step, const std::string& how) {
  const ui::LessonRun& r = app.lesson.run;
  const std::string where = id + " step " + std::to_string(step + 1) + " opened by " + how;
  ASSERT_TRUE(app.lesson.active()) << where << ": " << app.lesson.error;
  ASSERT_EQ(r.lesson.id, id) << where;
  ASSERT_EQ(r.step, step) << where;
  EXPECT_EQ(r.phase, ui::StepPhase::Question) << where;
  EXPECT_EQ(app.play.t, ui::step_start(r, step)) << where;
  EXPECT_FALSE(app.play.playing) << where;
  gui.frame(app, kFrame);
  EXPECT_TRUE(app.view.question_shown) << where;
  EXPECT_EQ(app.view.verdict, "") << where;
  EXPECT_FALSE(app.view.narrative_shown) << where;
  EXPECT_TRUE(app.view.items["choice1"].visible) << where;
  ui::lesson_answer(app, choice_for(app, false));
  ui::lesson_skip(app);
  gui.frame(app, kFrame);
  EXPECT_EQ(app.view.verdict, "wrong") << where;
  EXPECT_TRUE(app.view.narrative_shown) << where;
}

}  // namespace

TEST(App, EveryQuestionIsAskedHoweverTheLessonOpens) {
  HeadlessGui gui;
  int asked = 0;
  const std::vector<ui::LessonFile> course = [] {
    ui::App app;
    return ui::lessons(app);
  }();
  for (size_t li = 0; li < course.size(); ++li) {
    const std::string& id = course[li].id;
    ui::App app;
    ASSERT_TRUE(ui::open_lesson(app, id, 0));
    const auto steps = app.lesson.run.lesson.steps;
    for (int i = 0; i < static_cast<int>(steps.size()); ++i) {
      if (!steps[static_cast<size_t>(i)].question) continue;
      ++asked;
      ui::App link;  // #lesson=ID&step=N
      ASSERT_TRUE(ui::open_lesson(link, id, i));
      expect_asked(link, gui, id, i, "a link");
      if (i > 0) continue;
      ui::App menu;  // the lesson menu opens step 1
      ui::load_lesson(menu, static_cast<int>(li), 0);
      expect_asked(menu, gui, id, 0, "the menu");
      ui::App file;  // a file opened or dropped on the page
      ASSERT_TRUE(ui::open_lesson_text(file, id + ".toml", course[li].text)) << file.file_error;
      expect_asked(file, gui, id, 0, "a file");
      if (li == 0) {
        ui::App first;  // the first visit: the first frame opens the course
        gui.frame(first, kFrame);
        expect_asked(first, gui, id, 0, "the first visit");
        continue;
      }
      ui::App next;  // Next at the end of the lesson before
      ASSERT_TRUE(ui::open_lesson(next, course[li - 1].id, 0));
      ui::lesson_goto(next, static_cast<int>(next.lesson.run.lesson.steps.size()) - 1);
      ui::lesson_next(next);
      expect_asked(next, gui, id, 0, "Next at the end of " + course[li - 1].id);
    }
  }
  std::printf("FIGURE app questions_asked_every_way %d\n", asked);
  EXPECT_GT(asked, 10);
}

TEST(App, EveryStepIsReachedByNextAloneAtTheDefaultSpeed) {
  // The course as a learner walks it: from step 1, only Next and an answer (right in one
  // walk, wrong in the other), each step's stop reached within a bound of real time, its
  // text on screen with Next (or the course's end) visible without scrolling.
  HeadlessGui gui;
  const std::vector<ui::LessonFile> course = [] {
    ui::App app;
    return ui::lessons(app);
  }();
  constexpr double kBound = 15.0;  // real seconds per step at the default speed
  for (const bool right : {true, false}) {
    ui::App app;
    ui::load_lesson(app, 0, 0);
    double total = 0;
    int walked = 0;
    for (size_t li = 0; li < course.size(); ++li) {
      ASSERT_EQ(app.lesson.run.lesson.id, course[li].id);
      double lesson_s = 0;
      const int n = static_cast<int>(app.lesson.run.lesson.steps.size());
      for (int i = 0; i < n; ++i) {
        const std::string where = course[li].id + " step " + std::to_string(i + 1);
        ASSERT_EQ(app.lesson.run.step, i) << where;
        if (app.lesson.run.lesson.steps[static_cast<size_t>(i)].question) {
          gui.frame(app, kFrame);
          gui.frame(app, kFrame);  // the lesson box takes the height the first frame measured
          EXPECT_TRUE(app.view.question_shown) << where;
          EXPECT_FALSE(app.view.narrative_shown) << where;
          EXPECT_LE(app.view.narrative_overflow, 0.5f) << where << ": the question needs scrolling";
        }
        const double s = play_step(app, right, kBound);
        ASSERT_GE(s, 0) << where << ": its stop did not come within " << kBound << " s of real time";
        EXPECT_EQ(app.play.t, app.lesson.run.stops.t[static_cast<size_t>(i)]) << where;
        lesson_s += s;
        ++walked;
        gui.frame(app, kFrame);
        gui.frame(app, kFrame);
        EXPECT_TRUE(app.view.narrative_shown) << where;
        EXPECT_LE(app.view.narrative_overflow, 0.5f) << where << ": the text needs scrolling";
        for (const char* name : {"try", "back"})
          if (app.view.items.count(name)) {
            EXPECT_TRUE(app.view.items[name].visible) << where << ": " << name;
          }
        if (app.lesson.run.lesson.steps[static_cast<size_t>(i)].question) {
          EXPECT_EQ(app.view.verdict, right ? "right" : "wrong") << where;
        }
        const bool end = li + 1 == course.size() && i + 1 == n;
        EXPECT_TRUE(app.view.items[end ? "course_done" : "next"].visible) << where;
        ui::lesson_next(app);
      }
      if (right) std::printf("FIGURE app lesson_seconds_at_default_speed %s %.1f (%d steps)\n", course[li].id.c_str(), lesson_s, n);
      total += lesson_s;
    }
    std::printf("FIGURE app course_walk %s: %d steps, %.1f s of real time at the default speed\n",
                right ? "right answers" : "wrong answers", walked, total);
  }
}

TEST(App, EveryHighlightOfAStepLights) {
  ui::App app;
  const std::string file = std::string(SYNACK_SOURCE_DIR) + "/tests/lessons/good/every-highlight.toml";
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  ASSERT_TRUE(ui::open_lesson_text(app, "every-highlight.toml", text.str())) << app.file_error;
  ui::lesson_goto(app, 0);
  EXPECT_EQ(ui::lesson_fields(app.lesson), (std::vector<std::string>{"seq", "ack", "ports"}));  // all, not the first
  EXPECT_TRUE(ui::lesson_highlights(app.lesson, "state:server"));
  EXPECT_TRUE(ui::lesson_highlights(app.lesson, "timers:server"));
  // "log": the lines of the stop's moment (the last event at or before it).
  const std::vector<size_t> log = ui::lesson_log_lines(app.lesson, app.run, app.log);
  ASSERT_FALSE(log.empty());
  const int64_t stop = app.lesson.run.stops.t[0];
  int64_t last = -1;
  for (const trace::TextLine& l : app.log)
    if (l.t_ns <= stop) last = l.t_ns;
  for (size_t i : log) EXPECT_EQ(app.log[i].t_ns, last);
  // "app:server": the server application's last line by then: accept() returned.
  ui::lesson_goto(app, 1);
  const std::vector<size_t> said = ui::lesson_log_lines(app.lesson, app.run, app.log);
  ASSERT_EQ(said.size(), 1u);
  EXPECT_NE(app.log[said[0]].text.find("server  app 2 <- accept() returned"), std::string::npos) << app.log[said[0]].text;
}

namespace {

// When the server first sends its FIN again (a retransmission), or -1.
int64_t server_fin_again(const analysis::Timeline& tl) {
  for (const analysis::SegmentView& s : tl.segments)
    if (s.from_side == 1 && (s.flags & wire::tcpflag::FIN) && s.retransmission()) return s.t_sent;
  return -1;
}

}  // namespace

// The profile switch: the same script under the other TCP profile, as a branch that keeps
// the playhead's time. In "time-wait" the client's last ACK is lost: RFC 9293's server
// repeats its FIN when its RTO (1 s minimum, RFC 6298) fires; Linux's sends a tail loss
// probe about 200 ms on (RFC 8985).
TEST(App, AProfileSwitchRerunsTheScriptUnderTheOtherProfileAtTheSameTime) {
  ui::App app;
  const int64_t t = 600'000'000;
  ASSERT_TRUE(ui::open_scenario(app, "time-wait", t));
  EXPECT_EQ(app.run_profile, tcp::Profile::Rfc);
  const std::string original = trace::to_text(app.run.trace);
  const int64_t rfc_fin = server_fin_again(app.run.timeline);
  EXPECT_GT(rfc_fin, 1'000'000'000);

  ui::toggle_profile(app);
  EXPECT_EQ(app.run_profile, tcp::Profile::Linux);
  EXPECT_EQ(app.branch.profile, tcp::Profile::Linux);
  EXPECT_EQ(app.play.t, t);
  EXPECT_FALSE(app.counterfactual);  // real TCP: no NOT REAL TCP badge
  const int64_t linux_fin = server_fin_again(app.run.timeline);
  EXPECT_GT(linux_fin, 0);
  EXPECT_LT(linux_fin, 500'000'000);
  EXPECT_NE(trace::to_text(app.run.trace), original);
  EXPECT_NE(trace::to_text(app.run.trace).find("TS val"), std::string::npos);  // Linux's timestamps
  // The script is the one loaded: the same calls and faults.
  const scenario::Scenario run = ui::branch_scenario(app.branch);
  ASSERT_EQ(run.actions.size(), app.branch.base.actions.size());
  for (size_t i = 0; i < run.actions.size(); ++i) EXPECT_EQ(run.actions[i].op, app.branch.base.actions[i].op);
  EXPECT_EQ(run.faults.size(), app.branch.base.faults.size());
  EXPECT_EQ(run.hosts[0].config.tcp.msl.ns, sim::seconds(5).ns);  // the file's own MSL stays
  EXPECT_EQ(ui::export_stem(app), "synack-time-wait-linux");

  // A change made with Break it rides on the switched run; undo leaves the switch.
  scenario::ActionSpec a;
  a.at = sim::Time{t};
  a.host = "client";
  a.op = scenario::Op::Abort;
  ui::branch_apply(app, ui::Edit{"client abort()", [a](scenario::Scenario& s) { s.actions.push_back(a); }});
  EXPECT_EQ(app.run_profile, tcp::Profile::Linux);
  ui::branch_undo(app);
  EXPECT_EQ(app.branch.profile, tcp::Profile::Linux);
  EXPECT_EQ(server_fin_again(app.run.timeline), linux_fin);

  // Back to the run's own profile: no switch left, the loaded run again.
  ui::toggle_profile(app);
  EXPECT_FALSE(app.branch.profile);
  EXPECT_EQ(app.play.t, t);
  EXPECT_EQ(trace::to_text(app.run.trace), original);
}

TEST(App, AProfileSwitchInALessonIsAnExperimentToReturnFrom) {
  ui::App app;
  ASSERT_TRUE(ui::open_lesson(app, "09-time-wait", 2));  // "The FIN comes again", at its stop
  const int64_t stop = app.play.t;
  EXPECT_FALSE(app.lesson.trying);
  ui::switch_profile(app, tcp::Profile::Rfc);  // the lesson's own: nothing to switch
  EXPECT_FALSE(app.lesson.trying);
  EXPECT_FALSE(app.branch.profile);
  ui::switch_profile(app, tcp::Profile::Linux);
  EXPECT_TRUE(app.lesson.trying);
  EXPECT_EQ(app.play.t, stop);
  EXPECT_EQ(app.run_profile, tcp::Profile::Linux);
  EXPECT_EQ(app.lesson.trying_text, ui::tr(ui::Str::ProfileSwitchedText));
  ui::lesson_return(app);
  EXPECT_FALSE(app.lesson.trying);
  EXPECT_FALSE(app.branch.profile);
  EXPECT_EQ(app.run_profile, tcp::Profile::Rfc);
  EXPECT_EQ(app.lesson.run.step, 2);
  EXPECT_EQ(app.play.t, app.lesson.run.stops.t[2]);
}

// RFC against Linux side by side: the run on screen beside the same script under the
// other profile, through run_pair, drawn in the Side by side tab with what differs lit.
TEST(App, RfcAgainstLinuxSideBySide) {
  HeadlessGui gui;
  ui::App app;
  ASSERT_TRUE(ui::open_scenario(app, "time-wait", 600'000'000));
  gui.frame(app, kFrame);
  EXPECT_FALSE(app.beside.pair);
  ui::show_profiles_beside(app, true);
  gui.frame(app, kFrame);
  gui.frame(app, kFrame);
  ASSERT_TRUE(app.beside.pair);
  const analysis::RunPair& p = *app.beside.pair;
  EXPECT_EQ(p.a.label, "RFC 9293");
  EXPECT_EQ(p.b.label, "Linux 6.x");
  EXPECT_FALSE(p.a.counterfactual || p.b.counterfactual);
  EXPECT_EQ(p.a.timeline.segments.size(), app.run.timeline.segments.size());
  EXPECT_FALSE(p.diff.same());
  EXPECT_GT(p.diff.changed + p.diff.only_a + p.diff.only_b, 0);
  EXPECT_TRUE(app.view.beside.shown);
  EXPECT_EQ(app.lower_tabs.shown, 3);
  EXPECT_EQ(app.view.beside.left, "RFC 9293");
  EXPECT_FALSE(app.view.beside.left_not_real || app.view.beside.right_not_real);
  const size_t rfc_segments = p.a.timeline.segments.size(), linux_segments = p.b.timeline.segments.size();
  // Switched, the run on screen is Linux's, and the other one RFC's.
  ui::toggle_profile(app);
  gui.frame(app, kFrame);
  ASSERT_TRUE(app.beside.pair);
  EXPECT_EQ(app.beside.pair->a.label, "Linux 6.x");
  EXPECT_EQ(app.beside.pair->b.label, "RFC 9293");
  EXPECT_EQ(app.beside.pair->a.timeline.segments.size(), linux_segments);
  EXPECT_EQ(app.beside.pair->b.timeline.segments.size(), rfc_segments);
  // Off again, or another run loaded: nothing beside.
  ui::show_profiles_beside(app, false);
  gui.frame(app, kFrame);
  EXPECT_FALSE(app.beside.pair);
  ui::show_profiles_beside(app, true);
  ASSERT_TRUE(ui::open_scenario(app, "handshake", 0));
  gui.frame(app, kFrame);
  EXPECT_FALSE(app.beside.pair);
}

// The Break it panel's NIC controls start from the run on screen, not from the first
// scenario ever shown (they were function statics, set once).
TEST(App, BreakItNicControlsStartFromEachRunsOwnNic) {
  HeadlessGui gui;
  ui::App app;
  ASSERT_TRUE(ui::open_scenario(app, "nic-overflow", 0));
  app.side_tabs.ask(3);
  for (int i = 0; i < 3; ++i) gui.frame(app, kFrame);
  ASSERT_EQ(app.side_tabs.shown, 3);
  EXPECT_EQ(app.panels.break_form.ring, 4);
  EXPECT_EQ(app.panels.break_form.drain_us, 300);
  ASSERT_TRUE(ui::open_scenario(app, "time-wait", 0));
  for (int i = 0; i < 3; ++i) gui.frame(app, kFrame);
  ASSERT_NE(app.run.hosts[1].nic.rx_ring_size, 4u);
  EXPECT_EQ(app.panels.break_form.ring, static_cast<int>(app.run.hosts[1].nic.rx_ring_size));
  EXPECT_EQ(app.panels.break_form.drain_us, static_cast<int>(app.run.hosts[1].nic.drain_interval.ns / 1000));
}

// The lesson picker lists the title the lesson model read, not the first `title = "`
// in the file's text (here a comment's).
TEST(App, ThePickerListsTheLessonModelsTitle) {
  ui::App app;
  const ui::LessonFile course = ui::lessons(app).front();
  ASSERT_FALSE(course.title.empty());
  ASSERT_GT(course.steps, 0);
  ASSERT_TRUE(ui::open_lesson_text(app, "draft.toml", "# title = \"an old draft\"\n" + course.text)) << app.file_error;
  const ui::LessonFile& opened = ui::lessons(app).back();
  ASSERT_EQ(opened.id, "draft");
  EXPECT_EQ(opened.title, course.title);
  EXPECT_EQ(opened.steps, course.steps);
}
