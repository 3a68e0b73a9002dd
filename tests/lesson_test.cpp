// The lesson format and its walk over a run: parsing with file:line errors, stops found
// in order, checks that fail when the lesson claims something the run does not show.
#include <gtest/gtest.h>

#include "lesson/lesson.hpp"
#include "lesson_walk.hpp"

using namespace synack;

namespace {

const char* kScenario = R"(
name = "inline"
until = "2s"
[[host]]
name = "client"
ip = "10.0.0.1"
[[host]]
name = "server"
ip = "10.0.0.2"
[[action]]
at = "0s"
host = "server"
op = "listen"
port = 80
[[action]]
at = "10ms"
host = "client"
op = "connect"
to = "server"
port = 80
)";

lesson::ScenarioSource source() {
  return [](const std::string& id) -> std::optional<std::string> {
    if (id == "hs") return std::string(kScenario);
    return std::nullopt;
  };
}

// A lesson over scenario "hs" with the given steps appended.
std::string lesson_text(const std::string& steps, const std::string& teaches = R"(["T1", "T2"])") {
  return "title = \"t\"\nteaches = " + teaches + "\nscenario = \"hs\"\n" + steps;
}

std::string error_of(const std::string& text) {
  auto l = lesson::parse_lesson(text, "lessons/x.toml", source());
  return l ? std::string("(parsed)") : l.error().str();
}

struct Walked {
  lesson::Lesson lesson;
  ui::Timeline tl;
  ui::StopTimes stops;
};

Walked walk(const std::string& text) {
  auto l = lesson::parse_lesson(text, "lessons/x.toml", source());
  EXPECT_TRUE(l) << (l ? "" : l.error().str());
  ui::WalkedLesson walked = ui::walk_lesson(*l);
  return Walked{std::move(*l), std::move(walked.timeline), std::move(walked.stops)};
}

const std::string kTwoSteps = R"(
[[step]]
text = "SYN"
stop = { segment = "syn", from = "client" }
shows = ["T1"]
check = { states = { client = "SYN-SENT" }, segments = 1 }
[[step]]
text = "server established"
stop = { state = "ESTABLISHED", host = "server" }
shows = ["T2"]
check = { states = { client = "ESTABLISHED", server = "ESTABLISHED" }, segments = 3 }
)";

}  // namespace

TEST(Lesson, ParsesStepsStopsQuestionsAndTry) {
  auto l = lesson::parse_lesson(lesson_text(kTwoSteps + R"(
[[step]]
text = "end"
stop = { end = true }
shows = ["T2"]
[step.question]
prompt = "next?"
choices = ["a", "b"]
answer = 2
[step.try]
text = "variant"
scenario = "hs"
)"),
                                "lessons/x.toml", source());
  ASSERT_TRUE(l) << l.error().str();
  EXPECT_EQ(l->id, "x");
  ASSERT_EQ(l->steps.size(), 3u);
  EXPECT_EQ(l->steps[0].stop.kind, lesson::Stop::Kind::Segment);
  EXPECT_EQ(l->steps[0].stop.flags, link::FlagMatch::Syn);
  EXPECT_EQ(l->steps[1].stop.state, "ESTABLISHED");
  ASSERT_TRUE(l->steps[2].question);
  EXPECT_EQ(l->steps[2].question->answer, 1);  // stored 0-based
  ASSERT_TRUE(l->steps[2].try_it);
  EXPECT_EQ(l->steps[2].try_it->scenario, "hs");
}

TEST(Lesson, InlineScenarioTable) {
  // An inline scenario is a table with the keys of a scenario file.
  std::string inlined = "title = \"t\"\nteaches = [\"T1\"]\nscenario = { until = \"1s\", host = [{ name = \"a\", ip = \"10.0.0.1\" }, { name = \"b\", ip = \"10.0.0.2\" }] }\n"
                        "[[step]]\ntext = \"x\"\nstop = { end = true }\nshows = [\"T1\"]\n";
  auto l = lesson::parse_lesson(inlined, "lessons/x.toml", source());
  ASSERT_TRUE(l) << l.error().str();
  EXPECT_TRUE(l->scenario_id.empty());
  EXPECT_EQ(l->scenario.hosts.size(), 2u);
}

TEST(Lesson, ErrorsNameFileLineAndExpectation) {
  EXPECT_EQ(error_of("teaches = []\nscenario = \"hs\"\n[[step]]\ntext = \"x\"\nstop = { end = true }\n"),
            "lessons/x.toml:1: a lesson needs a title, e.g. title = \"The three-way handshake\"");
  EXPECT_EQ(error_of(lesson_text("[[step]]\ntext = \"x\"\nstop = { state = \"SYN-RECEIVED\", host = \"server\" }\n")),
            "lessons/x.toml:6: 'state' must be one of CLOSED, LISTEN, SYN-SENT, SYN-RCVD, ESTABLISHED, FIN-WAIT-1, "
            "FIN-WAIT-2, CLOSE-WAIT, CLOSING, LAST-ACK, TIME-WAIT; got \"SYN-RECEIVED\"");
  EXPECT_EQ(error_of(lesson_text("[[step]]\ntext = \"x\"\nstop = { segment = \"syn\", at = \"1s\" }\n")),
            "lessons/x.toml:6: a stop needs exactly one of: at = \"1.5s\", state = \"SYN-RECEIVED\", segment = \"syn-ack\", "
            "timer = \"RTO\", drop = true, end = true");
  EXPECT_EQ(error_of(lesson_text("[[step]]\ntext = \"x\"\nstop = { end = true }\nshows = [\"T3\"]\n")),
            "lessons/x.toml:7: [[step]] #1 shows T3, which the lesson's 'teaches' does not list");
  EXPECT_EQ(error_of(lesson_text("[[step]]\ntext = \"x\"\nstop = { end = true }\nshows = [\"T1\"]\n")),
            "lessons/x.toml:2: the lesson teaches T2 but no step lists it in 'shows'");
  EXPECT_EQ(error_of(lesson_text("[[step]]\ntext = \"x\"\nstop = { end = true }\n", R"(["T20"])")),
            "lessons/x.toml:2: 'teaches' holds teaching points T1 to T19; got \"T20\"");
  EXPECT_EQ(error_of("title = \"t\"\nscenario = \"nope\"\n"), "lessons/x.toml:2: no scenario named \"nope\" (scenarios/nope.toml)");
  EXPECT_EQ(error_of(lesson_text("[[step]]\ntext = \"x\"\nstop = { end = true }\nshows = [\"T1\", \"T2\"]\n[step.try]\ntext = \"t\"\nscenario = \"gone\"\n")),
            "lessons/x.toml:10: [[step]] #1: no scenario named \"gone\" to try");
  EXPECT_EQ(error_of(lesson_text("[[step]]\ntext = \"x\"\nstop = { end = true }\nshows = [\"T1\", \"T2\"]\ncolour = 1\n")),
            "lessons/x.toml:8: unknown key 'colour' in [[step]] #1; expected one of: title, text, stop, highlight, shows, "
            "question, try, check");
  EXPECT_EQ(error_of("title = \"t\"\nscenario = [1\n"), "lessons/x.toml:2: TOML syntax: Error while parsing array: encountered end-of-file");
}

TEST(LessonWalk, StopsInOrderAndChecksHold) {
  const Walked w = walk(lesson_text(kTwoSteps));
  ASSERT_TRUE(w.stops.error.empty()) << w.stops.error;
  ASSERT_EQ(w.stops.t.size(), 2u);
  // SYN leaves at 10 ms and arrives about 5 ms later: the default stop is midway.
  EXPECT_GT(w.stops.t[0], 10'000'000);
  EXPECT_LT(w.stops.t[0], 15'000'000);
  EXPECT_EQ(w.stops.segment[0], 0);
  EXPECT_LT(w.stops.t[0], w.stops.t[1]);
  for (size_t i = 0; i < 2; ++i) EXPECT_TRUE(ui::check_step(w.lesson, w.lesson.steps[i], w.tl, w.stops.t[i]).empty());
}

TEST(LessonWalk, AWrongClaimFailsItsCheck) {
  std::string wrong = kTwoSteps;
  wrong.replace(wrong.find("client = \"SYN-SENT\" }, segments = 1"), 35, "client = \"ESTABLISHED\" }, segments = 2");
  const Walked w = walk(lesson_text(wrong));
  ASSERT_TRUE(w.stops.error.empty());
  const auto msgs = ui::check_step(w.lesson, w.lesson.steps[0], w.tl, w.stops.t[0]);
  ASSERT_EQ(msgs.size(), 2u);
  EXPECT_EQ(msgs[0], "client is SYN-SENT, the lesson expects ESTABLISHED");
  EXPECT_EQ(msgs[1], "1 segments were sent, the lesson expects 2");
}

TEST(LessonWalk, AStopThatNeverComesNamesTheStep) {
  const Walked w = walk(lesson_text(kTwoSteps + "[[step]]\ntext = \"x\"\nstop = { segment = \"rst\" }\n"));
  EXPECT_EQ(w.stops.t.size(), 2u);
  EXPECT_NE(w.stops.error.find("step 3 (line 15): lessons/x.toml stops at rst segment, but the run has none after 0.025 s"),
            std::string::npos)
      << w.stops.error;
}

TEST(LessonWalk, NthAndRetransmissionCountFromThePreviousStop) {
  const Walked w = walk(lesson_text(R"(
[[step]]
text = "a"
stop = { segment = "any", nth = 2 }
shows = ["T1", "T2"]
[[step]]
text = "b"
stop = { segment = "any" }
)"));
  ASSERT_TRUE(w.stops.error.empty()) << w.stops.error;
  EXPECT_EQ(w.stops.segment[0], 1);  // the SYN,ACK
  EXPECT_EQ(w.stops.segment[1], 2);  // then the ACK
}
