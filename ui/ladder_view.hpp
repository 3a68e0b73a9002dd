#pragma once
// The ladder (sequence) diagram: time runs downward, one arrow per segment with its
// label, state names written at each side when they change, drops and timer firings
// marked. Rows follow events, not seconds, so a 2 MSL wait does not push everything
// off screen; the playhead is a horizontal line and the view scrolls with it. Where each
// thing goes is ladder_layout's; this draws it.
#include <imgui.h>

#include "ladder_layout.hpp"
#include "timeline.hpp"

namespace synack::ui {

// The layout's sizes from the current ImGui font; coordinates relative to the content.
LadderGeometry ladder_geometry(float width, float view_top, float view_bottom);

// Draws into the current child window; returns the segment clicked, or -1. `keep`, if
// given, receives the layout drawn (for tests).
int draw_ladder(const Timeline& tl, int64_t t, int selected, bool follow_playhead, bool relative,
                LadderLayout* keep = nullptr);

}  // namespace synack::ui
