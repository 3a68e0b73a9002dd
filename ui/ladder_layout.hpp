#pragma once
// Where everything on the ladder goes, as plain data: each arrow, and each label's
// rectangle (host names, state names, timer firings, segment labels) chosen so that no
// two labels meet and none leaves the panel. A label that does not fit where it wants
// to be is moved (along its arrow, up or down, outward past a neighbour), then stacked
// further off, then abbreviated, and only then left out and counted. The ladder view
// draws from this; the tests check it for every lesson step without a screen.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "analysis/timeline.hpp"

namespace synack::ui {

using namespace analysis;  // the views draw what the analysis layer reads from a run

struct LabelRect {
  float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  bool intersects(const LabelRect& o, float gap = 0.0f) const {
    return x0 < o.x1 + gap && o.x0 < x1 + gap && y0 < o.y1 + gap && o.y0 < y1 + gap;
  }
};

// Sizes and the part of the ladder on screen. Coordinates are relative to the top left
// of the ladder's content (y grows down the whole run, not just the visible part).
struct LadderGeometry {
  float width = 0;                          // the panel's inner width
  float line = 0;                           // text line height
  float view_top = 0, view_bottom = 1e9f;   // the visible part of the content
  std::function<float(const std::string&)> text_width;
  std::function<float(uint8_t)> chips_width;  // flag chips of a segment label
  std::function<std::string(int)> hidden_text;  // "3 labels left out ..."
  std::string empty_text;                   // shown when the run has no segments
  // The times the rows follow; null: the run's own events. Two ladders side by side
  // share the union of both runs' times, so that one height is one moment in both.
  const std::vector<int64_t>* rows = nullptr;
};

enum class LabelKind : uint8_t { Host, State, Timer, Segment, Hidden, Empty };

struct LadderLabel {
  LabelKind kind = LabelKind::Segment;
  int index = -1;        // the segment, the first state mark or the timer mark it names
  int side = 0;
  std::string text;      // as drawn (a segment's numbers); maybe abbreviated
  std::string note;      // a segment's note as drawn, "[...]", or empty
  float chips_w = 0;     // a segment's flag chips, drawn at the start
  float x = 0, y = 0;    // where the text (or the chips) starts
  LabelRect rect;        // its backing: what no other label may touch
  int level = 0;         // 0: the whole text; higher: shortened to fit
};

struct LadderArrow {
  int segment = -1;
  float xa = 0, ya = 0, xe = 0, ye = 0;  // from the sender to where it is drawn to
  bool head = false;                     // arrived: an arrowhead at (xe, ye)
  bool cross = false;                    // died: a cross at (xe, ye)
};

struct LadderLayout {
  float xl = 0, xr = 0;      // the hosts' lines
  float top = 0, row_h = 0;  // the first row, and the pitch of the rows
  float y_now = 0;           // the playhead
  float width = 0, total_h = 0;  // the content's extent
  std::vector<LadderArrow> arrows;
  std::vector<LadderLabel> labels;
  int hidden = 0;            // labels left out for want of room (counted in a Hidden label)
  int on_heads = 0;          // labels that could only go over an arrowhead or a cross
};

// The ladder as of playhead t, for the rows between view_top and view_bottom.
LadderLayout layout_ladder(const Timeline& tl, int64_t t, int selected, bool relative, const LadderGeometry& g);

// The extent of an arrowhead or a cross, which labels avoid where they can.
LabelRect arrow_end_rect(const LadderArrow& a, float line);

// Pairs of labels that meet (closer than `gap`), and labels not wholly inside the
// content ([0, width] x [0, total_h]): what the tests count.
int label_overlaps(const LadderLayout& l, float gap = 1.0f);
int labels_outside(const LadderLayout& l);

}  // namespace synack::ui
