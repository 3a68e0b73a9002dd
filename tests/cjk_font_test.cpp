// The Chinese font as a file of its own (ui/cjk_font.hpp): an English atlas holds only the
// switch's two characters; asking for Chinese reads the file, merges it into the atlas and
// then switches; a missing or broken file leaves the app in English and says why. And the
// atlas's size in both languages at 1x and 2x device pixels, which must stay within what
// WebGL2 on a phone takes (4096 px a side).
#include <gtest/gtest.h>

#include <imgui.h>

#include <cstdio>
#include <fstream>
#include <string>

#include "app.hpp"
#include "cjk_font.hpp"
#include "ui_view.hpp"

using namespace synack;

namespace {

struct Atlas {
  explicit Atlas(float dpi) {
    ImGui::CreateContext();
    ui::setup_fonts_and_style(dpi);
    ImGui::GetIO().DisplaySize = ImVec2(1280, 720);
    ImGui::GetIO().DisplayFramebufferScale = ImVec2(dpi, dpi);
  }
  ~Atlas() { ImGui::DestroyContext(); }
  ImVec2 size() const {
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    return ImVec2(static_cast<float>(w), static_cast<float>(h));
  }
  static bool has(unsigned c) { return ImGui::GetIO().Fonts->Fonts[0]->FindGlyphNoFallback(static_cast<ImWchar>(c)) != nullptr; }
  static void frame(ui::App& app) {
    ImGui::GetIO().DeltaTime = 1.0f / 60;
    ImGui::NewFrame();
    ui::frame(app, 1.0f / 60);
    ImGui::Render();
  }
};

}  // namespace

TEST(CjkFont, AnEnglishAtlasHoldsOnlyTheSwitchsChinese) {
  Atlas atlas(1.0f);
  atlas.size();
  EXPECT_TRUE(Atlas::has(0x4E2D));   // 中
  EXPECT_TRUE(Atlas::has(0x6587));   // 文
  EXPECT_FALSE(Atlas::has(0x63E1));  // 握: only with the font file
  ui::App app;
  Atlas::frame(app);
  EXPECT_EQ(app.lang, ui::Lang::En);
  EXPECT_NE(ui::ui_view_json(app).find("\"glyphs_missing\":[]"), std::string::npos);  // the switch's 中文 draws
}

TEST(CjkFont, ChineseWaitsForTheFileThenSwitchesWithItsGlyphsInTheAtlas) {
  Atlas atlas(1.0f);
  const ImVec2 en = atlas.size();
  ui::App app;
  app.cjk.files = {"/nonexistent/cjk_font.ttf", SYNACK_CJK_FONT_FILE};  // the first place found is read
  Atlas::frame(app);
  ui::ask_language(app, ui::Lang::Zh);
  // Read (the desktop reads at once), but not yet in the atlas: the screen is still English.
  EXPECT_EQ(app.cjk.state, ui::CjkFont::State::Arrived);
  EXPECT_TRUE(ui::chinese_waits_for_font(app));
  EXPECT_EQ(app.lang, ui::Lang::En);
  EXPECT_FALSE(Atlas::has(0x63E1));
  ASSERT_TRUE(ui::cjk_font_between_frames(app));
  EXPECT_FALSE(ui::cjk_font_between_frames(app));  // once
  EXPECT_EQ(app.lang, ui::Lang::Zh);
  EXPECT_FALSE(ui::chinese_waits_for_font(app));
  EXPECT_TRUE(Atlas::has(0x63E1));
  const ImVec2 zh = atlas.size();
  EXPECT_GT(zh.x * zh.y, en.x * en.y);
  Atlas::frame(app);
  Atlas::frame(app);
  EXPECT_NE(ui::ui_view_json(app).find("\"glyphs_missing\":[]"), std::string::npos);
  // Back to English and to Chinese again: no second read, at once.
  ui::ask_language(app, ui::Lang::En);
  EXPECT_EQ(app.lang, ui::Lang::En);
  ui::ask_language(app, ui::Lang::Zh);
  EXPECT_EQ(app.lang, ui::Lang::Zh);
  EXPECT_FALSE(ui::cjk_font_between_frames(app));
}

// A teacher's lesson may use any character of GB2312 level 1; the atlas holds what synack's
// own Chinese uses, and takes a lesson's others when it opens.
TEST(CjkFont, ATeachersLessonsOwnCharactersAreAddedToTheAtlas) {
  Atlas atlas(1.0f);
  atlas.size();  // built, as the renderer builds it before the first frame
  ui::App app;
  app.cjk.files = {SYNACK_CJK_FONT_FILE};
  Atlas::frame(app);
  ui::ask_language(app, ui::Lang::Zh);
  ASSERT_TRUE(ui::cjk_font_between_frames(app));
  const ImVec2 before = atlas.size();
  EXPECT_FALSE(Atlas::has(0x554A));  // 啊: in the file, in no text of synack's
  const std::string text = "lang = \"zh\"\ntitle = \"\u554a\"\nscenario = \"handshake\"\n[[step]]\ntext = \"\u57c3\u7b2c\u4e00\u6b21\"\n"
                           "stop = { segment = \"syn\" }\n";  // 啊; 埃第一次
  ASSERT_TRUE(ui::open_lesson_text(app, "own.toml", text)) << app.file_error;
  ASSERT_TRUE(ui::cjk_font_between_frames(app));
  EXPECT_TRUE(Atlas::has(0x554A));
  EXPECT_TRUE(Atlas::has(0x57C3));  // 埃
  EXPECT_FALSE(ui::cjk_font_between_frames(app));  // once
  atlas.size();
  Atlas::frame(app);
  Atlas::frame(app);
  EXPECT_NE(ui::ui_view_json(app).find("\"glyphs_missing\":[]"), std::string::npos);
  std::printf("atlas %.0fx%.0f before the lesson\n", before.x, before.y);
}

// A Chinese-only lesson on an English screen reads the font without a switch.
TEST(CjkFont, AChineseOnlyLessonOnAnEnglishScreenReadsTheFont) {
  Atlas atlas(1.0f);
  atlas.size();
  ui::App app;
  app.cjk.files = {SYNACK_CJK_FONT_FILE};
  Atlas::frame(app);
  const std::string text = "lang = \"zh\"\ntitle = \"\u4e09\u6b21\u63e1\u624b\"\nscenario = \"handshake\"\n[[step]]\n"
                           "text = \"\u7b2c\u4e00\u6b21\"\nstop = { segment = \"syn\" }\n";  // 三次握手; 第一次
  ASSERT_TRUE(ui::open_lesson_text(app, "zh-only.toml", text)) << app.file_error;
  EXPECT_EQ(app.cjk.state, ui::CjkFont::State::Arrived);
  ASSERT_TRUE(ui::cjk_font_between_frames(app));
  EXPECT_EQ(app.lang, ui::Lang::En);  // the screen's language stays
  EXPECT_TRUE(Atlas::has(0x63E1));
  atlas.size();
  Atlas::frame(app);
  Atlas::frame(app);
  EXPECT_NE(ui::ui_view_json(app).find("\"glyphs_missing\":[]"), std::string::npos);
}

TEST(CjkFont, AMissingFileLeavesTheAppInEnglishAndSaysWhere) {
  Atlas atlas(1.0f);
  atlas.size();
  ui::App app;
  app.cjk.files = {"/nonexistent/cjk_font.ttf"};
  ui::choose_first_language(app, ui::Lang::Zh, "");
  EXPECT_EQ(app.cjk.state, ui::CjkFont::State::Failed);
  EXPECT_FALSE(ui::chinese_waits_for_font(app));
  EXPECT_FALSE(ui::cjk_font_between_frames(app));
  EXPECT_EQ(app.lang, ui::Lang::En);
  EXPECT_NE(app.status.find("Chinese is not available"), std::string::npos) << app.status;
  EXPECT_NE(app.cjk.error.find("/nonexistent/cjk_font.ttf: No such file"), std::string::npos) << app.cjk.error;
  Atlas::frame(app);
  EXPECT_NE(ui::ui_view_json(app).find("\"lang\":\"en\""), std::string::npos);
}

TEST(CjkFont, AFileThatIsNoFontIsRefusedWithItsName) {
  const std::string path = ::testing::TempDir() + "not_a_font.ttf";
  std::ofstream(path) << "<html>404 Not Found</html>";
  std::vector<unsigned char> bytes;
  std::string error;
  EXPECT_FALSE(ui::read_font_file(path, &bytes, &error));
  EXPECT_NE(error.find(path + ": not a TrueType font (26 bytes"), std::string::npos) << error;
  EXPECT_TRUE(bytes.empty());
  EXPECT_TRUE(ui::read_font_file(SYNACK_CJK_FONT_FILE, &bytes, &error)) << error;
}

// A phone's screen has 2 (or 3) device pixels a point; the atlas is baked at device pixels.
TEST(CjkFont, TheAtlasFitsAPhonesTextureInBothLanguagesAt1xAnd2x) {
  std::vector<unsigned char> bytes;
  std::string error;
  ASSERT_TRUE(ui::read_font_file(SYNACK_CJK_FONT_FILE, &bytes, &error)) << error;
  for (const float dpi : {1.0f, 2.0f}) {
    Atlas atlas(dpi);
    const ImVec2 en = atlas.size();
    ui::merge_cjk_font(bytes);
    const ImVec2 zh = atlas.size();
    std::printf("FIGURE atlas dpr %.0f: English %.0fx%.0f, Chinese %.0fx%.0f (%d glyphs)\n", dpi, en.x, en.y, zh.x, zh.y,
                ImGui::GetIO().Fonts->Fonts[0]->Glyphs.Size);
    EXPECT_LE(en.x, 4096);
    EXPECT_LE(en.y, 4096);
    EXPECT_LE(zh.x, 4096) << "at " << dpi << "x";
    EXPECT_LE(zh.y, 4096) << "at " << dpi << "x";
    EXPECT_TRUE(Atlas::has(0x63E1));
  }
}
