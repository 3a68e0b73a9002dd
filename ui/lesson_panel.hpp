#pragma once
// The lesson runner's face: the picker in the top bar and the narrative panel beside the
// scene (question, narrative, try it, back and next).
#include <string>
#include <vector>

#include "app.hpp"

namespace synack::ui {

void draw_lesson_picker(App& app);
void draw_lesson_panel(App& app);

// Whether the current step, at its stop, points at `what` ("state:server", "timers:client").
bool lesson_highlights(const App& app, const std::string& what);
// The inspector fields the current step points at ("options", "seq", ...), all of them.
std::vector<std::string> lesson_fields(const App& app);
// The event log lines (indices into app.log) the current step points at: with "log",
// those at the stop's moment; with "app:HOST", the host application's last line by then.
std::vector<size_t> lesson_log_lines(const App& app);

}  // namespace synack::ui
