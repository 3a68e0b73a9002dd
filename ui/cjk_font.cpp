#include "cjk_font.hpp"

#include <imgui.h>
#include <imgui_internal.h>  // ImTextCharFromUtf8

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <list>

#ifdef __EMSCRIPTEN__
#include <emscripten/wget.h>
#endif

#include "analysis/glyph_ranges.hpp"
#include "app.hpp"

namespace synack::ui {

namespace {

// The fetch is started and ends in the browser's own time; the desktop reads the file now.
void request_font(App& app) {
  CjkFont& f = app.cjk;
  f.state = CjkFont::State::Loading;
#ifdef __EMSCRIPTEN__
  // A path relative to the page: the file beside synack.wasm, from the page's own origin.
  emscripten_async_wget_data(
      "cjk_font.ttf", &app,
      [](void* arg, void* data, int size) {
        const auto* p = static_cast<const unsigned char*>(data);
        cjk_font_arrived(*static_cast<App*>(arg), std::vector<unsigned char>(p, p + size));
      },
      [](void* arg) {
        cjk_font_failed(*static_cast<App*>(arg), "the page could not fetch cjk_font.ttf from its own folder");
      });
#else
  std::string why;
  for (const std::string& path : f.files) {
    std::vector<unsigned char> bytes;
    std::string error;
    if (read_font_file(path, &bytes, &error)) return cjk_font_arrived(app, std::move(bytes));
    why += (why.empty() ? "" : "; ") + error;
  }
  cjk_font_failed(app, why.empty() ? "no place to look for cjk_font.ttf" : why);
#endif
}

}  // namespace

void ask_language(App& app, Lang lang) {
  CjkFont& f = app.cjk;
  if (lang != Lang::Zh || f.state == CjkFont::State::InAtlas) {
    f.then_chinese = false;
    if (lang != app.lang) set_app_language(app, lang);
    return;
  }
  f.then_chinese = true;  // a second click while it loads changes nothing
  if (f.state == CjkFont::State::Absent || f.state == CjkFont::State::Failed) request_font(app);
}

bool chinese_waits_for_font(const App& app) {
  return app.cjk.then_chinese && app.cjk.state != CjkFont::State::InAtlas && app.cjk.state != CjkFont::State::Failed;
}

void want_font_for_lesson(App& app) {
  CjkFont& f = app.cjk;
  // (No ImGui context: a test of the session without a window.)
  if (f.state == CjkFont::State::Failed || !app.lesson.active() || !ImGui::GetCurrentContext() || ImGui::GetIO().Fonts->Fonts.empty())
    return;
  const ImFont* font = ImGui::GetIO().Fonts->Fonts[0];
  std::vector<unsigned> lacking;
  const auto scan = [&](const std::string& s) {
    for (const char* p = s.c_str(); *p;) {
      unsigned int c = 0;
      const int n = ImTextCharFromUtf8(&c, p, nullptr);
      p += n > 0 ? n : 1;
      // CJK from U+2E80 on: none of it is in DejaVu's subset. What the font file lacks the
      // lesson checker warned about; it stays a '?'.
      if (c >= 0x2E80 && analysis::font_has_glyph(c) && !font->FindGlyphNoFallback(static_cast<ImWchar>(c))) lacking.push_back(c);
    }
  };
  const lesson::Lesson& l = app.lesson.run.lesson;
  scan(l.title);
  for (const std::string& g : l.goals) scan(g);
  for (const lesson::Step& st : l.steps) lesson::for_each_shown_text(st, scan);
  if (lacking.empty()) return;
  f.more.insert(f.more.end(), lacking.begin(), lacking.end());
  if (f.state == CjkFont::State::Absent) {
    f.for_text = true;
    request_font(app);
  }
}

bool cjk_font_holds_frames(const App& app) {
  const CjkFont& f = app.cjk;
  return f.state == CjkFont::State::Loading && ((f.then_chinese && app.frame_count == 0) || f.for_text);
}

void cjk_font_arrived(App& app, std::vector<unsigned char> bytes) {
  app.cjk.bytes = std::move(bytes);
  app.cjk.state = CjkFont::State::Arrived;
}

void cjk_font_failed(App& app, const std::string& why) {
  CjkFont& f = app.cjk;
  f.state = CjkFont::State::Failed;
  f.then_chinese = f.for_text = false;
  f.error = why;
  // In English: this is said on an English screen (the app stays in English without the font).
  // Short, so that the top bar keeps its switch on screen; the reason goes to stderr (the
  // browser's console).
  app.status = "Chinese is not available (no cjk_font.ttf)";
  std::fprintf(stderr, "synack: Chinese is not available, the app stays in English: %s\n", why.c_str());
}

bool cjk_font_between_frames(App& app) {
  CjkFont& f = app.cjk;
  if (f.state == CjkFont::State::InAtlas && !f.more.empty()) {
    merge_cjk_font(f.bytes, f.more);  // a lesson's own characters
    f.more.clear();
    return true;
  }
  if (f.state != CjkFont::State::Arrived) return false;
  merge_cjk_font(f.bytes, f.more);
  f.more.clear();
  f.state = CjkFont::State::InAtlas;
  f.for_text = false;
  if (f.then_chinese) {
    f.then_chinese = false;
    set_app_language(app, Lang::Zh);
  }
  return true;
}

void merge_cjk_font(const std::vector<unsigned char>& bytes, const std::vector<unsigned>& more) {
  ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  // The first merge takes synack's own Chinese; a later one only what a lesson adds.
  const bool first = !atlas->Fonts.empty() && !atlas->Fonts[0]->FindGlyphNoFallback(analysis::cjk_text_chars[0]);
  std::vector<unsigned> chars = more;
  if (first) chars.insert(chars.end(), analysis::cjk_text_chars, analysis::cjk_text_chars + analysis::cjk_text_chars_count);
  std::sort(chars.begin(), chars.end());
  chars.erase(std::unique(chars.begin(), chars.end()), chars.end());
  if (chars.empty()) return;
  // One range per run of consecutive code points. ImGui reads the ranges again at each
  // build and copies nothing, so they are kept as long as the process.
  static std::list<std::vector<ImWchar>> kept;
  std::vector<ImWchar>& ranges = kept.emplace_back();
  for (const unsigned c : chars) {
    if (!ranges.empty() && ranges.back() + 1u == c) ranges.back() = static_cast<ImWchar>(c);
    else ranges.insert(ranges.end(), {static_cast<ImWchar>(c), static_cast<ImWchar>(c)});
  }
  ranges.push_back(0);
  ImFontConfig cfg;
  cfg.FontDataOwnedByAtlas = false;
  cfg.MergeMode = true;  // into the UI font: ImGui takes a glyph from here where DejaVu has none
  cfg.OversampleH = 1;   // hanzi are dense enough at 1x; 2x would double the atlas
  cfg.PixelSnapH = true;
  const float size = atlas->ConfigData.empty() ? 17.0f : atlas->ConfigData[0].SizePixels;  // the UI font's, DPI included
  atlas->AddFontFromMemoryTTF(const_cast<unsigned char*>(bytes.data()), static_cast<int>(bytes.size()), size, &cfg,
                              ranges.data());
  atlas->Build();
}

bool read_font_file(const std::string& path, std::vector<unsigned char>* out, std::string* error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = path + ": " + std::strerror(errno);
    return false;
  }
  out->assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  // A TrueType file starts with 00 01 00 00 (or "true"/"OTTO"); anything else is not a font.
  static const unsigned char kTrueType[4] = {0, 1, 0, 0};
  if (out->size() < 12 || (std::memcmp(out->data(), kTrueType, 4) != 0 && std::memcmp(out->data(), "true", 4) != 0)) {
    *error = path + ": not a TrueType font (" + std::to_string(out->size()) + " bytes, expected the subset cjk_font.py writes)";
    out->clear();
    return false;
  }
  return true;
}

}  // namespace synack::ui
