#pragma once
// The ladder (sequence) diagram: time runs downward, one arrow per segment with its
// label, state names written at each side when they change, drops and timer firings
// marked. Rows follow events, not seconds, so a 2 MSL wait does not push everything
// off screen; the playhead is a horizontal line and the view scrolls with it. Where each
// thing goes is ladder_layout's; this draws it.
#include <imgui.h>

#include <cstdint>
#include <vector>

#include "ladder_layout.hpp"
#include "analysis/timeline.hpp"

namespace synack::ui {

using namespace analysis;  // the views draw what the analysis layer reads from a run

// The layout's sizes from the current ImGui font; coordinates relative to the content.
LadderGeometry ladder_geometry(float width, float view_top, float view_bottom);

// Draws into the current child window; returns the segment clicked, or -1. `keep`, if
// given, receives the layout drawn (for tests).
int draw_ladder(const Timeline& tl, int64_t t, int selected, bool follow_playhead, bool relative,
                LadderLayout* keep = nullptr);

// What side by side lights on one of its ladders (beside_view): per segment of that run,
// whether it is in this run only or which fields differ from its counterpart, and the
// stretches of the host lines where a host's state differs from the other run's.
struct LadderMarks {
  static constexpr uint8_t kOnlyHere = 0x80;  // else the differs:: bits of run_compare.hpp
  std::vector<uint8_t> segment;               // per segment; 0: the same in both runs
  struct Span {
    int side = 0;
    float y0 = 0, y1 = 0;                     // in the layout's coordinates
  };
  std::vector<Span> states;
};

// Draws a ladder already laid out with its top left at `origin` (screen coordinates),
// lit by `marks` if given; returns the segment clicked, or -1.
int draw_ladder_layout(const Timeline& tl, const LadderLayout& lay, ImVec2 origin, int selected, bool relative,
                       const LadderMarks* marks = nullptr);

}  // namespace synack::ui
