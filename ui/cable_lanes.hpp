#pragma once
// Where each segment in flight sits on the cable: in one of a few lanes on its side, so
// that no chip covers another. A busy cable (a window of data in flight) has more chips
// than lanes: those that fit nowhere are left out and counted, rather than stacked into
// an unreadable pile that also costs the renderer thousands of glyph triangles.
#include <cstddef>
#include <vector>

namespace synack::ui {

struct ChipSpan {
  float x0 = 0, x1 = 0;  // horizontal extent on screen, arrowhead and caption included
  bool must_show = false;  // the selected segment, or one that died: placed first
  int height = 1;          // lanes taken outward: 2 or more for a chip with a caption
};

// Lane per chip (0 = next to the cable), or -1 for a chip left out. Chips are placed in
// order, those with must_show first; a chip goes in the lowest lane where it overlaps
// nothing already there, with `gap` pixels to spare, in its own lane and the height - 1
// lanes outward of it (a caption may spill past the outermost lane).
std::vector<int> assign_lanes(const std::vector<ChipSpan>& chips, int lanes, float gap);

// Which of a chip's texts (longest first: numbers with the window, without it, none) fits
// in `room` pixels: the first whose width fits, or the last (the shortest) if none does.
// A chip wider than the cable would cover a host card (absolute sequence numbers are ten
// digits each).
std::size_t first_fitting(const std::vector<float>& widths, float room);

}  // namespace synack::ui
