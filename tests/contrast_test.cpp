// Text contrast as drawn: the app's frame function runs without a window over every
// lesson step and a set of scenario moments and tabs; every glyph of the frame's draw
// data is found (its quad's texture coordinates are a glyph of the font), and the colour
// under it is composed the way the renderer paints it (the opaque fills first, then every
// earlier triangle covering the glyph's centre, blended in draw order). Each text colour
// against what lies under it must reach WCAG 2.1 AA: 4.5:1 for body text, 3:1 for large
// text (24 px and up). The pairs are measured, not listed by hand, so a view that draws a
// new colour on a new background is checked the day it is written.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "app.hpp"
#include "contrast.hpp"
#include "headless_gui.hpp"
#include "embedded_files.hpp"
#include "gl_renderer.hpp"
#include "style.hpp"

using namespace synack;
using synack::testing::HeadlessGui;  // not gtest's namespace testing
namespace palette = synack::ui::palette;

namespace {

struct Rgb {
  float r = 0, g = 0, b = 0;
};

Rgb to_rgb(ImU32 c) {
  return {static_cast<float>(c & 0xff) / 255.f, static_cast<float>((c >> 8) & 0xff) / 255.f,
          static_cast<float>((c >> 16) & 0xff) / 255.f};
}
float alpha(ImU32 c) { return static_cast<float>(c >> 24) / 255.f; }
Rgb over(Rgb under, ImU32 c) {
  const float a = alpha(c);
  const Rgb top = to_rgb(c);
  return {under.r * (1 - a) + top.r * a, under.g * (1 - a) + top.g * a, under.b * (1 - a) + top.b * a};
}
ImU32 to_u32(Rgb c) {
  return palette::rgb(static_cast<unsigned>(std::lround(c.r * 255)), static_cast<unsigned>(std::lround(c.g * 255)),
                      static_cast<unsigned>(std::lround(c.b * 255)));
}

struct Tri {
  ImVec2 a, b, c;
  ImVec4 clip;
  ImU32 colour;
  ImVec2 lo, hi;  // bounding box
};

bool inside(const Tri& t, ImVec2 p) {
  if (p.x < t.clip.x || p.y < t.clip.y || p.x >= t.clip.z || p.y >= t.clip.w) return false;
  const auto side = [](ImVec2 a, ImVec2 b, ImVec2 q) { return (b.x - a.x) * (q.y - a.y) - (b.y - a.y) * (q.x - a.x); };
  const float d1 = side(t.a, t.b, p), d2 = side(t.b, t.c, p), d3 = side(t.c, t.a, p);
  const bool neg = d1 < 0 || d2 < 0 || d3 < 0, pos = d1 > 0 || d2 > 0 || d3 > 0;
  return !(neg && pos);
}

struct Glyph {
  ImVec2 centre;
  ImU32 colour;
  float px;  // the size the text is drawn at
  unsigned codepoint;
  size_t seq;  // triangles drawn before it
  int cmd;     // which draw command, to group glyphs into words
};

struct Fill {
  ImVec4 rect;
  ImU32 colour;
};

// One frame's text and what lies under each glyph.
struct Measured {
  ImU32 text;
  ImU32 under;
  float px;
  std::string word;
};

std::vector<Measured> measure_frame(const ImDrawData* data) {
  const ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  const ImVec2 white = atlas->TexUvWhitePixel;
  const ImFont* font = atlas->Fonts[0];
  std::map<std::pair<float, float>, const ImFontGlyph*> glyph_at;
  for (const ImFontGlyph& g : font->Glyphs) glyph_at[{g.U0, g.V0}] = &g;

  std::vector<Tri> tris;
  std::vector<Glyph> glyphs;
  std::vector<Fill> panels, fills;
  int cmd_no = 0;
  for (int n = 0; n < data->CmdListsCount; ++n) {
    const ImDrawList* list = data->CmdLists[n];
    for (const ImDrawCmd& cmd : list->CmdBuffer) {
      ++cmd_no;
      ImU32 fill_colour = 0;
      if (ui::gl_opaque_fill_colour(cmd, &fill_colour)) {
        (fill_colour == palette::kPanel ? panels : fills).push_back({cmd.ClipRect, fill_colour});
        continue;
      }
      if (cmd.UserCallback) continue;
      const ImDrawIdx* idx = list->IdxBuffer.Data + cmd.IdxOffset;
      const ImDrawVert* vtx = list->VtxBuffer.Data + cmd.VtxOffset;
      for (unsigned i = 0; i + 2 < cmd.ElemCount; i += 3) {
        const ImDrawVert &a = vtx[idx[i]], &b = vtx[idx[i + 1]], &c = vtx[idx[i + 2]];
        const auto is_white = [&](const ImDrawVert& v) { return v.uv.x == white.x && v.uv.y == white.y; };
        if (is_white(a) && is_white(b) && is_white(c)) {
          // Solid fills only: anti-aliased fringes fade to transparent at one edge.
          if (a.col != b.col || b.col != c.col || alpha(a.col) == 0) continue;
          Tri t{a.pos, b.pos, c.pos, cmd.ClipRect, a.col, {}, {}};
          t.lo = ImVec2(std::min({a.pos.x, b.pos.x, c.pos.x}), std::min({a.pos.y, b.pos.y, c.pos.y}));
          t.hi = ImVec2(std::max({a.pos.x, b.pos.x, c.pos.x}), std::max({a.pos.y, b.pos.y, c.pos.y}));
          tris.push_back(t);
          continue;
        }
        // A glyph is a quad (two triangles) whose first corner is a glyph's (U0, V0).
        const auto g = glyph_at.find({a.uv.x, a.uv.y});
        if (g == glyph_at.end() || i + 5 >= cmd.ElemCount) continue;
        const ImDrawVert& far = vtx[idx[i + 2]];
        const ImVec2 centre((a.pos.x + far.pos.x) / 2, (a.pos.y + far.pos.y) / 2);
        if (centre.x < cmd.ClipRect.x || centre.y < cmd.ClipRect.y || centre.x >= cmd.ClipRect.z ||
            centre.y >= cmd.ClipRect.w)
          continue;  // clipped away: not on screen
        const float atlas_h = g->second->Y1 - g->second->Y0;
        const float px = atlas_h > 0 ? font->FontSize * (far.pos.y - a.pos.y) / atlas_h : font->FontSize;
        glyphs.push_back({centre, a.col, px, g->second->Codepoint, tris.size(), cmd_no});
        i += 3;  // the quad's second triangle
      }
    }
  }

  // Bucket the triangles on a grid so each glyph tests only those near it.
  constexpr float kCell = 32;
  const int cols = static_cast<int>(data->DisplaySize.x / kCell) + 1, rows = static_cast<int>(data->DisplaySize.y / kCell) + 1;
  std::vector<std::vector<size_t>> grid(static_cast<size_t>(cols * rows));
  for (size_t k = 0; k < tris.size(); ++k) {
    const Tri& t = tris[k];
    const int x0 = std::clamp(static_cast<int>(t.lo.x / kCell), 0, cols - 1), x1 = std::clamp(static_cast<int>(t.hi.x / kCell), 0, cols - 1);
    const int y0 = std::clamp(static_cast<int>(t.lo.y / kCell), 0, rows - 1), y1 = std::clamp(static_cast<int>(t.hi.y / kCell), 0, rows - 1);
    for (int y = y0; y <= y1; ++y)
      for (int x = x0; x <= x1; ++x) grid[static_cast<size_t>(y * cols + x)].push_back(k);
  }
  const auto in = [](const ImVec4& r, ImVec2 p) { return p.x >= r.x && p.y >= r.y && p.x < r.z && p.y < r.w; };

  std::vector<Measured> out;
  int word_cmd = -1;
  for (const Glyph& g : glyphs) {
    // The base is what the renderer's clears leave: the last fill under the glyph, else a
    // panel, else the background between panels.
    ImU32 base = palette::kBackground;
    if (std::any_of(panels.begin(), panels.end(), [&](const Fill& f) { return in(f.rect, g.centre); })) base = palette::kPanel;
    for (const Fill& f : fills)
      if (in(f.rect, g.centre)) base = f.colour;
    Rgb under = to_rgb(base);
    const int cx = std::clamp(static_cast<int>(g.centre.x / kCell), 0, cols - 1), cy = std::clamp(static_cast<int>(g.centre.y / kCell), 0, rows - 1);
    for (size_t k : grid[static_cast<size_t>(cy * cols + cx)]) {
      if (k >= g.seq) break;
      if (inside(tris[k], g.centre)) under = over(under, tris[k].colour);
    }
    const ImU32 under_u = to_u32(under);
    const ImU32 text = to_u32(over(under, g.colour));
    const char ch = g.codepoint < 128 ? static_cast<char>(g.codepoint) : '?';
    if (!out.empty() && g.cmd == word_cmd && out.back().text == text && out.back().under == under_u) {
      out.back().word += ch;
      continue;
    }
    word_cmd = g.cmd;
    out.push_back({text, under_u, g.px, std::string(1, ch)});
  }
  return out;
}

struct Worst {
  double ratio = 99;
  std::string where, word;
  float px = 0;
  int glyph_runs = 0;
};

const ImDrawData* draw(HeadlessGui& gui, ui::App& app, int frames) {
  const ImDrawData* d = nullptr;
  for (int i = 0; i < frames; ++i) d = gui.frame(app);
  return d;
}

}  // namespace

TEST(Contrast, EveryTextOnItsBackgroundMeetsWcagAA) {
  const char* progress = std::getenv("TMPDIR");
  setenv("SYNACK_PROGRESS_FILE", (std::string(progress ? progress : "/tmp") + "/synack-contrast-progress.txt").c_str(), 1);
  HeadlessGui h;
  std::map<std::tuple<ImU32, ImU32, bool>, Worst> pairs;
  int views = 0;
  const auto look = [&](ui::App& app, const std::string& where) {
    ++views;
    for (const Measured& m : measure_frame(draw(h, app, 3))) {
      const bool large = m.px >= 24.0f;
      Worst& w = pairs[{m.text, m.under, large}];
      ++w.glyph_runs;
      const double r = ui::contrast_ratio(m.text, m.under);
      if (r < w.ratio) w = Worst{r, where, m.word, m.px, w.glyph_runs};
    }
  };
  for (const embedded::EmbeddedFile& f : embedded::lesson_library()) {
    ui::App app;
    ASSERT_TRUE(ui::open_lesson(app, f.id, 0));
    const int n = static_cast<int>(app.lesson.run.lesson.steps.size());
    for (int i = 0; i < n; ++i) {
      ui::lesson_goto(app, i);
      look(app, std::string(f.id) + " step " + std::to_string(i + 1));
      if (i == 0) {
        for (int tab = 1; tab < 4; ++tab) {
          app.side_tabs.ask(tab);
          look(app, std::string(f.id) + " step 1, side tab " + std::to_string(tab + 1));
        }
        app.side_tabs.ask(0);
        app.lower_tabs.ask(1);
        look(app, std::string(f.id) + " step 1, state machines");
        app.lower_tabs.ask(0);
      }
    }
  }
  {
    // A question being asked, its verdict, and the help overlay.
    ui::App app;
    ASSERT_TRUE(ui::open_lesson(app, "01-handshake", 1));
    ui::lesson_next(app);
    look(app, "01-handshake step 3, question");
    app.show_help = true;
    look(app, "help overlay");
  }
  for (const embedded::EmbeddedFile& s : embedded::scenario_library()) {
    ui::App app;
    ASSERT_TRUE(ui::open_scenario(app, s.id, 0));
    for (const double share : {0.1, 0.5, 0.9}) {
      app.play.t = static_cast<int64_t>(static_cast<double>(app.run.timeline.end_ns) * share);
      look(app, "scenario " + std::string(s.id) + " at " + std::to_string(static_cast<int>(share * 100)) + "%");
    }
  }

  int failing = 0;
  std::printf("%d views, %zu text/background pairs (text on background: worst ratio, where)\n", views, pairs.size());
  for (const auto& [key, w] : pairs) {
    const auto [text, under, large] = key;
    const double need = large ? 3.0 : 4.5;
    const bool ok = w.ratio >= need;
    failing += ok ? 0 : 1;
    std::printf("  %s #%06x on #%06x: %.2f:1 (needs %.1f, %s text, %d runs) e.g. \"%s\" at %.0f px in %s\n",
                ok ? "ok  " : "FAIL", ui::to_rgb_hex(text), ui::to_rgb_hex(under), w.ratio, need, large ? "large" : "body",
                w.glyph_runs, w.word.c_str(), w.px, w.where.c_str());
  }
  EXPECT_GT(views, 100);
  EXPECT_GT(pairs.size(), 5u);  // the measure found text at all
  EXPECT_EQ(failing, 0) << failing << " text/background pairs below WCAG 2.1 AA (listed above)";
}

TEST(Contrast, RatioFollowsWcagDefinition) {
  EXPECT_NEAR(ui::contrast_ratio(palette::rgb(255, 255, 255), palette::rgb(0, 0, 0)), 21.0, 1e-6);
  EXPECT_NEAR(ui::contrast_ratio(palette::rgb(0, 0, 0), palette::rgb(0, 0, 0)), 1.0, 1e-6);
  // #777 on white is the classic 4.48:1, just under AA.
  EXPECT_NEAR(ui::contrast_ratio(palette::rgb(0x77, 0x77, 0x77), palette::rgb(255, 255, 255)), 4.48, 0.01);
  EXPECT_DOUBLE_EQ(ui::contrast_ratio(palette::kSyn, palette::kText), ui::contrast_ratio(palette::kText, palette::kSyn));
}
