// Lessons in two languages: the course's translations (lessons/zh/) load with no
// warning, and the language switch changes the words on screen and nothing else.
#include <gtest/gtest.h>

#include <imgui.h>

#include <chrono>
#include <cstdio>
#include <filesystem>

#include "app.hpp"
#include "embedded_files.hpp"
#include "file_import.hpp"
#include "headless_gui.hpp"
#include "analysis/lesson_check.hpp"

using namespace synack;
using synack::testing::HeadlessGui;  // not gtest's namespace testing

TEST(LessonTranslation, EveryCourseTranslationLoadsWithItsLessonAndNoWarning) {
  int checked = 0;
  for (const embedded::EmbeddedFile& zh : embedded::lesson_zh_library()) {
    const embedded::EmbeddedFile* lesson = nullptr;
    for (const embedded::EmbeddedFile& f : embedded::lesson_library())
      if (std::string(f.id) == zh.id) lesson = &f;
    ASSERT_NE(lesson, nullptr) << "lessons/zh/" << zh.id << ".toml translates no lesson of lessons/";
    const std::string file = std::string("lessons/") + zh.id + ".toml";
    const ui::LessonVerdict v = ui::check_lesson(lesson->text, file, ui::lesson_sources({}),
                                                 {{"zh", std::string("lessons/zh/") + zh.id + ".toml", zh.text}});
    EXPECT_EQ(ui::join_lines(v.errors), "") << file;
    EXPECT_EQ(ui::join_lines(v.warnings), "") << file;  // the course's own must need no fallback
    ++checked;
  }
  std::printf("%d of %zu course lessons have a Chinese translation\n", checked, embedded::lesson_library().size());
}

TEST(LessonTranslation, SwitchingTheLanguageKeepsLessonStepAndPlayhead) {
  std::filesystem::current_path(SYNACK_SOURCE_DIR);
  ui::App app;
  ASSERT_TRUE(ui::open_lesson_text(app, "tests/lessons/good/translated.toml", [] {
    std::FILE* f = std::fopen("tests/lessons/good/translated.toml", "rb");
    std::string s;
    for (int c; f && (c = std::fgetc(f)) != EOF;) s += static_cast<char>(c);
    if (f) std::fclose(f);
    return s;
  }())) << app.file_error;
  EXPECT_EQ(app.file_warning, "");
  const lesson::Lesson& l = app.lesson.run.lesson;
  EXPECT_EQ(l.title, "The handshake, with its Chinese");
  ui::lesson_goto(app, 1);
  const int64_t t = app.play.t;
  const int step = app.lesson.run.step;
  ASSERT_EQ(step, 1);
  ui::set_app_language(app, ui::Lang::Zh);
  EXPECT_EQ(l.title, "三次握手（附中文）");
  EXPECT_EQ(l.steps[1].title, "连接建立");
  EXPECT_EQ(l.steps[0].question->choices[1], "ACK");
  EXPECT_EQ(l.steps[0].question->explain, "只有 SYN。");
  EXPECT_EQ(l.steps[0].question->answer, 0);  // the lesson's, never the translation's
  EXPECT_STREQ(ui::tr(ui::Str::Next), "下一步 >");
  EXPECT_EQ(app.lesson.run.step, step);
  EXPECT_EQ(app.play.t, t);
  EXPECT_EQ(app.lesson.run.lesson.id, "translated");
  ui::set_app_language(app, ui::Lang::En);
  EXPECT_EQ(l.title, "The handshake, with its Chinese");
  EXPECT_EQ(l.steps[0].question->explain, "Only SYN.");
  EXPECT_STREQ(ui::tr(ui::Str::Next), "Next >");
  EXPECT_EQ(app.play.t, t);
}

TEST(LessonTranslation, AChineseOnlyLessonShowsItsChineseInEitherLanguage) {
  std::filesystem::current_path(SYNACK_SOURCE_DIR);
  ui::App app;
  const std::string text = "lang = \"zh\"\ntitle = \"握手\"\nscenario = \"handshake\"\n[[step]]\ntext = \"第一次握手\"\n"
                           "stop = { segment = \"syn\" }\n";
  ASSERT_TRUE(ui::open_lesson_text(app, "/home/teacher/wo.toml", text)) << app.file_error;
  EXPECT_EQ(app.lesson.run.lesson.lang, "zh");
  EXPECT_EQ(app.lesson.run.lesson.title, "握手");
  ui::set_app_language(app, ui::Lang::En);
  EXPECT_EQ(app.lesson.run.lesson.title, "握手");
  ui::set_app_language(app, ui::Lang::Zh);
  EXPECT_EQ(app.lesson.run.lesson.title, "握手");
}

TEST(LessonTranslation, TheGlyphCheckKnowsTheChineseFont) {
  // In the subset: the Chinese strings' characters and GB2312 level 1 (啊 is its first).
  EXPECT_TRUE(ui::glyph_warnings("text = \"三次握手，啊\"\n", "x.toml").empty());
  // Outside it: a rare character (U+9F98, 龘) and an emoji.
  const auto w = ui::glyph_warnings("text = \"龘 \xF0\x9F\x98\x80\"\n", "x.toml");
  ASSERT_EQ(w.size(), 1u);
  EXPECT_NE(w[0].find("U+9F98, U+1F600"), std::string::npos) << w[0];
}

TEST(LessonTranslation, TheFontAtlasDrawsEveryChineseStringAndSaysWhatItCannot) {
  const auto t0 = std::chrono::steady_clock::now();
  HeadlessGui gui;  // the fonts loaded and the atlas built
  std::vector<unsigned char> cjk;  // the Chinese font file, as the switch reads it (cjk_font.hpp)
  std::string error;
  ASSERT_TRUE(ui::read_font_file(SYNACK_CJK_FONT_FILE, &cjk, &error)) << error;
  ui::merge_cjk_font(cjk);
  {
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);  // built again, as the switch does
  }
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  const ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
  const int w = atlas.TexWidth, h = atlas.TexHeight;
  std::printf("font atlas %dx%d, %d glyphs, built in %.0f ms (debug build)\n", w, h, atlas.Fonts[0]->Glyphs.Size, ms);
  EXPECT_LE(w, 2048);  // the WebGL2 floor for a texture's side
  EXPECT_LE(h, 2048);
  ui::App app;
  ui::set_app_language(app, ui::Lang::Zh);
  gui.frame(app, 1.0f / 60);
  const std::string view = ui::ui_view_json(app);
  EXPECT_NE(view.find("\"lang\":\"zh\""), std::string::npos);
  EXPECT_NE(view.find("\"glyphs_missing\":[]"), std::string::npos) << view.substr(0, 400);
  // A teacher's lesson with a character outside the subset: it is named.
  const std::string text = "lang = \"zh\"\ntitle = \"龘\"\nscenario = \"handshake\"\n[[step]]\ntext = \"第一次握手\"\n"
                           "stop = { segment = \"syn\" }\n";
  ASSERT_TRUE(ui::open_lesson_text(app, "rare.toml", text));
  gui.frame(app, 1.0f / 60);
  EXPECT_NE(ui::ui_view_json(app).find("\"glyphs_missing\":[\"U+9F98\"]"), std::string::npos);
}
