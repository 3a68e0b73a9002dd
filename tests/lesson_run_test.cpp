// The runner's rules, the lesson markup and the state diagram, without a screen.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "lesson_run.hpp"
#include "markup.hpp"
#include "scenario/scenario.hpp"
#include "state_diagram.hpp"
#include "tcp/arcs.hpp"

using namespace synack;
using ui::Entry;
using ui::StepPhase;

namespace {

ui::LessonRun run_with(std::vector<int64_t> stops, std::vector<bool> questions) {
  ui::LessonRun r;
  for (size_t i = 0; i < stops.size(); ++i) {
    lesson::Step s;
    if (questions[i]) s.question = lesson::Question{.prompt = "?", .choices = {"a", "b"}, .answer = 1};
    r.lesson.steps.push_back(s);
    r.stops.t.push_back(stops[i]);
    r.stops.segment.push_back(-1);
  }
  return r;
}

}  // namespace

TEST(LessonRun, ForwardAsksThenPlaysThenStops) {
  ui::LessonRun r = run_with({100, 200, 300}, {false, true, false});
  EXPECT_EQ(ui::enter_step(r, 0, Entry::Direct), 100);
  EXPECT_EQ(r.phase, StepPhase::AtStop);
  // Step 2 has a question: time waits at step 1's stop until it is answered.
  EXPECT_EQ(ui::enter_step(r, 1, Entry::Forward), 100);
  EXPECT_EQ(r.phase, StepPhase::Question);
  int64_t t = 150;
  EXPECT_FALSE(ui::reach_stop(r, t));  // no playing while the question is open
  ui::answer(r, 0);
  EXPECT_EQ(r.chosen, 0);
  EXPECT_EQ(r.phase, StepPhase::Playing);
  t = 199;
  EXPECT_FALSE(ui::reach_stop(r, t));
  t = 260;  // a fast frame overshoots: the playhead is pulled back to the stop
  EXPECT_TRUE(ui::reach_stop(r, t));
  EXPECT_EQ(t, 200);
  EXPECT_EQ(r.phase, StepPhase::AtStop);
  // Step 3 has no question: straight to playing from step 2's stop.
  EXPECT_EQ(ui::enter_step(r, 2, Entry::Forward), 200);
  EXPECT_EQ(r.phase, StepPhase::Playing);
}

TEST(LessonRun, BackLandsOnTheStopWithoutAsking) {
  ui::LessonRun r = run_with({100, 200, 300}, {false, true, false});
  ui::enter_step(r, 2, Entry::Direct);
  EXPECT_EQ(ui::enter_step(r, 1, Entry::Forward), 200);
  EXPECT_EQ(r.phase, StepPhase::AtStop);
  EXPECT_EQ(r.chosen, -1);
  EXPECT_EQ(ui::enter_step(r, 7, Entry::Direct), 300);  // clamped to the last step
}

TEST(LessonRun, OpeningAStepAsksItsQuestionFirst) {
  // Step 1 asks: opening the lesson asks it, time at the start.
  ui::LessonRun r = run_with({100, 200, 300}, {true, true, false});
  EXPECT_EQ(ui::enter_step(r, 0, Entry::Open), 0);
  EXPECT_EQ(r.phase, StepPhase::Question);
  // A link to step 2, which asks: time waits at step 1's stop.
  r = run_with({100, 200, 300}, {true, true, false});
  EXPECT_EQ(ui::enter_step(r, 1, Entry::Open), 100);
  EXPECT_EQ(r.phase, StepPhase::Question);
  EXPECT_EQ(r.chosen, -1);
  // A link to step 3, which does not ask: its moment, as the link was copied.
  r = run_with({100, 200, 300}, {true, true, false});
  EXPECT_EQ(ui::enter_step(r, 2, Entry::Open), 300);
  EXPECT_EQ(r.phase, StepPhase::AtStop);
  // A lesson whose step 1 does not ask still plays step 1 from the start.
  r = run_with({100, 200}, {false, false});
  EXPECT_EQ(ui::enter_step(r, 0, Entry::Open), 0);
  EXPECT_EQ(r.phase, StepPhase::Playing);
}

TEST(LessonRun, ProgressRoundTripsAndIgnoresJunk) {
  ui::Progress p;
  EXPECT_TRUE(ui::note_progress(p, "01-handshake", 2));
  EXPECT_FALSE(ui::note_progress(p, "01-handshake", 1));  // going back does not lose progress
  EXPECT_TRUE(ui::note_progress(p, "02-stale-syn", 0));
  const std::string text = ui::serialize_progress(p);
  EXPECT_EQ(text, "01-handshake 3\n02-stale-syn 1\n");
  EXPECT_EQ(ui::parse_progress(text), p);
  EXPECT_EQ(ui::parse_progress("garbage\n03-x -4\n04-y 2 extra\n\n05-z abc\n"), (ui::Progress{{"04-y", 2}}));
}

TEST(Markup, ParagraphsListsBoldEmphasisCode) {
  const auto blocks = ui::parse_markup("The **client** sends `SYN`.\nSame paragraph.\n\n- one *two*\n  more\n- three\n\nEnd");
  ASSERT_EQ(blocks.size(), 4u);
  EXPECT_FALSE(blocks[0].list_item);
  ASSERT_EQ(blocks[0].runs.size(), 5u);
  EXPECT_EQ(blocks[0].runs[1].text, "client");
  EXPECT_EQ(blocks[0].runs[1].style, ui::Run::Style::Bold);
  EXPECT_EQ(blocks[0].runs[3].text, "SYN");
  EXPECT_EQ(blocks[0].runs[3].style, ui::Run::Style::Code);
  EXPECT_EQ(blocks[0].runs[4].text, ". Same paragraph.");
  EXPECT_TRUE(blocks[1].list_item);
  EXPECT_EQ(blocks[1].runs[1].text, "two");
  EXPECT_EQ(blocks[1].runs[1].style, ui::Run::Style::Emphasis);
  EXPECT_EQ(blocks[1].runs.back().text, " more");  // an indented line continues the item
  EXPECT_TRUE(blocks[2].list_item);
  EXPECT_EQ(blocks[3].runs[0].text, "End");
}

TEST(Markup, UnmatchedMarkersStayText) {
  const auto blocks = ui::parse_markup("2 * 3 and a lone ` tick and **open");
  ASSERT_EQ(blocks.size(), 1u);
  ASSERT_EQ(blocks[0].runs.size(), 1u);
  EXPECT_EQ(blocks[0].runs[0].text, "2 * 3 and a lone ` tick and **open");
}

TEST(StateDiagram, HasEveryStateAndEveryArcOfTheRfcFigure) {
  const ui::StateDiagram& d = ui::rfc9293_diagram();
  for (const char* s : {"CLOSED", "LISTEN", "SYN-SENT", "SYN-RCVD", "ESTABLISHED", "FIN-WAIT-1", "FIN-WAIT-2",
                        "CLOSE-WAIT", "CLOSING", "LAST-ACK", "TIME-WAIT"})
    EXPECT_GE(d.node_of(s, false), 0) << s;
  EXPECT_NE(d.node_of("CLOSED", false), d.node_of("CLOSED", true));  // start and end
  for (auto [from, to] : std::vector<std::pair<const char*, const char*>>{
           {"CLOSED", "LISTEN"}, {"CLOSED", "SYN-SENT"}, {"LISTEN", "SYN-RCVD"}, {"SYN-SENT", "SYN-RCVD"},
           {"SYN-SENT", "ESTABLISHED"}, {"SYN-RCVD", "ESTABLISHED"}, {"ESTABLISHED", "FIN-WAIT-1"},
           {"ESTABLISHED", "CLOSE-WAIT"}, {"FIN-WAIT-1", "FIN-WAIT-2"}, {"FIN-WAIT-1", "CLOSING"},
           {"FIN-WAIT-1", "TIME-WAIT"}, {"FIN-WAIT-2", "TIME-WAIT"}, {"CLOSING", "TIME-WAIT"},
           {"CLOSE-WAIT", "LAST-ACK"}, {"LAST-ACK", "CLOSED"}, {"TIME-WAIT", "CLOSED"}})
    EXPECT_GE(d.arc_of(from, to), 0) << from << " -> " << to;
}

// The figure's arcs are the state machine's table (tcp/arcs.cpp): each pair of states a
// row with a figure label joins, once, with that label; nothing else.
TEST(StateDiagram, DrawsTheArcTablesFigureRows) {
  const ui::StateDiagram& d = ui::rfc9293_diagram();
  std::set<std::pair<std::string, std::string>> pairs;
  for (const tcp::Arc& a : tcp::arcs()) {
    if (!a.figure) continue;
    const std::string from = tcp::to_string(a.from), to = tcp::to_string(a.to);
    pairs.insert({from, to});
    const int i = d.arc_of(from, to);
    ASSERT_GE(i, 0) << from << " -> " << to;
    EXPECT_EQ(d.arcs[static_cast<size_t>(i)].label, a.figure) << from << " -> " << to;
  }
  EXPECT_EQ(d.arcs.size(), pairs.size());
  EXPECT_EQ(d.arcs.size(), 18u);
}

// Every transition the scenarios produce is drawn: an RFC arc, or a move to CLOSED (an
// abort, a reset, a timeout) that the view draws as a straight line.
TEST(StateDiagram, CoversEveryTransitionInTheScenarios) {
  const ui::StateDiagram& d = ui::rfc9293_diagram();
  int checked = 0;
  for (const auto& entry : std::filesystem::directory_iterator(SYNACK_SOURCE_DIR "/scenarios")) {
    std::ifstream in(entry.path());
    std::stringstream buf;
    buf << in.rdbuf();
    auto s = scenario::parse_scenario(buf.str(), entry.path().string());
    ASSERT_TRUE(s) << s.error().str();
    auto w = scenario::build_world(*s);
    w->run(s->until);
    for (const auto& e : w->trace().events()) {
      const trace::StateChange* c = e.as<trace::StateChange>();
      if (!c) continue;
      const std::string from = tcp::to_string(c->from), to = tcp::to_string(c->to);
      ++checked;
      EXPECT_TRUE(d.arc_of(from, to) >= 0 || to == "CLOSED") << entry.path() << ": " << from << " -> " << to;
    }
  }
  EXPECT_GT(checked, 100);
}

#include "link_state.hpp"

TEST(LinkState, ParsesLessonAndScenarioLinks) {
  const ui::LinkState l = ui::parse_link("#lesson=01-handshake&step=3");
  EXPECT_EQ(l.lesson, "01-handshake");
  EXPECT_EQ(l.step, 3);
  EXPECT_EQ(ui::format_link(l), "lesson=01-handshake&step=3");
  const ui::LinkState s = ui::parse_link("scenario=time-wait&t=1120.5");
  EXPECT_EQ(s.scenario, "time-wait");
  EXPECT_DOUBLE_EQ(s.t_ms, 1120.5);
  EXPECT_EQ(ui::format_link(s), "scenario=time-wait&t=1120.5");
}

// A run switched to the other TCP profile: the link says which, and opens it so.
TEST(LinkState, AScenarioLinkCarriesAProfileSwitch) {
  const ui::LinkState s = ui::parse_link("#scenario=time-wait&t=300&profile=linux");
  EXPECT_EQ(s.profile, "linux");
  EXPECT_EQ(ui::format_link(s), "scenario=time-wait&t=300&profile=linux");
  EXPECT_EQ(ui::parse_link("scenario=time-wait&profile=bsd").profile, "");  // only rfc or linux
  EXPECT_EQ(ui::parse_link("scenario=time-wait&profile=rfc").profile, "rfc");
}

TEST(LinkState, BadPartsFallBackToDefaults) {
  const ui::LinkState l = ui::parse_link("#lesson=../../etc&step=-4&t=1e999&scenario=a b&junk&=&step=x");
  EXPECT_EQ(l.lesson, "");    // not a file stem
  EXPECT_EQ(l.scenario, "");
  EXPECT_EQ(l.step, 1);
  EXPECT_EQ(l.t_ms, 0);
  EXPECT_EQ(ui::parse_link("step=99999999999999999999").step, 1);
  EXPECT_EQ(ui::parse_link("").lesson, "");
}

// Embedded in a course page: the link says so, and keeps saying so as it follows the screen.
TEST(LinkState, EmbedIsKeptInTheLink) {
  const ui::LinkState l = ui::parse_link("#lesson=01-handshake&step=3&embed=1");
  EXPECT_TRUE(l.embed);
  EXPECT_EQ(ui::format_link(l), "lesson=01-handshake&step=3&embed=1");
  const ui::LinkState s = ui::parse_link("scenario=time-wait&t=300&embed=1");
  EXPECT_TRUE(s.embed);
  EXPECT_EQ(ui::format_link(s), "scenario=time-wait&t=300&embed=1");
  EXPECT_FALSE(ui::parse_link("lesson=01-handshake&embed=0").embed);
  EXPECT_FALSE(ui::parse_link("lesson=01-handshake").embed);
}
