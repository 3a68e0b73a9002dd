// The lesson format and its walk over a run: parsing with file:line errors, stops found
// in order, checks that fail when the lesson claims something the run does not show.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <sstream>

#include "analysis/glyph_ranges.hpp"
#include "analysis/lesson_check.hpp"
#include "analysis/lesson_walk.hpp"
#include "engine/scenario_text.hpp"
#include "lesson/lesson.hpp"

using namespace synack;
using synack::testing::kTwoHosts;  // not gtest's namespace testing
using synack::testing::listen_then_connect;

namespace {

const std::string kScenario = R"(
name = "inline"
until = "2s")" + kTwoHosts + listen_then_connect();

lesson::ScenarioSource source() {
  return [](const std::string& id) -> std::optional<std::string> {
    if (id == "hs") return kScenario;
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
  analysis::Timeline tl;
  analysis::StopTimes stops;
};

Walked walk(const std::string& text) {
  auto l = lesson::parse_lesson(text, "lessons/x.toml", source());
  EXPECT_TRUE(l) << (l ? "" : l.error().str());
  analysis::WalkedLesson walked = analysis::walk_lesson(*l);
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

TEST(Lesson, BesideNamesTheOtherRunAndItsLabels) {
  // Labels given, then left to the scenarios' names; the other run inline, with the same
  // two hosts and calls and another TCP beneath.
  auto l = lesson::parse_lesson(lesson_text(R"(
[[step]]
text = "SYN"
stop = { segment = "syn", from = "client" }
shows = ["T1", "T2"]
[step.beside]
scenario = "hs"
label = "Real TCP"
this_label = "Mine"
[[step]]
text = "end"
stop = { end = true }
[step.beside.scenario]
name = "two-way"
host = [{ name = "client", ip = "10.0.0.1" }, { name = "server", ip = "10.0.0.2", tcp = { two_way_handshake = true } }]
action = [{ at = "0s", host = "server", op = "listen", port = 80 }, { at = "10ms", host = "client", op = "connect", to = "server", port = 80 }]
)"),
                                "lessons/x.toml", source());
  ASSERT_TRUE(l) << l.error().str();
  ASSERT_TRUE(l->steps[0].beside);
  EXPECT_EQ(l->steps[0].beside->scenario, "hs");
  EXPECT_EQ(l->steps[0].beside->label, "Real TCP");
  EXPECT_EQ(l->steps[0].beside->this_label, "Mine");
  ASSERT_TRUE(l->steps[1].beside);
  EXPECT_EQ(l->steps[1].beside->scenario, "");
  EXPECT_EQ(l->steps[1].beside->label, "two-way");
  EXPECT_EQ(l->steps[1].beside->this_label, "inline");
  EXPECT_TRUE(l->steps[1].beside->variant.counterfactual);
  // Another script (a call missing), a misspelt key, an empty label: refused with the line.
  const std::string step = "[[step]]\ntext = \"x\"\nstop = { end = true }\nshows = [\"T1\", \"T2\"]\n";
  EXPECT_EQ(error_of(lesson_text(step + "[step.beside.scenario]\nhost = [{ name = \"client\", ip = \"10.0.0.1\" }, "
                                        "{ name = \"server\", ip = \"10.0.0.2\" }]\n"
                                        "action = [{ at = \"0s\", host = \"server\", op = \"listen\", port = 80 }]\n")),
            "lessons/x.toml:8: [[step]] #1: beside: the other run's [[action]] #2 is missing, the lesson's is connect on "
            "client at 0.010 s: side by side needs two runs of one script, with the same application calls");
  EXPECT_EQ(error_of(lesson_text(step + "[step.beside]\nscenario = \"hs\"\nlabels = \"x\"\n")),
            "lessons/x.toml:10: unknown key 'labels' in [[step]] #1 beside; expected one of: scenario, scenario_file, "
            "label, this_label");
  EXPECT_EQ(error_of(lesson_text(step + "[step.beside]\nscenario = \"hs\"\nlabel = \"\"\n")),
            "lessons/x.toml:10: [[step]] #1: 'beside.label' is empty; it names the run above its ladder");
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
  EXPECT_EQ(error_of(lesson_text("[[step]]\ntext = \"x\"\nstop = { state = \"SYN-RECIEVED\", host = \"server\" }\n")),
            "lessons/x.toml:6: 'state' must be one of CLOSED, LISTEN, SYN-SENT, SYN-RCVD, ESTABLISHED, FIN-WAIT-1, "
            "FIN-WAIT-2, CLOSE-WAIT, CLOSING, LAST-ACK, TIME-WAIT; got \"SYN-RECIEVED\"");
  EXPECT_EQ(error_of(lesson_text("[[step]]\ntext = \"x\"\nstop = { segment = \"syn\", at = \"1s\" }\n")),
            "lessons/x.toml:6: a stop needs exactly one of: at = \"1.5s\", state = \"SYN-RCVD\", segment = \"syn-ack\", "
            "timer = \"RTO\", drop = true, end = true");
  EXPECT_EQ(error_of(lesson_text("[[step]]\ntext = \"x\"\nstop = { end = true }\nshows = [\"T3\"]\n")),
            "lessons/x.toml:7: [[step]] #1 shows T3, which the lesson's 'teaches' does not list");
  EXPECT_EQ(error_of(lesson_text("[[step]]\ntext = \"x\"\nstop = { end = true }\nshows = [\"T1\"]\n")),
            "lessons/x.toml:2: the lesson teaches T2 but no step lists it in 'shows'");
  EXPECT_EQ(error_of(lesson_text("[[step]]\ntext = \"x\"\nstop = { end = true }\n", R"(["T20"])")),
            "lessons/x.toml:2: 'teaches' holds teaching points T1 to T19; got \"T20\"");
  EXPECT_EQ(error_of("title = \"t\"\nscenario = \"nope\"\n"), "lessons/x.toml:2: no scenario named \"nope\" (scenarios/nope.toml)");
  EXPECT_EQ(error_of(lesson_text("[[step]]\ntext = \"x\"\nstop = { end = true }\nshows = [\"T1\", \"T2\"]\n[step.try]\ntext = \"t\"\nscenario = \"gone\"\n")),
            "lessons/x.toml:10: [[step]] #1: no scenario named \"gone\" to try; for your own, use scenario = \"ID\" "
            "(one of synack's), a [step.try.scenario] table, or scenario_file = \"FILE.toml\" beside the lesson");
  EXPECT_EQ(error_of(lesson_text("[[step]]\ntext = \"x\"\nstop = { end = true }\nshows = [\"T1\", \"T2\"]\ncolour = 1\n")),
            "lessons/x.toml:8: unknown key 'colour' in [[step]] #1; expected one of: title, text, stop, highlight, shows, "
            "question, try, beside, check");
  EXPECT_EQ(error_of("title = \"t\"\nscenario = [1\n"), "lessons/x.toml:2: a bracket or brace that is never closed");
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
  for (size_t i = 0; i < 2; ++i) EXPECT_TRUE(analysis::check_step(w.lesson, w.lesson.steps[i], w.tl, w.stops.t[i]).empty());
}

TEST(LessonWalk, AWrongClaimFailsItsCheck) {
  std::string wrong = kTwoSteps;
  wrong.replace(wrong.find("client = \"SYN-SENT\" }, segments = 1"), 35, "client = \"ESTABLISHED\" }, segments = 2");
  const Walked w = walk(lesson_text(wrong));
  ASSERT_TRUE(w.stops.error.empty());
  const auto msgs = analysis::check_step(w.lesson, w.lesson.steps[0], w.tl, w.stops.t[0]);
  ASSERT_EQ(msgs.size(), 2u);
  EXPECT_EQ(msgs[0], "client is SYN-SENT, the lesson expects ESTABLISHED");
  EXPECT_EQ(msgs[1], "1 segments were sent, the lesson expects 2");
}

TEST(LessonWalk, AStopThatNeverComesNamesTheStep) {
  const Walked w = walk(lesson_text(kTwoSteps + "[[step]]\ntext = \"x\"\nstop = { segment = \"rst\" }\n"));
  EXPECT_EQ(w.stops.t.size(), 2u);
  EXPECT_EQ(w.stops.error, "lessons/x.toml:15: step 3: stops at rst segment, but the run has none after 0.025 s");
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

TEST(Lesson, StatesMaBeWrittenAsTheRfcAndSsWriteThem) {
  EXPECT_EQ(lesson::canonical_state("SYN-RECEIVED"), "SYN-RCVD");
  EXPECT_EQ(lesson::canonical_state("SYN_RECV"), "SYN-RCVD");
  EXPECT_EQ(lesson::canonical_state("close_wait"), "CLOSE-WAIT");
  EXPECT_EQ(lesson::canonical_state("TIME-WAIT"), "TIME-WAIT");
  EXPECT_EQ(lesson::canonical_state("SYN-RECIEVED"), "");
  EXPECT_EQ(lesson::canonical_state("WAITING"), "");
  auto l = lesson::parse_lesson(
      lesson_text("[[step]]\ntext = \"x\"\nstop = { state = \"SYN-RECEIVED\", host = \"server\" }\nshows = [\"T1\", \"T2\"]\n"
                  "check = { states = { server = \"syn_recv\" } }\n"),
      "lessons/x.toml", source());
  ASSERT_TRUE(l) << l.error().str();
  EXPECT_EQ(l->steps[0].stop.state, "SYN-RCVD");
  EXPECT_EQ(l->steps[0].check.states[0].second, "SYN-RCVD");
}

TEST(Lesson, HighlightsNameOnlyWhatExistsAndSayWhatDoes) {
  const auto highlight = [](const std::string& h) {
    return error_of(lesson_text("[[step]]\ntext = \"x\"\nstop = { end = true }\nshows = [\"T1\", \"T2\"]\nhighlight = [" + h + "]\n"));
  };
  EXPECT_EQ(highlight(R"("segment", "machines", "log", "state:client", "timers:server", "app:server", "field:seq", "field:ports")"),
            "(parsed)");
  EXPECT_EQ(highlight(R"("field:seq", "field:dport")"),
            "lessons/x.toml:8: [[step]] #1: highlight \"field:dport\" names no field of the inspector; fields are: eth.dst, "
            "eth.src, eth.type, ip.src, ip.dst, ip.length, ip.id, ip.flags, ip.ttl, ip.checksum, ports, seq, ack, header, "
            "flags, window, checksum, options, payload, arp.op, arp.sender, arp.target");
  EXPECT_EQ(highlight(R"("app:router")"),
            "lessons/x.toml:8: [[step]] #1: highlight \"app:router\" names no host the app draws; hosts are: client, server");
  EXPECT_EQ(highlight(R"("ladder")"),
            "lessons/x.toml:8: [[step]] #1: highlight \"ladder\" must be \"segment\", \"machines\", \"connections\", \"log\", \"state:HOST\", "
            "\"timers:HOST\", \"app:HOST\" or \"field:NAME\"");
  EXPECT_EQ(highlight(R"("colour:red")"),
            "lessons/x.toml:8: [[step]] #1: highlight \"colour:red\" must be \"segment\", \"machines\", \"connections\", \"log\", \"state:HOST\", "
            "\"timers:HOST\", \"app:HOST\" or \"field:NAME\"");
}

TEST(Lesson, TryItVariantsByIdInlineOrFromAFileBeside) {
  const std::string step = "[[step]]\ntext = \"x\"\nstop = { end = true }\nshows = [\"T1\", \"T2\"]\n[step.try]\ntext = \"t\"\n";
  std::vector<std::string> asked;
  const lesson::Sources with_files{source(), [&](const std::string& path) -> std::optional<std::string> {
                                     asked.push_back(path);
                                     if (path == "course/extra/v.toml") return kScenario;
                                     return std::nullopt;
                                   }};
  auto l = lesson::parse_lesson(lesson_text(step + "scenario_file = \"extra/v.toml\"\n"), "course/x.toml", with_files);
  ASSERT_TRUE(l) << l.error().str();
  EXPECT_EQ(asked, std::vector<std::string>{"course/extra/v.toml"});  // beside the lesson
  EXPECT_EQ(l->steps[0].try_it->scenario, "extra/v.toml");
  EXPECT_EQ(l->steps[0].try_it->variant.hosts.size(), 2u);
  // Opened alone in the browser, no file can be read: the error says so and what to do.
  const std::string not_opened =
      "x.toml:10: [[step]] #1: scenario_file \"extra/v.toml\" cannot be read: it was not opened with the lesson, and "
      "a lesson opened in the browser has no folder beside it; open \"v.toml\" together with the lesson (pick both in "
      "\"Open lesson file\": it takes several files at once), put the variant inline as [step.try.scenario], or use one of synack's "
      "scenarios (scenario = \"ID\")";
  auto web = lesson::parse_lesson(lesson_text(step + "scenario_file = \"extra/v.toml\"\n"), "x.toml", source());
  ASSERT_FALSE(web);
  EXPECT_EQ(web.error().str(), not_opened);
  // Opened in the browser with other files but not this one: the same reason.
  const lesson::Sources picked{source(), [](const std::string&) -> std::optional<std::string> { return std::nullopt; }, true};
  auto without = lesson::parse_lesson(lesson_text(step + "scenario_file = \"extra/v.toml\"\n"), "x.toml", picked);
  ASSERT_FALSE(without);
  EXPECT_EQ(without.error().str(), not_opened);
  // An error inside the file beside names that file and its line.
  const lesson::Sources broken_file{source(), [](const std::string&) -> std::optional<std::string> {
                                      return std::string("[[host]]\nname = \"a\"\nip = \"1.2.3\"\n");
                                    }};
  auto bad = lesson::parse_lesson(lesson_text(step + "scenario_file = \"v.toml\"\n"), "course/x.toml", broken_file);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().str(), "course/v.toml:3: 'ip' must be an IPv4 address such as \"10.0.0.1\", got \"1.2.3\"");
  // Inline, as [step.try.scenario].
  auto in = lesson::parse_lesson(lesson_text(step + "[step.try.scenario]\nhost = [{ name = \"p\", ip = \"10.0.0.1\" }, "
                                                    "{ name = \"q\", ip = \"10.0.0.2\" }]\n"),
                                 "x.toml", source());
  ASSERT_TRUE(in) << in.error().str();
  EXPECT_EQ(in->steps[0].try_it->variant.hosts[0].config.name, "p");
  EXPECT_EQ(in->steps[0].try_it->scenario, "");
}

TEST(LessonWalk, AStopOnAStateThatLastsNoTimeIsRefused) {
  // A listener whose connection is refused at once: the client enters SYN-SENT and the
  // RST arrives later, fine; but a counterfactual without TIME-WAIT passes it in 0 ns.
  const std::string sc = kScenario + "[tcp]\nno_time_wait = true\n[[action]]\nat = \"100ms\"\nhost = \"client\"\nop = \"close\"\n";
  auto l = lesson::parse_lesson("title = \"t\"\nscenario = \"z\"\n[[step]]\ntext = \"x\"\nstop = { state = \"TIME-WAIT\", host = \"client\" }\n",
                                "lessons/x.toml", [&](const std::string&) -> std::optional<std::string> { return sc; });
  ASSERT_TRUE(l) << l.error().str();
  const analysis::WalkedLesson w = analysis::walk_lesson(*l);
  EXPECT_EQ(w.stops.error.rfind("lessons/x.toml:3: step 1: TIME-WAIT lasts 0 ns on client (entered at ", 0), 0u)
      << w.stops.error;
  EXPECT_NE(w.stops.error.find("the step would show CLOSED"), std::string::npos) << w.stops.error;
}

TEST(LessonCheck, FontWarningsNameTheLineAndTheCharacters) {
  // Cyrillic is in neither font (DejaVu's subset, the CJK one); 中文 is in the CJK one.
  const auto w = analysis::glyph_warnings("title = \"caf\xc3\xa9 \xe2\x86\x92 \xe4\xb8\xad\xe6\x96\x87\"\n# \xd0\x9f comment\ntext = \"\xd0\x9f\xd1\x80 \xd0\x9f\"\n", "f.toml");
  ASSERT_EQ(w.size(), 1u);
  EXPECT_EQ(w[0], "f.toml:3: warning: the app's font cannot draw \xd0\x9f \xd1\x80 (U+041F, U+0440); they would show as '?'");
}

TEST(LessonCheck, TheGlyphTableIsTheFontSubsetOfTheBuild) {
  // cmake/Font.cmake's --unicodes list and engine/analysis/glyph_ranges.hpp must say the same.
  std::ifstream in(std::string(SYNACK_SOURCE_DIR) + "/cmake/Font.cmake");
  std::stringstream buf;
  buf << in.rdbuf();
  const std::string text = buf.str();
  std::smatch m;
  ASSERT_TRUE(std::regex_search(text, m, std::regex("--unicodes=([0-9A-Fa-f+U,-]+)")));
  std::vector<analysis::GlyphRange> subset;
  std::stringstream list(m[1].str());
  for (std::string item; std::getline(list, item, ',');) {
    const size_t dash = item.find('-');
    const uint32_t a = static_cast<uint32_t>(std::stoul(item.substr(2, dash == std::string::npos ? std::string::npos : dash - 2), nullptr, 16));
    const uint32_t b = dash == std::string::npos ? a : static_cast<uint32_t>(std::stoul(item.substr(dash + 1), nullptr, 16));
    subset.push_back({a, b});
  }
  ASSERT_EQ(subset.size(), std::size(analysis::kFontGlyphs));
  // scripts/cjk_font.py leaves these to DejaVu: its LATIN list says the same ranges.
  std::ifstream py(std::string(SYNACK_SOURCE_DIR) + "/scripts/cjk_font.py");
  std::stringstream pybuf;
  pybuf << py.rdbuf();
  const std::string pytext = pybuf.str();
  ASSERT_TRUE(std::regex_search(pytext, m, std::regex("LATIN = \\[([^\\]]*)\\]")));
  std::vector<analysis::GlyphRange> latin;
  const std::string pairs = m[1].str();
  const std::regex pair("\\((0x[0-9A-Fa-f]+), (0x[0-9A-Fa-f]+)\\)");
  for (auto it = std::sregex_iterator(pairs.begin(), pairs.end(), pair); it != std::sregex_iterator(); ++it)
    latin.push_back({static_cast<uint32_t>(std::stoul((*it)[1].str(), nullptr, 16)), static_cast<uint32_t>(std::stoul((*it)[2].str(), nullptr, 16))});
  ASSERT_EQ(latin.size(), subset.size());
  for (size_t i = 0; i < subset.size(); ++i) {
    EXPECT_EQ(latin[i].first, subset[i].first) << i;
    EXPECT_EQ(latin[i].last, subset[i].last) << i;
  }
  for (size_t i = 0; i < subset.size(); ++i) {
    EXPECT_EQ(subset[i].first, analysis::kFontGlyphs[i].first) << i;
    EXPECT_EQ(subset[i].last, analysis::kFontGlyphs[i].last) << i;
  }
}

TEST(Lesson, QuestionsOfEveryKindAndHowTheyAreJudged) {
  const auto question = [](const std::string& q) {
    return lesson::parse_lesson(lesson_text("[[step]]\ntext = \"x\"\nstop = { end = true }\nshows = [\"T1\", \"T2\"]\n[step.question]\nprompt = \"?\"\n" + q),
                                "lessons/x.toml", source());
  };
  auto one = question("choices = [\"a\", \"b\", \"c\"]\nanswer = 2\nfeedback = [\"not a\", \"\", \"not c\"]\n");
  ASSERT_TRUE(one) << one.error().str();
  const lesson::Question& q1 = *one->steps[0].question;
  EXPECT_EQ(q1.kind, lesson::Question::Kind::One);
  EXPECT_EQ(q1.answer, 1);
  EXPECT_EQ(q1.feedback[2], "not c");
  EXPECT_EQ(q1.right_answer(), "B");

  auto several = question("choices = [\"a\", \"b\", \"c\"]\nanswer = [3, 1]\n");
  ASSERT_TRUE(several) << several.error().str();
  const lesson::Question& q2 = *several->steps[0].question;
  EXPECT_EQ(q2.kind, lesson::Question::Kind::Several);
  EXPECT_EQ(q2.answers, (std::vector<int>{0, 2}));
  EXPECT_TRUE(q2.right_several({2, 0}));
  EXPECT_FALSE(q2.right_several({0}));        // one of the two
  EXPECT_FALSE(q2.right_several({0, 1, 2}));  // and one too many
  EXPECT_EQ(q2.right_answer(), "A, C");

  auto number = question("number = 1001\n");
  ASSERT_TRUE(number) << number.error().str();
  const lesson::Question& q3 = *number->steps[0].question;
  EXPECT_EQ(q3.kind, lesson::Question::Kind::Number);
  EXPECT_TRUE(q3.right_number(1001));
  EXPECT_FALSE(q3.right_number(1000));

  auto order = question("order = [\"LISTEN\", \"SYN-RCVD\", \"ESTABLISHED\"]\n");
  ASSERT_TRUE(order) << order.error().str();
  const lesson::Question& q4 = *order->steps[0].question;
  EXPECT_EQ(q4.kind, lesson::Question::Kind::Order);
  EXPECT_NE(q4.shuffled(), q4.order);  // never shown already in order
  auto shown = q4.shuffled();
  std::sort(shown.begin(), shown.end());
  auto want = q4.order;
  std::sort(want.begin(), want.end());
  EXPECT_EQ(shown, want);  // the same items
  EXPECT_TRUE(q4.right_order({"LISTEN", "SYN-RCVD", "ESTABLISHED"}));
  EXPECT_FALSE(q4.right_order({"SYN-RCVD", "LISTEN", "ESTABLISHED"}));
  // Two items: the cyclic shuffle would give them back in order; they come reversed.
  auto two = question("order = [\"a\", \"b\"]\n");
  ASSERT_TRUE(two);
  EXPECT_EQ(two->steps[0].question->shuffled(), (std::vector<std::string>{"b", "a"}));

  EXPECT_FALSE(question("choices = [\"a\", \"b\"]\n"));  // no way to answer
  EXPECT_FALSE(question("number = 1.5\n"));
  EXPECT_FALSE(question("choices = [\"a\", \"b\"]\nanswer = [1, 1]\n"));
  EXPECT_FALSE(question("choices = [\"a\", \"b\"]\nanswer = []\n"));
  EXPECT_FALSE(question("order = [\"a\"]\n"));
}
