#pragma once
// The parts of the screen no panel covers. The renderer clears the whole frame to the
// panel colour (a nearly free operation even for a software rasterizer) and paints only
// these gaps with the background, instead of painting the background everywhere and the
// panels over it: a scissored clear is drawn as a quad, and the panels are two thirds of
// the screen (docs/PERFORMANCE.md).
#include <vector>

namespace synack::ui {

struct PixelRect {
  int x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // half-open: [x0, x1) x [y0, y1)
};

// Rectangles that together cover exactly the pixels of [0, w) x [0, h) outside every
// rectangle of `covered`, without overlapping: one row of rectangles per horizontal band
// between the covered rectangles' top and bottom edges.
std::vector<PixelRect> uncovered(int w, int h, const std::vector<PixelRect>& covered);

}  // namespace synack::ui
