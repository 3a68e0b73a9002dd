#pragma once
// The ladder as an SVG file, for slides and lab reports: the whole run (or the part up
// to a playhead) laid out by the same layout the screen uses (ladder_layout), so labels
// keep to the same rules (none meets another or leaves the picture), with each host's
// line, every arrow (dashed for a retransmission, grey with a cross where it died), flag
// chips, seq/ack/len, state names, timer firings and, down the left edge, the time each
// segment left. Text is measured as a monospace font (0.6 em a character, two for a wide
// CJK one) and the file asks for one, so what was measured is what is drawn.
#include <cstdint>
#include <string>

#include "ladder_layout.hpp"
#include "analysis/timeline.hpp"

namespace synack::ui {

using namespace analysis;  // the views draw what the analysis layer reads from a run

struct LadderSvgOptions {
  int64_t until_ns = -1;     // the playhead to draw up to; -1: the whole run
  bool relative = true;      // seq/ack relative to each side's ISN, or as on the wire
  float width = 900;         // the ladder's width in px, time axis excluded
  float font_px = 13;
  std::string title;         // drawn at the top, e.g. the lesson or scenario name
};

struct LadderSvg {
  std::string svg;
  LadderLayout layout;  // what was drawn (the tests check it)
  float axis_w = 0;     // the time axis' width, left of the ladder
};

LadderSvg ladder_svg(const Timeline& tl, const LadderSvgOptions& o);

// Text width under the SVG's font: 0.6 em per character, 1.2 em per wide (CJK) one.
float svg_text_width(const std::string& utf8, float font_px);

}  // namespace synack::ui
