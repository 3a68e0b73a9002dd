#pragma once
// Whether a click lands on a line: arrows in the ladder are a few pixels wide, so a
// click within a small distance of the line counts.
#include <algorithm>
#include <cmath>

namespace synack::ui {

// Distance from (px, py) to the segment from (ax, ay) to (bx, by).
inline float distance_to_segment(float px, float py, float ax, float ay, float bx, float by) {
  const float dx = bx - ax, dy = by - ay;
  const float len2 = dx * dx + dy * dy;
  // Where along the line the nearest point falls, kept between its ends.
  const float u = len2 > 0.0f ? std::clamp(((px - ax) * dx + (py - ay) * dy) / len2, 0.0f, 1.0f) : 0.0f;
  return std::hypot(px - (ax + u * dx), py - (ay + u * dy));
}

}  // namespace synack::ui
