#include "cable_lanes.hpp"

#include <cstddef>

namespace synack::ui {

std::vector<int> assign_lanes(const std::vector<ChipSpan>& chips, int lanes, float gap) {
  std::vector<int> lane(chips.size(), -1);
  if (lanes <= 0) return lane;
  // Few chips fit across a cable (each is a label wide), so a list per lane is enough.
  std::vector<std::vector<const ChipSpan*>> taken(static_cast<std::size_t>(lanes));
  auto place = [&](std::size_t i) {
    const ChipSpan& c = chips[i];
    for (int l = 0; l < lanes; ++l) {
      bool free = true;
      for (const ChipSpan* o : taken[static_cast<std::size_t>(l)])
        if (c.x0 < o->x1 + gap && o->x0 < c.x1 + gap) free = false;
      if (free) {
        taken[static_cast<std::size_t>(l)].push_back(&c);
        lane[i] = l;
        return;
      }
    }
  };
  for (std::size_t i = 0; i < chips.size(); ++i)
    if (chips[i].must_show) place(i);
  for (std::size_t i = 0; i < chips.size(); ++i)
    if (!chips[i].must_show) place(i);
  return lane;
}

}  // namespace synack::ui
