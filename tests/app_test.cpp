// The app's actions without a window: lessons open at their stops, and a branch made at
// the playhead keeps the past and changes only the future.
#include <gtest/gtest.h>

#include "app.hpp"
#include "embedded_files.hpp"
#include "strings.hpp"
#include "trace/export.hpp"

using namespace synack;

namespace {

// The text trace up to (not including) time t.
std::string trace_before(const ui::App& app, int64_t t) {
  const std::string all = trace::to_text(app.world->trace());
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

}  // namespace

TEST(App, EveryLessonOpensAtEveryStep) {
  ui::App app;
  for (const ui::EmbeddedFile& f : ui::lesson_library()) {
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
  const std::string original = trace::to_text(app.world->trace());
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
  const std::string branched = trace::to_text(app.world->trace());
  EXPECT_NE(branched, original);
  EXPECT_NE(branched.find("DROPPED (fault rule 1: drop the next data"), std::string::npos);
  EXPECT_NE(branched.find("retransmission"), std::string::npos);  // and TCP repairs it

  ui::branch_undo(app);
  EXPECT_EQ(trace::to_text(app.world->trace()), original);
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
  EXPECT_NE(trace::to_text(app.world->trace()).find("Flags [R]"), std::string::npos);
  ui::lesson_return(app);
  EXPECT_FALSE(app.lesson.trying);
  EXPECT_TRUE(app.branch.edits.empty());
  EXPECT_EQ(app.lesson.run.step, 3);
  EXPECT_EQ(app.play.t, app.lesson.run.stops.t[3]);
}

TEST(App, ATeachersLessonOpensWithoutRebuildingAndABrokenOneChangesNothing) {
  ui::App app;
  ASSERT_TRUE(ui::open_lesson(app, "02-stale-syn", 2));
  const size_t course = ui::lessons(app).size();
  // A stop that never comes: refused with the step and line, the current lesson kept.
  const std::string broken = "title = \"t\"\nteaches = [\"T1\"]\nscenario = \"handshake\"\n[[step]]\ntext = \"x\"\n"
                             "stop = { segment = \"rst\" }\nshows = [\"T1\"]\n";
  EXPECT_FALSE(ui::open_lesson_text(app, "/home/teacher/mine.toml", broken));
  EXPECT_NE(app.file_error.find("step 1 (line 4): /home/teacher/mine.toml stops at rst segment"), std::string::npos)
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
  EXPECT_EQ(ui::drop_text(DropReason::FaultRule, "fault rule 2: lose the SYN (drop syn)", 0), "dropped on purpose: lose the SYN");
  EXPECT_EQ(ui::drop_text(DropReason::FaultRule, "fault rule 1: drop (drop #1 ack)", 0), "dropped on purpose: the 1st ACK");
  EXPECT_EQ(ui::drop_text(DropReason::FaultRule, "fault rule 3: drop (drop #12 syn-ack)", 0),
            "dropped on purpose: the 12th SYN,ACK");
  EXPECT_EQ(ui::drop_text(DropReason::FaultRule, "fault rule 1: drop (drop 5% of data)", 0),
            "dropped on purpose: 5% of each data segment");
  EXPECT_EQ(ui::drop_text(DropReason::FaultRule, "fault rule 1: drop (drop fin)", 0), "dropped on purpose: every FIN");
  EXPECT_EQ(ui::drop_text(DropReason::BadChecksum, "TCP checksum 0x1234", 0), "bad checksum: TCP checksum 0x1234");
  EXPECT_EQ(ui::drop_text(DropReason::RxRingFull, "NIC rx ring full (4 descriptors)", 4),
            "NIC RX ring full (all 4 descriptors in use)");
  EXPECT_EQ(ui::drop_text(DropReason::MacFilter, "NIC: destination MAC 02:00:00:00:00:09 is not ours", 0),
            ui::tr(ui::Str::DropMacFilter));
}

TEST(Strings, AnOverflowingRingIsSaidWithItsSize) {
  // The NIC lesson's scenario: the server's ring has 4 descriptors.
  ui::App app;
  ASSERT_TRUE(ui::open_scenario(app, "nic-overflow", 0));
  int ring_drops = 0;
  for (const ui::SegmentView& s : app.timeline.segments) {
    if (s.drop != trace::DropReason::RxRingFull) continue;
    ++ring_drops;
    EXPECT_EQ(s.fate, ui::Fate::DiedAtNic);
    EXPECT_EQ(ui::drop_text(s.drop, s.why, s.drop_value), "NIC RX ring full (all 4 descriptors in use)");
  }
  EXPECT_GT(ring_drops, 0);
}

TEST(Strings, StateChangesCarryTheirCauseToTheScreen) {
  // A run's close: every state change on screen has a cause from the table, not text.
  ui::App app;
  ASSERT_TRUE(ui::open_scenario(app, "handshake", 0));
  ASSERT_FALSE(app.timeline.states.empty());
  bool time_wait = false;
  for (const ui::StateMark& m : app.timeline.states) {
    EXPECT_NE(m.cause, tcp::Cause::Unknown) << m.from << " -> " << m.to;
    EXPECT_EQ(m.cause_text, tcp::to_string(m.cause));
    if (m.to == "TIME-WAIT") time_wait = m.cause == tcp::Cause::FinReceived || m.cause == tcp::Cause::FinAckTogether;
  }
  EXPECT_TRUE(time_wait);
}
