#pragma once
// The ladder (sequence) diagram: time runs downward, one arrow per segment with its
// label, state names written at each side when they change, drops and timer firings
// marked. Rows follow events, not seconds, so a 2 MSL wait does not push everything
// off screen; the playhead is a horizontal line and the view scrolls with it.
#include "timeline.hpp"

namespace synack::ui {

// Draws into the current child window; returns the segment clicked, or -1.
int draw_ladder(const Timeline& tl, int64_t t, int selected, bool follow_playhead, bool relative);

}  // namespace synack::ui
