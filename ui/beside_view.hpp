#pragma once
// Side by side: a lesson step's run and another run of the same script (a counterfactual
// beside real TCP, `[step.beside]` in lessons/README.md), two ladders on one time axis
// under a header that names each run (a counterfactual in red: NOT REAL TCP) and says
// each host's state at the playhead; what one run does and the other does not, or does
// otherwise, is lit (run_compare).
#include <optional>
#include <string>

#include "beside_layout.hpp"
#include "analysis/run_pair.hpp"
#include "display.hpp"
#include "tab_choice.hpp"
#include "ui_view.hpp"

namespace synack::ui {

using namespace analysis;  // the views draw what the analysis layer reads from a run

// What the tab keeps between frames: the layout drawn (what the tests check) and how the
// ladders follow the playhead.
struct BesideView {
  BesideLayout layout;         // as last drawn
  int drawn_frame = -10;       // the frame the ladders were last drawn in
  int follow = 0;              // frames left in which the ladders scroll to the playhead
};

// The lower view's "Side by side" tab, when the session has a pair beside the run (tab 3
// of the lower tabs); returns a segment of the run on screen clicked in either ladder,
// or -1. The pair is the session's (sync_beside, session.hpp): drawing never simulates.
int draw_beside_tab(const std::optional<RunPair>& pair, const Display& d, BesideView& drawn, TabChoice& tabs,
                    UiView& view);

}  // namespace synack::ui
