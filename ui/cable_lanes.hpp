#pragma once
// Where each segment in flight sits on the cable: in one of a few lanes on its side, so
// that no chip covers another. A busy cable (a window of data in flight) has more chips
// than lanes: those that fit nowhere are left out and counted, rather than stacked into
// an unreadable pile that also costs the renderer thousands of glyph triangles.
#include <vector>

namespace synack::ui {

struct ChipSpan {
  float x0 = 0, x1 = 0;  // horizontal extent on screen, arrowhead included
  bool must_show = false;  // the selected segment, or one that died: placed first
};

// Lane per chip (0 = next to the cable), or -1 for a chip left out. Chips are placed in
// order, those with must_show first; a chip goes in the lowest lane where it overlaps
// nothing already there, with `gap` pixels to spare.
std::vector<int> assign_lanes(const std::vector<ChipSpan>& chips, int lanes, float gap);

}  // namespace synack::ui
