// The ladder's SVG export: for every scenario, the whole run as a file a slide tool
// opens: well-formed XML, every segment drawn with its numbers, the time each left on the
// time axis, and labels laid out by the screen's rules (none meets another, none leaves
// the picture) under the SVG's own text measure.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "app.hpp"
#include "embedded_files.hpp"
#include "ladder_svg.hpp"

using namespace synack;

namespace {

// Every tag closed in order, no stray '<' or '&' in text: what an XML parser requires
// of this file (no comments, CDATA or DTD are written).
std::string xml_problem(const std::string& s) {
  std::vector<std::string> open;
  size_t i = s.find("?>");
  if (s.rfind("<?xml", 0) != 0 || i == std::string::npos) return "no XML declaration";
  for (i += 2; i < s.size(); ++i) {
    if (s[i] == '&') {
      const size_t semi = s.find(';', i);
      const std::string ent = s.substr(i, semi == std::string::npos ? 6 : semi - i + 1);
      if (ent != "&amp;" && ent != "&lt;" && ent != "&gt;" && ent != "&quot;") return "bad entity " + ent;
      continue;
    }
    if (s[i] != '<') continue;
    const size_t end = s.find('>', i);
    if (end == std::string::npos) return "unclosed tag at " + std::to_string(i);
    std::string tag = s.substr(i + 1, end - i - 1);
    if (tag.find('<') != std::string::npos) return "'<' inside a tag at " + std::to_string(i);
    i = end;
    if (tag.back() == '/') continue;
    const std::string name = tag.substr(tag[0] == '/', tag.find_first_of(" \n") - (tag[0] == '/'));
    if (tag[0] != '/') {
      open.push_back(name);
    } else {
      if (open.empty() || open.back() != name) return "</" + name + "> closes <" + (open.empty() ? "" : open.back()) + ">";
      open.pop_back();
    }
  }
  return open.empty() ? "" : "<" + open.back() + "> never closed";
}

size_t count(const std::string& hay, const std::string& needle) {
  size_t n = 0;
  for (size_t p = hay.find(needle); p != std::string::npos; p = hay.find(needle, p + 1)) ++n;
  return n;
}

}  // namespace

TEST(LadderSvg, EveryScenarioAsAWellFormedPictureOfTheWholeRun) {
  const auto& lib = embedded::scenario_library();
  ASSERT_GT(lib.size(), 10u);
  for (size_t k = 0; k < lib.size(); ++k) {
    ui::App app;
    ASSERT_TRUE(ui::open_scenario(app, lib[k].id, 0)) << lib[k].id;
    ui::LadderSvgOptions o;
    o.title = std::string(lib[k].id) + " <&>";
    const ui::LadderSvg svg = ui::ladder_svg(app.run.timeline, o);
    SCOPED_TRACE(lib[k].id);
    EXPECT_EQ(xml_problem(svg.svg), "");
    EXPECT_NE(svg.svg.find("&lt;&amp;&gt;"), std::string::npos) << "the title is escaped";
    EXPECT_EQ(ui::label_overlaps(svg.layout), 0);
    EXPECT_EQ(ui::labels_outside(svg.layout), 0);
    // Every segment that was laid out is drawn: its line, and its label's text.
    EXPECT_FALSE(svg.layout.arrows.empty());
    EXPECT_GE(count(svg.svg, "<line"), svg.layout.arrows.size() + 2);
    for (const ui::LadderLabel& l : svg.layout.labels)
      if (l.kind == ui::LabelKind::Segment) {
        EXPECT_NE(svg.svg.find(">" + l.text + "</text>"), std::string::npos) << l.text;
      }
    // The time axis names when the first segment left.
    char first[32];
    std::snprintf(first, sizeof first, "%.6f s", static_cast<double>(app.run.timeline.segments.front().t_sent) / 1e9);
    EXPECT_NE(svg.svg.find(first), std::string::npos) << first;
  }
}

TEST(LadderSvg, TextIsMeasuredAsTheMonospaceFontDrawsIt) {
  EXPECT_FLOAT_EQ(ui::svg_text_width("SYN", 10), 18.0f);
  EXPECT_FLOAT_EQ(ui::svg_text_width("\u2192", 10), 6.0f);     // an arrow: one column
  EXPECT_FLOAT_EQ(ui::svg_text_width("\u63e1\u624b", 10), 24.0f);  // CJK: two columns each
}

TEST(LadderSvg, APlayheadCutsTheRunShort) {
  ui::App app;
  ASSERT_TRUE(ui::open_scenario(app, "handshake", 0));
  ui::LadderSvgOptions whole, part;
  part.until_ns = app.run.timeline.segments[1].t_sent;
  const size_t all = ui::ladder_svg(app.run.timeline, whole).layout.arrows.size();
  const size_t some = ui::ladder_svg(app.run.timeline, part).layout.arrows.size();
  EXPECT_LT(some, all);
  EXPECT_GE(some, 1u);
}
