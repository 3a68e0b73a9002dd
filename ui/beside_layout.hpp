#pragma once
// Where side by side puts its two ladders: each run's ladder in its own half of the
// panel, both on the pair's one time axis, each laid out by ladder_layout (so neither
// half's labels meet or leave that half). Plain data; tested for every lesson step that
// shows it.
#include <cstdint>

#include "ladder_layout.hpp"
#include "analysis/run_pair.hpp"

namespace synack::ui {

using namespace analysis;  // the views draw what the analysis layer reads from a run

struct BesideLayout {
  LadderLayout left, right;  // each in its half's own coordinates (x from 0 to half)
  float right_x = 0;         // where the right half starts, from the content's left edge
  float half = 0;            // each half's width
  float total_h = 0;         // the taller of the two
};

// `g` is for the whole panel (its width is both halves and the gap between them);
// `selected` is a segment of run a: its counterpart in run b is selected with it.
BesideLayout layout_beside(const RunPair& p, int64_t t, int selected, bool relative, LadderGeometry g);

// The segment of run b paired with segment `selected` of run a, or -1.
int counterpart(const RunPair& p, int run, int segment);

// Over both halves at once (the right half's labels moved to where they are drawn):
// label pairs that meet, and labels outside their own half.
int beside_overlaps(const BesideLayout& l, float gap = 1.0f);
int beside_outside(const BesideLayout& l);

}  // namespace synack::ui
