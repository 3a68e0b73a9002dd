#include "beside_layout.hpp"

#include <algorithm>

namespace synack::ui {

int counterpart(const RunPair& p, int run, int segment) {
  const std::vector<int>& of = run == 0 ? p.diff.pair_of_a : p.diff.pair_of_b;
  if (segment < 0 || segment >= static_cast<int>(of.size())) return -1;
  const SegmentPair& pr = p.diff.pairs[static_cast<size_t>(of[static_cast<size_t>(segment)])];
  return run == 0 ? pr.b : pr.a;
}

BesideLayout layout_beside(const RunPair& p, int64_t t, int selected, bool relative, LadderGeometry g) {
  BesideLayout out;
  const float gap = g.line;
  out.half = std::max(1.0f, (g.width - gap) * 0.5f);
  out.right_x = out.half + gap;
  g.width = out.half;
  g.rows = &p.rows;
  out.left = layout_ladder(p.a.timeline, t, selected, relative, g);
  out.right = layout_ladder(p.b.timeline, t, counterpart(p, 0, selected), relative, g);
  out.total_h = std::max(out.left.total_h, out.right.total_h);
  return out;
}

int beside_overlaps(const BesideLayout& l, float gap) {
  std::vector<LabelRect> all;
  for (const LadderLabel& x : l.left.labels) all.push_back(x.rect);
  for (const LadderLabel& x : l.right.labels)
    all.push_back(LabelRect{x.rect.x0 + l.right_x, x.rect.y0, x.rect.x1 + l.right_x, x.rect.y1});
  int n = 0;
  for (size_t i = 0; i < all.size(); ++i)
    for (size_t j = i + 1; j < all.size(); ++j)
      if (all[i].intersects(all[j], gap)) ++n;
  return n;
}

int beside_outside(const BesideLayout& l) { return labels_outside(l.left) + labels_outside(l.right); }

}  // namespace synack::ui
