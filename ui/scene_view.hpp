#pragma once
// The scene: the left host and the right host, each with its TCP state in large type
// and its NIC, joined by the cable on which every segment in flight travels, labelled
// with its flags and numbers. Dead segments stop where they died, with the reason.
#include <string>

#include "analysis/timeline.hpp"

namespace synack::ui {

using namespace analysis;  // the views draw what the analysis layer reads from a run

struct SceneLabels {
  std::string left_title, left_addr, right_title, right_addr;
  size_t ring_size[2] = {0, 0};            // each NIC's receive descriptors
  bool relative_seq = true;                // numbers relative to each side's ISN, or absolute
  int branch_edits = 0;                    // the learner's changes to this run, if any
  std::string profile_switch;              // the TCP profile the learner switched the run to, if any
  bool counterfactual = false;             // a variant that is not real TCP: say so on the scene
  bool injected = false;                   // a hand-made segment is in the run: say so too
  bool highlight_state[2] = {false, false};   // a lesson points at this side's state
  bool highlight_timers[2] = {false, false};  // ... or at its running timers
};

// Returns the index of a segment the user clicked, or -1.
int draw_scene(const Timeline& tl, const SceneLabels& labels, int64_t t, int selected);

}  // namespace synack::ui
