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

namespace synack::ui {

using namespace analysis;  // the views draw what the analysis layer reads from a run

struct App;

struct BesideState {
  std::string key;             // what the pair was made for (lesson, other run, labels)
  std::optional<RunPair> pair; // none: nothing to show beside this step
  std::string turned_for;      // the step whose arrival turned the lower view to it
  BesideLayout layout;         // as last drawn: what the tests check
  int drawn_frame = -10;       // app.frame_count when the ladders were last drawn
  int follow = 0;              // frames left in which the ladders scroll to the playhead
  bool profiles = false;       // asked for: the run on screen beside it under the other TCP profile
};

// Makes (or drops) the pair for the step on screen: none while the learner tries a
// variant or a branch, since the run on screen is then not the lesson's. A step that
// has a side by side turns the lower view to it when it is entered. RFC against Linux,
// once asked for (show_profiles_beside), pairs whatever run is on screen instead, until
// another run is loaded.
void sync_beside(App& app);

// The lower view's "Side by side" tab, when the step has one (tab 3 of app.lower_tabs);
// returns a segment of the lesson's run clicked in either ladder, or -1.
int draw_beside_tab(App& app);

}  // namespace synack::ui
