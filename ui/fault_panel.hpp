#pragma once
// "Break it": one-click faults and application calls applied at the playhead, each
// re-simulating the future as a branch; the scenario's own rules and the branch's edits
// listed, with undo.
#include "app.hpp"

namespace synack::ui {

void draw_fault_panel(App& app);

}  // namespace synack::ui
