#pragma once
// The lesson runner's face: the picker in the top bar and the narrative panel beside the
// scene (question, narrative, try it, back and next).
#include <string>

#include "app.hpp"

namespace synack::ui {

void draw_lesson_picker(App& app);
void draw_lesson_panel(App& app);

// Whether the current step, at its stop, points at `what` ("state:server", "timers:client").
bool lesson_highlights(const App& app, const std::string& what);
// The inspector field the current step points at ("options", "seq", ...), or "".
std::string lesson_field(const App& app);

}  // namespace synack::ui
