#include "screen_gaps.hpp"

#include <algorithm>

namespace synack::ui {

std::vector<PixelRect> uncovered(int w, int h, const std::vector<PixelRect>& covered) {
  std::vector<PixelRect> clipped;
  std::vector<int> edges = {0, h};
  for (const PixelRect& r : covered) {
    const PixelRect c{std::max(r.x0, 0), std::max(r.y0, 0), std::min(r.x1, w), std::min(r.y1, h)};
    if (c.x0 >= c.x1 || c.y0 >= c.y1) continue;
    clipped.push_back(c);
    edges.push_back(c.y0);
    edges.push_back(c.y1);
  }
  std::sort(edges.begin(), edges.end());
  edges.erase(std::unique(edges.begin(), edges.end()), edges.end());
  std::vector<PixelRect> gaps;
  std::vector<std::pair<int, int>> spans;
  for (size_t b = 0; b + 1 < edges.size(); ++b) {
    const int y0 = edges[b], y1 = edges[b + 1];
    // Within a band every covered rectangle spans its full height or misses it.
    spans.clear();
    for (const PixelRect& c : clipped)
      if (c.y0 <= y0 && c.y1 >= y1) spans.emplace_back(c.x0, c.x1);
    std::sort(spans.begin(), spans.end());
    int x = 0;
    for (const auto& [s0, s1] : spans) {
      if (s0 > x) gaps.push_back({x, y0, s0, y1});
      x = std::max(x, s1);
    }
    if (x < w) gaps.push_back({x, y0, w, y1});
  }
  return gaps;
}

}  // namespace synack::ui
