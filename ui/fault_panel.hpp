#pragma once
// "Break it": one-click faults and application calls applied at the playhead, each
// re-simulating the future as a branch; the scenario's own rules and the branch's edits
// listed, with undo.
#include <cstddef>

#include "analysis/run.hpp"
#include "display.hpp"
#include "panel_state.hpp"
#include "session.hpp"
#include "ui_actions.hpp"
#include "ui_view.hpp"

namespace synack::ui {

// Draws the panel for `run` (numbered `generation`: a new one resets the NIC controls to
// its own NIC) and the branch it is a run of; returns the edit, undo or reset clicked.
Action draw_fault_panel(const analysis::Run& run, const Branch& branch, size_t generation, const Display& d,
                        BreakForm& form, UiView& view);

}  // namespace synack::ui
