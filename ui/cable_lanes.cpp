#include "cable_lanes.hpp"

#include <algorithm>
#include <cstddef>

namespace synack::ui {

std::vector<int> assign_lanes(const std::vector<ChipSpan>& chips, int lanes, float gap) {
  std::vector<int> lane(chips.size(), -1);
  if (lanes <= 0) return lane;
  // Few chips fit across a cable (each is a label wide), so a list per lane is enough.
  std::vector<std::vector<const ChipSpan*>> taken(static_cast<std::size_t>(lanes));
  auto free_at = [&](const ChipSpan& c, int l) {
    for (const ChipSpan* o : taken[static_cast<std::size_t>(l)])
      if (c.x0 < o->x1 + gap && o->x0 < c.x1 + gap) return false;
    return true;
  };
  auto place = [&](std::size_t i) {
    const ChipSpan& c = chips[i];
    for (int l = 0; l < lanes; ++l) {
      const int top = std::min(lanes, l + std::max(1, c.height));
      bool free = true;
      for (int k = l; k < top && free; ++k) free = free_at(c, k);
      if (!free) continue;
      for (int k = l; k < top; ++k) taken[static_cast<std::size_t>(k)].push_back(&c);
      lane[i] = l;
      return;
    }
  };
  for (std::size_t i = 0; i < chips.size(); ++i)
    if (chips[i].must_show) place(i);
  for (std::size_t i = 0; i < chips.size(); ++i)
    if (!chips[i].must_show) place(i);
  return lane;
}

std::size_t first_fitting(const std::vector<float>& widths, float room) {
  for (std::size_t i = 0; i < widths.size(); ++i)
    if (widths[i] <= room) return i;
  return widths.empty() ? 0 : widths.size() - 1;
}

}  // namespace synack::ui
