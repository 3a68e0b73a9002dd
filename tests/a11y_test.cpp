// The page's accessible copy of the lesson panel (web/index.html) reads what the app
// publishes (ui_view_json's "a11y") and acts through perform_action: both without a window.
#include <gtest/gtest.h>

#include <imgui.h>

#include <cstdlib>
#include <string>

#include "app.hpp"
#include "headless_gui.hpp"
#include "ui_actions.hpp"
#include "ui_view.hpp"

using namespace synack;
using synack::testing::HeadlessGui;  // not gtest's namespace testing

namespace {

// The published view after two frames (the lesson box takes the height the first measured).
std::string json(HeadlessGui& gui, ui::App& app) {
  for (int i = 0; i < 2; ++i) gui.frame(app);
  return ui::ui_view_json(app);
}

bool has(const std::string& json, const std::string& part) { return json.find(part) != std::string::npos; }

const lesson::Step& step(const ui::App& app) { return app.lesson.run.lesson.steps[static_cast<size_t>(app.lesson.run.step)]; }

}  // namespace

TEST(A11y, ActionsDoWhatTheCanvasControlsDo) {
  ui::App app;
  ASSERT_TRUE(ui::open_lesson(app, "01-handshake", 1));
  ui::lesson_skip(app);
  ASSERT_EQ(app.lesson.run.phase, ui::StepPhase::AtStop);
  EXPECT_FALSE(ui::perform_action(app, "choice1"));  // no question now
  EXPECT_FALSE(ui::perform_action(app, "bogus"));
  ASSERT_TRUE(ui::perform_action(app, "next"));
  EXPECT_EQ(app.lesson.run.step, 2);
  ASSERT_EQ(app.lesson.run.phase, ui::StepPhase::Question);
  ASSERT_TRUE(step(app).question);
  const int n = static_cast<int>(step(app).question->choices.size());
  EXPECT_FALSE(ui::perform_action(app, "next"));  // the question waits for its answer
  EXPECT_FALSE(ui::perform_action(app, "choice" + std::to_string(n + 1)));
  EXPECT_FALSE(ui::perform_action(app, "choice0"));
  const int right = step(app).question->answer;
  ASSERT_TRUE(ui::perform_action(app, "choice" + std::to_string(right + 1)));
  EXPECT_EQ(app.lesson.run.chosen, right);
  EXPECT_EQ(app.lesson.run.phase, ui::StepPhase::Playing);
  EXPECT_TRUE(app.play.playing);
  ASSERT_TRUE(ui::perform_action(app, "skip"));
  EXPECT_EQ(app.lesson.run.phase, ui::StepPhase::AtStop);
  ASSERT_TRUE(ui::perform_action(app, "back"));
  EXPECT_EQ(app.lesson.run.step, 1);
  const bool was = app.play.playing;
  ASSERT_TRUE(ui::perform_action(app, "play"));
  EXPECT_NE(app.play.playing, was);
}

TEST(A11y, TheOtherQuestionKindsAreJudgedAsThePanelJudgesThem) {
  // A lesson file with one question of each other kind.
  const std::string text = R"(title = "kinds"
scenario = "handshake"
[[step]]
title = "several"
text = "t"
stop = { segment = "syn", from = "client" }
[step.question]
prompt = "p"
choices = ["a", "b", "c"]
answer = [1, 3]
[[step]]
title = "number"
text = "t"
stop = { segment = "syn-ack", from = "server" }
[step.question]
prompt = "p"
number = 1
[[step]]
title = "order"
text = "t"
stop = { segment = "ack", from = "client" }
[step.question]
prompt = "p"
order = ["x", "y", "z"]
)";
  ui::App app;
  ASSERT_TRUE(ui::open_lesson_text(app, "kinds.toml", text)) << app.file_error;
  ASSERT_EQ(app.lesson.run.phase, ui::StepPhase::Question);
  EXPECT_FALSE(ui::perform_action(app, "choice1"));  // not a one-answer question
  EXPECT_FALSE(ui::perform_action(app, "several:4"));
  ASSERT_TRUE(ui::perform_action(app, "several:1,3"));
  EXPECT_EQ(app.lesson.run.chosen, 1);  // right
  ui::lesson_skip(app);
  ASSERT_TRUE(ui::perform_action(app, "next"));
  ASSERT_EQ(app.lesson.run.phase, ui::StepPhase::Question);
  EXPECT_FALSE(ui::perform_action(app, "number:1x"));
  ASSERT_TRUE(ui::perform_action(app, "number:2"));
  EXPECT_EQ(app.lesson.run.chosen, 0);  // wrong
  ui::lesson_skip(app);
  ASSERT_TRUE(ui::perform_action(app, "next"));
  ASSERT_TRUE(ui::perform_action(app, "order:x|y|z"));
  EXPECT_EQ(app.lesson.run.chosen, 1);
}

TEST(A11y, TheViewCarriesWhatTheDomShows) {
  const char* tmp = std::getenv("TMPDIR");
  setenv("SYNACK_PROGRESS_FILE", (std::string(tmp ? tmp : "/tmp") + "/synack-a11y-progress.txt").c_str(), 1);
  HeadlessGui h;
  ui::App app;
  ASSERT_TRUE(ui::open_lesson(app, "01-handshake", 1));
  ui::lesson_skip(app);
  ui::lesson_next(app);  // step 3's question
  ASSERT_TRUE(step(app).question);
  std::string j = json(h, app);
  EXPECT_TRUE(has(j, "\"prompt\":\"" + step(app).question->prompt + "\"")) << j;
  EXPECT_TRUE(has(j, "\"choice_texts\":[\"" + step(app).question->choices[0] + "\"")) << j;
  EXPECT_TRUE(has(j, "\"actions\":[\"back\",\"choice1\"")) << j;
  EXPECT_TRUE(has(j, "\"text\":[]")) << j;  // the step's text waits for its moment
  EXPECT_TRUE(has(j, "{\"name\":\"client\",\"state\":\"SYN-SENT\"}")) << j;
  EXPECT_TRUE(has(j, "\"narration\":\"The client sends SYN, seq 0, and enters SYN-SENT.\"")) << j;

  ui::lesson_answer(app, step(app).question->answer);
  ui::lesson_skip(app);
  j = json(h, app);
  EXPECT_TRUE(has(j, "\"prompt\":\"\"")) << j;
  EXPECT_TRUE(has(j, "\"text\":[[\"p\",\"The SYN arrived.")) << j;
  EXPECT_TRUE(has(j, "\"next\"")) << j;
  EXPECT_TRUE(has(j, "{\"name\":\"server\",\"state\":\"SYN-RCVD\"}")) << j;
  EXPECT_TRUE(has(j, "\"labels\":{\"next\":\"Next")) << j;
}
